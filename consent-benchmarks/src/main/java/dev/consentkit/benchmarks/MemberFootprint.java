package dev.consentkit.benchmarks;

import dev.consentkit.batch.MemberStore;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.util.Arrays;
import java.util.Locale;

/**
 * Prints how many bytes a {@link MemberStore} takes per member and per consent event, for the
 * members of a {@link BatchSample} (a million unless the first argument says otherwise), two ways:
 * as {@link MemberStore#footprintBytes()} reports it, and as the heap grows when the store is built,
 * measured as used heap after full collections before and after building, the median of three builds.
 *
 * <p>The two costs are told apart by building the same members twice, with and without their consent
 * events: the store without events gives the cost per member, the difference the cost per event. Run it
 * with {@code -XX:+UseSerialGC}, whose used-heap figure after a full collection counts live objects
 * exactly; collectors with regions round large arrays up to whole regions.
 */
public final class MemberFootprint {

    /** What the store may take per member. */
    static final double MAX_BYTES_PER_MEMBER = 64;
    /** What the store may take per consent event. */
    static final double MAX_BYTES_PER_EVENT = 24;

    private static final int BUILDS = 3;
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private MemberFootprint() {}

    /**
     * Measures and prints.
     *
     * @param args optionally, the number of members
     */
    public static void main(String[] args) {
        int memberCount = args.length > 0 ? Integer.parseInt(args[0]) : BatchThroughputBenchmark.MEMBERS;
        BatchSample sample = BatchSample.generate(memberCount, 0);
        int events = sample.eventCount();

        long withEvents = sample.buildMemberStore(true).footprintBytes();
        long withoutEvents = sample.buildMemberStore(false).footprintBytes();
        long heapWithEvents = heapGrowth(sample, true);
        long heapWithoutEvents = heapGrowth(sample, false);

        double perMember = (double) withoutEvents / memberCount;
        double perEvent = (double) (withEvents - withoutEvents) / events;
        double heapPerMember = (double) heapWithoutEvents / memberCount;
        double heapPerEvent = (double) (heapWithEvents - heapWithoutEvents) / events;
        System.out.printf(Locale.ROOT, "MemberStore footprint: %d members, %d consent events (%.2f per member), "
                + "ids of 10 ASCII characters, one jurisdiction each%n", memberCount, events, (double) events / memberCount);
        System.out.printf(Locale.ROOT, "  footprintBytes(): %,d B with events, %,d B without%n", withEvents, withoutEvents);
        System.out.printf(Locale.ROOT, "  heap growth (%s, median of %d builds): %,d B with events, %,d B without%n",
                collectors(), BUILDS, heapWithEvents, heapWithoutEvents);
        System.out.printf(Locale.ROOT, "  per member: %.2f B by footprintBytes(), %.2f B on the heap (at most %.0f: %s)%n",
                perMember, heapPerMember, MAX_BYTES_PER_MEMBER, verdict(Math.max(perMember, heapPerMember), MAX_BYTES_PER_MEMBER));
        System.out.printf(Locale.ROOT, "  per consent event: %.2f B by footprintBytes(), %.2f B on the heap (at most %.0f: %s)%n",
                perEvent, heapPerEvent, MAX_BYTES_PER_EVENT, verdict(Math.max(perEvent, heapPerEvent), MAX_BYTES_PER_EVENT));
    }

    private static long heapGrowth(BatchSample sample, boolean withEvents) {
        long[] growth = new long[BUILDS];
        for (int i = 0; i < BUILDS; i++) {
            long before = usedHeapAfterFullCollection();
            MemberStore store = sample.buildMemberStore(withEvents);
            try {
                growth[i] = usedHeapAfterFullCollection() - before;
            } finally {
                Reference.reachabilityFence(store);
            }
        }
        Arrays.sort(growth);
        return growth[BUILDS / 2];
    }

    private static long usedHeapAfterFullCollection() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return MEMORY.getHeapMemoryUsage().getUsed();
    }

    private static String collectors() {
        StringBuilder names = new StringBuilder();
        ManagementFactory.getGarbageCollectorMXBeans().forEach(gc -> names.append(names.length() == 0 ? "" : ", ")
                .append(gc.getName()));
        return names.toString();
    }

    private static String verdict(double measured, double limit) {
        return measured <= limit ? "met" : String.format(Locale.ROOT, "missed by %.2f B", measured - limit);
    }
}
