package dev.consentkit.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import dev.consentkit.Decision;
import dev.consentkit.jackson.NdjsonWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The NDJSON stream {@code consent evaluate} writes: one line per item, a compact record, a full
 * decision document, or an error record. Closing it flushes the output and leaves it open. A failed
 * write ends the run with a {@link CliException}, so it is never mistaken for unreadable input.
 */
final class DecisionStream implements Closeable {

    private static final JsonFactory JSON = JsonFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();

    private final JsonGenerator records;
    private final NdjsonWriter<Decision> decisions;
    private boolean decisionsPending;

    DecisionStream(OutputStream out, boolean explain) {
        OutputStream shared = new KeptOpen(out);
        try {
            this.records = JSON.createGenerator(shared);
            this.decisions = explain ? NdjsonWriter.decisions(shared) : null;
        } catch (IOException e) {
            throw cannotWrite(e);
        }
        records.setRootValueSeparator(null);
    }

    /** Writes the decision: in full when explaining, otherwise as item, member, trainable and reason. */
    void decision(Decision decision) {
        try {
            writeDecision(decision);
        } catch (IOException e) {
            throw cannotWrite(e);
        }
    }

    private void writeDecision(Decision decision) throws IOException {
        if (decisions != null) {
            decisions.write(decision);
            decisionsPending = true;
            return;
        }
        records.writeStartObject();
        records.writeStringField("item", decision.itemId());
        records.writeStringField("member", decision.memberId());
        records.writeBooleanField("trainable", decision.trainable());
        records.writeStringField("reason", decision.reason().name());
        records.writeEndObject();
        records.writeRaw('\n');
    }

    /** Writes an error record for stream line {@code line}; item and member when they are known. */
    void error(long line, String itemId, String memberId, String message) {
        try {
            writeError(line, itemId, memberId, message);
        } catch (IOException e) {
            throw cannotWrite(e);
        }
    }

    private void writeError(long line, String itemId, String memberId, String message) throws IOException {
        if (decisionsPending) {
            // The decision writer buffers on its own: what it holds must come out first.
            decisions.flush();
            decisionsPending = false;
        }
        records.writeStartObject();
        records.writeNumberField("line", line);
        if (itemId != null) {
            records.writeStringField("item", itemId);
        }
        if (memberId != null) {
            records.writeStringField("member", memberId);
        }
        records.writeStringField("error", message);
        records.writeEndObject();
        records.writeRaw('\n');
        if (decisions != null) {
            records.flush();
        }
    }

    @Override
    public void close() {
        try {
            records.close();
            if (decisions != null) {
                decisions.close();
            }
        } catch (IOException e) {
            throw cannotWrite(e);
        }
    }

    private static CliException cannotWrite(IOException e) {
        return new CliException("cannot write the decisions to standard output: " + e.getMessage()
                + "; check that it goes to a writable file or pipe", CliException.USAGE, e);
    }

    /** The output seen through a stream whose close only flushes: standard output stays open. */
    private static final class KeptOpen extends OutputStream {

        private final OutputStream out;

        KeptOpen(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
