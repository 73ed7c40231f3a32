package dev.consentkit.jackson;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A JSON value read whole, knowing where it was written: its path from the document's root and the
 * line and column of its first character (and, for an object's field, of its name).
 *
 * <p>Documents are read into nodes before they are bound to core values, so that the format is
 * checked before anything else whatever the order of the fields, every problem can name its field
 * path and location, and a duplicate key is caught whatever the parser's settings. A document is
 * bounded by the stream read limits, so its tree is too.
 */
final class Node {

    enum Type {
        OBJECT("an object"),
        ARRAY("an array"),
        STRING("a string"),
        NUMBER("a number"),
        BOOLEAN("a boolean"),
        NULL("null");

        final String article;

        Type(String article) {
            this.article = article;
        }
    }

    private static final Pattern SIMPLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    final Type type;
    private final @Nullable Node parent;
    private final @Nullable String rootPath;
    private final @Nullable String name;
    private final int index;
    final long line;
    final int column;
    private final long nameLine;
    private final int nameColumn;
    private final String text;
    private final boolean integral;
    private final Map<String, Node> fields;
    private final List<Node> elements;

    private Node(Type type, @Nullable Node parent, @Nullable String rootPath, @Nullable String name, int index,
            Locator where, JsonLocation at, @Nullable JsonLocation nameAt, String text, boolean integral) {
        this.type = type;
        this.parent = parent;
        this.rootPath = rootPath;
        this.name = name;
        this.index = index;
        this.line = where.line(at);
        this.column = where.column(at);
        this.nameLine = nameAt == null ? line : where.line(nameAt);
        this.nameColumn = nameAt == null ? column : where.column(nameAt);
        this.text = text;
        this.integral = integral;
        this.fields = type == Type.OBJECT ? new LinkedHashMap<>() : Map.of();
        this.elements = type == Type.ARRAY ? new ArrayList<>() : List.of();
    }

    // ---------------------------------------------------------------- reading

    /**
     * Reads the value the parser's current token starts, to its end, located as the parser locates it.
     *
     * @param rootPath the path of the value, {@code $} for a document
     * @throws ConsentDocumentException if the text is not well-formed JSON, breaks a stream read
     *     limit, or repeats a key
     * @throws IOException if the underlying input fails
     */
    static Node read(JsonParser parser, String rootPath) throws IOException {
        return read(parser, rootPath, Locator.DOCUMENT);
    }

    /**
     * Reads the value the parser's current token starts, to its end.
     *
     * @param rootPath the path of the value, {@code $} for a document
     * @param where how the parser's locations read as lines and columns of what is read
     * @throws ConsentDocumentException if the text is not well-formed JSON, breaks a stream read
     *     limit, or repeats a key
     * @throws IOException if the underlying input fails
     */
    static Node read(JsonParser parser, String rootPath, Locator where) throws IOException {
        try {
            JsonToken token = parser.currentToken();
            if (token == null) {
                JsonLocation at = parser.currentLocation();
                throw new ConsentDocumentException(rootPath, null, where.line(at), where.column(at),
                        "the document is empty", "a JSON object", null);
            }
            if (token == JsonToken.FIELD_NAME || token == JsonToken.END_OBJECT) {
                // A caller that already consumed the object's '{' hands us its first field, or its '}'.
                JsonLocation at = parser.currentTokenLocation();
                Node object = new Node(Type.OBJECT, null, rootPath, null, -1, where, at, null, "", false);
                readFields(parser, object, token, where);
                return object;
            }
            return readValue(parser, null, rootPath, null, -1, null, where);
        } catch (ConsentDocumentException e) {
            throw e;
        } catch (JsonProcessingException e) {
            throw fromParser(parser, e, rootPath, where);
        }
    }

    /** A string written somewhere other than as a value, such as an object's key, at {@code path}. */
    static Node string(String text, String path, JsonLocation at) {
        return new Node(Type.STRING, null, path, null, -1, Locator.DOCUMENT, at, null, text, false);
    }

    /**
     * The path of the value a deserializer is handed, which may be inside someone else's document:
     * the parser is on its first token, or on the first field or the end of an object whose start a
     * caller already consumed.
     */
    static String pathOfValue(JsonParser parser) {
        JsonToken token = parser.currentToken();
        boolean inside = token == JsonToken.FIELD_NAME || token == JsonToken.END_OBJECT;
        return pathOf(parser, inside);
    }

    /** The path of the token a parser is positioned on, such as {@code $.versions[1].effectiveFrom}. */
    static String pathOf(JsonParser parser) {
        return pathOf(parser, false);
    }

    private static String pathOf(JsonParser parser, boolean insideObject) {
        JsonStreamContext context = parser.getParsingContext();
        JsonToken token = parser.currentToken();
        if (context != null && (insideObject || token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY)) {
            context = context.getParent();
        }
        List<JsonStreamContext> chain = new ArrayList<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            chain.add(c);
        }
        Collections.reverse(chain);
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

    private static Node readValue(JsonParser parser, @Nullable Node parent, @Nullable String rootPath,
            @Nullable String name, int index, @Nullable JsonLocation nameAt, Locator where) throws IOException {
        JsonLocation at = parser.currentTokenLocation();
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT: {
                Node object = new Node(Type.OBJECT, parent, rootPath, name, index, where, at, nameAt, "", false);
                readFields(parser, object, parser.nextToken(), where);
                return object;
            }
            case START_ARRAY: {
                Node array = new Node(Type.ARRAY, parent, rootPath, name, index, where, at, nameAt, "", false);
                for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
                    if (t == null) {
                        throw array.fail("the array is not closed", "']'");
                    }
                    array.elements.add(readValue(parser, array, null, null, array.elements.size(), null, where));
                }
                return array;
            }
            case VALUE_STRING:
                return new Node(Type.STRING, parent, rootPath, name, index, where, at, nameAt, parser.getText(), false);
            case VALUE_NUMBER_INT:
                return new Node(Type.NUMBER, parent, rootPath, name, index, where, at, nameAt, parser.getText(), true);
            case VALUE_NUMBER_FLOAT:
                return new Node(Type.NUMBER, parent, rootPath, name, index, where, at, nameAt, parser.getText(), false);
            case VALUE_TRUE:
                return new Node(Type.BOOLEAN, parent, rootPath, name, index, where, at, nameAt, "true", false);
            case VALUE_FALSE:
                return new Node(Type.BOOLEAN, parent, rootPath, name, index, where, at, nameAt, "false", false);
            case VALUE_NULL:
                return new Node(Type.NULL, parent, rootPath, name, index, where, at, nameAt, "null", false);
            default: {
                String path = parent == null ? (rootPath == null ? "$" : rootPath)
                        : name != null ? parent.childPath(name) : parent.path() + "[" + index + "]";
                throw new ConsentDocumentException(path, null, where.line(at), where.column(at),
                        "unexpected " + token, "a JSON value", null);
            }
        }
    }

    private static void readFields(JsonParser parser, Node object, @Nullable JsonToken first, Locator where)
            throws IOException {
        for (JsonToken t = first; t != JsonToken.END_OBJECT; t = parser.nextToken()) {
            if (t != JsonToken.FIELD_NAME) {
                throw object.fail("the object is not closed", "'}'");
            }
            String fieldName = parser.currentName();
            JsonLocation nameAt = parser.currentTokenLocation();
            Node earlier = object.fields.get(fieldName);
            if (earlier != null) {
                throw new ConsentDocumentException(object.childPath(fieldName), fieldName, where.line(nameAt),
                        where.column(nameAt), "duplicate field \"" + ConsentDocumentException.shorten(fieldName)
                                + "\" (first at line " + earlier.nameLine + ", column " + earlier.nameColumn + ")",
                        "each field once", null);
            }
            parser.nextToken();
            object.fields.put(fieldName, readValue(parser, object, null, fieldName, -1, nameAt, where));
        }
    }

    /**
     * A parser's complaint about the text, as a document problem at the parser's location and path;
     * {@code rootPath} stands in if the parser cannot say where it is.
     */
    static ConsentDocumentException fromParser(JsonParser parser, JsonProcessingException e, String rootPath,
            Locator where) {
        JsonLocation at = e.getLocation() != null ? e.getLocation() : parser.currentLocation();
        String path;
        try {
            path = pathOf(parser);
        } catch (RuntimeException pathUnknown) {
            path = rootPath;
        }
        String problem = String.valueOf(e.getOriginalMessage()).replace('\n', ' ').replace('\r', ' ');
        String expected = e instanceof StreamConstraintsException
                ? "a document within the limits of ConsentDocuments (see its MAX_... constants)"
                : "well-formed JSON (RFC 8259)";
        return new ConsentDocumentException(path, null, where.line(at), where.column(at), problem, expected, e);
    }

    // ---------------------------------------------------------------- where

    /** The JSONPath of this value from the document's root, such as {@code $.versions[1].effectiveFrom}. */
    String path() {
        if (parent == null) {
            return rootPath == null ? "$" : rootPath;
        }
        StringBuilder path = new StringBuilder(parent.path());
        if (name != null) {
            appendName(path, name);
        } else {
            path.append('[').append(index).append(']');
        }
        return path.toString();
    }

    private String childPath(String fieldName) {
        StringBuilder path = new StringBuilder(path());
        appendName(path, fieldName);
        return path.toString();
    }

    private static void appendName(StringBuilder path, String fieldName) {
        if (SIMPLE_NAME.matcher(fieldName).matches()) {
            path.append('.').append(fieldName);
        } else {
            path.append("['").append(ConsentDocumentException.shorten(fieldName).replace("\\", "\\\\").replace("'", "\\'"))
                    .append("']");
        }
    }

    /** The value as written, for a message: a string without quotes, other scalars as text, containers elided. */
    String written() {
        switch (type) {
            case OBJECT:
                return "{…}";
            case ARRAY:
                return "[…]";
            default:
                return text;
        }
    }

    /** The value in a message: strings quoted. */
    String quoted() {
        String shown = ConsentDocumentException.shorten(written());
        return type == Type.STRING ? "\"" + shown + "\"" : shown;
    }

    /** A problem with this value. */
    ConsentDocumentException fail(String problem, String expected) {
        return fail(problem, expected, null);
    }

    /** A problem with this value, caused by {@code cause}. */
    ConsentDocumentException fail(String problem, String expected, @Nullable Throwable cause) {
        return new ConsentDocumentException(path(), written(), line, column, problem, expected, cause);
    }

    /** What the exception that rejected a value says is wrong with it: its message, or its class if it has none. */
    static String problem(Throwable rejection) {
        String message = rejection.getMessage();
        return message != null ? message : rejection.getClass().getName();
    }

    /** This value has the wrong JSON type. */
    ConsentDocumentException wrongType(String expected) {
        String found = type == Type.OBJECT || type == Type.ARRAY || type == Type.NULL
                ? "found " + type.article
                : "found " + type.article + " " + quoted();
        return fail(found, expected);
    }

    // ---------------------------------------------------------------- objects

    /**
     * This value as an object that may hold only the given fields.
     *
     * @throws ConsentDocumentException if it is not an object, or has a field not in {@code known}
     */
    Node object(List<String> known) throws ConsentDocumentException {
        if (type != Type.OBJECT) {
            throw wrongType("an object");
        }
        for (Map.Entry<String, Node> field : fields.entrySet()) {
            if (!known.contains(field.getKey())) {
                Node value = field.getValue();
                throw new ConsentDocumentException(value.path(), field.getKey(), value.nameLine, value.nameColumn,
                        "unknown field \"" + ConsentDocumentException.shorten(field.getKey()) + "\"",
                        "one of " + String.join(", ", known), null);
            }
        }
        return this;
    }

    /** The field's value if the field is written, even as {@code null}; otherwise {@code null}. */
    @Nullable Node field(String fieldName) {
        return fields.get(fieldName);
    }

    /**
     * A field that must be present and not {@code null}.
     *
     * @param expected what the field should hold, for the message
     */
    Node required(String fieldName, String expected) throws ConsentDocumentException {
        Node value = fields.get(fieldName);
        if (value == null) {
            throw missing(fieldName, expected);
        }
        if (value.type == Type.NULL) {
            throw value.wrongType(expected);
        }
        return value;
    }

    /** A field that may be absent or {@code null}; {@code null} in both cases. */
    @Nullable Node optional(String fieldName) {
        Node value = fields.get(fieldName);
        return value == null || value.type == Type.NULL ? null : value;
    }

    /** This object lacks a field it needs. */
    ConsentDocumentException missing(String fieldName, String expected) {
        return new ConsentDocumentException(childPath(fieldName), null, line, column,
                "missing field \"" + fieldName + "\"", expected, null);
    }

    // ---------------------------------------------------------------- arrays and scalars

    /** This value's elements. */
    List<Node> array(String expected) throws ConsentDocumentException {
        if (type != Type.ARRAY) {
            throw wrongType(expected);
        }
        return Collections.unmodifiableList(elements);
    }

    /** This value as a string. */
    String string(String expected) throws ConsentDocumentException {
        if (type != Type.STRING) {
            throw wrongType(expected);
        }
        return text;
    }

    /** This value as {@code true} or {@code false}. */
    boolean bool(String expected) throws ConsentDocumentException {
        if (type != Type.BOOLEAN) {
            throw wrongType(expected);
        }
        return text.equals("true");
    }

    /** This value as a whole number that fits an {@code int}. */
    int integer(String expected) throws ConsentDocumentException {
        if (type != Type.NUMBER || !integral) {
            throw wrongType(expected);
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException tooLarge) {
            throw fail("number " + quoted() + " is out of range", expected);
        }
    }

    /** This value as the constant of {@code type} with exactly this name. */
    <E extends Enum<E>> E enumValue(Class<E> enumType, String what) throws ConsentDocumentException {
        E[] constants = enumType.getEnumConstants();
        String expected = "one of " + String.join(", ", Arrays.stream(constants).map(Enum::name).toArray(String[]::new));
        String name = string(expected);
        for (E constant : constants) {
            if (constant.name().equals(name)) {
                return constant;
            }
        }
        throw fail("unknown " + what + " " + quoted(), expected);
    }
}
