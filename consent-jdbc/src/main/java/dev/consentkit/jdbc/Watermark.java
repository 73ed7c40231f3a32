package dev.consentkit.jdbc;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How far a reader of the ledger has seen: the PostgreSQL transaction snapshot its last load or update
 * saw, in PostgreSQL's text form {@code xmin:xmax:xip,...} (as {@code pg_current_snapshot()} writes it).
 *
 * <p>What changed since a watermark is every row written by a transaction that the snapshot did not
 * see. A transaction still open when the snapshot was taken is listed in it, so its rows are reported
 * by the next {@link ConsentLedger#changesSince changesSince} after it commits, however late: writers
 * that commit out of order are neither missed nor reported twice. A watermark can be kept anywhere as
 * its {@link #toString() text} and read back with {@link #parse}; it belongs to the database it was
 * taken from.
 *
 * @param snapshot the snapshot in PostgreSQL's text form
 */
public record Watermark(String snapshot) {

    private static final Pattern SNAPSHOT = Pattern.compile("\\d+:\\d+:(\\d+(,\\d+)*)?");

    /**
     * Checks the snapshot's form.
     *
     * @param snapshot the snapshot in PostgreSQL's text form {@code xmin:xmax:xip,...}
     * @throws NullPointerException if {@code snapshot} is null
     * @throws IllegalArgumentException if it is not of that form; the message shows it
     */
    public Watermark {
        Objects.requireNonNull(snapshot, "snapshot");
        if (!SNAPSHOT.matcher(snapshot).matches()) {
            throw new IllegalArgumentException("not a PostgreSQL snapshot (xmin:xmax:xip,...): '" + snapshot + "'");
        }
    }

    /**
     * Reads a watermark kept as its {@link #toString() text}.
     *
     * @param text a watermark's text, a PostgreSQL snapshot such as {@code 748:752:749,750}
     * @return the watermark
     * @throws IllegalArgumentException if the text is not a snapshot
     */
    public static Watermark parse(String text) {
        return new Watermark(text);
    }

    /** The snapshot's xmin: every transaction before it was finished when the snapshot was taken. */
    String xmin() {
        return snapshot.substring(0, snapshot.indexOf(':'));
    }

    /** {@return the snapshot's text, which {@link #parse} reads back} */
    @Override
    public String toString() {
        return snapshot;
    }
}
