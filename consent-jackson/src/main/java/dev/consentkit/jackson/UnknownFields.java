package dev.consentkit.jackson;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonProperty;
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
 * Refuses a field that a record does not define, where the field is met: a misspelt field fails at
 * its place, even in a mapper that ignores unknown properties, and never silently changes what is
 * trained on. The message lists the fields the record defines, in the order it declares them.
 *
 * <p>Every ConsentKit document is read this way; a record of your own format read with
 * {@link ConsentDocuments#readEmbedding(java.nio.file.Path, Class)} can be too, by collecting the
 * fields it does not define in a last component:
 *
 * <pre>{@code
 * record Expectation(@Nullable Located<Boolean> trainable, @Nullable Located<Reason> reason,
 *         @JsonAnySetter @JsonDeserialize(contentUsing = UnknownFields.class) @Nullable Map<String, Object> unknown) {}
 * }</pre>
 *
 * Jackson reads the value of every field the record does not define with this deserializer, which
 * fails on the first, so the component is always empty. Without it, Jackson reports an unknown field
 * of a record only at the end of its object.
 */
public final class UnknownFields extends StdDeserializer<Object> implements ContextualDeserializer {

    private static final long serialVersionUID = 1L;

    /** The names of the fields the record defines, in the order it declares them, for the message. */
    @SuppressWarnings("serial") // an immutable list of names; Jackson never serializes a deserializer
    private final List<String> known;

    /** A refusal that lists no known fields until Jackson hands it the record it serves. */
    public UnknownFields() {
        this(List.of());
    }

    private UnknownFields(List<String> known) {
        super(Object.class);
        this.known = known;
    }

    /** A refusal that lists the fields of the record the unknown field is met in. */
    @Override
    public JsonDeserializer<?> createContextual(DeserializationContext context, @Nullable BeanProperty property) {
        Class<?> form = property == null ? null : property.getMember().getDeclaringClass();
        if (form == null || !form.isRecord()) {
            return this;
        }
        return new UnknownFields(Arrays.stream(form.getRecordComponents())
                .filter(component -> !component.getAccessor().isAnnotationPresent(JsonAnySetter.class))
                .map(UnknownFields::fieldName).collect(Collectors.toUnmodifiableList()));
    }

    /** The JSON name of a record component: its {@code @JsonProperty} name, such as {@code $schema}, or its own. */
    private static String fieldName(RecordComponent component) {
        JsonProperty renamed = component.getAccessor().getAnnotation(JsonProperty.class);
        return renamed != null && !renamed.value().isEmpty() ? renamed.value() : component.getName();
    }

    /** Refuses the field before any type id its value may carry is read. */
    @Override
    public Object deserializeWithType(JsonParser parser, DeserializationContext context, TypeDeserializer types)
            throws IOException {
        return deserialize(parser, context);
    }

    /** Fails: the field the parser is on is not one the record defines. */
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
