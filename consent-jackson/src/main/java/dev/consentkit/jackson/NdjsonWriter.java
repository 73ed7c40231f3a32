package dev.consentkit.jackson;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.consentkit.ContentItem;
import dev.consentkit.Decision;
import dev.consentkit.Member;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Writes members, content items or decisions as newline-delimited JSON, one compact object per line,
 * each line ending with {@code \n}: the form {@link NdjsonReader} reads.
 *
 * <p>Each line has the fields of the single document ({@link ConsentDocuments}) except
 * {@code format}, which a stream's lines may leave out: what a stream holds is known from where it is
 * read, and ten million copies of it would only cost space. Output is buffered; {@link #flush()}
 * pushes it out and {@link #close()} flushes and closes the underlying stream. A writer is not
 * thread-safe, and is not usable after an {@link IOException}.
 *
 * @param <T> what each line holds: {@link Member}, {@link ContentItem} or {@link Decision}
 */
public final class NdjsonWriter<T> implements Closeable, Flushable {

    private final JsonGenerator json;
    private final ValueWriter<T> writer;

    private NdjsonWriter(JsonGenerator json, ValueWriter<T> writer) {
        this.json = json;
        this.writer = writer;
        json.enable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        // Lines are separated by the newline written after each value, not by Jackson's root separator.
        json.setRootValueSeparator(null);
    }

    private static <T> NdjsonWriter<T> to(Writer out, ValueWriter<T> writer) throws IOException {
        return new NdjsonWriter<>(JsonIo.FACTORY.createGenerator(Objects.requireNonNull(out, "out")), writer);
    }

    private static <T> NdjsonWriter<T> to(OutputStream out, ValueWriter<T> writer) throws IOException {
        return new NdjsonWriter<>(JsonIo.FACTORY.createGenerator(Objects.requireNonNull(out, "out"), JsonEncoding.UTF8),
                writer);
    }

    /**
     * Writes members, one per line.
     *
     * @param out where the characters go; left open
     * @return a writer of members, one per line; close it to flush and close the output
     * @throws IOException if the output cannot be prepared
     */
    public static NdjsonWriter<Member> members(Writer out) throws IOException {
        return to(out, (member, json) -> MemberJson.write(member, json, false));
    }

    /**
     * Writes members, one per line, in UTF-8.
     *
     * @param out where the UTF-8 bytes go; left open
     * @return a writer of members, one per line; close it to flush and close the output
     * @throws IOException if the output cannot be prepared
     */
    public static NdjsonWriter<Member> members(OutputStream out) throws IOException {
        return to(out, (member, json) -> MemberJson.write(member, json, false));
    }

    /**
     * Writes members, one per line, to a UTF-8 file, replacing it.
     *
     * @param file the file to write; created, or replaced if it exists
     * @return a writer of members, one per line; close it to flush and close the output
     * @throws IOException if the file cannot be opened
     */
    public static NdjsonWriter<Member> members(Path file) throws IOException {
        return members(Files.newOutputStream(file));
    }

    /**
     * Writes content items, one per line.
     *
     * @param out where the characters go; left open
     * @return a writer of content items, one per line; close it to flush and close the output
     * @throws IOException if the output cannot be prepared
     */
    public static NdjsonWriter<ContentItem> items(Writer out) throws IOException {
        return to(out, (item, json) -> ItemJson.write(item, json, false));
    }

    /**
     * Writes content items, one per line, in UTF-8.
     *
     * @param out where the UTF-8 bytes go; left open
     * @return a writer of content items, one per line; close it to flush and close the output
     * @throws IOException if the output cannot be prepared
     */
    public static NdjsonWriter<ContentItem> items(OutputStream out) throws IOException {
        return to(out, (item, json) -> ItemJson.write(item, json, false));
    }

    /**
     * Writes content items, one per line, to a UTF-8 file, replacing it.
     *
     * @param file the file to write; created, or replaced if it exists
     * @return a writer of content items, one per line; close it to flush and close the output
     * @throws IOException if the file cannot be opened
     */
    public static NdjsonWriter<ContentItem> items(Path file) throws IOException {
        return items(Files.newOutputStream(file));
    }

    /**
     * Writes decisions, one per line, as an audit trail keeps them.
     *
     * @param out where the characters go; left open
     * @return a writer of decisions, one per line; close it to flush and close the output
     * @throws IOException if the output cannot be prepared
     */
    public static NdjsonWriter<Decision> decisions(Writer out) throws IOException {
        return to(out, (decision, json) -> DecisionJson.write(decision, json, false));
    }

    /**
     * Writes decisions, one per line, in UTF-8.
     *
     * @param out where the UTF-8 bytes go; left open
     * @return a writer of decisions, one per line; close it to flush and close the output
     * @throws IOException if the output cannot be prepared
     */
    public static NdjsonWriter<Decision> decisions(OutputStream out) throws IOException {
        return to(out, (decision, json) -> DecisionJson.write(decision, json, false));
    }

    /**
     * Writes decisions, one per line, to a UTF-8 file, replacing it.
     *
     * @param file the file to write; created, or replaced if it exists
     * @return a writer of decisions, one per line; close it to flush and close the output
     * @throws IOException if the file cannot be opened
     */
    public static NdjsonWriter<Decision> decisions(Path file) throws IOException {
        return decisions(Files.newOutputStream(file));
    }

    /**
     * Writes one value as one line.
     *
     * @param value the member, item or decision to write
     * @throws NullPointerException if {@code value} is null
     * @throws IOException if writing fails
     */
    public void write(T value) throws IOException {
        writer.write(Objects.requireNonNull(value, "value"), json);
        json.writeRaw('\n');
    }

    /** Pushes the lines written so far to the underlying stream. */
    @Override
    public void flush() throws IOException {
        json.flush();
    }

    /** Flushes and closes the underlying stream. */
    @Override
    public void close() throws IOException {
        json.close();
    }
}
