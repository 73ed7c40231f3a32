package dev.consentkit;

import java.time.Instant;

/** The one search every effective-dated sequence needs: which entry is in force at an instant. */
final class Timelines {

    private Timelines() {}

    /**
     * The index of the last of {@code starts} (sorted ascending) at or before {@code asOf}, or -1 when
     * every start is after it: the entry in force at {@code asOf}, entries being half-open
     * {@code [start, next start)}. A binary search; allocation-free.
     */
    static int inForceAt(Instant[] starts, Instant asOf) {
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
}
