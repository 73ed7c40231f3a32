package dev.consentkit.jackson;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.ResolvableDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.jsontype.TypeDeserializer;
import java.io.IOException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Reads a core value through its {@link Form}: Jackson binds the form, then the form builds the value.
 * Every ConsentKit type is read this way, in {@link ConsentDocuments}, {@link NdjsonReader} and any
 * mapper with the {@link ConsentModule}, and this is where reading keeps what a user's mapper might
 * not give:
 *
 * <ul>
 *   <li>every problem becomes a {@link ConsentDocumentException} with the path of the field from the
 *       root of the document being read, its line and column, the value and what was expected
 *       ({@link Problems});
 *   <li>a document of the wrong kind or version is reported as such, even when the {@code format}
 *       field comes after the field that failed: on a failure the rest of the object is scanned for
 *       its {@code format}, and a wrong one is reported instead;
 *   <li>a repeated key fails even in a mapper whose parser does not look for them, and an unknown
 *       field fails even in a mapper that ignores them ({@link ConsentModule} makes forms refuse
 *       unknown fields).
 * </ul>
 */
final class FormDeserializer<T> extends StdDeserializer<T> implements ResolvableDeserializer {

    private static final long serialVersionUID = 1L;

    /** The attribute a reading sets to {@code false} where a document may leave out its {@code format}. */
    static final String FORMAT_OPTIONAL = "consentkit.formatOptional";

    private final Class<? extends Form<T>> formType;
    private final @Nullable DocumentFormat kind;
    private final ReadOptions defaults;
    private transient @Nullable JsonDeserializer<Object> forms;

    FormDeserializer(Class<T> type, Class<? extends Form<T>> formType, @Nullable DocumentFormat kind,
            ReadOptions defaults) {
        super(type);
        this.formType = formType;
        this.kind = kind;
        this.defaults = defaults;
    }

    @Override
    public void resolve(DeserializationContext context) throws JsonMappingException {
        forms = context.findRootValueDeserializer(context.constructType(formType));
    }

    @Override
    public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        Locator where = Locator.of(context);
        JsonLocation at = parser.currentTokenLocation();
        String path = JsonPaths.ofValue(parser);
        int depth = parser.getParsingContext().getNestingDepth();
        boolean checksDuplicates = parser.isEnabled(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature());
        if (!checksDuplicates && parser.currentToken() == JsonToken.START_OBJECT) {
            parser.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature());
        }
        Form<T> form;
        try {
            form = formType.cast(Objects.requireNonNull(forms, "resolved").deserialize(parser, context));
        } catch (JsonMappingException e) {
            ConsentDocumentException problem = Problems.translate(e, parser, path, where);
            if (kind != null && !(e.getCause() instanceof JsonProcessingException cause && !(cause instanceof JsonMappingException))) {
                kind.checkAhead(parser, context, depth);
            }
            throw problem;
        } finally {
            if (!checksDuplicates) {
                parser.disable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature());
            }
        }
        Binding binding = new Binding(path, where.line(at), where.column(at), options(context));
        if (kind != null && ((Form.OfDocument<T>) form).format() == null
                && !Boolean.FALSE.equals(context.getAttribute(FORMAT_OPTIONAL))) {
            throw binding.missing(DocumentFormat.FIELD, kind.expected());
        }
        try {
            return form.bind(binding);
        } catch (IllegalArgumentException e) {
            throw binding.fail(Scalars.problem(e), "a valid " + handledType().getSimpleName(), e);
        }
    }

    /**
     * A value written with a type id, as a mapper with default typing writes it: Jackson's type
     * handling reads the id and hands the rest of the object to {@link #deserialize}.
     */
    @Override
    public Object deserializeWithType(JsonParser parser, DeserializationContext context, TypeDeserializer types)
            throws IOException {
        return types.deserializeTypedFromAny(parser, context);
    }

    private ReadOptions options(DeserializationContext context) {
        return context.getAttribute(ReadOptions.class) instanceof ReadOptions options ? options : defaults;
    }
}
