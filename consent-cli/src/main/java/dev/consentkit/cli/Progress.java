package dev.consentkit.cli;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Shows how far a long run has come, on one line of standard error rewritten in place, once a second
 * after the first second; only when standard error is a terminal, so logs and pipes stay clean.
 */
final class Progress {

    private static final long SECOND = 1_000_000_000L;
    private static final int CHECK_EVERY = 4096;

    private final PrintWriter err;
    private final boolean enabled;
    private final long started;
    private long nextShow;
    private boolean shown;

    Progress(PrintWriter err, boolean enabled, long started) {
        this.err = err;
        this.enabled = enabled;
        this.started = started;
        this.nextShow = started + SECOND;
    }

    /** Records that {@code count} lines are done; shows the count when a second has passed. */
    void tick(long count) {
        if (!enabled || count % CHECK_EVERY != 0) {
            return;
        }
        long now = System.nanoTime();
        if (now < nextShow) {
            return;
        }
        nextShow = now + SECOND;
        double seconds = (now - started) / 1e9;
        err.print(String.format(Locale.ROOT, "\r%,d items, %,.0f items/s ", count, count / seconds));
        err.flush();
        shown = true;
    }

    /** Removes the progress line, so the summary starts on a clean line. */
    void clear() {
        if (shown) {
            err.print("\r\033[K");
            err.flush();
            shown = false;
        }
    }
}
