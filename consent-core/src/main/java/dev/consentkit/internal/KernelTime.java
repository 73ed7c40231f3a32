package dev.consentkit.internal;

import java.math.BigInteger;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The one place where instants become {@code long}s, for the rule kernel and every layout that
 * feeds it.
 *
 * <h2>Stored instants</h2>
 * Every instant a ConsentKit value holds (item creation and deletion, reservations, consent events,
 * account closures, moves) lies in the span of a {@code long} count of nanoseconds since
 * 1970-01-01T00:00:00Z, from {@link #FIRST} (1677-09-21T00:12:44Z) to {@link #LAST}
 * (2262-04-11T23:47:15.999999999Z); values check this when they are built, so every member can be
 * kept in a member store and every comparison below is exact. A residence may also start at
 * {@link Instant#MIN}, "as far back as we know", kept as {@link #ALWAYS}.
 *
 * <h2>Columns in any unit</h2>
 * Batch columns count {@link java.util.concurrent.TimeUnit} units since the epoch. In every such
 * column {@link #ALWAYS} ({@code Long.MIN_VALUE}) stands before every instant and {@link #NEVER}
 * ({@code Long.MAX_VALUE}) after every instant; the values between are instants. Questions
 * ({@code asOf}, {@code knownAt}, an item scope, a coming-of-age day) may be any instant, also one
 * that no {@code long} of the unit holds. They are converted once per question so that comparing a
 * stored value with the converted question gives the same answer as comparing the instants:
 * <ul>
 *   <li>{@link #notAfter} for tests "{@code value <= t}" ({@code t} rounded down, then held within
 *       {@code [ALWAYS, NEVER - 1]}, so that {@code NEVER} is never at or before it); and
 *   <li>{@link #before} for tests "{@code value < t}" ({@code t} rounded up, then held within
 *       {@code [ALWAYS + 1, NEVER]}, so that {@code ALWAYS} is always before it).
 * </ul>
 * Holding a converted question at the first or last value of the unit is exact, because every
 * stored value it then meets is a sentinel or lies on the near side of the question.
 */
public final class KernelTime {

    /** Before every instant; also a residence "as far back as we know". */
    public static final long ALWAYS = Long.MIN_VALUE;
    /** After every instant: an open account, an item never deleted, no reservation. */
    public static final long NEVER = Long.MAX_VALUE;
    /**
     * The latest a converted question can be ({@link #notAfterNanos} of {@link Instant#MAX}): as a
     * {@code knownAt}, every recorded consent event counts.
     */
    public static final long LATEST = NEVER - 1;
    /** Nanoseconds in a UTC day. */
    public static final long NANOS_PER_DAY = 86_400_000_000_000L;
    /** The last UTC day whose start a {@code long} of nanoseconds holds: {@code Long.MAX_VALUE / NANOS_PER_DAY}. */
    public static final long LAST_NANOS_DAY = Long.MAX_VALUE / NANOS_PER_DAY;

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long MIN_SECONDS = Math.floorDiv(Long.MIN_VALUE + 1, NANOS_PER_SECOND) + 1;
    private static final long MAX_SECONDS = Math.floorDiv(Long.MAX_VALUE - 1, NANOS_PER_SECOND) - 1;

    /** The first instant a ConsentKit value may hold: 1677-09-21T00:12:44Z. */
    public static final Instant FIRST = Instant.ofEpochSecond(MIN_SECONDS);
    /** The last instant a ConsentKit value may hold: 2262-04-11T23:47:15.999999999Z. */
    public static final Instant LAST = Instant.ofEpochSecond(MAX_SECONDS, 999_999_999);

    private static final String SPAN = "1677-09-21T00:12:44Z to 2262-04-11T23:47:15.999999999Z";

    private KernelTime() {}

    /**
     * {@code instant} as it may be stored, or an error naming it.
     *
     * @param what what the instant is, for the message, such as "createdAt of content item post-1"
     * @return {@code instant}
     * @throws IllegalArgumentException if the instant lies outside the span ConsentKit stores
     */
    public static Instant checkStored(Instant instant, String what) {
        long seconds = instant.getEpochSecond();
        if (seconds < MIN_SECONDS || seconds > MAX_SECONDS) {
            throw new IllegalArgumentException(what + " " + instant + " is outside the span ConsentKit stores, "
                    + SPAN);
        }
        return instant;
    }

    /**
     * The exact nanosecond count of a stored instant (one that passed {@link #checkStored}).
     *
     * @param instant an instant inside the stored span
     * @return its nanoseconds since the epoch
     */
    public static long nanos(Instant instant) {
        return instant.getEpochSecond() * NANOS_PER_SECOND + instant.getNano();
    }

    /**
     * A stored start that may also be {@link Instant#MIN} (a residence "as far back as we know"), in
     * nanoseconds: {@link #ALWAYS} for {@link Instant#MIN}, otherwise {@link #nanos}.
     *
     * @param start {@link Instant#MIN} or an instant inside the stored span
     * @return its nanoseconds since the epoch, or {@link #ALWAYS}
     */
    public static long startNanos(Instant start) {
        return start.equals(Instant.MIN) ? ALWAYS : nanos(start);
    }

    /**
     * A question's instant, in nanoseconds, for tests "{@code stored <= t}"; allocation-free, as
     * {@link #notAfter(Instant, long)} with nanoseconds.
     *
     * @param t any instant
     * @return the converted instant
     */
    public static long notAfterNanos(Instant t) {
        long seconds = t.getEpochSecond();
        if (seconds < MIN_SECONDS) {
            return ALWAYS;
        }
        if (seconds > MAX_SECONDS) {
            return LATEST;
        }
        return seconds * NANOS_PER_SECOND + t.getNano();
    }

    /**
     * A replay's {@code knownAt} converted for the consent lookup: {@link #notAfterNanos}, or
     * {@link #LATEST} when there is none and every recorded event counts.
     *
     * @param knownAt the instant the answer is replayed as known at, or null for everything recorded
     * @return the converted instant
     */
    public static long knownAtNanos(@Nullable Instant knownAt) {
        return knownAt == null ? LATEST : notAfterNanos(knownAt);
    }

    /**
     * A question's instant in units of {@code nanosPerUnit} nanoseconds, for tests
     * "{@code value <= t}": for any value {@code v} of a column in that unit,
     * {@code v <= notAfter(t, u)} exactly when the instant {@code v} stands for is at or before
     * {@code t}.
     *
     * @param t any instant
     * @param nanosPerUnit the column's unit in nanoseconds, at least 1
     * @return {@code t} rounded down to the unit, held within {@code [ALWAYS, NEVER - 1]}
     */
    public static long notAfter(Instant t, long nanosPerUnit) {
        BigInteger[] qr = nanosOf(t).divideAndRemainder(BigInteger.valueOf(nanosPerUnit));
        BigInteger floor = qr[1].signum() < 0 ? qr[0].subtract(BigInteger.ONE) : qr[0];
        return clamp(floor, ALWAYS, LATEST);
    }

    /**
     * A question's instant in units of {@code nanosPerUnit} nanoseconds, for tests
     * "{@code value < t}": for any value {@code v} of a column in that unit,
     * {@code v < before(t, u)} exactly when the instant {@code v} stands for is before {@code t}.
     *
     * @param t any instant
     * @param nanosPerUnit the column's unit in nanoseconds, at least 1
     * @return {@code t} rounded up to the unit, held within {@code [ALWAYS + 1, NEVER]}
     */
    public static long before(Instant t, long nanosPerUnit) {
        BigInteger[] qr = nanosOf(t).divideAndRemainder(BigInteger.valueOf(nanosPerUnit));
        BigInteger ceiling = qr[1].signum() > 0 ? qr[0].add(BigInteger.ONE) : qr[0];
        return clamp(ceiling, ALWAYS + 1, NEVER);
    }

    /**
     * The start of a UTC day in units, for tests "{@code value < start of day}", as
     * {@link #before(Instant, long)}; allocation-free. The last day a {@code long} of the unit holds is
     * given, so that a loop over many rows divides once.
     *
     * @param epochDay the day, counted from 1970-01-01
     * @param unitsPerDay units in a day
     * @param limit {@code Long.MAX_VALUE / unitsPerDay}
     * @return the day's first unit, held within {@code [ALWAYS + 1, NEVER]}
     */
    public static long dayStart(long epochDay, long unitsPerDay, long limit) {
        if (epochDay > limit) {
            return NEVER;
        }
        if (epochDay < -limit) {
            return ALWAYS + 1;
        }
        return epochDay * unitsPerDay;
    }

    /**
     * The UTC calendar day of {@code instant}, counted from 1970-01-01.
     *
     * @param instant any instant
     * @return the day
     */
    public static long utcEpochDay(Instant instant) {
        return Math.floorDiv(instant.getEpochSecond(), 86_400L);
    }

    private static BigInteger nanosOf(Instant t) {
        return BigInteger.valueOf(t.getEpochSecond()).multiply(BigInteger.valueOf(NANOS_PER_SECOND))
                .add(BigInteger.valueOf(t.getNano()));
    }

    private static long clamp(BigInteger value, long low, long high) {
        if (value.compareTo(BigInteger.valueOf(high)) > 0) {
            return high;
        }
        return value.compareTo(BigInteger.valueOf(low)) < 0 ? low : value.longValue();
    }
}
