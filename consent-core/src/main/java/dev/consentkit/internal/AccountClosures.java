package dev.consentkit.internal;

/**
 * The account closure in effect at an instant, for the member half of the rule kernel: the one
 * search both a {@code Member} and a member store's side table of closures use, so that the kernel's
 * rule ({@code closedAt <= asOf}) is told the same closure on every path.
 *
 * <p>A member's closures are kept as two kernel-time columns over a range: starts ascending, and
 * each closure's reopening ({@link KernelTime#NEVER} while it stays closed), every closure ending at
 * or before the next one starts. Each closure is half-open, {@code [from, until)}: closed at
 * {@code from} itself, open again at {@code until}. Allocation-free.
 *
 * <p>An account never closed, or closed once and not reopened, needs no search, and both layouts keep
 * it as one value: {@link KernelTime#NEVER}, or its closure's start, which is the closure in effect at
 * every {@code asOf} the rule {@code closedAt <= asOf} holds for, and after every other.
 */
public final class AccountClosures {

    private AccountClosures() {}

    /**
     * The index of the closure in effect at {@code asOf}, or {@code start - 1} when the account is
     * open then.
     *
     * @param from the closures' starts, ascending within the range
     * @param until their reopenings, {@link KernelTime#NEVER} for one not reopened
     * @param start the first index of the member's range
     * @param end the index after it
     * @param asOf the instant of use, from {@link KernelTime#notAfterNanos}
     * @return the index of the closure in effect, or {@code start - 1}
     */
    public static int indexAt(long[] from, long[] until, int start, int end, long asOf) {
        int found = InForce.at(from, start, end, asOf);
        // The latest closure started at or before asOf; it is in effect unless reopened by then.
        return found >= start && !reopenedBy(until[found], asOf) ? found : start - 1;
    }

    /**
     * The start of one closure if it is in effect at {@code asOf}, what {@link RuleKernel#memberVerdict}
     * is given, or {@link KernelTime#NEVER} when it is not: the account is closed from {@code from} and
     * open again from {@code until}.
     *
     * @param from the closure's start
     * @param until its reopening, {@link KernelTime#NEVER} when not reopened
     * @param asOf the instant of use, from {@link KernelTime#notAfterNanos}
     * @return {@code from}, or {@link KernelTime#NEVER}
     */
    public static long closedAt(long from, long until, long asOf) {
        return reopenedBy(until, asOf) ? KernelTime.NEVER : from;
    }

    /** Whether a closure reopened at {@code until} is over at {@code asOf}: reopening is exclusive. */
    private static boolean reopenedBy(long until, long asOf) {
        return until <= asOf;
    }

    /**
     * The start of the closure in effect at {@code asOf}, what {@link RuleKernel#memberVerdict} is
     * given: at or before {@code asOf}, or {@link KernelTime#NEVER} when the account is open then.
     *
     * @param from the closures' starts, ascending within the range
     * @param until their reopenings, {@link KernelTime#NEVER} for one not reopened
     * @param start the first index of the member's range
     * @param end the index after it
     * @param asOf the instant of use, from {@link KernelTime#notAfterNanos}
     * @return the start of the closure in effect, or {@link KernelTime#NEVER}
     */
    public static long closedAt(long[] from, long[] until, int start, int end, long asOf) {
        int found = indexAt(from, until, start, end, asOf);
        return found < start ? KernelTime.NEVER : from[found];
    }
}
