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
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A value of a JSON document together with where it was written, so that a problem found only once
 * the value's neighbours are read (versions out of order, a category listed twice, a case naming a
 * member the suite does not have) is still reported at the value.
 *
 * <p>Declare a field of a record of your own {@code Located<T>} and read the document with
 * {@link ConsentDocuments#readEmbedding(Path, Class)}: Jackson reads the value itself with the
 * deserializer it uses for {@code T} (instants and dates in the strict forms of ConsentKit documents,
 * strings as identifiers, ConsentKit values as embedded documents), and {@link #fail(String, String)}
 * turns a problem with it into a {@link ConsentDocumentException} at its place. A located value is never
 * {@code null}; a field written as {@code null} is as absent as one left out. Every field of
 * ConsentKit's own documents is read this way.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param <T> the type of the value
 */
@JsonDeserialize(using = Located.Deserializer.class)
public final class Located<T> {

    private final T value;
    private final Object @Nullable [] segments;
    private final long line;
    private final int column;
    private final String written;
    /** The path, rendered from the segments the first time it is asked for. */
    private volatile @Nullable String path;

    /**
     * A located value.
     *
     * @param value the value
     * @param path the value's JSONPath from the document's root, such as {@code $.cases[2].member}
     * @param line the 1-based line of the value's first character
     * @param column the 1-based column of the value's first character
     * @param written the value as written, for a message: a string without quotes, {@code {…}} for an object
     * @throws NullPointerException if the value, the path or the written form is null
     * @throws IllegalArgumentException if the line or column is not positive
     */
    public Located(T value, String path, long line, int column, String written) {
        this(value, null, Objects.requireNonNull(path, "path"), line, column, written);
    }

    /** A value read by Jackson, its path kept as the names and indexes {@link JsonPaths} renders when asked. */
    Located(T value, Object[] segments, long line, int column, String written) {
        this(value, segments, null, line, column, written);
    }

    private Located(T value, Object @Nullable [] segments, @Nullable String path, long line, int column,
            String written) {
        if (line < 1 || column < 1) {
            throw new IllegalArgumentException("a location is 1-based, not line " + line + ", column " + column);
        }
        this.value = Objects.requireNonNull(value, "value");
        this.segments = segments;
        this.path = path;
        this.line = line;
        this.column = column;
        this.written = Objects.requireNonNull(written, "written");
    }

    /** {@return the value} */
    public T value() {
        return value;
    }

    /** {@return the value's JSONPath from the document's root, such as {@code $.cases[2].member}} */
    public String path() {
        String rendered = path;
        if (rendered == null) {
            rendered = JsonPaths.render(Objects.requireNonNull(segments, "segments"));
            path = rendered;
        }
        return rendered;
    }

    /** {@return the 1-based line of the value's first character} */
    public long line() {
        return line;
    }

    /** {@return the 1-based column of the value's first character} */
    public int column() {
        return column;
    }

    /** {@return the value as written, for a message: a string without quotes, {@code {…}} for an object} */
    public String written() {
        return written;
    }

    /**
     * A problem with this value, for the caller to throw.
     *
     * @param problem what is wrong, such as {@code unknown member id "m-9"}
     * @param expected what should be there, such as "the id of a member of the suite"
     * @return the exception, located at this value
     */
    public ConsentDocumentException fail(String problem, String expected) {
        return fail(problem, expected, null);
    }

    /**
     * A problem with this value caused by another exception, such as the failure to read a file the
     * value names, for the caller to throw.
     *
     * @param problem what is wrong
     * @param expected what should be there
     * @param cause the exception that caused the problem, or {@code null}
     * @return the exception, located at this value
     */
    public ConsentDocumentException fail(String problem, String expected, @Nullable Throwable cause) {
        return new ConsentDocumentException(path(), written, line, column, Objects.requireNonNull(problem, "problem"),
                Objects.requireNonNull(expected, "expected"), cause);
    }

    /** {@return where this value is, for a message about another value: {@code line 3, column 5}} */
    public String where() {
        return "line " + line + ", column " + column;
    }

    /** Two located values are equal when their values, paths, places and written forms are. */
    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof Located<?> other && other.value.equals(value) && other.path().equals(path())
                && other.line == line && other.column == column && other.written.equals(written);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value, path(), line, column, written);
    }

    /** The value and where it was written, such as {@code "m-9" at $.cases[0].member, line 12, column 52}. */
    @Override
    public String toString() {
        return value + " at " + path() + ", " + where();
    }

    /** Reads a {@code Located<T>} with the deserializer of {@code T}. */
    static final class Deserializer extends StdDeserializer<Located<?>> implements ContextualDeserializer {

        private static final long serialVersionUID = 1L;

        // Serializable only as Jackson's base class is; a module's deserializers are never serialized.
        @SuppressWarnings("serial")
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
                return new Deserializer(Scalars.TimeText.instant());
            }
            if (type.hasRawClass(LocalDate.class)) {
                return new Deserializer(Scalars.TimeText.date());
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
            Object[] path = JsonPaths.segmentsOfValue(parser);
            String written = Scalars.written(parser);
            Object value = values.deserialize(parser, context);
            if (value == null) {
                // A mapper that coerces, say, an empty string to null: a located value is never null.
                throw new ConsentDocumentException(JsonPaths.render(path), written, where.line(at), where.column(at),
                        "found " + Scalars.found(parser), "a value of type " + values.handledType().getSimpleName(), null);
            }
            return new Located<>(value, path, where.line(at), where.column(at), written);
        }
    }
}
