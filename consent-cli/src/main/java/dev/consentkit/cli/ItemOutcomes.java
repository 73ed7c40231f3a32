package dev.consentkit.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.consentkit.Decision;
import dev.consentkit.Reason;
import dev.consentkit.jackson.NdjsonWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * What {@code consent evaluate} made of one batch of item lines: the NDJSON records to write, in the
 * order of the lines, and the counts for the summary. Records are a compact
 * {@code {"itemId":…,"memberId":…,"trainable":…,"reason":…}}, or with {@code --explain} the decision
 * document without its {@code format} field, or for a line that could not be decided an error record
 * {@code {"line":…,"itemId":…,"memberId":…,"error":…}}. The same field names name the item and the
 * member in all three.
 *
 * <p>Made on a worker thread, then handed, whole, to the thread that writes the output: a batch's
 * records are written in one piece, so output stops only between records.
 */
final class ItemOutcomes {

    private static final JsonFactory JSON = JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();
    private static final SerializedString ITEM_ID = new SerializedString("itemId");
    private static final SerializedString MEMBER_ID = new SerializedString("memberId");
    private static final SerializedString TRAINABLE = new SerializedString("trainable");
    private static final SerializedString REASON = new SerializedString("reason");
    private static final SerializedString[] REASONS = Arrays.stream(Reason.values()).map(Reason::name)
            .map(SerializedString::new).toArray(SerializedString[]::new);

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
    private final JsonGenerator records;
    private final @Nullable NdjsonWriter<Decision> decisions;
    private final RunTally tally = new RunTally();
    private long recordCount;

    ItemOutcomes(boolean explain) {
        try {
            records = JSON.createGenerator(bytes, JsonEncoding.UTF8);
            records.setRootValueSeparator(null);
            decisions = explain ? NdjsonWriter.decisions(bytes) : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Counts a decision for the summary, and writes it when {@code written}. */
    void decided(Reason reason, boolean written, @Nullable Decision decision, String itemId, String memberId) {
        tally.decided(reason);
        if (!written) {
            return;
        }
        try {
            recordCount++;
            if (decisions != null && decision != null) {
                decisions.write(decision);
                return;
            }
            records.writeStartObject();
            records.writeFieldName(ITEM_ID);
            records.writeString(itemId);
            records.writeFieldName(MEMBER_ID);
            records.writeString(memberId);
            records.writeFieldName(TRAINABLE);
            records.writeBoolean(reason.isTrainable());
            records.writeFieldName(REASON);
            records.writeString(REASONS[reason.ordinal()]);
            records.writeEndObject();
            records.writeRaw('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes an error record for stream line {@code line}, naming item and member when they are known. */
    void error(long line, @Nullable String itemId, @Nullable String memberId, String message) {
        tally.error(line);
        recordCount++;
        try {
            if (decisions != null) {
                // The decision writer buffers on its own: what it holds comes first.
                decisions.flush();
            }
            records.writeStartObject();
            records.writeNumberField("line", line);
            if (itemId != null) {
                records.writeStringField("itemId", itemId);
            }
            if (memberId != null) {
                records.writeStringField("memberId", memberId);
            }
            records.writeStringField("error", message);
            records.writeEndObject();
            records.writeRaw('\n');
            records.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Ends the batch: the records' bytes, in order. */
    byte[] finish() {
        try {
            records.flush();
            if (decisions != null) {
                decisions.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** How many records the batch writes: its error records and the decisions {@code --only} keeps. */
    long recordCount() {
        return recordCount;
    }

    /** The batch's counts. */
    RunTally tally() {
        return tally;
    }
}
