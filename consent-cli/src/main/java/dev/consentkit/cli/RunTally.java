package dev.consentkit.cli;

import dev.consentkit.Reason;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/**
 * The counts {@code consent evaluate} reports: decisions by reason, error records, and the numbers of
 * the first few lines with errors. Its size does not depend on how many lines there are, so a stream
 * of millions of bad lines is counted in the same few bytes as a clean one.
 */
final class RunTally {

    /** How many error lines the summary lists by number. */
    static final int LISTED_ERRORS = 10;

    private final long[] byReason = new long[Reason.values().length];
    private long decided;
    private long errors;
    private final long[] firstErrors = new long[LISTED_ERRORS];

    void decided(Reason reason) {
        byReason[reason.ordinal()]++;
        decided++;
    }

    void error(long line) {
        if (errors < LISTED_ERRORS) {
            firstErrors[(int) errors] = line;
        }
        errors++;
    }

    /** Adds the counts of a later part of the stream. */
    void add(RunTally later) {
        for (int r = 0; r < byReason.length; r++) {
            byReason[r] += later.byReason[r];
        }
        for (long i = 0; i < Math.min(later.errors, LISTED_ERRORS) && errors + i < LISTED_ERRORS; i++) {
            firstErrors[(int) (errors + i)] = later.firstErrors[(int) i];
        }
        errors += later.errors;
        decided += later.decided;
    }

    /** Items decided or reported: every line that was not blank. */
    long lines() {
        return decided + errors;
    }

    long errors() {
        return errors;
    }

    long count(Reason reason) {
        return byReason[reason.ordinal()];
    }

    long trainable() {
        return Arrays.stream(Reason.values()).filter(Reason::isTrainable).mapToLong(this::count).sum();
    }

    /** "2,000 items: 700 trainable, 1,290 not trainable, 10 errors (lines 4, 9, ...)". */
    String headline() {
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%,d items: %,d trainable, %,d not trainable, %,d error%s",
                lines(), trainable(), decided - trainable(), errors, errors == 1 ? "" : "s"));
        if (errors > 0) {
            head.append(errors == 1 ? " (line " : " (lines ")
                    .append(LongStream.of(firstErrors).limit(Math.min(errors, LISTED_ERRORS)).mapToObj(String::valueOf)
                            .collect(Collectors.joining(", ")))
                    .append(errors > LISTED_ERRORS ? ", ..." : "").append(')');
        }
        return head.toString();
    }
}
