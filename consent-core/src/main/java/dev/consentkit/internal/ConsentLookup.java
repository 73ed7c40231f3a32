package dev.consentkit.internal;

import dev.consentkit.ConsentChannel;
import dev.consentkit.ConsentEvent;
import dev.consentkit.Purpose;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The one consent lookup: which choice of a member is in effect at an instant for a purpose, as known
 * at another. Used by a member's {@link dev.consentkit.ConsentHistory} and by the member store alike.
 *
 * <h2>Layout</h2>
 * A member's events are grouped by purpose; within a group they are in effect order (by
 * {@code effectiveAt}; at the same instant an opt-out after an opt-in; then by {@code recordedAt} and
 * id). Each event has a <em>code</em>: its rank in the member's whole effect order, shifted left by
 * one, with the low bit set for an opt-out. The choice in effect for a purpose is, among the groups
 * of that purpose and of every broader one, the event with the highest code that is effective at or
 * before {@code asOf} and recorded at or before {@code knownAt}. Under a version that counts Global
 * Privacy Control signals as objections ({@link dev.consentkit.PolicyVersion#gpcSignalsObject()}),
 * a member's GPC opt-outs of any purpose count too: they are also kept apart, in effect order, and the
 * latest of them competes with the covering groups' choice by code. A GPC opt-in of another purpose
 * never counts, so a signal recorded for "do not sell or share" can add an objection but never lift
 * one.
 *
 * <h2>The choice point</h2>
 * Under a version that counts items only from the member's own opt-in, the member half also needs
 * the start of the opt-in in effect, its <em>choice point</em>: the earliest opt-in of the unbroken
 * run of opt-ins, among the counting groups and known at {@code knownAt}, that ends with the choice in
 * effect. It is the first opt-in ranked after the last opt-out ranked before the choice
 * ({@link #lastOptOutBefore}, {@link #firstOptInAfter}): a repeated opt-in does not move it, an
 * opt-out in between does. Finding it reads every event of the counting groups up to the choice, and
 * is asked only when such a version is in force.
 *
 * <h2>Cost</h2>
 * A member's history of up to 256 events is first walked back in effect order from {@code asOf}, at
 * most 16 events: an ordinary history ends there, with one binary search. Otherwise, and for every
 * longer history, the groups of the purposes that count are searched one by one: finding a group
 * costs a scan of a few groups (or a binary search by key for a member with more than 64 purposes),
 * and within a group the last event effective at or before {@code asOf} is a binary search. Events
 * of unrelated purposes therefore cost at most the short walk, however many there are. A replay as
 * known at {@code knownAt} also steps back over the group's events recorded after {@code knownAt}:
 * its cost grows with the number of same-purpose events effective by {@code asOf} but recorded after
 * {@code knownAt}, and is a single step when there are none.
 */
public final class ConsentLookup {

    /** No choice in effect. */
    public static final int NONE = -1;

    private ConsentLookup() {}

    /**
     * The code of the latest event of one purpose group that is in effect at {@code asOf} and known
     * at {@code knownAt}, or {@link #NONE}.
     *
     * @param effectiveAt the events' effective instants, in kernel time
     * @param recordedAt the events' recording instants, in kernel time
     * @param codes the events' codes
     * @param from the group's first event
     * @param to the index after the group's last event
     * @param asOf the instant of use, from {@link KernelTime#notAfterNanos}
     * @param knownAt the instant of knowledge, from {@link KernelTime#notAfterNanos}, or
     *     {@link KernelTime#NEVER} - 1 for everything recorded
     * @return the event's code, or {@link #NONE}
     */
    public static int latestInGroup(long[] effectiveAt, long[] recordedAt, int[] codes, int from, int to, long asOf,
            long knownAt) {
        for (int i = InForce.at(effectiveAt, from, to, asOf); i >= from; i--) {
            if (recordedAt[i] <= knownAt) {
                return codes[i];
            }
        }
        return NONE;
    }

    /**
     * The code of the latest opt-out of one purpose group ranked before {@code choice} and recorded at
     * or before {@code knownAt}, or {@link #NONE}: the opt-out that ends the run before the choice.
     *
     * @param recordedAt the events' recording instants, in kernel time
     * @param codes the events' codes, increasing within the group
     * @param from the group's first event
     * @param to the index after the group's last event
     * @param choice the code of the choice in effect
     * @param knownAt the instant of knowledge, as for {@link #latestInGroup}
     * @return the opt-out's code, or {@link #NONE}
     */
    public static int lastOptOutBefore(long[] recordedAt, int[] codes, int from, int to, int choice, long knownAt) {
        int found = NONE;
        for (int i = from; i < to && codes[i] < choice; i++) {
            if (isOptOut(codes[i]) && recordedAt[i] <= knownAt) {
                found = codes[i];
            }
        }
        return found;
    }

    /**
     * The index of the first opt-in of one purpose group ranked after {@code after} and not after
     * {@code choice}, recorded at or before {@code knownAt}, or -1.
     *
     * @param recordedAt the events' recording instants, in kernel time
     * @param codes the events' codes, increasing within the group
     * @param from the group's first event
     * @param to the index after the group's last event
     * @param after the code of the last opt-out before the choice ({@link #lastOptOutBefore}), or {@link #NONE}
     * @param choice the code of the choice in effect, an opt-in
     * @param knownAt the instant of knowledge, as for {@link #latestInGroup}
     * @return the event's index, or -1
     */
    public static int firstOptInAfter(long[] recordedAt, int[] codes, int from, int to, int after, int choice,
            long knownAt) {
        for (int i = from; i < to && codes[i] <= choice; i++) {
            if (codes[i] > after && !isOptOut(codes[i]) && recordedAt[i] <= knownAt) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Whether the event with this code is an opt-out.
     *
     * @param code an event code, not {@link #NONE}
     * @return true for an opt-out
     */
    public static boolean isOptOut(int code) {
        return (code & 1) != 0;
    }

    /**
     * The event's rank in its member's effect order.
     *
     * @param code an event code, not {@link #NONE}
     * @return the rank
     */
    public static int rank(int code) {
        return code >>> 1;
    }

    /**
     * A member's consent events laid out for the lookup: grouped by purpose key, each group in effect
     * order. Immutable.
     */
    public static final class Index {

        // Up to this many purpose groups, the ones that count are marked in a mask; more are searched by key.
        private static final int MASKED_GROUPS = 64;
        // How far the walk back through effect order goes before it searches the groups instead.
        private static final int SCANNED_EVENTS = 16;
        // Histories longer than this are searched by group at once: a search of the whole effect order
        // would read memory far apart, where the covering groups are usually short.
        private static final int WALKED_HISTORIES = 256;

        private static final Index EMPTY = new Index(new Purpose[0], new String[0], new int[] {0}, new long[0],
                new long[0], new int[0], new long[0], new long[0], new int[0], new long[0], new long[0], new int[0]);

        private final Purpose[] groupPurposes;
        // The first two groups' purposes again, read with the index itself: most members have one or two
        // groups, and their lookup then starts without reading the array.
        private final @Nullable Purpose firstPurpose;
        private final @Nullable Purpose secondPurpose;
        private final int groupCount;
        private final String[] groupKeys;
        private final int[] groupStarts;
        private final long[] effectiveAt;
        private final long[] recordedAt;
        private final int[] codes;
        // The same events in the member's effect order, with each one's group shifted left by one and its
        // opt-out bit: the first place to look.
        private final long[] orderEffectiveAt;
        private final long[] orderRecordedAt;
        private final int[] orderGroup;
        // The member's Global Privacy Control opt-outs of any purpose, in effect order, with their codes.
        private final long[] gpcEffectiveAt;
        private final long[] gpcRecordedAt;
        private final int[] gpcCodes;

        private Index(Purpose[] groupPurposes, String[] groupKeys, int[] groupStarts, long[] effectiveAt,
                long[] recordedAt, int[] codes, long[] orderEffectiveAt, long[] orderRecordedAt, int[] orderGroup,
                long[] gpcEffectiveAt, long[] gpcRecordedAt, int[] gpcCodes) {
            this.groupPurposes = groupPurposes;
            this.firstPurpose = groupPurposes.length > 0 ? groupPurposes[0] : null;
            this.secondPurpose = groupPurposes.length > 1 ? groupPurposes[1] : null;
            this.groupCount = groupPurposes.length;
            this.groupKeys = groupKeys;
            this.groupStarts = groupStarts;
            this.effectiveAt = effectiveAt;
            this.recordedAt = recordedAt;
            this.codes = codes;
            this.orderEffectiveAt = orderEffectiveAt;
            this.orderRecordedAt = orderRecordedAt;
            this.orderGroup = orderGroup;
            this.gpcEffectiveAt = gpcEffectiveAt;
            this.gpcRecordedAt = gpcRecordedAt;
            this.gpcCodes = gpcCodes;
        }

        /**
         * Lays out events already in effect order (their stored instants checked).
         *
         * @param inEffectOrder the member's events, in effect order
         * @return the index
         */
        public static Index of(List<ConsentEvent> inEffectOrder) {
            int n = inEffectOrder.size();
            if (n == 0) {
                return EMPTY;
            }
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            // Stable: within a purpose the events keep their effect order.
            Arrays.sort(order, Comparator.comparing((Integer i) -> inEffectOrder.get(i).purpose().key()));
            long[] effective = new long[n];
            long[] recorded = new long[n];
            int[] codes = new int[n];
            long[] orderEffective = new long[n];
            long[] orderRecorded = new long[n];
            int[] orderGroup = new int[n];
            int groups = 0;
            Purpose[] purposes = new Purpose[n];
            int[] starts = new int[n + 1];
            for (int k = 0; k < n; k++) {
                ConsentEvent event = inEffectOrder.get(order[k]);
                if (k == 0 || !event.purpose().key().equals(purposes[groups - 1].key())) {
                    purposes[groups] = event.purpose();
                    starts[groups] = k;
                    groups++;
                }
                effective[k] = KernelTime.nanos(event.effectiveAt());
                recorded[k] = KernelTime.nanos(event.recordedAt());
                codes[k] = order[k] << 1 | (event.isOptOut() ? 1 : 0);
                orderEffective[order[k]] = effective[k];
                orderRecorded[order[k]] = recorded[k];
                orderGroup[order[k]] = (groups - 1) << 1 | (event.isOptOut() ? 1 : 0);
            }
            starts[groups] = n;
            Purpose[] groupPurposes = Arrays.copyOf(purposes, groups);
            String[] keys = new String[groups];
            for (int g = 0; g < groups; g++) {
                keys[g] = groupPurposes[g].key();
            }
            int signals = 0;
            for (ConsentEvent event : inEffectOrder) {
                signals += isGpcOptOut(event) ? 1 : 0;
            }
            // Most members never sent a signal: they share the empty arrays, so their events stay together.
            long[] gpcEffective = signals == 0 ? EMPTY.gpcEffectiveAt : new long[signals];
            long[] gpcRecorded = signals == 0 ? EMPTY.gpcRecordedAt : new long[signals];
            int[] gpcCodes = signals == 0 ? EMPTY.gpcCodes : new int[signals];
            for (int i = 0, k = 0; k < signals; i++) {
                if (isGpcOptOut(inEffectOrder.get(i))) {
                    gpcEffective[k] = orderEffective[i];
                    gpcRecorded[k] = orderRecorded[i];
                    gpcCodes[k++] = i << 1 | 1;
                }
            }
            return new Index(groupPurposes, keys, Arrays.copyOf(starts, groups + 1), effective, recorded, codes,
                    orderEffective, orderRecorded, orderGroup, gpcEffective, gpcRecorded, gpcCodes);
        }

        private static boolean isGpcOptOut(ConsentEvent event) {
            return event.channel() == ConsentChannel.GPC_SIGNAL && event.isOptOut();
        }

        /**
         * The code of the member's choice in effect among the {@code covering} purposes: the latest
         * event, for one of them, effective at or before {@code asOf} and recorded at or before
         * {@code knownAt}; or {@link #NONE}. Where GPC signals count, the choice is the later of this
         * and {@link #latestGpcSignal}. Allocation-free.
         *
         * @param covering the purpose the policy governs and every broader one
         * @param asOf the instant of use, from {@link KernelTime#notAfterNanos}
         * @param knownAt the instant of knowledge, from {@link KernelTime#notAfterNanos}
         * @return the code, or {@link #NONE}
         */
        public int choiceAt(Purpose[] covering, long asOf, long knownAt) {
            Purpose first = firstPurpose;
            if (first == null) {
                return NONE;
            }
            long counting;
            int groups = groupCount;
            if (groups <= 2) {
                Purpose second = secondPurpose;
                counting = (counts(first, covering) ? 1 : 0) | (second != null && counts(second, covering) ? 2 : 0);
            } else if (groups > MASKED_GROUPS) {
                return searchByKey(covering, asOf, knownAt);
            } else {
                counting = 0;
                for (int g = 0; g < groups; g++) {
                    counting |= counts(groupPurposes[g], covering) ? 1L << g : 0;
                }
            }
            if (counting == 0) {
                return NONE;
            }
            if (orderEffectiveAt.length > WALKED_HISTORIES) {
                return searchGroups(counting, asOf, knownAt);
            }
            // Step back through the member's effect order a few events; most histories end there.
            int i = InForce.at(orderEffectiveAt, 0, orderEffectiveAt.length, asOf);
            for (int stop = Math.max(-1, i - SCANNED_EVENTS); i > stop; i--) {
                int groupAndChoice = orderGroup[i];
                // Every recorded event is known at LATEST: a decision that is not a replay skips the read.
                if ((counting >>> (groupAndChoice >>> 1) & 1) != 0
                        && (knownAt == KernelTime.LATEST || orderRecordedAt[i] <= knownAt)) {
                    return i << 1 | (groupAndChoice & 1);
                }
            }
            // Many events of other purposes, or recorded late: search the covering groups instead.
            return i < 0 ? NONE : searchGroups(counting, asOf, knownAt);
        }

        /**
         * The code of the member's latest Global Privacy Control opt-out, of any purpose, effective at
         * or before {@code asOf} and recorded at or before {@code knownAt}; or {@link #NONE}. What a
         * version that counts GPC signals as objections adds to {@link #choiceAt}: the choice in
         * effect is then the higher of the two codes.
         *
         * @param asOf the instant of use, from {@link KernelTime#notAfterNanos}
         * @param knownAt the instant of knowledge, from {@link KernelTime#notAfterNanos}
         * @return the code, or {@link #NONE}
         */
        public int latestGpcSignal(long asOf, long knownAt) {
            return latestInGroup(gpcEffectiveAt, gpcRecordedAt, gpcCodes, 0, gpcCodes.length, asOf, knownAt);
        }

        /** The latest choice among the groups marked in {@code covering}, each searched on its own. */
        private int searchGroups(long covering, long asOf, long knownAt) {
            int best = NONE;
            for (int g = 0; g < groupPurposes.length; g++) {
                if ((covering >>> g & 1) != 0) {
                    best = Math.max(best, latestInGroup(effectiveAt, recordedAt, codes, groupStarts[g],
                            groupStarts[g + 1], asOf, knownAt));
                }
            }
            return best;
        }

        /** {@link #choiceAt} for a member with many purposes: their groups found by key. */
        private int searchByKey(Purpose[] covering, long asOf, long knownAt) {
            int best = NONE;
            for (Purpose p : covering) {
                int g = Arrays.binarySearch(groupKeys, p.key());
                if (g >= 0) {
                    best = Math.max(best, latestInGroup(effectiveAt, recordedAt, codes, groupStarts[g],
                            groupStarts[g + 1], asOf, knownAt));
                }
            }
            return best;
        }

        /** The number of the member's Global Privacy Control opt-outs, of any purpose. */
        public int gpcSignalCount() {
            return gpcCodes.length;
        }

        /**
         * The effective instant, in nanoseconds, of the member's GPC opt-out {@code k}, in effect order.
         *
         * @param k a signal index, below {@link #gpcSignalCount()}
         * @return the instant
         */
        public long gpcEffectiveAt(int k) {
            return gpcEffectiveAt[k];
        }

        /**
         * The recording instant, in nanoseconds, of the member's GPC opt-out {@code k}.
         *
         * @param k a signal index, below {@link #gpcSignalCount()}
         * @return the instant
         */
        public long gpcRecordedAt(int k) {
            return gpcRecordedAt[k];
        }

        /**
         * The code of the member's GPC opt-out {@code k}.
         *
         * @param k a signal index, below {@link #gpcSignalCount()}
         * @return the code
         */
        public int gpcCode(int k) {
            return gpcCodes[k];
        }

        /**
         * The choice point of the opt-in in effect (see the class description): the index, in group
         * order, of the earliest opt-in of the run that ends with {@code choice}. Allocation-free.
         *
         * @param covering the purpose the policy governs and every broader one
         * @param gpcSignalsObject whether the member's GPC opt-outs of any purpose count, as given to
         *     {@link #choiceAt}: then they too end a run of opt-ins
         * @param choice the code of the choice in effect ({@link #choiceAt}), an opt-in
         * @param knownAt the instant of knowledge, as given to {@link #choiceAt}
         * @return the event's index in group order, for {@link #effectiveAt(int)} and {@link #code(int)}
         */
        public int choicePoint(Purpose[] covering, boolean gpcSignalsObject, int choice, long knownAt) {
            int after = gpcSignalsObject
                    ? lastOptOutBefore(gpcRecordedAt, gpcCodes, 0, gpcCodes.length, choice, knownAt) : NONE;
            for (int g = 0; g < groupPurposes.length; g++) {
                if (counts(groupPurposes[g], covering)) {
                    after = Math.max(after, lastOptOutBefore(recordedAt, codes, groupStarts[g], groupStarts[g + 1],
                            choice, knownAt));
                }
            }
            int found = -1;
            for (int g = 0; g < groupPurposes.length; g++) {
                if (counts(groupPurposes[g], covering)) {
                    int i = firstOptInAfter(recordedAt, codes, groupStarts[g], groupStarts[g + 1], after, choice,
                            knownAt);
                    if (i >= 0 && (found < 0 || codes[i] < codes[found])) {
                        found = i;
                    }
                }
            }
            if (found < 0) {
                throw new IllegalArgumentException("no opt-in with code " + choice + " in effect");
            }
            return found;
        }

        @SuppressWarnings("ReferenceEquality") // identity first: shared instances are the common case, then equals
        private static boolean counts(Purpose group, Purpose[] covering) {
            for (Purpose p : covering) {
                if (group == p || (group.hashCode() == p.hashCode() && group.equals(p))) {
                    return true;
                }
            }
            return false;
        }

        /** The number of purpose groups. */
        public int groupCount() {
            return groupCount;
        }

        /**
         * The purpose of group {@code g}.
         *
         * @param g a group index
         * @return its purpose
         */
        public Purpose groupPurpose(int g) {
            return groupPurposes[g];
        }

        /**
         * The first event of group {@code g}; group {@code g} ends where group {@code g + 1} starts.
         *
         * @param g a group index, up to {@link #groupCount()} for the end of the last group
         * @return the event index
         */
        public int groupStart(int g) {
            return groupStarts[g];
        }

        /**
         * An event's effective instant in nanoseconds.
         *
         * @param i an event index in group order
         * @return the instant
         */
        public long effectiveAt(int i) {
            return effectiveAt[i];
        }

        /**
         * An event's recording instant in nanoseconds.
         *
         * @param i an event index in group order
         * @return the instant
         */
        public long recordedAt(int i) {
            return recordedAt[i];
        }

        /**
         * An event's code.
         *
         * @param i an event index in group order
         * @return the code
         */
        public int code(int i) {
            return codes[i];
        }
    }
}
