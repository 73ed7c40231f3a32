package dev.consentkit.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.consentkit.jackson.ConsentDocuments;
import dev.consentkit.suite.Location;
import java.io.IOException;
import java.util.Locale;

/**
 * What kind of document a text is, told in one pass of Jackson's streaming parser before the document is
 * read: whether it is JSON at all (the exception gives the place of the problem), whether its value is an
 * object, and the {@code format} it declares, with where that starts. Nothing of the document is kept.
 *
 * @param rootType the JSON type of the document's value, such as {@code object} or {@code array}
 * @param rootAt where the document's value starts
 * @param format the top-level {@code format} when it is a string, else null
 * @param formatAt where the top-level {@code format} value starts, else null
 */
record DocumentKind(String rootType, Location rootAt, String format, Location formatAt) {

    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(ConsentDocuments.streamReadConstraints())
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    /**
     * Reads the whole text once; a leading byte order mark is skipped.
     *
     * @throws com.fasterxml.jackson.core.JsonProcessingException if the text is not one JSON value, with
     *     the location of the problem
     */
    static DocumentKind of(String json) throws IOException {
        String text = json.startsWith("\uFEFF") ? json.substring(1) : json;
        try (JsonParser parser = JSON.createParser(text)) {
            JsonToken root = parser.nextToken();
            if (root == null) {
                throw new JsonParseException(parser, "the file is empty");
            }
            Location rootAt = at(parser, "$");
            String format = null;
            Location formatAt = null;
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (root == JsonToken.START_OBJECT && token == JsonToken.VALUE_STRING && format == null
                        && parser.getParsingContext().getParent() != null
                        && parser.getParsingContext().getParent().inRoot()
                        && "format".equals(parser.currentName())) {
                    format = parser.getText();
                    formatAt = at(parser, "$.format");
                }
                boolean anotherValue = token.isStructStart() ? parser.getParsingContext().getParent().inRoot()
                        : token.isScalarValue() && parser.getParsingContext().inRoot();
                if (anotherValue) {
                    throw new JsonParseException(parser, "more than one JSON value; a document is one object");
                }
            }
            return new DocumentKind(type(root), rootAt, format, formatAt);
        }
    }

    private static Location at(JsonParser parser, String path) {
        return new Location(Math.max(1, parser.currentTokenLocation().getLineNr()),
                Math.max(1, parser.currentTokenLocation().getColumnNr()), path);
    }

    private static String type(JsonToken token) {
        switch (token) {
            case START_OBJECT:
                return "object";
            case START_ARRAY:
                return "array";
            case VALUE_STRING:
                return "string";
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return "number";
            case VALUE_TRUE:
            case VALUE_FALSE:
                return "boolean";
            case VALUE_NULL:
                return "null";
            default:
                return token.name().toLowerCase(Locale.ROOT);
        }
    }

    /** Whether the document's value is a JSON object, as every ConsentKit document is. */
    boolean isObject() {
        return rootType.equals("object");
    }
}
