package dev.consentkit.jackson;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import dev.consentkit.DataCategory;
import dev.consentkit.Jurisdiction;
import dev.consentkit.Purpose;
import java.io.IOException;
import java.io.Serializable;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The values with a grammar of their own, read as strictly in every document and in a mapper with the
 * {@link ConsentModule}: instants and dates in the one form {@link Instant#toString()} and
 * {@link LocalDate#toString()} write, identifiers, and the keys and codes of data categories, purposes
 * and jurisdictions, also as map keys. The JSON Schemas carry the same patterns.
 */
final class Scalars {

    static final String INSTANT = "an ISO-8601 UTC instant such as 2025-11-03T00:00:00Z";
    static final String DATE = "an ISO-8601 date such as 1990-04-01";
    static final String CATEGORY = "a data category key such as content.public";
    static final String PURPOSE = "a purpose key such as ai-training.generative";
    static final String JURISDICTION = "an ISO 3166-1 alpha-2 country such as DE, a subdivision such as US-CA, or EU or EEA";
    static final String ID = "a non-blank string";

    // What Instant.toString writes: a 4-digit year (signed and longer only beyond 0000-9999), 'T', a time
    // with seconds and 0 to 9 fraction digits, and 'Z'. Offsets, lower case and leap seconds are not accepted.
    private static final Pattern INSTANT_FORM = Pattern.compile(
            "(?:[0-9]{4}|[+-][0-9]{4,10})-[0-9]{2}-[0-9]{2}T(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\\.[0-9]{1,9})?Z");
    private static final Pattern DATE_FORM = Pattern.compile("(?:[0-9]{4}|[+-][0-9]{4,10})-[0-9]{2}-[0-9]{2}");

    /** Instants and dates as documents write them, for readers outside a document. */
    static final TimeText<Instant> INSTANTS = TimeText.instant();
    static final TimeText<LocalDate> DATES = TimeText.date();

    private Scalars() {}

    /** The value the parser is on as written, for a message: a string without quotes, containers elided. */
    static String written(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_OBJECT || token == JsonToken.FIELD_NAME || token == JsonToken.END_OBJECT) {
            return "{…}";
        }
        return token == JsonToken.START_ARRAY ? "[…]" : token == null ? "" : parser.getText();
    }

    /** A problem with the value the parser is on. */
    static ConsentDocumentException fail(JsonParser parser, DeserializationContext context, String problem,
            String expected, @Nullable Throwable cause) throws IOException {
        Locator where = Locator.of(context);
        JsonLocation at = parser.currentTokenLocation();
        return new ConsentDocumentException(JsonPaths.ofValue(parser), written(parser), where.line(at), where.column(at),
                problem, expected, cause);
    }

    /** The value the parser is on is of the wrong JSON type: "found a number 1759320000". */
    static ConsentDocumentException wrongType(JsonParser parser, DeserializationContext context, String expected)
            throws IOException {
        return fail(parser, context, "found " + found(parser), expected, null);
    }

    /** What the parser is on, in words: "an object", "a number 5". */
    static String found(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == null) {
            return "nothing";
        }
        switch (token) {
            case START_OBJECT:
            case FIELD_NAME:
            case END_OBJECT:
                return "an object";
            case START_ARRAY:
                return "an array";
            case VALUE_NULL:
                return "null";
            case VALUE_STRING:
                return "a string \"" + ConsentDocumentException.shorten(parser.getText()) + "\"";
            case VALUE_TRUE:
            case VALUE_FALSE:
                return "a boolean " + parser.getText();
            default:
                return "a number " + ConsentDocumentException.shorten(parser.getText());
        }
    }

    /** The string the parser is on, or a problem naming what is there instead. */
    static String text(JsonParser parser, DeserializationContext context, String expected) throws IOException {
        if (parser.currentToken() != JsonToken.VALUE_STRING) {
            throw wrongType(parser, context, expected);
        }
        return parser.getText();
    }

    /**
     * The core's explanation of a rejected key or code, which names the value and what is wrong with
     * it, without the core's own "expected" clause: the document's message adds the expectation in
     * document terms.
     */
    static String problem(Throwable rejection) {
        String message = rejection.getMessage();
        if (message == null) {
            return rejection.getClass().getName();
        }
        int cut = message.length();
        for (String clause : new String[] {"; expected", ": expected"}) {
            int at = message.indexOf(clause);
            if (at >= 0 && at < cut) {
                cut = at;
            }
        }
        return message.substring(0, cut);
    }

    /**
     * An instant in the form {@link Instant#toString()} writes, or a date in the form
     * {@link LocalDate#toString()} writes: the only forms of time in ConsentKit documents.
     */
    static final class TimeText<T> extends StdScalarDeserializer<T> {

        private static final long serialVersionUID = 1L;

        private final Pattern form;
        private final Parse<T> parse;
        private final Parse<T> common;
        private final String what;
        private final String expected;

        private TimeText(Class<T> type, Pattern form, Parse<T> parse, Parse<T> common, String what, String expected) {
            super(type);
            this.form = form;
            this.parse = parse;
            this.common = common;
            this.what = what;
            this.expected = expected;
        }

        static TimeText<Instant> instant() {
            return new TimeText<>(Instant.class, INSTANT_FORM, Instant::parse, TimeForms::instant, "instant", INSTANT);
        }

        static TimeText<LocalDate> date() {
            return new TimeText<>(LocalDate.class, DATE_FORM, LocalDate::parse, TimeForms::date, "date", DATE);
        }

        @Override
        public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = text(parser, context, expected);
            try {
                return read(text);
            } catch (IllegalArgumentException e) {
                throw fail(parser, context, String.valueOf(e.getMessage()), expected, e.getCause());
            }
        }

        /**
         * The value of {@code text} in this grammar.
         *
         * @throws IllegalArgumentException if it is not in the grammar or names no such time; the message
         *     shows the text, shortened
         */
        T read(String text) {
            try {
                return common.parse(text);
            } catch (DateTimeException notCommon) {
                // Another year range, or a mistake: the full grammar tells which.
            }
            if (form.matcher(text).matches()) {
                try {
                    return parse.parse(text);
                } catch (DateTimeException e) {
                    throw new IllegalArgumentException("malformed " + what + " \"" + text + "\": " + e.getMessage(), e);
                }
            }
            throw new IllegalArgumentException("malformed " + what + " \"" + ConsentDocumentException.shorten(text) + "\"");
        }
    }

    /** An identifier: a string, which the core then checks is not blank. */
    static final class Id extends StdScalarDeserializer<String> {

        private static final long serialVersionUID = 1L;

        Id() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            return text(parser, context, ID);
        }
    }

    /** Turns text into its value, or rejects it with the reason. */
    @FunctionalInterface
    interface Parse<T> extends Serializable {
        T parse(String text);
    }

    /**
     * A data category, purpose or jurisdiction, written as its key or code; a jurisdiction only in its
     * normal, upper-case form in a value, so a document reads the way the core writes it.
     */
    static final class Key<T> extends StdScalarDeserializer<T> {

        private static final long serialVersionUID = 1L;

        private final Parse<T> parse;
        private final String expected;

        private Key(Class<T> type, Parse<T> parse, String expected) {
            super(type);
            this.parse = parse;
            this.expected = expected;
        }

        static Key<DataCategory> category() {
            return new Key<>(DataCategory.class, DataCategory::of, CATEGORY);
        }

        static Key<Purpose> purpose() {
            return new Key<>(Purpose.class, Purpose::of, PURPOSE);
        }

        static Key<Jurisdiction> jurisdiction() {
            return new Key<>(Jurisdiction.class, Jurisdiction::of, JURISDICTION);
        }

        @Override
        public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = text(parser, context, expected);
            T value;
            try {
                value = parse.parse(text);
            } catch (IllegalArgumentException e) {
                throw fail(parser, context, problem(e), expected, e);
            }
            if (value instanceof Jurisdiction place && !place.code().equals(text)) {
                throw fail(parser, context, "jurisdiction code \"" + ConsentDocumentException.shorten(text)
                        + "\" is not in its normal form", "\"" + place.code() + "\"", null);
            }
            return value;
        }

        /** The same value used as a map key, as strictly. */
        KeyDeserializer asMapKey() {
            return new KeyDeserializer() {
                @Override
                public Object deserializeKey(String key, DeserializationContext context) throws IOException {
                    try {
                        return parse.parse(key);
                    } catch (IllegalArgumentException e) {
                        JsonParser parser = context.getParser();
                        Locator where = Locator.of(context);
                        JsonLocation at = parser == null ? JsonLocation.NA : parser.currentTokenLocation();
                        throw new ConsentDocumentException(parser == null ? "$" : JsonPaths.ofToken(parser), key,
                                where.line(at), where.column(at), problem(e), expected, e);
                    }
                }
            };
        }
    }
}
