package dev.consentkit.jackson;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonMappingException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.regex.Pattern;

/**
 * JSONPaths from a document's root, {@code $}, as every {@link ConsentDocumentException} names them:
 * {@code $.versions[1].effectiveFrom}, {@code $['odd name']}.
 */
final class JsonPaths {

    private static final Pattern SIMPLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private JsonPaths() {}

    /**
     * The path of the value whose first token the parser is on; a deserializer handed an object
     * whose opening brace its caller already consumed is on the object's first field or its closing brace.
     */
    static String ofValue(JsonParser parser) {
        JsonToken token = parser.currentToken();
        JsonStreamContext context = parser.getParsingContext();
        if (context != null && (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY
                || token == JsonToken.FIELD_NAME || token == JsonToken.END_OBJECT)) {
            context = context.getParent();
        }
        return of(context);
    }

    /** The path of the token the parser is on: of a field's name, the field. */
    static String ofToken(JsonParser parser) {
        return of(parser.getParsingContext());
    }

    private static String of(JsonStreamContext innermost) {
        Deque<JsonStreamContext> chain = new ArrayDeque<>();
        for (JsonStreamContext c = innermost; c != null && !c.inRoot(); c = c.getParent()) {
            chain.push(c);
        }
        StringBuilder path = new StringBuilder("$");
        for (JsonStreamContext c : chain) {
            if (c.inObject()) {
                appendName(path, c.getCurrentName() == null ? "" : c.getCurrentName());
            } else {
                path.append('[').append(Math.max(0, c.getCurrentIndex())).append(']');
            }
        }
        return path.toString();
    }

    /** {@code base} followed by the fields and indexes Jackson recorded on the way out of a failed value. */
    static String of(String base, List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder(base);
        for (JsonMappingException.Reference reference : references) {
            if (reference.getFieldName() != null) {
                appendName(path, reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** {@code path} followed by one field. */
    static String field(String path, String name) {
        StringBuilder child = new StringBuilder(path);
        appendName(child, name);
        return child.toString();
    }

    private static void appendName(StringBuilder path, String name) {
        if (SIMPLE_NAME.matcher(name).matches()) {
            path.append('.').append(name);
        } else {
            path.append("['").append(ConsentDocumentException.shorten(name).replace("\\", "\\\\").replace("'", "\\'"))
                    .append("']");
        }
    }
}
