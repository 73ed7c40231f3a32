package dev.consentkit.jackson;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.io.IOException;
import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The one translator from what Jackson reports into a {@link ConsentDocumentException}: the field's
 * path from the document's root, its value as written, its line and column and what was expected.
 * Problems the forms and value deserializers find are {@code ConsentDocumentException}s already and
 * pass through unchanged.
 */
final class Problems {

    private static final String WELL_FORMED = "well-formed JSON (RFC 8259)";
    private static final String WITHIN_LIMITS = "a document within the limits of ConsentDocuments (see its MAX_... constants)";

    private Problems() {}

    /**
     * What went wrong in reading the value that starts at {@code basePath}, the parser still on the
     * token Jackson stopped at.
     */
    static ConsentDocumentException translate(JsonMappingException e, JsonParser parser, String basePath, Locator where) {
        try {
            return describe(e, parser, basePath, where);
        } catch (JsonProcessingException malformed) {
            // The value Jackson stopped at is not even well-formed, such as a string with a raw line break.
            return ofParser(parser, malformed, where);
        } catch (IOException unreadable) {
            return new ConsentDocumentException(basePath, null, 1, 1, String.valueOf(unreadable.getMessage()),
                    "a readable document", unreadable);
        }
    }

    private static ConsentDocumentException describe(JsonMappingException e, JsonParser parser, String basePath,
            Locator where) throws IOException {
        if (e instanceof ConsentDocumentException problem) {
            return problem;
        }
        if (e.getCause() instanceof ConsentDocumentException problem) {
            return problem;
        }
        if (e.getCause() instanceof JsonProcessingException malformed && !(malformed instanceof JsonMappingException)) {
            return ofParser(parser, malformed, where);
        }
        String path = JsonPaths.of(basePath, e.getPath());
        JsonLocation at = parser.currentTokenLocation();
        long line = where.line(at);
        int column = where.column(at);
        if (String.valueOf(e.getOriginalMessage()).startsWith("Trailing token")) {
            return new ConsentDocumentException("$", readText(parser), line, column,
                    "more content after the document", "the end of the input", e);
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            return new ConsentDocumentException(path, unknown.getPropertyName(), line, column,
                    "unknown field \"" + ConsentDocumentException.shorten(unknown.getPropertyName()) + "\"",
                    "one of " + names(unknown.getKnownPropertyIds()), e);
        }
        if (e instanceof InvalidFormatException invalid && invalid.getTargetType() != null
                && invalid.getTargetType().isEnum()) {
            return new ConsentDocumentException(path, String.valueOf(invalid.getValue()), line, column,
                    "unknown " + words(invalid.getTargetType()) + " \"" + ConsentDocumentException.shorten(
                            String.valueOf(invalid.getValue())) + "\"",
                    "one of " + constants(invalid.getTargetType()), e);
        }
        if (e instanceof ValueInstantiationException && e.getCause() != null) {
            return new ConsentDocumentException(path, Scalars.written(parser), line, column,
                    Scalars.problem(e.getCause()), "a valid value", e);
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            Class<?> target = mismatch.getTargetType();
            String expected = target.isEnum() ? "one of " + constants(target) : expected(target);
            return new ConsentDocumentException(path, Scalars.written(parser), line, column,
                    "found " + Scalars.found(parser), expected, e);
        }
        return new ConsentDocumentException(path, Scalars.written(parser), line, column,
                String.valueOf(e.getOriginalMessage()).replace('\n', ' '), "a valid value", e);
    }

    /** The parser's complaint about the text: not JSON, a repeated key or a broken limit. */
    static ConsentDocumentException ofParser(JsonParser parser, JsonProcessingException e, Locator where) {
        JsonLocation at = e.getLocation() != null ? e.getLocation() : parser.currentLocation();
        String path;
        try {
            path = JsonPaths.ofToken(parser);
        } catch (RuntimeException pathUnknown) {
            path = "$";
        }
        String message = String.valueOf(e.getOriginalMessage()).replace('\n', ' ').replace('\r', ' ');
        if (e instanceof InputCoercionException tooLarge) {
            String number = ConsentDocumentException.shorten(String.valueOf(readText(parser)));
            return new ConsentDocumentException(path, number, where.line(at), where.column(at),
                    "number " + number + " is out of range", expected(tooLarge.getTargetType()), e);
        }
        if (message.startsWith("Duplicate field '")) {
            String name = message.substring("Duplicate field '".length(), message.length() - 1);
            return new ConsentDocumentException(path, name, where.line(at), where.column(at),
                    "duplicate field \"" + ConsentDocumentException.shorten(name) + "\"", "each field once", e);
        }
        return new ConsentDocumentException(path, null, where.line(at), where.column(at), message,
                e instanceof StreamConstraintsException ? WITHIN_LIMITS : WELL_FORMED, e);
    }

    private static @Nullable String readText(JsonParser parser) {
        try {
            return parser.getText();
        } catch (IOException unreadable) {
            return null;
        }
    }

    private static String expected(@Nullable Class<?> target) {
        if (target == String.class) {
            return "a string";
        }
        if (target == boolean.class || target == Boolean.class) {
            return "true or false";
        }
        if (target == int.class || target == Integer.class) {
            return "a whole number";
        }
        if (target != null && (Collection.class.isAssignableFrom(target) || target.isArray())) {
            return "an array";
        }
        return "a JSON object";
    }

    private static String names(Collection<Object> known) {
        return known.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    private static String constants(Class<?> enumType) {
        return Arrays.stream(enumType.getEnumConstants()).map(c -> ((Enum<?>) c).name()).collect(Collectors.joining(", "));
    }

    /** An enum type's name in words, for a message: {@code LegalBasis} is "legal basis". */
    static String words(Class<?> type) {
        switch (type.getSimpleName()) {
            case "LeapDayBirthday":
                return "leap-day birthday reading";
            case "UnknownAge":
                return "unknown-age handling";
            case "Kind":
                return "evidence kind";
            default:
                break;
        }
        return type.getSimpleName().replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
    }
}
