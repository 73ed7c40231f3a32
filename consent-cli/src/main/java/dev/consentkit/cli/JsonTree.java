package dev.consentkit.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.consentkit.jackson.ConsentDocuments;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON value read with the line and column where it starts, so that a finding can point at any
 * part of a document, as {@code FILE:LINE:COLUMN}. Lines and columns are 1-based, as Jackson counts
 * them; a duplicate field keeps its first value (reading the document reports the duplicate).
 */
final class JsonTree {

    /** The JSON type of a value. */
    enum Type {
        OBJECT, ARRAY, STRING, NUMBER, BOOLEAN, NULL
    }

    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(ConsentDocuments.streamReadConstraints())
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    private final Type type;
    private final String text;
    private final int line;
    private final int column;
    private final Map<String, JsonTree> fields;
    private final List<JsonTree> elements;

    private JsonTree(Type type, String text, JsonLocation at, Map<String, JsonTree> fields, List<JsonTree> elements) {
        this.type = type;
        this.text = text;
        this.line = Math.max(1, at.getLineNr());
        this.column = Math.max(1, at.getColumnNr());
        this.fields = fields;
        this.elements = elements;
    }

    /**
     * Reads one JSON value; a leading byte order mark is skipped.
     *
     * @throws com.fasterxml.jackson.core.JsonProcessingException if the text is not one JSON value,
     *     with the location of the problem
     */
    static JsonTree parse(String json) throws IOException {
        String text = json.startsWith("\uFEFF") ? json.substring(1) : json;
        try (JsonParser parser = JSON.createParser(text)) {
            if (parser.nextToken() == null) {
                throw new JsonParseException(parser, "the file is empty");
            }
            JsonTree root = read(parser);
            if (parser.nextToken() != null) {
                throw new JsonParseException(parser,
                        "more than one JSON value; a document is one object");
            }
            return root;
        }
    }

    private static JsonTree read(JsonParser parser) throws IOException {
        JsonLocation at = parser.currentTokenLocation();
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT: {
                Map<String, JsonTree> fields = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    fields.putIfAbsent(name, read(parser));
                }
                return new JsonTree(Type.OBJECT, "", at, Collections.unmodifiableMap(fields), List.of());
            }
            case START_ARRAY: {
                List<JsonTree> elements = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    elements.add(read(parser));
                }
                return new JsonTree(Type.ARRAY, "", at, Map.of(), Collections.unmodifiableList(elements));
            }
            case VALUE_STRING:
                return new JsonTree(Type.STRING, parser.getText(), at, Map.of(), List.of());
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return new JsonTree(Type.NUMBER, parser.getText(), at, Map.of(), List.of());
            case VALUE_TRUE:
            case VALUE_FALSE:
                return new JsonTree(Type.BOOLEAN, parser.getText(), at, Map.of(), List.of());
            default:
                return new JsonTree(Type.NULL, "null", at, Map.of(), List.of());
        }
    }

    Type type() {
        return type;
    }

    boolean is(Type expected) {
        return type == expected;
    }

    /** A string's value, or a number's or literal's text as written. */
    String text() {
        return text;
    }

    int line() {
        return line;
    }

    int column() {
        return column;
    }

    /** An object's field, or null when absent or when this is not an object. */
    JsonTree field(String name) {
        return fields.get(name);
    }

    /** The value of an object's string field, or null when it is absent or not a string. */
    String string(String name) {
        JsonTree value = fields.get(name);
        return value != null && value.type == Type.STRING ? value.text : null;
    }

    /** An array's elements; empty for anything else. */
    List<JsonTree> elements() {
        return elements;
    }

    /** An object field's elements: empty when the field is absent or not an array. */
    List<JsonTree> elements(String name) {
        JsonTree value = fields.get(name);
        return value == null ? List.of() : value.elements;
    }

    /** Where the value starts, as {@code line L, column C}. */
    String where() {
        return "line " + line + ", column " + column;
    }
}
