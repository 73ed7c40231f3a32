package dev.consentkit.internal;

import java.time.Instant;

/**
 * The one search every effective-dated sequence needs: which entry is in force at an instant, entries
 * being half-open {@code [start, next start)}. Binary searches; allocation-free.
 */
public final class InForce {

    private InForce() {}

    /**
     * The index of the last of {@code starts} (sorted ascending) at or before {@code asOf}, or -1 when
     * every start is after it.
     *
     * @param starts the starts, ascending
     * @param asOf the instant asked about
     * @return the index of the entry in force, or -1
     */
    public static int at(Instant[] starts, Instant asOf) {
        int low = 0;
        int high = starts.length - 1;
        int found = -1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            if (starts[mid].compareTo(asOf) <= 0) {
                found = mid;
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        return found;
    }

    /**
     * The index of the last of {@code starts[from..to)} (ascending) at or before {@code asOf}, or
     * {@code from - 1} when every one is after it.
     *
     * @param starts kernel-time starts, ascending within the range
     * @param from the first index of the range
     * @param to the index after the range
     * @param asOf the instant asked about, from {@link KernelTime#notAfterNanos} or {@link KernelTime#notAfter}
     * @return the index of the entry in force, or {@code from - 1}
     */
    public static int at(long[] starts, int from, int to, long asOf) {
        int low = from;
        int high = to - 1;
        int found = from - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            if (starts[mid] <= asOf) {
                found = mid;
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        return found;
    }
}
