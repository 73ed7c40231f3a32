package dev.consentkit.jackson;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The four kinds of ConsentKit document and their {@code format} field, such as
 * {@code "format": "consentkit.policy/v1"}.
 *
 * <p>This library writes major version 1 and reads {@code v1} and any minor version {@code v1.N}: a
 * minor version adds nothing that changes what the fields known here mean. Fields this version does
 * not know are still rejected, so a newer document that relies on them fails loudly instead of being
 * half read. Any other major version is rejected.
 */
enum DocumentFormat {
    POLICY("consentkit.policy"),
    MEMBER("consentkit.member"),
    ITEM("consentkit.item"),
    DECISION("consentkit.decision");

    static final String FIELD = "format";
    static final int MAJOR_VERSION = 1;

    private static final Pattern FORMAT = Pattern.compile("([a-z]+(?:\\.[a-z]+)*)/v(0|[1-9][0-9]{0,8})(?:\\.(0|[1-9][0-9]{0,8}))?");

    private final String name;

    DocumentFormat(String name) {
        this.name = name;
    }

    /** The value this library writes, such as {@code consentkit.policy/v1}. */
    String current() {
        return name + "/v" + MAJOR_VERSION;
    }

    private String expected() {
        return "\"" + current() + "\" or a minor version of it such as \"" + current() + ".1\"";
    }

    /**
     * Checks the document's {@code format} field, before anything else in the document is looked at.
     *
     * @param required whether the field must be present: in a single document it must, in a line of
     *     a newline-delimited stream it may be left out
     * @throws ConsentDocumentException if the document is not an object, or the format is missing
     *     when required, malformed, of another kind of document or of another major version
     */
    void check(Node document, boolean required) throws ConsentDocumentException {
        if (document.type != Node.Type.OBJECT) {
            throw document.wrongType("a " + current() + " document, a JSON object");
        }
        Node format = document.field(FIELD);
        if (format == null) {
            if (required) {
                throw document.missing(FIELD, expected());
            }
            return;
        }
        String value = format.string(expected());
        Matcher m = FORMAT.matcher(value);
        if (!m.matches()) {
            throw format.fail("malformed document format " + format.quoted(), expected());
        }
        if (!m.group(1).equals(name)) {
            throw format.fail("this is a " + m.group(1) + " document, not a " + name + " document", expected());
        }
        if (Integer.parseInt(m.group(2)) != MAJOR_VERSION) {
            throw format.fail("unsupported major version " + m.group(2) + " of " + name + "; this library reads major version "
                    + MAJOR_VERSION + " only", expected());
        }
    }
}
