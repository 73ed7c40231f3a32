package dev.consentkit.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Standard output as {@code consent evaluate} writes it: whole batches of records, one at a time, so
 * that it only ever ends on a record boundary.
 *
 * <p>When the process is interrupted (Ctrl-C, or a {@code kill}), a shutdown hook takes the output
 * between two batches, flushes it and closes it to further writes; the process then ends as the
 * signal says (130 for Ctrl-C). When the reader of a pipe has gone ({@code | head -1}), a write fails
 * with {@link Closed}, which ends the run quietly with exit code 141.
 */
final class RecordOutput {

    /** The exit code of a run whose standard output was closed by its reader: 128 + SIGPIPE. */
    static final int CLOSED_PIPE = 141;

    /** How long an interrupted run waits for a write in progress to finish. */
    private static final long WAIT_FOR_WRITE_SECONDS = 5;

    private final OutputStream out;
    private final ReentrantLock writing = new ReentrantLock();
    private boolean interrupted;
    private long records;

    RecordOutput(OutputStream out) {
        this.out = out;
    }

    /**
     * Writes whole records.
     *
     * @param batch one or more records, each ending with a newline
     * @param count how many records {@code batch} holds
     * @throws Closed if the reader of the output has gone
     * @throws IOException if the output fails otherwise
     */
    void write(byte[] batch, long count) throws IOException {
        writing.lock();
        try {
            if (interrupted) {
                // The process is ending; what was written ends on a record.
                return;
            }
            out.write(batch);
            records += count;
        } catch (IOException e) {
            throw closedPipe(e) ? new Closed(e) : e;
        } finally {
            writing.unlock();
        }
    }

    /**
     * Flushes the output.
     *
     * @throws Closed if the reader of the output has gone
     * @throws IOException if the output fails otherwise
     */
    void flush() throws IOException {
        try {
            out.flush();
        } catch (IOException e) {
            throw closedPipe(e) ? new Closed(e) : e;
        }
    }

    /**
     * A hook for {@link Runtime#addShutdownHook}: waits for the batch being written, flushes, stops
     * further writes, and says on {@code err} how far the output got.
     */
    Thread onInterrupt(java.io.PrintWriter err) {
        return new Thread(() -> {
            boolean between = false;
            try {
                between = writing.tryLock(WAIT_FOR_WRITE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            try {
                interrupted = true;
                out.flush();
                err.println(String.format(Locale.ROOT, "consent: interrupted after %,d records; the output ends after a "
                        + "whole record", records));
            } catch (IOException e) {
                err.println("consent: interrupted; the output could not be flushed: " + e.getMessage());
            } finally {
                if (between) {
                    writing.unlock();
                }
            }
        }, "consent-interrupted");
    }

    /** Whether a failed write means that the reader of the pipe has gone: EPIPE, as Java reports it. */
    static boolean closedPipe(IOException e) {
        String message = e.getMessage();
        return message != null && (message.contains("Broken pipe") || message.contains("pipe is being closed"));
    }

    /** The reader of standard output has gone: the run ends quietly with {@link #CLOSED_PIPE}. */
    static final class Closed extends IOException {

        private static final long serialVersionUID = 1L;

        Closed(IOException cause) {
            super("standard output was closed by its reader", cause);
        }
    }
}
