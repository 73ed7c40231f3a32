package dev.consentkit.jackson;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.io.ContentReference;
import com.fasterxml.jackson.databind.JsonMappingException;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A ConsentKit document, or one line of a newline-delimited stream, that cannot be read: it is not
 * JSON, breaks a limit, has a field the format does not define or lacks one it requires, holds a
 * value of the wrong type, an unknown enum name, category, purpose or jurisdiction code, a malformed
 * instant, versions out of order, an unsupported format version, or values the core rejects.
 *
 * <p>The message names all of it in one line, for example:
 *
 * <pre>{@code
 * $.versions[0].allowedCategorys at line 9, column 27: unknown field "allowedCategorys"; expected one of id, effectiveFrom, defaultBasis, excludedByDefault, jurisdictionRules, allowedCategories, neverAllowedCategories, minimumAge, unknownAge, leapDayBirthday, gpcSignalsObject, itemsCreatedFrom, itemsFromMembersChoice
 * }</pre>
 *
 * <p>The parts are also available on their own: {@link #fieldPath()} (a JSONPath from the document's
 * root {@code $}), {@link #badValue()}, {@link #line()} and {@link #column()} (1-based; in a stream,
 * the line of the stream and the position on it), and {@link #expected()}.
 *
 * <p>It is a checked {@link java.io.IOException}, through Jackson's {@link JsonMappingException}:
 * reading a document is input, and a caller that reads a policy must decide what a broken one means
 * rather than let it pass unnoticed. Being a Jackson mapping exception, it also comes out of an
 * {@link com.fasterxml.jackson.databind.ObjectMapper} that has the {@link ConsentModule} as itself,
 * not wrapped, even from inside your own lists and maps; {@link #fieldPath()} then starts at the root
 * of your document.
 */
public final class ConsentDocumentException extends JsonMappingException {

    private static final long serialVersionUID = 1L;
    private static final int MAX_SHOWN_VALUE_LENGTH = 200;

    /** The JSONPath of the field at fault from the document's root {@code $}, such as {@code $.versions[0].id}. */
    private final String fieldPath;
    /** The offending value as written, shortened for the message; {@code null} when there is none. */
    private final @Nullable String badValue;
    /** The 1-based line of the problem; in a newline-delimited stream, the line of the stream. */
    private final long line;
    /** The 1-based column of the problem, in characters. */
    private final int column;
    /** What is wrong with the value, such as {@code unknown member id "m-9"}. */
    private final String problem;
    /** What should be there instead, such as "the id of a member of the suite". */
    private final String expected;

    ConsentDocumentException(String fieldPath, @Nullable String badValue, long line, int column, String problem,
            String expected, @Nullable Throwable cause) {
        super(null, message(fieldPath, line, column, problem, expected), cause);
        this._location = new JsonLocation(ContentReference.unknown(), -1L, (int) Math.min(line, Integer.MAX_VALUE), column);
        this.fieldPath = Objects.requireNonNull(fieldPath, "fieldPath");
        this.badValue = badValue == null ? null : shorten(badValue);
        this.line = line;
        this.column = column;
        this.problem = Objects.requireNonNull(problem, "problem");
        this.expected = Objects.requireNonNull(expected, "expected");
    }

    private static String message(String fieldPath, long line, int column, String problem, String expected) {
        return fieldPath + " at line " + line + ", column " + column + ": " + problem + "; expected " + expected;
    }

    /** Cuts a value down to a length that keeps a log line readable. */
    static String shorten(String value) {
        return value.length() <= MAX_SHOWN_VALUE_LENGTH ? value : value.substring(0, MAX_SHOWN_VALUE_LENGTH) + "…";
    }

    /**
     * {@return where the problem is, as a JSONPath from the document's root: {@code $} for the document itself,
     * {@code $.versions[1].effectiveFrom} for a field}
     */
    public String fieldPath() {
        return fieldPath;
    }

    /**
     * {@return the offending value as written (a string without its quotes, a number or literal as in the
     * text, {@code {…}} or {@code […]} for an object or array), cut to 200 characters; empty when
     * the problem is something missing rather than something wrong}
     */
    public Optional<String> badValue() {
        return Optional.ofNullable(badValue);
    }

    /** {@return the 1-based line of the problem; in a newline-delimited stream, the line of the stream} */
    public long line() {
        return line;
    }

    /** {@return the 1-based column of the problem, in characters; in a newline-delimited stream, the position on the stream's line} */
    public int column() {
        return column;
    }

    /** {@return what the document should have had there, such as "an ISO-8601 UTC instant such as 2025-11-03T00:00:00Z"} */
    public String expected() {
        return expected;
    }

    /** {@return what is wrong, without the location, such as {@code unknown legal basis "LEGITIMATE_INTEREST"}} */
    public String problem() {
        return problem;
    }

    /**
     * The whole message, without Jackson's location and reference-chain suffixes: the location and the
     * full field path are already in it.
     */
    @Override
    public String getMessage() {
        return getOriginalMessage();
    }

    /** The same as {@link #getMessage()}. */
    @Override
    public String getLocalizedMessage() {
        return getOriginalMessage();
    }
}
