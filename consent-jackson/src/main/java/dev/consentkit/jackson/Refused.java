package dev.consentkit.jackson;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.jsontype.TypeDeserializer;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The value of a field a {@link Form} does not define, refused where it is met: every form collects
 * unknown fields with {@code @JsonAnySetter} and reads their values with this, so a misspelt field
 * fails at its place even in a mapper that ignores unknown properties, and never silently changes
 * what is trained on. The message lists the fields the form defines, in their documented order.
 */
final class Refused extends StdDeserializer<Object> implements ContextualDeserializer {

    private static final long serialVersionUID = 1L;

    private final List<String> known;

    Refused() {
        this(List.of());
    }

    private Refused(List<String> known) {
        super(Object.class);
        this.known = known;
    }

    @Override
    public JsonDeserializer<?> createContextual(DeserializationContext context, @Nullable BeanProperty property) {
        Class<?> form = property == null ? null : property.getMember().getDeclaringClass();
        if (form == null || !form.isRecord()) {
            return this;
        }
        return new Refused(Arrays.stream(form.getRecordComponents()).map(RecordComponent::getName)
                .filter(name -> !name.equals(Form.UNKNOWN)).collect(Collectors.toUnmodifiableList()));
    }

    /** Refuses the field before any type id its value may carry is read. */
    @Override
    public Object deserializeWithType(JsonParser parser, DeserializationContext context, TypeDeserializer types)
            throws IOException {
        return deserialize(parser, context);
    }

    @Override
    public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        String name = String.valueOf(parser.currentName());
        Locator where = Locator.of(context);
        JsonLocation at = parser.currentTokenLocation();
        throw new ConsentDocumentException(JsonPaths.ofValue(parser), name, where.line(at), where.column(at),
                "unknown field \"" + ConsentDocumentException.shorten(name) + "\"", "one of " + String.join(", ", known),
                null);
    }
}
