package dev.consentkit.jackson;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.consentkit.ContentItem;
import dev.consentkit.Decision;
import dev.consentkit.Member;
import dev.consentkit.TrainingPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * Reads and writes the four ConsentKit documents: a {@link TrainingPolicy}
 * ({@code consentkit.policy/v1.1}), a {@link Member} with their consent history
 * ({@code consentkit.member/v1}, {@code v1.1} with {@code closures}), a {@link ContentItem}
 * ({@code consentkit.item/v1}, {@code v1.1} with {@code resumedAt}) and a {@link Decision}
 * ({@code consentkit.decision/v2}, {@code v2.1} when it uses what that added; {@code v1} is read too).
 *
 * <p>Reading is strict, because a typo in a policy must never silently widen what is trained on. A
 * document must carry its {@code format}, of major version 1 (minor versions {@code v1.N} are
 * accepted); unknown fields, duplicate keys, unknown enum names, malformed instants and dates,
 * invalid category or purpose keys, unknown or non-normalised jurisdiction codes, policy versions or
 * residences out of order, values of the wrong JSON type and anything the core rejects fail with a
 * {@link ConsentDocumentException} that names the field path, the bad value, the line and column and
 * what was expected. Nothing else is thrown for a bad document; an {@link IOException} that is not a
 * {@code ConsentDocumentException} means the input itself failed.
 *
 * <p>The JSON forms: instants are ISO-8601 UTC strings as {@link java.time.Instant#toString()} writes
 * them ({@code 2025-11-03T00:00:00Z}), birth dates ISO dates ({@code 1990-04-01}), field names are
 * the core's accessor names, enum values the core's names ({@code LEGITIMATE_INTERESTS}), categories,
 * purposes and jurisdictions their keys and codes ({@code content.public}, {@code US-CA}). Optional
 * values ({@code deletedAt}, {@code closedAt}, {@code closures}, {@code birthDate}, {@code knownAt},
 * {@code itemsCreatedFrom}, a residence's {@code from}, a closure's {@code reopenedAt}, a decision's
 * {@code policyVersion}) are left out when absent and read as absent when missing or {@code null}; lists are always written, possibly
 * empty, and are required. A version excluded by default is written {@code "excludedByDefault": true},
 * never with a {@code null} basis. A member closed at most once and not reopened is written with
 * {@code closedAt} as a {@code consentkit.member/v1} document; one whose account was reopened, or
 * closed more than once, with {@code closures} as {@code consentkit.member/v1.1}. Each document has a JSON Schema (draft 2020-12) in this jar, at
 * {@code dev/consentkit/jackson/schema/policy-v1.schema.json}, {@code member-v1.schema.json},
 * {@code item-v1.schema.json} and {@code decision-v1.schema.json}.
 *
 * <p>Consent events stamped by services whose clocks drift are read with a clock-skew tolerance,
 * five seconds unless {@link ReadOptions} say otherwise: an event recorded at most that long before
 * it takes effect counts from when it was recorded and is written back as its document stated it.
 *
 * <p>Input is read as one JSON value with the limits below (Jackson's {@link StreamReadConstraints});
 * bytes must be UTF-8. One byte order mark (U+FEFF; in UTF-8 the bytes EF BB BF) at the very start
 * of the input is skipped, the same for a {@code String}, a {@code Reader}, bytes and a file; any other
 * U+FEFF, a second one right after it included, is content, which outside a JSON string is not JSON
 * and is reported at its line and column. Single documents are written in a
 * readable, indented form ending with a newline. Readers and streams passed in are read to their end
 * (a document is the whole input) and left open; files are opened and closed here. Every method is
 * thread-safe.
 */
public final class ConsentDocuments {

    /**
     * The longest document read, in characters (in bytes for byte input): 16 MiB. The same limit holds
     * for each line of a newline-delimited stream.
     */
    public static final long MAX_DOCUMENT_LENGTH = 16L * 1024 * 1024;
    /**
     * The longest line of a newline-delimited stream that is skipped, in characters (in bytes for byte
     * input): 64 MiB, four times {@link #MAX_DOCUMENT_LENGTH}. A line longer than
     * {@code MAX_DOCUMENT_LENGTH} is reported as soon as it passes that length and skipped to its end,
     * and reading goes on with the next line; a line that goes on past this length, as input that is
     * not newline-delimited does ({@code /dev/zero}, a binary file), stops the reading with a
     * {@link ConsentDocumentException} naming the line and this bound, so that a stream that never ends a
     * line is never read forever.
     */
    public static final long MAX_SKIPPED_LINE_LENGTH = 4 * MAX_DOCUMENT_LENGTH;
    /** The deepest nesting of objects and arrays read: 32, several times what any document needs. */
    public static final int MAX_NESTING_DEPTH = 32;
    /** The longest string value read, in characters: 64 KiB. */
    public static final int MAX_STRING_LENGTH = 64 * 1024;
    /** The longest field name read, in characters: 256. */
    public static final int MAX_NAME_LENGTH = 256;
    /** The longest number read, in characters: 100. */
    public static final int MAX_NUMBER_LENGTH = 100;

    private ConsentDocuments() {}

    /**
     * {@return the limits above as Jackson stream read constraints, to give an {@code ObjectMapper} of your own
     * that reads ConsentKit documents from untrusted sources:
     * {@code JsonFactory.builder().streamReadConstraints(ConsentDocuments.streamReadConstraints())}}
     */
    public static StreamReadConstraints streamReadConstraints() {
        return JsonIo.CONSTRAINTS;
    }

    // ---------------------------------------------------------------- policies

    /**
     * Reads a policy document.
     *
     * @param json the document's JSON text
     * @return the policy the document describes
     * @throws ConsentDocumentException if it is not a valid {@code consentkit.policy/v1.x} document
     */
    public static TrainingPolicy readPolicy(String json) throws ConsentDocumentException {
        return JsonIo.read(json, TrainingPolicy.class, JsonIo.reader(TrainingPolicy.class, ReadOptions.defaults()));
    }

    /**
     * Reads a policy document from characters; {@code json} is left open.
     *
     * @param json the document's characters; left open
     * @return the policy the document describes
     * @throws ConsentDocumentException if it is not a valid {@code consentkit.policy/v1.x} document
     * @throws IOException if reading fails
     */
    public static TrainingPolicy readPolicy(Reader json) throws IOException {
        return JsonIo.read(json, TrainingPolicy.class, JsonIo.reader(TrainingPolicy.class, ReadOptions.defaults()));
    }

    /**
     * Reads a policy document from UTF-8 bytes; {@code json} is left open.
     *
     * @param json the document's UTF-8 bytes; left open
     * @return the policy the document describes
     * @throws ConsentDocumentException if it is not a valid {@code consentkit.policy/v1.x} document
     * @throws IOException if reading fails
     */
    public static TrainingPolicy readPolicy(InputStream json) throws IOException {
        return JsonIo.read(json, TrainingPolicy.class, JsonIo.reader(TrainingPolicy.class, ReadOptions.defaults()));
    }

    /**
     * Reads a policy document from a UTF-8 file, as privacy and legal teams keep them.
     *
     * @param file the file to read
     * @return the policy the document describes
     * @throws ConsentDocumentException if it is not a valid {@code consentkit.policy/v1.x} document
     * @throws IOException if the file cannot be read
     */
    public static TrainingPolicy readPolicy(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return readPolicy(in);
        }
    }

    /**
     * The policy as a {@code consentkit.policy/v1.1} document.
     *
     * @param policy the training policy to write, with all its versions
     * @return the document's JSON text
     */
    public static String writePolicy(TrainingPolicy policy) {
        return toString(policy, PolicyJson::writeDocument);
    }

    /**
     * Writes the policy as a {@code consentkit.policy/v1.1} document; {@code out} is left open.
     *
     * @param policy the training policy to write, with all its versions
     * @param out where the characters go; left open
     * @throws IOException if writing fails
     */
    public static void writePolicy(TrainingPolicy policy, Writer out) throws IOException {
        JsonIo.writePretty(policy, PolicyJson::writeDocument, out);
    }

    /**
     * Writes the policy as a {@code consentkit.policy/v1.1} document in UTF-8; {@code out} is left open.
     *
     * @param policy the training policy to write, with all its versions
     * @param out where the UTF-8 bytes go; left open
     * @throws IOException if writing fails
     */
    public static void writePolicy(TrainingPolicy policy, OutputStream out) throws IOException {
        JsonIo.writePretty(policy, PolicyJson::writeDocument, out);
    }

    /**
     * Writes the policy as a {@code consentkit.policy/v1.1} document to a UTF-8 file, replacing it.
     *
     * @param policy the training policy to write, with all its versions
     * @param file the file to write; created, or replaced if it exists
     * @throws IOException if writing fails
     */
    public static void writePolicy(TrainingPolicy policy, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            writePolicy(policy, out);
        }
    }

    // ---------------------------------------------------------------- members

    /**
     * Reads a member document, with the member's jurisdictions and consent history, with the
     * {@linkplain ReadOptions#defaults() default options}: a consent event recorded up to five seconds
     * before it takes effect counts from when it was recorded.
     *
     * @param json the document's JSON text
     * @return the member the document describes
     * @throws ConsentDocumentException if it is not a valid {@code consentkit.member/v1} document
     */
    public static Member readMember(String json) throws ConsentDocumentException {
        return readMember(json, ReadOptions.defaults());
    }

    /**
     * Reads a member document with the given options, such as a clock-skew tolerance of your own.
     *
     * @param json the document's JSON text
     * @param options how to read consent events, such as the clock-skew tolerance
     * @return the member the document describes
     * @throws ConsentDocumentException if it is not a valid {@code consentkit.member/v1} document, or a
     *     consent event is recorded before it takes effect by more than the clock-skew tolerance
     */
    public static Member readMember(String json, ReadOptions options) throws ConsentDocumentException {
        Objects.requireNonNull(options, "options");
        return JsonIo.read(json, Member.class, JsonIo.reader(Member.class, options));
    }

    /**
     * Reads a member document from characters, with the default options; {@code json} is left open.
     *
     * @param json the document's characters; left open
     * @return the member the document describes
     * @throws ConsentDocumentException if it is not a valid {@code consentkit.member/v1} document
     * @throws IOException if reading fails
     */
    public static Member readMember(Reader json) throws IOException {
        return readMember(json, ReadOptions.defaults());
    }

    /**
     * Reads a member document from characters, with the given options; {@code json} is left open.
     *
     * @param json the document's characters; left open
     * @param options how to read consent events, such as the clock-skew tolerance
     * @return the member the document describes
     * @throws ConsentDocumentException if it is not a valid {@code consentkit.member/v1} document, or a
     *     consent event is recorded before it takes effect by more than the clock-skew tolerance
     * @throws IOException if reading fails
     */
    public static Member readMember(Reader json, ReadOptions options) throws IOException {
        Objects.requireNonNull(options, "options");
        return JsonIo.read(json, Member.class, JsonIo.reader(Member.class, options));
    }

    /**
     * Reads a member document from UTF-8 bytes, with the default options; {@code json} is left open.
     *
     * @param json the document's UTF-8 bytes; left open
     * @return the member the document describes
     * @throws ConsentDocumentException if it is not a valid {@code consentkit.member/v1} document
     * @throws IOException if reading fails
     */
    public static Member readMember(InputStream json) throws IOException {
        return readMember(json, ReadOptions.defaults());
    }

    /**
     * Reads a member document from UTF-8 bytes, with the given options; {@code json} is left open.
     *
     * @param json the document's UTF-8 bytes; left open
     * @param options how to read consent events, such as the clock-skew tolerance
     * @return the member the document describes
     * @throws ConsentDocumentException if it is not a valid {@code consentkit.member/v1} document, or a
     *     consent event is recorded before it takes effect by more than the clock-skew tolerance
     * @throws IOException if reading fails
     */
    public static Member readMember(InputStream json, ReadOptions options) throws IOException {
        Objects.requireNonNull(options, "options");
        return JsonIo.read(json, Member.class, JsonIo.reader(Member.class, options));
    }

    /**
     * Reads a member document from a UTF-8 file, with the default options.
     *
     * @param file the file to read
     * @return the member the document describes
     * @throws ConsentDocumentException if it is not a valid {@code consentkit.member/v1} document
     * @throws IOException if the file cannot be read
     */
    public static Member readMember(Path file) throws IOException {
        return readMember(file, ReadOptions.defaults());
    }

    /**
     * Reads a member document from a UTF-8 file, with the given options.
     *
     * @param file the file to read
     * @param options how to read consent events, such as the clock-skew tolerance
     * @return the member the document describes
     * @throws ConsentDocumentException if it is not a valid {@code consentkit.member/v1} document, or a
     *     consent event is recorded before it takes effect by more than the clock-skew tolerance
     * @throws IOException if the file cannot be read
     */
    public static Member readMember(Path file, ReadOptions options) throws IOException {
        Objects.requireNonNull(options, "options");
        try (InputStream in = Files.newInputStream(file)) {
            return readMember(in, options);
        }
    }

    /**
     * The member as a {@code consentkit.member/v1} document.
     *
     * @param member the member to write, with their jurisdictions, closures and consent history
     * @return the document's JSON text
     */
    public static String writeMember(Member member) {
        return toString(member, MemberJson::writeDocument);
    }

    /**
     * Writes the member as a {@code consentkit.member/v1} document; {@code out} is left open.
     *
     * @param member the member to write, with their jurisdictions, closures and consent history
     * @param out where the characters go; left open
     * @throws IOException if writing fails
     */
    public static void writeMember(Member member, Writer out) throws IOException {
        JsonIo.writePretty(member, MemberJson::writeDocument, out);
    }

    /**
     * Writes the member as a {@code consentkit.member/v1} document in UTF-8; {@code out} is left open.
     *
     * @param member the member to write, with their jurisdictions, closures and consent history
     * @param out where the UTF-8 bytes go; left open
     * @throws IOException if writing fails
     */
    public static void writeMember(Member member, OutputStream out) throws IOException {
        JsonIo.writePretty(member, MemberJson::writeDocument, out);
    }

    /**
     * Writes the member as a {@code consentkit.member/v1} document to a UTF-8 file, replacing it.
     *
     * @param member the member to write, with their jurisdictions, closures and consent history
     * @param file the file to write; created, or replaced if it exists
     * @throws IOException if writing fails
     */
    public static void writeMember(Member member, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            writeMember(member, out);
        }
    }

    // ---------------------------------------------------------------- items

    /**
     * Reads an instant written as every ConsentKit document writes one: an ISO-8601 UTC instant with
     * seconds, up to nine fraction digits and {@code Z}, such as {@code 2025-11-03T00:00:00Z} or
     * {@code 2025-11-03T09:30:15.250Z}. For a tool that reads instants outside a document, such as a
     * column of text in a table, with the documents' strictness: no offset, no lower-case {@code t} or
     * {@code z}, no leap second, no {@code 24:00}.
     *
     * @param text the instant's text
     * @return the instant
     * @throws NullPointerException if {@code text} is null
     * @throws IllegalArgumentException if {@code text} is not such an instant; the message shows it, and
     *     when the text has the form but names no such day or time (such as {@code 2025-02-30T00:00:00Z}),
     *     the cause is the {@link java.time.DateTimeException} that says so
     */
    public static Instant readInstant(String text) {
        return Scalars.INSTANTS.read(Objects.requireNonNull(text, "text"));
    }

    /**
     * Reads a date written as every ConsentKit document writes one (a birth date): ISO-8601, such as
     * {@code 1990-04-01}.
     *
     * @param text the date's text
     * @return the date
     * @throws NullPointerException if {@code text} is null
     * @throws IllegalArgumentException if {@code text} is not such a date, or names no day of the
     *     calendar; the message shows it, and for a day the calendar does not have (such as
     *     {@code 2025-02-30}) the cause is the {@link java.time.DateTimeException} that says so
     */
    public static LocalDate readDate(String text) {
        return Scalars.DATES.read(Objects.requireNonNull(text, "text"));
    }

    /**
     * Reads a content item document.
     *
     * @param json the document's JSON text
     * @return the content item the document describes
     * @throws ConsentDocumentException if it is not a valid {@code consentkit.item/v1} document
     */
    public static ContentItem readItem(String json) throws ConsentDocumentException {
        return JsonIo.read(json, ContentItem.class, JsonIo.reader(ContentItem.class, ReadOptions.defaults()));
    }

    /**
     * Reads a content item document from characters; {@code json} is left open.
     *
     * @param json the document's characters; left open
     * @return the content item the document describes
     * @throws ConsentDocumentException if it is not a valid {@code consentkit.item/v1} document
     * @throws IOException if reading fails
     */
    public static ContentItem readItem(Reader json) throws IOException {
        return JsonIo.read(json, ContentItem.class, JsonIo.reader(ContentItem.class, ReadOptions.defaults()));
    }

    /**
     * Reads a content item document from UTF-8 bytes; {@code json} is left open.
     *
     * @param json the document's UTF-8 bytes; left open
     * @return the content item the document describes
     * @throws ConsentDocumentException if it is not a valid {@code consentkit.item/v1} document
     * @throws IOException if reading fails
     */
    public static ContentItem readItem(InputStream json) throws IOException {
        return JsonIo.read(json, ContentItem.class, JsonIo.reader(ContentItem.class, ReadOptions.defaults()));
    }

    /**
     * Reads a content item document from a UTF-8 file. For many items, use
     * {@link NdjsonReader#items(Path)}.
     *
     * @param file the file to read
     * @return the content item the document describes
     * @throws ConsentDocumentException if it is not a valid {@code consentkit.item/v1} document
     * @throws IOException if the file cannot be read
     */
    public static ContentItem readItem(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return readItem(in);
        }
    }

    /**
     * The item as a {@code consentkit.item/v1} document.
     *
     * @param item the content item to write
     * @return the document's JSON text
     */
    public static String writeItem(ContentItem item) {
        return toString(item, ItemJson::writeDocument);
    }

    /**
     * Writes the item as a {@code consentkit.item/v1} document; {@code out} is left open.
     *
     * @param item the content item to write
     * @param out where the characters go; left open
     * @throws IOException if writing fails
     */
    public static void writeItem(ContentItem item, Writer out) throws IOException {
        JsonIo.writePretty(item, ItemJson::writeDocument, out);
    }

    /**
     * Writes the item as a {@code consentkit.item/v1} document in UTF-8; {@code out} is left open.
     *
     * @param item the content item to write
     * @param out where the UTF-8 bytes go; left open
     * @throws IOException if writing fails
     */
    public static void writeItem(ContentItem item, OutputStream out) throws IOException {
        JsonIo.writePretty(item, ItemJson::writeDocument, out);
    }

    /**
     * Writes the item as a {@code consentkit.item/v1} document to a UTF-8 file, replacing it.
     *
     * @param item the content item to write
     * @param file the file to write; created, or replaced if it exists
     * @throws IOException if writing fails
     */
    public static void writeItem(ContentItem item, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            writeItem(item, out);
        }
    }

    // ---------------------------------------------------------------- decisions

    /**
     * Reads a decision document, as an audit trail keeps it.
     *
     * @param json the document's JSON text
     * @return the decision the document describes
     * @throws ConsentDocumentException if it is not a valid {@code consentkit.decision/v2.x} document,
     *     including one that contradicts itself (a trainable flag that disagrees with the reason)
     */
    public static Decision readDecision(String json) throws ConsentDocumentException {
        return JsonIo.read(json, Decision.class, JsonIo.reader(Decision.class, ReadOptions.defaults()));
    }

    /**
     * Reads a decision document from characters; {@code json} is left open.
     *
     * @param json the document's characters; left open
     * @return the decision the document describes
     * @throws ConsentDocumentException if it is not a valid {@code consentkit.decision/v2.x} document
     * @throws IOException if reading fails
     */
    public static Decision readDecision(Reader json) throws IOException {
        return JsonIo.read(json, Decision.class, JsonIo.reader(Decision.class, ReadOptions.defaults()));
    }

    /**
     * Reads a decision document from UTF-8 bytes; {@code json} is left open.
     *
     * @param json the document's UTF-8 bytes; left open
     * @return the decision the document describes
     * @throws ConsentDocumentException if it is not a valid {@code consentkit.decision/v2.x} document
     * @throws IOException if reading fails
     */
    public static Decision readDecision(InputStream json) throws IOException {
        return JsonIo.read(json, Decision.class, JsonIo.reader(Decision.class, ReadOptions.defaults()));
    }

    /**
     * Reads a decision document from a UTF-8 file.
     *
     * @param file the file to read
     * @return the decision the document describes
     * @throws ConsentDocumentException if it is not a valid {@code consentkit.decision/v2.x} document
     * @throws IOException if the file cannot be read
     */
    public static Decision readDecision(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return readDecision(in);
        }
    }

    /**
     * The decision as a {@code consentkit.decision/v2} (or {@code v2.1}) document.
     *
     * @param decision the decision to write, as an audit trail keeps it
     * @return the document's JSON text
     */
    public static String writeDecision(Decision decision) {
        return toString(decision, DecisionJson::writeDocument);
    }

    /**
     * Writes the decision as a {@code consentkit.decision/v2} (or {@code v2.1}) document; {@code out} is left open.
     *
     * @param decision the decision to write, as an audit trail keeps it
     * @param out where the characters go; left open
     * @throws IOException if writing fails
     */
    public static void writeDecision(Decision decision, Writer out) throws IOException {
        JsonIo.writePretty(decision, DecisionJson::writeDocument, out);
    }

    /**
     * Writes the decision as a {@code consentkit.decision/v2} (or {@code v2.1}) document in UTF-8; {@code out} is left open.
     *
     * @param decision the decision to write, as an audit trail keeps it
     * @param out where the UTF-8 bytes go; left open
     * @throws IOException if writing fails
     */
    public static void writeDecision(Decision decision, OutputStream out) throws IOException {
        JsonIo.writePretty(decision, DecisionJson::writeDocument, out);
    }

    /**
     * Writes the decision as a {@code consentkit.decision/v2} (or {@code v2.1}) document to a UTF-8 file, replacing it.
     *
     * @param decision the decision to write, as an audit trail keeps it
     * @param file the file to write; created, or replaced if it exists
     * @throws IOException if writing fails
     */
    public static void writeDecision(Decision decision, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            writeDecision(decision, out);
        }
    }

    // ---------------------------------------------------------------- formats of your own

    /**
     * Reads a JSON document of a format of your own that embeds ConsentKit documents, such as a policy
     * suite, bound by Jackson to {@code type}, a record or class of yours, as strictly as ConsentKit's
     * own documents: well-formed UTF-8 JSON, one value, no repeated key, the limits of this class, no
     * coercion between JSON types; every problem is a {@link ConsentDocumentException} with its path,
     * line and column in your document. ConsentKit values in it are read as their documents are, except
     * that an embedded document may leave out its {@code format} (when present it is checked). Declare a
     * field {@link Located} to report problems of your own at it, and collect unknown fields with
     * {@link UnknownFields} to refuse them where they are met. The package of {@code type} must be open to
     * {@code com.fasterxml.jackson.databind} on the module path.
     *
     * @param <T> the type of your document
     * @param json the document's JSON text; one byte order mark at its start is skipped
     * @param type the type to bind the document to
     * @return the document
     * @throws ConsentDocumentException if the document cannot be read
     */
    public static <T> T readEmbedding(String json, Class<T> type) throws ConsentDocumentException {
        return readEmbedding(json, type, ReadOptions.defaults());
    }

    /**
     * Reads a JSON document of a format of your own that embeds ConsentKit documents, as
     * {@link #readEmbedding(String, Class)}, with the embedded members' consent events read with
     * {@code options}, such as a clock-skew tolerance of your own.
     *
     * @param <T> the type of your document
     * @param json the document's JSON text; one byte order mark at its start is skipped
     * @param type the type to bind the document to
     * @param options how to read consent events, such as the clock-skew tolerance
     * @return the document
     * @throws ConsentDocumentException if the document cannot be read
     */
    public static <T> T readEmbedding(String json, Class<T> type, ReadOptions options) throws ConsentDocumentException {
        return JsonIo.read(Objects.requireNonNull(json, "json"), type, embedding(type, options));
    }

    /**
     * Reads a UTF-8 file of a format of your own that embeds ConsentKit documents, as
     * {@link #readEmbedding(String, Class)}.
     *
     * @param <T> the type of your document
     * @param file the file to read
     * @param type the type to bind the document to
     * @return the document
     * @throws ConsentDocumentException if the document cannot be read
     * @throws IOException if the file cannot be read
     */
    public static <T> T readEmbedding(Path file, Class<T> type) throws IOException {
        return readEmbedding(file, type, ReadOptions.defaults());
    }

    /**
     * Reads a UTF-8 file of a format of your own that embeds ConsentKit documents, as
     * {@link #readEmbedding(String, Class, ReadOptions)}.
     *
     * @param <T> the type of your document
     * @param file the file to read
     * @param type the type to bind the document to
     * @param options how to read consent events, such as the clock-skew tolerance
     * @return the document
     * @throws ConsentDocumentException if the document cannot be read
     * @throws IOException if the file cannot be read
     */
    public static <T> T readEmbedding(Path file, Class<T> type, ReadOptions options) throws IOException {
        ObjectReader reader = embedding(type, options);
        try (InputStream in = Files.newInputStream(file)) {
            return JsonIo.read(in, type, reader);
        }
    }

    private static ObjectReader embedding(Class<?> type, ReadOptions options) {
        return JsonIo.reader(Objects.requireNonNull(type, "type"), Objects.requireNonNull(options, "options"))
                .withAttribute(FormDeserializer.FORMAT_OPTIONAL, false);
    }

    private static <T> String toString(T value, ValueWriter<T> writer) {
        StringWriter out = new StringWriter();
        try {
            JsonIo.writePretty(value, writer, out);
        } catch (IOException cannotHappenOnAStringWriter) {
            throw new UncheckedIOException(cannotHappenOnAStringWriter);
        }
        return out.toString();
    }
}
