package dev.consentkit.jackson;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.jsontype.TypeDeserializer;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/**
 * A value of a document together with where it was written, for the rules that span several fields
 * (versions in order, a category listed twice, a closure overlapping the one before): such a rule is
 * only checked once the value's neighbours are read, and its problem is then still reported at the
 * value. A form declares a field {@code Located<T>} only where a rule needs that; Jackson reads the
 * value itself with the deserializer it would use for {@code T}, instants and dates in their strict
 * forms and strings as identifiers.
 *
 * @param value the value
 * @param path the value's JSONPath from the document's root
 * @param line the 1-based line of the value's first character
 * @param column the 1-based column of the value's first character
 * @param written the value as written, for a message: a string without quotes, {@code {…}} for an object
 */
@JsonDeserialize(using = Located.Deserializer.class)
record Located<T>(T value, String path, long line, int column, String written) {

    /** A problem with this value. */
    ConsentDocumentException fail(String problem, String expected) {
        return fail(problem, expected, null);
    }

    /** A problem with this value, caused by {@code cause}. */
    ConsentDocumentException fail(String problem, String expected, @Nullable Throwable cause) {
        return new ConsentDocumentException(path, written, line, column, problem, expected, cause);
    }

    /** Where this value is, for a message about another one: {@code line 3, column 5}. */
    String where() {
        return "line " + line + ", column " + column;
    }

    /** Reads a {@code Located<T>} with the deserializer of {@code T}. */
    static final class Deserializer extends StdDeserializer<Located<?>> implements ContextualDeserializer {

        private static final long serialVersionUID = 1L;

        private final @Nullable JsonDeserializer<?> values;

        Deserializer() {
            this(null);
        }

        private Deserializer(@Nullable JsonDeserializer<?> values) {
            super(Located.class);
            this.values = values;
        }

        @Override
        public JsonDeserializer<?> createContextual(DeserializationContext context, @Nullable BeanProperty property)
                throws JsonMappingException {
            JavaType located = context.getContextualType() != null ? context.getContextualType()
                    : property != null ? property.getType() : null;
            if (located == null) {
                return this;
            }
            JavaType type = located.containedTypeOrUnknown(0);
            if (type.hasRawClass(Instant.class)) {
                return new Deserializer(new Scalars.InstantText());
            }
            if (type.hasRawClass(LocalDate.class)) {
                return new Deserializer(new Scalars.DateText());
            }
            if (type.hasRawClass(String.class)) {
                return new Deserializer(new Scalars.Id());
            }
            return new Deserializer(context.findContextualValueDeserializer(type, property));
        }

        /**
         * Reads the value as written, without a type id: ConsentKit documents carry none, so a mapper
         * with default typing reads them as they are.
         */
        @Override
        public Object deserializeWithType(JsonParser parser, DeserializationContext context, TypeDeserializer types)
                throws IOException {
            return deserialize(parser, context);
        }

        @Override
        public Located<?> deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (values == null) {
                throw new IllegalStateException("a Located value is read through its property's type");
            }
            Locator where = Locator.of(context);
            JsonLocation at = parser.currentTokenLocation();
            String path = JsonPaths.ofValue(parser);
            String written = Scalars.written(parser);
            Object value = values.deserialize(parser, context);
            if (value == null) {
                // A mapper that coerces, say, an empty string to null: a located value is never null.
                throw new ConsentDocumentException(path, written, where.line(at), where.column(at),
                        "found " + Scalars.found(parser), "a value of type " + values.handledType().getSimpleName(), null);
            }
            return new Located<>(value, path, where.line(at), where.column(at), written);
        }
    }
}
