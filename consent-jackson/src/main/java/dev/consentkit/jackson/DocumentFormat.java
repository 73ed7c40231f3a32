package dev.consentkit.jackson;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The four kinds of ConsentKit document and their {@code format} field, such as
 * {@code "format": "consentkit.policy/v1"}.
 *
 * <p>This library writes the current major version of each kind (policies, members and items
 * {@code v1}; decisions {@code v2}), declaring the minor version of the newest fields a document uses
 * (members with {@code closures}, items with {@code resumedAt}: {@code v1.1}; decisions naming
 * {@code ITEM_BEFORE_CHOICE} or a reopened closure: {@code v2.1}; policies always {@code v1.1}, as
 * every version writes its {@code leapDayBirthday} and {@code gpcSignalsObject}), and reads it and any
 * minor version {@code vM.N} of it: a minor
 * version adds nothing that changes what the fields known here mean. Fields this version does not
 * know are still rejected, so a newer document that relies on them fails loudly instead of being half
 * read. Decisions of the previous major version, {@code consentkit.decision/v1}, are still read. Any
 * other major version is rejected.
 */
enum DocumentFormat {
    POLICY("consentkit.policy", 1, 1),
    MEMBER("consentkit.member", 1, 1),
    ITEM("consentkit.item", 1, 1),
    DECISION("consentkit.decision", 2, 1);

    static final String FIELD = "format";

    private static final Pattern FORMAT = Pattern.compile("([a-z]+(?:\\.[a-z]+)*)/v(0|[1-9][0-9]{0,8})(?:\\.(0|[1-9][0-9]{0,8}))?");

    private final String name;
    private final int major;
    private final int oldestMajor;

    DocumentFormat(String name, int major, int oldestMajor) {
        this.name = name;
        this.major = major;
        this.oldestMajor = oldestMajor;
    }

    /** The value this library writes, such as {@code consentkit.policy/v1}. */
    String current() {
        return name + "/v" + major;
    }

    /**
     * The value this library writes for a document that needs minor version {@code minor} of the
     * current major version, such as {@code consentkit.item/v1.1}: a document that uses a field added
     * in a minor version declares it, so that a reader of the plain major version is not handed a
     * field it cannot know. Minor version 0 writes {@link #current()}.
     */
    String current(int minor) {
        return minor == 0 ? current() : current() + "." + minor;
    }

    /** The major version this library writes. */
    int major() {
        return major;
    }

    private String expected() {
        return "\"" + current() + "\" or a minor version of it such as \"" + current() + ".1\"";
    }

    /**
     * Checks the document's {@code format} field, before anything else in the document is looked at.
     *
     * @param required whether the field must be present: in a single document it must, in a line of
     *     a newline-delimited stream it may be left out
     * @return the major version the document declares, or 0 when it declares none
     * @throws ConsentDocumentException if the document is not an object, or the format is missing
     *     when required, malformed, of another kind of document or of a major version not read
     */
    int check(Node document, boolean required) throws ConsentDocumentException {
        if (document.type != Node.Type.OBJECT) {
            throw document.wrongType("a " + current() + " document, a JSON object");
        }
        Node format = document.field(FIELD);
        if (format == null) {
            if (required) {
                throw document.missing(FIELD, expected());
            }
            return 0;
        }
        String value = format.string(expected());
        Matcher m = FORMAT.matcher(value);
        if (!m.matches()) {
            throw format.fail("malformed document format " + format.quoted(), expected());
        }
        if (!m.group(1).equals(name)) {
            throw format.fail("this is a " + m.group(1) + " document, not a " + name + " document", expected());
        }
        int declared = Integer.parseInt(m.group(2));
        if (declared < oldestMajor || declared > major) {
            throw format.fail("unsupported major version " + m.group(2) + " of " + name + "; this library reads major "
                    + (oldestMajor == major ? "version " + major + " only" : "versions " + oldestMajor + " to " + major),
                    expected());
        }
        return declared;
    }
}
