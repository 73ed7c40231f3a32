package dev.consentkit.jackson;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.BeanDeserializer;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBase;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.io.IOException;

/**
 * Makes every {@link Form} refuse a field it does not define, whatever the mapper's
 * {@code FAIL_ON_UNKNOWN_PROPERTIES} or problem handlers say: a ConsentKit document with a misspelt
 * field would otherwise be read without it, and a typo would silently change what is trained on. The
 * mapper's own types are not touched.
 */
final class StrictForms extends BeanDeserializerModifier {

    private static final long serialVersionUID = 1L;

    @Override
    public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description,
            JsonDeserializer<?> deserializer) {
        if (Form.class.isAssignableFrom(description.getBeanClass()) && deserializer instanceof BeanDeserializer bean) {
            return new Refusing(bean);
        }
        return deserializer;
    }

    /** Jackson's own deserializer of a form, refusing unknown fields. */
    private static final class Refusing extends BeanDeserializer {

        private static final long serialVersionUID = 1L;

        Refusing(BeanDeserializerBase form) {
            super(form);
        }

        @Override
        protected void handleUnknownProperty(JsonParser parser, DeserializationContext context, Object beanOrClass,
                String name) throws IOException {
            throw UnrecognizedPropertyException.from(parser, beanOrClass, name, getKnownPropertyNames());
        }
    }
}
