package dev.consentkit.benchmarks;

import dev.consentkit.Jurisdiction;
import dev.consentkit.Member;
import dev.consentkit.batch.MemberStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Whether members can slow a {@link MemberStore} down by choosing their ids: {@value #MEMBERS} members
 * whose ids all have the same {@link String#hashCode()}, against as many ordinary ids of the same
 * length. The target: colliding ids cost about what ordinary ones do, to build a store and to look a
 * member up.
 *
 * <p>The colliding ids are every string of 15 pairs, each {@code "Aa"} or {@code "BB"}, which have one
 * hash code since the two pairs do; anyone can make such a set for any length. The ordinary ids are
 * {@value #ID_LENGTH} random lowercase letters and digits from a fixed seed. Each member is resident
 * in one country and has no consent event, so the store's id table is what is measured.
 *
 * <ul>
 *   <li>{@code build} is {@link MemberStore#of} over the members, in milliseconds per store.
 *   <li>{@code indexOf} is one {@link MemberStore#indexOf} of a member in the store, in nanoseconds,
 *       cycling through every member in a shuffled order.
 * </ul>
 *
 * <p>Setup checks that each set has {@value #MEMBERS} distinct ids (the colliding ones with one hash
 * code) and that the store finds every member at its index, and fails the run otherwise.
 */
@BenchmarkMode(Mode.AverageTime)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class MemberIdFloodBenchmark {

    /** The number of members: every string of 15 {@code "Aa"} or {@code "BB"} pairs. */
    public static final int MEMBERS = 1 << 15;
    /** The length of every id. */
    public static final int ID_LENGTH = 30;

    private static final long SEED = 20_261_130L;
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    /** The members, with colliding or ordinary ids. */
    @State(Scope.Benchmark)
    public static class Members {

        /** {@code colliding}: one {@code String.hashCode} for all; {@code ordinary}: random ids. */
        @Param({"colliding", "ordinary"})
        public String ids;

        List<Member> members;
        String[] lookups;

        /**
         * Generates the members and a shuffled order to look them up in.
         *
         * @throws IllegalArgumentException if {@code ids} is neither kind
         * @throws IllegalStateException if the ids are not as described
         */
        @Setup
        public void setUp() {
            List<String> chosen = idsOfKind(ids);
            check(chosen, ids.equals("colliding"));
            members = new ArrayList<>(chosen.size());
            for (String id : chosen) {
                members.add(Member.builder(id).residentIn(Jurisdiction.of("US")).build());
            }
            List<String> shuffled = new ArrayList<>(chosen);
            Collections.shuffle(shuffled, new Random(SEED));
            lookups = shuffled.toArray(new String[0]);
        }
    }

    /** A store of the members, to look them up in. */
    @State(Scope.Benchmark)
    public static class Store {

        MemberStore store;

        /**
         * Builds the store and checks that it finds every member.
         *
         * @throws IllegalStateException if a member is not found at its index
         */
        @Setup
        public void setUp(Members members) {
            store = MemberStore.of(members.members);
            for (int m = 0; m < members.members.size(); m++) {
                if (store.indexOf(members.members.get(m).id()) != m) {
                    throw new IllegalStateException("member " + members.members.get(m).id() + " is not at index " + m);
                }
            }
        }
    }

    /** Where the next lookup is in the shuffled order; per thread. */
    @State(Scope.Thread)
    public static class Cursor {

        int next;
    }

    /** Building a store of the members. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public MemberStore build(Members members) {
        return MemberStore.of(members.members);
    }

    /** Looking up one member by id. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public int indexOf(Members members, Store store, Cursor cursor) {
        return store.store.indexOf(members.lookups[cursor.next++ & (MEMBERS - 1)]);
    }

    /**
     * The ids of a kind, in a fixed order.
     *
     * @throws IllegalArgumentException if {@code kind} is neither {@code colliding} nor {@code ordinary}
     */
    static List<String> idsOfKind(String kind) {
        return switch (kind) {
            case "colliding" -> collidingIds();
            case "ordinary" -> ordinaryIds();
            default -> throw new IllegalArgumentException("ids are colliding or ordinary, not " + kind);
        };
    }

    /** Every string of 15 pairs, each {@code "Aa"} or {@code "BB"}: one {@code String.hashCode} for all. */
    static List<String> collidingIds() {
        List<String> ids = new ArrayList<>(MEMBERS);
        for (int bits = 0; bits < MEMBERS; bits++) {
            StringBuilder id = new StringBuilder(ID_LENGTH);
            for (int pair = 0; pair < ID_LENGTH / 2; pair++) {
                id.append((bits >>> pair & 1) == 0 ? "Aa" : "BB");
            }
            ids.add(id.toString());
        }
        return ids;
    }

    /** {@value #MEMBERS} distinct ids of random lowercase letters and digits, the same on every call. */
    static List<String> ordinaryIds() {
        SplittableRandom random = new SplittableRandom(SEED);
        HashSet<String> seen = new HashSet<>();
        List<String> ids = new ArrayList<>(MEMBERS);
        while (ids.size() < MEMBERS) {
            char[] id = new char[ID_LENGTH];
            for (int i = 0; i < id.length; i++) {
                id[i] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
            }
            String s = new String(id);
            if (seen.add(s)) {
                ids.add(s);
            }
        }
        return ids;
    }

    private static void check(List<String> ids, boolean colliding) {
        long hashCodes = ids.stream().mapToInt(String::hashCode).distinct().count();
        if (ids.size() != MEMBERS || new HashSet<>(ids).size() != MEMBERS
                || ids.stream().anyMatch(id -> id.length() != ID_LENGTH) || (colliding && hashCodes != 1)) {
            throw new IllegalStateException(ids.size() + " ids, " + new HashSet<>(ids).size() + " distinct, with "
                    + hashCodes + " hash codes");
        }
    }
}
