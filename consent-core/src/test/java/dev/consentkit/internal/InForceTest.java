package dev.consentkit.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.consentkit.PropertyExamples;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The search for the entry in force finds the last start at or before the instant asked about, in
 * every range of a sorted array, short or long, empty or whole; with ties, with the sentinels of
 * kernel time, and at every start itself.
 */
class InForceTest {

    private static final int EXAMPLES = PropertyExamples.scaled(3000);
    private static final long[] EXTREMES = {Long.MIN_VALUE, Long.MIN_VALUE + 1, -1, 0, 1, Long.MAX_VALUE - 1,
            Long.MAX_VALUE};

    @Test
    void shouldFindTheLastStartAtOrBeforeTheInstantInEveryRange() {
        qt().withExamples(EXAMPLES).forAll(integers().between(0, 300), longs().all(), integers().between(0, 3))
                .checkAssert((length, seed, spread) -> {
                    SplittableRandom random = new SplittableRandom(seed);
                    long[] starts = sortedStarts(random, length, spread);
                    int from = length == 0 ? 0 : random.nextInt(length + 1);
                    int to = from + random.nextInt(length - from + 1);
                    for (long asOf : questions(random, starts)) {
                        assertEquals(lastAtOrBefore(starts, from, to, asOf), InForce.at(starts, from, to, asOf),
                                () -> "range " + from + " to " + to + " of " + Arrays.toString(starts) + " at " + asOf);
                    }
                });
    }

    @Test
    void shouldTakeAnEntryFromItsStartInclusiveUntilTheNextStart() {
        // The instant at each start and just before it; then a range that leaves out the first starts.
        long[] starts = {10, 20, 30, 40, 50, 60, 70, 80, 90};
        for (int i = 0; i < starts.length; i++) {
            assertEquals(i, InForce.at(starts, 0, starts.length, starts[i]));
            assertEquals(i - 1, InForce.at(starts, 0, starts.length, starts[i] - 1));
        }
        assertEquals(8, InForce.at(starts, 0, starts.length, Long.MAX_VALUE));
        assertEquals(-1, InForce.at(starts, 0, starts.length, Long.MIN_VALUE));
        assertEquals(3, InForce.at(starts, 4, 9, 49));
    }

    /** Non-decreasing starts, with ties, sentinels and values far apart, or close together. */
    private static long[] sortedStarts(SplittableRandom random, int length, int spread) {
        long[] starts = new long[length];
        for (int i = 0; i < length; i++) {
            switch (spread) {
                case 0:
                    starts[i] = random.nextLong(20);
                    break;
                case 1:
                    starts[i] = EXTREMES[random.nextInt(EXTREMES.length)];
                    break;
                default:
                    starts[i] = random.nextLong();
                    break;
            }
        }
        Arrays.sort(starts);
        return starts;
    }

    /** Every start of the array, the values beside it, the extremes and a few random instants. */
    private static long[] questions(SplittableRandom random, long[] starts) {
        long[] asked = new long[starts.length * 3 + EXTREMES.length + 4];
        int k = 0;
        for (long start : starts) {
            asked[k++] = start;
            asked[k++] = start == Long.MIN_VALUE ? start : start - 1;
            asked[k++] = start == Long.MAX_VALUE ? start : start + 1;
        }
        for (long extreme : EXTREMES) {
            asked[k++] = extreme;
        }
        while (k < asked.length) {
            asked[k++] = random.nextLong();
        }
        return asked;
    }

    private static int lastAtOrBefore(long[] starts, int from, int to, long asOf) {
        int found = from - 1;
        for (int i = from; i < to; i++) {
            if (starts[i] <= asOf) {
                found = i;
            }
        }
        return found;
    }
}
