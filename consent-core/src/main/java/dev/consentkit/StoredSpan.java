package dev.consentkit;

import dev.consentkit.internal.KernelTime;
import java.time.Instant;
import java.util.Objects;

/**
 * The span of instants a ConsentKit value may hold: from {@link #FIRST} (1677-09-21T00:12:44Z) to
 * {@link #LAST} (2262-04-11T23:47:15.999999999Z), the instants a {@code long} of nanoseconds since
 * 1970 holds, so that every comparison the rules make is exact.
 *
 * <p>Every stored instant must lie in it: an item's creation and deletion, a reservation's start, a
 * consent event's {@code effectiveAt} and {@code recordedAt}, an account's closure and a move (other
 * than a residence "as far back as we know"). Values refuse instants outside it when they are built.
 * Questions ({@code asOf}, {@code knownAt}) and policy instants (version starts, item scopes) may be
 * any {@code Instant}. Use {@link #contains} to check input before building values from it.
 */
public final class StoredSpan {

    /** The first instant a value may hold: 1677-09-21T00:12:44Z. */
    public static final Instant FIRST = KernelTime.FIRST;
    /** The last instant a value may hold: 2262-04-11T23:47:15.999999999Z. */
    public static final Instant LAST = KernelTime.LAST;

    private StoredSpan() {}

    /**
     * Whether a value may hold {@code instant}.
     *
     * @param instant any instant
     * @return true when {@code instant} lies from {@link #FIRST} to {@link #LAST}, both included
     * @throws NullPointerException if {@code instant} is null
     */
    public static boolean contains(Instant instant) {
        Objects.requireNonNull(instant, "instant");
        return !instant.isBefore(FIRST) && !instant.isAfter(LAST);
    }
}
