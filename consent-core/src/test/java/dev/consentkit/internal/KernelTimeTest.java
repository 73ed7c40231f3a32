package dev.consentkit.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.consentkit.PropertyExamples;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * The conversions of questions into kernel time are exact: for every column value between the
 * sentinels, in every unit, comparing with the converted instant answers as comparing the instants
 * does, and the sentinels stay before and after every instant.
 */
class KernelTimeTest {

    private static final int EXAMPLES = PropertyExamples.scaled(5000);
    private static final List<TimeUnit> UNITS = List.of(TimeUnit.NANOSECONDS, TimeUnit.MICROSECONDS,
            TimeUnit.MILLISECONDS, TimeUnit.SECONDS, TimeUnit.MINUTES, TimeUnit.HOURS);

    @Test
    void shouldCompareAsTheInstantsDoForTestsAtOrBefore() {
        qt().withExamples(EXAMPLES).forAll(instants(), Generate.pick(UNITS), values()).checkAssert((t, unit, value) -> {
            long nanosPerUnit = unit.toNanos(1);
            long converted = KernelTime.notAfter(t, nanosPerUnit);
            if (value == KernelTime.ALWAYS) {
                assertTrue(value <= converted);
            } else if (value == KernelTime.NEVER) {
                assertTrue(value > converted);
            } else {
                assertEquals(nanos(value, nanosPerUnit).compareTo(nanos(t)) <= 0, value <= converted,
                        value + " " + unit + " against " + t);
            }
        });
    }

    @Test
    void shouldCompareAsTheInstantsDoForTestsBefore() {
        qt().withExamples(EXAMPLES).forAll(instants(), Generate.pick(UNITS), values()).checkAssert((t, unit, value) -> {
            long nanosPerUnit = unit.toNanos(1);
            long converted = KernelTime.before(t, nanosPerUnit);
            if (value == KernelTime.ALWAYS) {
                assertTrue(value < converted);
            } else if (value == KernelTime.NEVER) {
                assertTrue(value >= converted);
            } else {
                assertEquals(nanos(value, nanosPerUnit).compareTo(nanos(t)) < 0, value < converted,
                        value + " " + unit + " against " + t);
            }
        });
    }

    @Test
    void shouldCompareStoredInstantsInNanosecondsAsInAnyUnit() {
        long first = KernelTime.nanos(KernelTime.FIRST);
        long last = KernelTime.nanos(KernelTime.LAST);
        Gen<Long> stored = Generate.frequency(Pair.of(3, longs().between(first, last)),
                Pair.of(1, Generate.pick(List.of(first, first + 1, last - 1, last, KernelTime.ALWAYS, KernelTime.NEVER))));
        qt().withExamples(EXAMPLES).forAll(instants(), stored).checkAssert((t, value) -> {
            assertEquals(value <= KernelTime.notAfter(t, 1), value <= KernelTime.notAfterNanos(t), value + " " + t);
        });
    }

    @Test
    void shouldPlaceADayStartAsTheInstantOfThatMidnight() {
        qt().withExamples(EXAMPLES).forAll(longs().between(-4_000_000_000L, 4_000_000_000L), Generate.pick(UNITS),
                values()).checkAssert((day, unit, value) -> {
                    long nanosPerUnit = unit.toNanos(1);
                    long unitsPerDay = KernelTime.NANOS_PER_DAY / nanosPerUnit;
                    long start = KernelTime.dayStart(day, unitsPerDay, Long.MAX_VALUE / unitsPerDay);
                    if (value != KernelTime.ALWAYS && value != KernelTime.NEVER) {
                        BigInteger midnight = BigInteger.valueOf(day).multiply(BigInteger.valueOf(KernelTime.NANOS_PER_DAY));
                        assertEquals(nanos(value, nanosPerUnit).compareTo(midnight) < 0, value < start,
                                value + " " + unit + " against day " + day);
                    }
                });
    }

    @Test
    void shouldStoreExactlyTheSpanOfALongOfNanoseconds() {
        assertEquals(Instant.parse("1677-09-21T00:12:44Z"), KernelTime.FIRST);
        assertEquals(Instant.parse("2262-04-11T23:47:15.999999999Z"), KernelTime.LAST);
        assertEquals(KernelTime.FIRST, KernelTime.checkStored(KernelTime.FIRST, "x"));
        assertEquals(KernelTime.LAST, KernelTime.checkStored(KernelTime.LAST, "x"));
        assertTrue(KernelTime.nanos(KernelTime.FIRST) > KernelTime.ALWAYS + 1);
        assertTrue(KernelTime.nanos(KernelTime.LAST) < KernelTime.NEVER - 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KernelTime.checkStored(KernelTime.FIRST.minusNanos(1), "createdAt of content item p-1"));
        assertEquals("createdAt of content item p-1 1677-09-21T00:12:43.999999999Z is outside the span ConsentKit "
                + "stores, 1677-09-21T00:12:44Z to 2262-04-11T23:47:15.999999999Z", e.getMessage());
    }

    private static BigInteger nanos(long value, long nanosPerUnit) {
        return BigInteger.valueOf(value).multiply(BigInteger.valueOf(nanosPerUnit));
    }

    private static BigInteger nanos(Instant t) {
        return BigInteger.valueOf(t.getEpochSecond()).multiply(BigInteger.valueOf(1_000_000_000L))
                .add(BigInteger.valueOf(t.getNano()));
    }

    /** Any instant, instants at the edges of every unit's range and of Instant, and the epoch. */
    private static Gen<Instant> instants() {
        Gen<Instant> any = longs().between(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond())
                .zip(integers().between(0, 999_999_999), (s, n) -> Instant.ofEpochSecond(s, n));
        Gen<Instant> edges = Generate.pick(UNITS).zip(Generate.pick(List.of(Long.MIN_VALUE, Long.MIN_VALUE + 1,
                Long.MAX_VALUE - 1, Long.MAX_VALUE, 0L)), integers().between(-1, 1), (unit, value, step) -> {
                    BigInteger n = nanos(value, unit.toNanos(1)).add(BigInteger.valueOf(step));
                    BigInteger[] sr = n.divideAndRemainder(BigInteger.valueOf(1_000_000_000L));
                    long seconds = sr[0].longValue();
                    long rest = sr[1].longValue();
                    if (rest < 0) {
                        seconds--;
                        rest += 1_000_000_000L;
                    }
                    seconds = Math.max(Instant.MIN.getEpochSecond(), Math.min(Instant.MAX.getEpochSecond(), seconds));
                    return Instant.ofEpochSecond(seconds, rest);
                });
        return Generate.frequency(Pair.of(2, any), Pair.of(3, edges),
                Pair.of(1, Generate.pick(List.of(Instant.MIN, Instant.MAX, Instant.EPOCH))));
    }

    /** Column values: the sentinels, their neighbours, zero and anything. */
    private static Gen<Long> values() {
        return Generate.frequency(Pair.of(2, longs().all()), Pair.of(1, Generate.pick(List.of(Long.MIN_VALUE,
                Long.MIN_VALUE + 1, Long.MIN_VALUE + 2, -1L, 0L, 1L, Long.MAX_VALUE - 2, Long.MAX_VALUE - 1,
                Long.MAX_VALUE))));
    }
}
