package dev.consentkit.jackson;

import dev.consentkit.DataCategory;
import dev.consentkit.Jurisdiction;
import dev.consentkit.Purpose;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.regex.Pattern;

/**
 * The strict textual forms of instants, dates, keys and codes in documents, shared by every
 * document type and by the JSON Schemas, which carry the same patterns.
 */
final class Scalars {

    static final String INSTANT = "an ISO-8601 UTC instant such as 2025-11-03T00:00:00Z";
    static final String DATE = "an ISO-8601 date such as 1990-04-01";
    static final String CATEGORY = "a data category key such as content.public";
    static final String PURPOSE = "a purpose key such as ai-training.generative";
    static final String JURISDICTION = "an ISO 3166-1 alpha-2 country such as DE, a subdivision such as US-CA, or EU or EEA";
    static final String PLACE = "an ISO 3166-1 alpha-2 country such as DE or a subdivision such as US-CA";
    static final String ID = "a non-blank string";

    // What Instant.toString writes: a 4-digit year (signed and longer only beyond 0000-9999), 'T', a time
    // with seconds and 0 to 9 fraction digits, and 'Z'. Offsets, lower case and leap seconds are not accepted.
    private static final Pattern INSTANT_FORM = Pattern.compile(
            "(?:[0-9]{4}|[+-][0-9]{4,10})-[0-9]{2}-[0-9]{2}T(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\\.[0-9]{1,9})?Z");
    private static final Pattern DATE_FORM = Pattern.compile("(?:[0-9]{4}|[+-][0-9]{4,10})-[0-9]{2}-[0-9]{2}");

    private Scalars() {}

    /** The node as an instant in the form {@link Instant#toString()} writes. */
    static Instant instant(Node node) throws ConsentDocumentException {
        String text = node.string(INSTANT);
        if (INSTANT_FORM.matcher(text).matches()) {
            try {
                return Instant.parse(text);
            } catch (DateTimeException e) {
                throw node.fail("malformed instant " + node.quoted() + ": " + e.getMessage(), INSTANT, e);
            }
        }
        throw node.fail("malformed instant " + node.quoted(), INSTANT);
    }

    /** The node as a calendar date in the form {@link LocalDate#toString()} writes. */
    static LocalDate date(Node node) throws ConsentDocumentException {
        String text = node.string(DATE);
        if (DATE_FORM.matcher(text).matches()) {
            try {
                return LocalDate.parse(text);
            } catch (DateTimeException e) {
                throw node.fail("malformed date " + node.quoted() + ": " + e.getMessage(), DATE, e);
            }
        }
        throw node.fail("malformed date " + node.quoted(), DATE);
    }

    /** The node as a data category key. */
    static DataCategory category(Node node) throws ConsentDocumentException {
        String key = node.string(CATEGORY);
        try {
            return DataCategory.of(key);
        } catch (IllegalArgumentException e) {
            throw node.fail(problem(e), CATEGORY, e);
        }
    }

    /** The node as a purpose key. */
    static Purpose purpose(Node node) throws ConsentDocumentException {
        String key = node.string(PURPOSE);
        try {
            return Purpose.of(key);
        } catch (IllegalArgumentException e) {
            throw node.fail(problem(e), PURPOSE, e);
        }
    }

    /**
     * The node as a jurisdiction code in its normal, upper-case form: a document reads the way the
     * core writes it, so {@code de} is rejected although the core would accept it.
     */
    static Jurisdiction jurisdiction(Node node) throws ConsentDocumentException {
        String code = node.string(JURISDICTION);
        Jurisdiction jurisdiction;
        try {
            jurisdiction = Jurisdiction.of(code);
        } catch (IllegalArgumentException e) {
            throw node.fail(problem(e), JURISDICTION, e);
        }
        if (!jurisdiction.code().equals(code)) {
            throw node.fail("jurisdiction code " + node.quoted() + " is not in its normal form",
                    "\"" + jurisdiction.code() + "\"");
        }
        return jurisdiction;
    }

    /** The node as an identifier: a string the core then checks is not blank. */
    static String id(Node node) throws ConsentDocumentException {
        return node.string(ID);
    }

    /**
     * The core's explanation of a rejected key or code, which names the value and what is wrong with
     * it, without the core's own "expected" clause: the document's message adds the expectation in
     * document terms.
     */
    private static String problem(IllegalArgumentException e) {
        String message = String.valueOf(e.getMessage());
        int cut = message.length();
        for (String clause : new String[] {"; expected", ": expected"}) {
            int at = message.indexOf(clause);
            if (at >= 0 && at < cut) {
                cut = at;
            }
        }
        return message.substring(0, cut);
    }
}
