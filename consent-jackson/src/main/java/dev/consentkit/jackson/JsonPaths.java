package dev.consentkit.jackson;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonMappingException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * JSONPaths from a document's root, {@code $}, as every {@link ConsentDocumentException} names them:
 * {@code $.versions[1].effectiveFrom}, {@code $['odd name']}.
 */
final class JsonPaths {


    private JsonPaths() {}

    /**
     * The path of the value whose first token the parser is on; a deserializer handed an object
     * whose opening brace its caller already consumed is on the object's first field or its closing brace.
     */
    static String ofValue(JsonParser parser) {
        return render(segmentsOfValue(parser));
    }

    /**
     * The path of the value whose first token the parser is on, as its fields' names and elements'
     * indexes from the root, to be rendered only if a problem needs it: capturing them is cheaper than
     * building the text for every value read.
     */
    static Object[] segmentsOfValue(JsonParser parser) {
        JsonToken token = parser.currentToken();
        JsonStreamContext context = parser.getParsingContext();
        if (context != null && (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY
                || token == JsonToken.FIELD_NAME || token == JsonToken.END_OBJECT)) {
            context = context.getParent();
        }
        int depth = 0;
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            depth++;
        }
        Object[] segments = new Object[depth];
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            segments[--depth] = c.inObject() ? (c.getCurrentName() == null ? "" : c.getCurrentName())
                    : Integer.valueOf(Math.max(0, c.getCurrentIndex()));
        }
        return segments;
    }

    /** The path that {@link #segmentsOfValue} captured. */
    static String render(Object[] segments) {
        StringBuilder path = new StringBuilder("$");
        for (Object segment : segments) {
            if (segment instanceof String name) {
                appendName(path, name);
            } else {
                path.append('[').append(segment).append(']');
            }
        }
        return path.toString();
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
        if (isSimple(name)) {
            path.append('.').append(name);
        } else {
            path.append("['").append(ConsentDocumentException.shorten(name).replace("\\", "\\\\").replace("'", "\\'"))
                    .append("']");
        }
    }

    /** Whether a field's name can follow a dot in a path: a letter or underscore, then letters, digits, underscores. */
    private static boolean isSimple(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
            if (!letter && (i == 0 || c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }
}
