package dev.consentkit.jackson;

import dev.consentkit.ContentItem;
import dev.consentkit.Decision;
import dev.consentkit.Member;
import dev.consentkit.TrainingPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One JSON value of a document read as strictly as {@link ConsentDocuments} reads its own, knowing
 * where it was written: its field path from the document's root and its line and column. It is how a
 * format of your own embeds ConsentKit documents (the test kit's policy suites do): read your
 * document with {@link #read(Path)}, walk it with {@link #object(List)}, {@link #required},
 * {@link #optional} and {@link #array}, bind the embedded parts with {@link #toPolicy()},
 * {@link #toMember()}, {@link #toItem()} and {@link #toDecision()}, and report your own problems
 * with {@link #fail(String, String)}. Every problem, yours or a part's, is then a
 * {@link ConsentDocumentException} located in your document:
 *
 * <pre>{@code
 * DocumentNode root = DocumentNode.read(file).object(List.of("format", "members"));
 * for (DocumentNode m : root.required("members", "an array of members").array("an array of members")) {
 *     Member member = m.toMember();   // a problem reads "$.members[3].consent[0].recordedAt at line 41, ..."
 * }
 * }</pre>
 *
 * <p>Reading checks what every ConsentKit document gets: well-formed JSON (RFC 8259) in UTF-8, one
 * value and nothing after it, no duplicate key anywhere, and the limits of {@link ConsentDocuments}
 * ({@code MAX_...}); one byte order mark at the very start of the input is skipped, as there. Binding an embedded part is as strict as reading the document itself, except
 * that its {@code format} field may be left out, as in a line of a newline-delimited stream; when it
 * is present it is checked. Instances are immutable and thread-safe.
 */
public final class DocumentNode {

    private final Node node;

    private DocumentNode(Node node) {
        this.node = node;
    }

    /**
     * Reads a JSON document whole.
     *
     * @param json the document's JSON text
     * @return the document's root value
     * @throws ConsentDocumentException if it is not well-formed JSON, repeats a key or breaks a limit
     */
    public static DocumentNode read(String json) throws ConsentDocumentException {
        return JsonIo.read(Objects.requireNonNull(json, "json"), DocumentNode::new);
    }

    /**
     * Reads a JSON document whole from characters; {@code json} is left open.
     *
     * @param json the document's characters; left open
     * @return the document's root value
     * @throws ConsentDocumentException if it is not well-formed JSON, repeats a key or breaks a limit
     * @throws IOException if reading fails
     */
    public static DocumentNode read(Reader json) throws IOException {
        return JsonIo.read(Objects.requireNonNull(json, "json"), DocumentNode::new);
    }

    /**
     * Reads a JSON document whole from UTF-8 bytes; {@code json} is left open.
     *
     * @param json the document's UTF-8 bytes; left open
     * @return the document's root value
     * @throws ConsentDocumentException if it is not well-formed UTF-8 JSON, repeats a key or breaks a limit
     * @throws IOException if reading fails
     */
    public static DocumentNode read(InputStream json) throws IOException {
        return JsonIo.read(Objects.requireNonNull(json, "json"), DocumentNode::new);
    }

    /**
     * Reads a JSON document whole from a UTF-8 file.
     *
     * @param file the file to read
     * @return the document's root value
     * @throws ConsentDocumentException if it is not well-formed UTF-8 JSON, repeats a key or breaks a limit
     * @throws IOException if the file cannot be read
     */
    public static DocumentNode read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        }
    }

    // ---------------------------------------------------------------- where

    /** {@return where the value is, as a JSONPath from the document's root: {@code $}, {@code $.cases[2].asOf}} */
    public String fieldPath() {
        return node.path();
    }

    /** {@return the 1-based line of the value's first character} */
    public long line() {
        return node.line;
    }

    /** {@return the 1-based column of the value's first character} */
    public int column() {
        return node.column;
    }

    /** {@return whether the value is a JSON object} */
    public boolean isObject() {
        return node.type == Node.Type.OBJECT;
    }

    /** {@return whether the value is a JSON string} */
    public boolean isString() {
        return node.type == Node.Type.STRING;
    }

    // ---------------------------------------------------------------- walking

    /**
     * This value as an object that may hold only the given fields; returns itself.
     *
     * @param knownFields the names of the fields the object may hold
     * @return this value
     * @throws ConsentDocumentException if it is not an object, or has a field not in {@code knownFields};
     *     the message lists the known fields
     */
    public DocumentNode object(List<String> knownFields) throws ConsentDocumentException {
        node.object(List.copyOf(Objects.requireNonNull(knownFields, "knownFields")));
        return this;
    }

    /**
     * A field of this object that must be present and not {@code null}.
     *
     * @param field the field's name
     * @param expected what the field should hold, for the message, such as "an array of cases"
     * @return the field's value
     * @throws ConsentDocumentException if the field is missing or {@code null}
     * @throws IllegalStateException if this value is not an object; check it with {@link #object(List)} first
     */
    public DocumentNode required(String field, String expected) throws ConsentDocumentException {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(expected, "expected");
        return new DocumentNode(objectNode().required(field, expected));
    }

    /**
     * A field of this object that may be left out; empty when it is absent or {@code null}.
     *
     * @param field the field's name
     * @return the field's value, or empty when it is absent or {@code null}
     * @throws IllegalStateException if this value is not an object; check it with {@link #object(List)} first
     */
    public Optional<DocumentNode> optional(String field) {
        Objects.requireNonNull(field, "field");
        return Optional.ofNullable(objectNode().optional(field)).map(DocumentNode::new);
    }

    /**
     * This value's elements.
     *
     * @param expected what the array should be, for the message
     * @return the array's elements, in order
     * @throws ConsentDocumentException if it is not an array
     */
    public List<DocumentNode> array(String expected) throws ConsentDocumentException {
        List<DocumentNode> elements = new ArrayList<>();
        for (Node element : node.array(Objects.requireNonNull(expected, "expected"))) {
            elements.add(new DocumentNode(element));
        }
        return List.copyOf(elements);
    }

    /**
     * This value as a string.
     *
     * @param expected what the string should be, for the message
     * @return the string
     * @throws ConsentDocumentException if it is not a string
     */
    public String string(String expected) throws ConsentDocumentException {
        return node.string(Objects.requireNonNull(expected, "expected"));
    }

    /**
     * This value as {@code true} or {@code false}.
     *
     * @param expected what the value should be, for the message
     * @return the boolean
     * @throws ConsentDocumentException if it is not a boolean
     */
    public boolean bool(String expected) throws ConsentDocumentException {
        return node.bool(Objects.requireNonNull(expected, "expected"));
    }

    /**
     * This value as an instant, in the one form every ConsentKit document uses: ISO-8601 UTC as
     * {@link Instant#toString()} writes it, such as {@code 2025-11-03T00:00:00Z}.
     *
     * @return the instant
     * @throws ConsentDocumentException if it is not a string in that form
     */
    public Instant instant() throws ConsentDocumentException {
        return Scalars.instant(node);
    }

    /**
     * This value as the constant of {@code type} with exactly this name.
     *
     * @param <E> the enum type the value names a constant of
     * @param type the enum type, such as {@code Reason.class}
     * @param what what the constant is, for the message, such as "reason"
     * @return the constant this value names
     * @throws ConsentDocumentException if it is not a string naming a constant; the message lists them
     */
    public <E extends Enum<E>> E enumValue(Class<E> type, String what) throws ConsentDocumentException {
        return node.enumValue(Objects.requireNonNull(type, "type"), Objects.requireNonNull(what, "what"));
    }

    // ---------------------------------------------------------------- embedded documents

    /**
     * This value as a policy, as strictly as {@link ConsentDocuments#readPolicy(String)}; its
     * {@code format} may be left out.
     *
     * @return the policy this value describes
     * @throws ConsentDocumentException if it is not a valid policy; the path and location are in this document
     */
    public TrainingPolicy toPolicy() throws ConsentDocumentException {
        return PolicyJson.read(node, false);
    }

    /**
     * This value as a member with their jurisdictions and consent history, as strictly as
     * {@link ConsentDocuments#readMember(String)}; its {@code format} may be left out.
     *
     * @return the member this value describes
     * @throws ConsentDocumentException if it is not a valid member; the path and location are in this document
     */
    public Member toMember() throws ConsentDocumentException {
        return toMember(ReadOptions.defaults());
    }

    /**
     * This value as a member, read with the given options, such as a clock-skew tolerance of your own
     * ({@link ReadOptions#withClockSkewTolerance}); otherwise as {@link #toMember()}.
     *
     * @param options how to read consent events, such as the clock-skew tolerance
     * @return the member this value describes
     * @throws ConsentDocumentException if it is not a valid member; the path and location are in this document
     */
    public Member toMember(ReadOptions options) throws ConsentDocumentException {
        Objects.requireNonNull(options, "options");
        return MemberJson.read(node, false, options);
    }

    /**
     * This value as a content item, as strictly as {@link ConsentDocuments#readItem(String)}; its
     * {@code format} may be left out.
     *
     * @return the content item this value describes
     * @throws ConsentDocumentException if it is not a valid item; the path and location are in this document
     */
    public ContentItem toItem() throws ConsentDocumentException {
        return ItemJson.read(node, false);
    }

    /**
     * This value as a decision, as strictly as {@link ConsentDocuments#readDecision(String)}; its
     * {@code format} may be left out.
     *
     * @return the decision this value describes
     * @throws ConsentDocumentException if it is not a valid decision; the path and location are in this document
     */
    public Decision toDecision() throws ConsentDocumentException {
        return DecisionJson.read(node, false);
    }

    // ---------------------------------------------------------------- problems

    /**
     * A problem with this value that the format embedding it finds, such as a reference to an id
     * nothing defines, located and worded as every other problem: the value's path, the value as
     * written (a string without its quotes, {@code {…}} for an object), its line and column.
     *
     * @param problem what is wrong, such as {@code unknown member id "m-9"}
     * @param expected what should be there, such as "the id of a member of the suite"
     * @return the exception, for the caller to throw
     */
    public ConsentDocumentException fail(String problem, String expected) {
        return node.fail(Objects.requireNonNull(problem, "problem"), Objects.requireNonNull(expected, "expected"));
    }

    /**
     * As {@link #fail(String, String)}, with the exception that caused the problem, such as the failure to
     * read a file the value names.
     *
     * @param problem what is wrong, such as {@code cannot read policy.json}
     * @param expected what should be there, such as "the path of a policy file"
     * @param cause the exception that caused the problem
     * @return the exception, for the caller to throw
     */
    public ConsentDocumentException fail(String problem, String expected, Throwable cause) {
        return node.fail(Objects.requireNonNull(problem, "problem"), Objects.requireNonNull(expected, "expected"),
                Objects.requireNonNull(cause, "cause"));
    }

    private Node objectNode() {
        if (node.type != Node.Type.OBJECT) {
            throw new IllegalStateException(node.path() + " is " + node.type.article + ", not an object");
        }
        return node;
    }

    /** The path and location, such as {@code $.cases[2].asOf at line 40, column 16}. */
    @Override
    public String toString() {
        return node.path() + " at line " + node.line + ", column " + node.column;
    }
}
