package dev.consentkit.jackson;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.jsontype.TypeDeserializer;
import java.io.IOException;
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
 * version adds nothing that changes what the fields known here mean. The minor versions that added
 * {@code "$schema"}, the address of a document's JSON Schema for editors ({@code consentkit.policy/v1.2},
 * {@code member/v1.2}, {@code item/v1.2}, {@code decision/v2.2}), are never written: this library
 * reads the key in any minor version and does not write it. Fields this version does not
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

    /** What a document of this kind declares, for a message. */
    String expected() {
        return "\"" + current() + "\" or a minor version of it such as \"" + current() + ".1\"";
    }

    /**
     * Checks a document's {@code format}, the parser on its value.
     *
     * @return the major version the document declares
     * @throws ConsentDocumentException if the format is not a string, is malformed, of another kind of
     *     document or of a major version not read
     */
    int check(JsonParser parser, DeserializationContext context) throws IOException {
        String value = Scalars.text(parser, context, expected());
        Matcher m = FORMAT.matcher(value);
        if (!m.matches()) {
            throw Scalars.fail(parser, context, "malformed document format \"" + ConsentDocumentException.shorten(value)
                    + "\"", expected(), null);
        }
        if (!m.group(1).equals(name)) {
            throw Scalars.fail(parser, context, "this is a " + m.group(1) + " document, not a " + name + " document",
                    expected(), null);
        }
        int declared = Integer.parseInt(m.group(2));
        if (declared < oldestMajor || declared > major) {
            throw Scalars.fail(parser, context, "unsupported major version " + m.group(2) + " of " + name
                    + "; this library reads major " + (oldestMajor == major ? "version " + major + " only"
                            : "versions " + oldestMajor + " to " + major), expected(), null);
        }
        return declared;
    }

    /**
     * After a document failed to read, looks for its {@code format} in the rest of its object and
     * reports a wrong one instead: a document of another kind or version is reported as such, whatever
     * the order of its fields. A format already read was checked when it was met; text that is not
     * JSON ends the search.
     *
     * @param depth the nesting depth of the document's object
     * @throws ConsentDocumentException if the format found is wrong
     */
    void checkAhead(JsonParser parser, DeserializationContext context, int depth) throws ConsentDocumentException {
        try {
            for (JsonToken t = parser.currentToken(); t != null; t = parser.nextToken()) {
                int at = parser.getParsingContext().getNestingDepth();
                if (at < depth) {
                    return;
                }
                if (t == JsonToken.FIELD_NAME && at == depth && FIELD.equals(parser.currentName())) {
                    parser.nextToken();
                    check(parser, context);
                    return;
                }
            }
        } catch (ConsentDocumentException e) {
            throw e;
        } catch (IOException notJson) {
            // The failure already reported comes first.
        }
    }

    /** Reads a document's {@code format} as the major version it declares, checked when met. */
    abstract static class Check extends StdDeserializer<Integer> {

        private static final long serialVersionUID = 1L;

        private final DocumentFormat kind;

        Check(DocumentFormat kind) {
            super(Integer.class);
            this.kind = kind;
        }

        @Override
        public Integer deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            return kind.check(parser, context);
        }

        /** A document's format carries no type id, whatever the mapper's default typing. */
        @Override
        public Object deserializeWithType(JsonParser parser, DeserializationContext context, TypeDeserializer types)
                throws IOException {
            return deserialize(parser, context);
        }
    }

    /** The {@code format} of a policy. */
    static final class OfPolicy extends Check {
        private static final long serialVersionUID = 1L;

        OfPolicy() {
            super(POLICY);
        }
    }

    /** The {@code format} of a member. */
    static final class OfMember extends Check {
        private static final long serialVersionUID = 1L;

        OfMember() {
            super(MEMBER);
        }
    }

    /** The {@code format} of an item. */
    static final class OfItem extends Check {
        private static final long serialVersionUID = 1L;

        OfItem() {
            super(ITEM);
        }
    }

    /** The {@code format} of a decision. */
    static final class OfDecision extends Check {
        private static final long serialVersionUID = 1L;

        OfDecision() {
            super(DECISION);
        }
    }
}
