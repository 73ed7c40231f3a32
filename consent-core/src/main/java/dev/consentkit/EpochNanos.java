package dev.consentkit;

import java.math.BigInteger;
import java.time.Instant;

/**
 * Instants as {@code long} nanoseconds since 1970-01-01T00:00:00Z, the form the {@link MemberStore}
 * and {@link ItemColumns} keep them in. A {@code long} spans 1677-09-21 to 2262-04-11; stored
 * instants must lie in that span, and a question's {@code asOf} outside it saturates, which keeps
 * every comparison with stored instants exact.
 */
final class EpochNanos {

    /** Stands for {@link Instant#MIN}: "as far back as we know". */
    static final long ALWAYS = Long.MIN_VALUE;
    /** Stands for "never": an open account, an item never deleted, no reservation. */
    static final long NEVER = Long.MAX_VALUE;

    static final long NANOS_PER_DAY = 86_400_000_000_000L;

    private static final long MIN_SECONDS = Math.floorDiv(Long.MIN_VALUE + 1, 1_000_000_000L) + 1;
    private static final long MAX_SECONDS = Math.floorDiv(Long.MAX_VALUE - 1, 1_000_000_000L) - 1;

    private EpochNanos() {}

    /**
     * The exact nanosecond count of {@code instant}.
     *
     * @param what what the instant is, for the message
     * @throws IllegalArgumentException if the instant is outside the span a {@code long} holds
     */
    static long exact(Instant instant, String what) {
        long seconds = instant.getEpochSecond();
        if (seconds < MIN_SECONDS || seconds > MAX_SECONDS) {
            throw new IllegalArgumentException(what + " " + instant
                    + " is outside the span a member store holds, 1677-09-21T00:12:44Z to 2262-04-11T23:47:15Z");
        }
        return seconds * 1_000_000_000L + instant.getNano();
    }

    /**
     * The nanosecond count of {@code instant}, saturated to the span of stored instants: any stored
     * instant compares with the result as it compares with {@code instant}.
     */
    static long saturated(Instant instant) {
        long seconds = instant.getEpochSecond();
        if (seconds < MIN_SECONDS) {
            return ALWAYS + 1;
        }
        if (seconds > MAX_SECONDS) {
            return NEVER - 1;
        }
        return seconds * 1_000_000_000L + instant.getNano();
    }

    /**
     * The last count of {@code nanosPerUnit}-long units since the epoch that is not after
     * {@code instant}, clamped inside the {@code long} range: for any count {@code c} other than
     * {@link #NEVER}, {@code c <= floorUnits(t)} exactly when {@code c} units lie at or before
     * {@code t}.
     */
    static long floorUnits(Instant instant, long nanosPerUnit) {
        BigInteger[] quotientAndRemainder = nanos(instant).divideAndRemainder(BigInteger.valueOf(nanosPerUnit));
        BigInteger quotient = quotientAndRemainder[0];
        return clamp(quotientAndRemainder[1].signum() < 0 ? quotient.subtract(BigInteger.ONE) : quotient);
    }

    /** The first count of {@code nanosPerUnit}-long units since the epoch that is not before {@code instant}, saturated. */
    static long ceilUnits(Instant instant, long nanosPerUnit) {
        BigInteger[] quotientAndRemainder = nanos(instant).divideAndRemainder(BigInteger.valueOf(nanosPerUnit));
        BigInteger quotient = quotientAndRemainder[0];
        return clamp(quotientAndRemainder[1].signum() > 0 ? quotient.add(BigInteger.ONE) : quotient);
    }

    private static BigInteger nanos(Instant instant) {
        return BigInteger.valueOf(instant.getEpochSecond()).multiply(BigInteger.valueOf(1_000_000_000L))
                .add(BigInteger.valueOf(instant.getNano()));
    }

    /** Clamps to the counts strictly between {@link #ALWAYS} and {@link #NEVER}, which keep their meaning. */
    private static long clamp(BigInteger value) {
        if (value.compareTo(BigInteger.valueOf(NEVER - 1)) > 0) {
            return NEVER - 1;
        }
        return value.compareTo(BigInteger.valueOf(ALWAYS + 1)) < 0 ? ALWAYS + 1 : value.longValue();
    }
}
