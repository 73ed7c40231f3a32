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
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.type.TypeFactory;
import java.io.IOException;
import java.io.Serializable;
import java.util.List;
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
 *   <li>a repeated key fails even in a mapper whose parser does not look for them (the check is
 *       turned on for the form's object), and an unknown field even in a mapper that ignores them
 *       (every form refuses them with {@link UnknownFields}).
 * </ul>
 */
final class FormDeserializer<T> extends StdDeserializer<T> implements ResolvableDeserializer {

    private static final long serialVersionUID = 1L;

    /** The attribute a reading sets to {@code false} where a document may leave out its {@code format}. */
    static final String FORMAT_OPTIONAL = "consentkit.formatOptional";

    private final JavaType formType;
    private final FormOf<T> wrap;
    private final @Nullable DocumentFormat kind;
    private final ReadOptions defaults;
    private transient @Nullable JsonDeserializer<Object> forms;

    /** Makes the form of a value from what Jackson bound: the form itself, or the elements of an array. */
    @FunctionalInterface
    interface FormOf<T> extends Serializable {
        Form<T> of(Object bound);
    }

    private FormDeserializer(Class<T> type, JavaType formType, FormOf<T> wrap, @Nullable DocumentFormat kind,
            ReadOptions defaults) {
        super(type);
        this.formType = formType;
        this.wrap = wrap;
        this.kind = kind;
        this.defaults = defaults;
    }

    /** Reads {@code type}, an object, through the record {@code form}; {@code kind} for a document, else {@code null}. */
    static <T> FormDeserializer<T> of(Class<T> type, Class<? extends Form<T>> form, @Nullable DocumentFormat kind,
            ReadOptions defaults) {
        return new FormDeserializer<>(type, TypeFactory.defaultInstance().constructType(form), form::cast, kind, defaults);
    }

    /**
     * Reads {@code type}, an array, whose elements Jackson binds as {@code element}; {@code form} makes its
     * form from them, with where each was written.
     */
    static <T, E> FormDeserializer<T> ofArray(Class<T> type, Class<E> element, ArrayForm<T, E> form,
            ReadOptions defaults) {
        TypeFactory types = TypeFactory.defaultInstance();
        JavaType list = types.constructCollectionType(List.class, types.constructParametricType(Located.class, element));
        return new FormDeserializer<>(type, list, bound -> form.of(elements(bound)), null, defaults);
    }

    /** Makes the form of an array from its elements. */
    @FunctionalInterface
    interface ArrayForm<T, E> extends Serializable {
        Form<T> of(List<Located<E>> elements);
    }

    @SuppressWarnings("unchecked") // Jackson bound a List<Located<E>>, as ofArray asked.
    private static <E> List<Located<E>> elements(Object bound) {
        return (List<Located<E>>) bound;
    }

    @Override
    public void resolve(DeserializationContext context) throws JsonMappingException {
        forms = context.findContextualValueDeserializer(formType, null);
    }

    @Override
    public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        Locator where = Locator.of(context);
        JsonLocation at = parser.currentTokenLocation();
        Object[] path = JsonPaths.segmentsOfValue(parser);
        int depth = parser.getParsingContext().getNestingDepth();
        boolean checksDuplicates = parser.isEnabled(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature());
        if (!checksDuplicates && parser.currentToken() == JsonToken.START_OBJECT) {
            parser.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature());
        }
        Form<T> form;
        try {
            form = wrap.of(Objects.requireNonNull(forms, "resolved").deserialize(parser, context));
        } catch (JsonMappingException e) {
            ConsentDocumentException problem = Problems.translate(e, parser, JsonPaths.render(path), where);
            if (kind != null && !(e.getCause() instanceof JsonProcessingException cause && !(cause instanceof JsonMappingException))) {
                kind.checkAhead(parser, context, depth);
            }
            throw problem;
        } catch (JsonProcessingException malformed) {
            throw Problems.ofParser(parser, malformed, where);
        } finally {
            if (!checksDuplicates) {
                parser.disable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature());
            }
        }
        Binding binding = new Binding(new Located<>(form, path, where.line(at), where.column(at), "{…}"), options(context));
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
