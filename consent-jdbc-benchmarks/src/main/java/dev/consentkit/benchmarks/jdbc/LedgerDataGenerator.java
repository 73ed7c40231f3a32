package dev.consentkit.benchmarks.jdbc;

import dev.consentkit.AccountClosure;
import dev.consentkit.ConsentChannel;
import dev.consentkit.ConsentChoice;
import dev.consentkit.ConsentEvent;
import dev.consentkit.Jurisdiction;
import dev.consentkit.Member;
import dev.consentkit.Purpose;
import dev.consentkit.jdbc.ConsentLedger;
import dev.consentkit.jdbc.LedgerBatch;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * Members for a consent ledger, the same for the same seed: every value of member {@code n} comes from
 * a random generator seeded with the seed and {@code n}, so a member is the same whatever range it is
 * generated in.
 *
 * <p>Each member has
 *
 * <ul>
 *   <li>a birth date between 1950 and 2008, unknown for 10% of them;
 *   <li>a residence in one of six places (countries and a US state) as far back as known, and for 20% a
 *       move to another one: about 1.2 residence rows per member;
 *   <li>for 4% a closed account, reopened for half of them;
 *   <li>0 to 3 consent events with equal chances (1.5 on average) for {@code ai-training},
 *       {@code ai-training.generative} or {@code marketing}, opt-ins and opt-outs over every channel, at
 *       increasing instants, 10% of them recorded up to a day after they took effect.
 * </ul>
 *
 * <p>Instants are whole microseconds within 2023 and 2024, as the ledger keeps them. Events added later
 * ({@link #newEvents}) take effect in 2026, after every generated one.
 */
public final class LedgerDataGenerator {

    /** The seed the benchmarks use unless told otherwise. */
    public static final long DEFAULT_SEED = 20251104L;

    private static final long START_SECOND = Instant.parse("2023-01-01T00:00:00Z").getEpochSecond();
    private static final long SPAN_SECONDS = 2L * 365 * 24 * 3600;
    private static final long NEW_EVENTS_SECOND = Instant.parse("2026-01-01T00:00:00Z").getEpochSecond();
    private static final List<Jurisdiction> PLACES = List.of(Jurisdiction.of("FR"), Jurisdiction.of("DE"),
            Jurisdiction.of("US-CA"), Jurisdiction.of("US"), Jurisdiction.of("GB"), Jurisdiction.of("IN"));
    private static final List<Purpose> PURPOSES =
            List.of(Purpose.AI_TRAINING, Purpose.GENERATIVE_AI_TRAINING, Purpose.of("marketing"));
    private static final ConsentChannel[] CHANNELS = ConsentChannel.values();

    private final long seed;

    /**
     * A generator of the members of this seed.
     *
     * @param seed the seed; the same seed gives the same members
     */
    public LedgerDataGenerator(long seed) {
        this.seed = seed;
    }

    /**
     * The id of member {@code index}: {@code m} and eight digits, so that ids sort as their indexes.
     *
     * @param index the member's index, 0 to 99,999,999
     * @return the id
     */
    public static String memberId(int index) {
        String digits = Integer.toString(index);
        return "m" + "00000000".substring(digits.length()) + digits;
    }

    /**
     * Member {@code index}, with every fact of theirs.
     *
     * @param index the member's index
     * @return the member
     */
    public Member member(int index) {
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
        @Nullable LocalDate birthDate = random.nextInt(10) == 0 ? null
                : LocalDate.of(1950, 1, 1).plusDays(random.nextInt(58 * 365));
        Member.Builder member = Member.builder(memberId(index)).birthDate(birthDate);
        int place = random.nextInt(PLACES.size());
        member.residentIn(PLACES.get(place));
        if (random.nextInt(5) == 0) {
            member.residentIn(PLACES.get((place + 1 + random.nextInt(PLACES.size() - 1)) % PLACES.size()),
                    instant(random, START_SECOND + random.nextLong(SPAN_SECONDS)));
        }
        if (random.nextInt(25) == 0) {
            long closed = START_SECOND + random.nextLong(SPAN_SECONDS);
            member.closure(random.nextBoolean() ? AccountClosure.from(instant(random, closed))
                    : AccountClosure.between(instant(random, closed), instant(random, closed + 1 + random.nextInt(3600 * 24 * 90))));
        }
        int events = random.nextInt(4);
        List<ConsentEvent> history = new ArrayList<>(events);
        long second = START_SECOND + random.nextLong(SPAN_SECONDS / 2);
        for (int e = 0; e < events; e++) {
            second += 1 + random.nextLong(SPAN_SECONDS / 8);
            Instant effective = instant(random, second);
            Instant recorded = random.nextInt(10) == 0 ? effective.plusSeconds(1 + random.nextInt(24 * 3600)) : effective;
            history.add(new ConsentEvent("e" + e, PURPOSES.get(random.nextInt(PURPOSES.size())),
                    random.nextBoolean() ? ConsentChoice.OPT_OUT : ConsentChoice.OPT_IN, effective, recorded,
                    CHANNELS[random.nextInt(CHANNELS.length)]));
        }
        return member.consent(history.toArray(new ConsentEvent[0])).build();
    }

    /**
     * The members from {@code from} (inclusive) to {@code to} (exclusive).
     *
     * @param from the first member's index
     * @param to the index after the last member's
     * @return the members, in index order
     */
    public List<Member> members(int from, int to) {
        List<Member> members = new ArrayList<>(to - from);
        for (int index = from; index < to; index++) {
            members.add(member(index));
        }
        return members;
    }

    /**
     * Appends members 0 to {@code members - 1} to the ledger, {@code batchMembers} members (with all
     * their facts) per {@link ConsentLedger#append} call, and counts what it wrote and how long the
     * appends took, generation excluded.
     *
     * @param ledger an empty ledger
     * @param members how many members
     * @param batchMembers how many members per batch
     * @return the rows written and the time the appends took
     * @throws SQLException if the database fails
     */
    public Fill fill(ConsentLedger ledger, int members, int batchMembers) throws SQLException {
        Counts counts = new Counts(0, 0, 0, 0);
        long appendNanos = 0;
        for (int from = 0; from < members; from += batchMembers) {
            List<Member> batch = members(from, Math.min(members, from + batchMembers));
            counts = counts.plus(Counts.of(batch));
            LedgerBatch facts = LedgerBatch.of(batch);
            long start = System.nanoTime();
            ledger.append(facts);
            appendNanos += System.nanoTime() - start;
        }
        return new Fill(counts, batchMembers, appendNanos);
    }

    /**
     * One new consent event for each of {@code count} distinct members, from member {@code first} on
     * (wrapping around at {@code members}): the event {@code id} of each, an opt-out or an opt-in of
     * {@code ai-training.generative} by API, taking effect {@code round} seconds into 2026, after every
     * generated event.
     *
     * @param id the events' id, new for every member each time
     * @param first the first member's index
     * @param count how many members, at most {@code members}
     * @param members how many members the ledger has
     * @param round which change this is, for the instant and the choice
     * @return the batch of events
     */
    public static LedgerBatch newEvents(String id, int first, int count, int members, int round) {
        if (count > members) {
            throw new IllegalArgumentException(count + " distinct members asked for, of " + members);
        }
        Instant at = Instant.ofEpochSecond(NEW_EVENTS_SECOND + round);
        ConsentEvent event = new ConsentEvent(id, Purpose.GENERATIVE_AI_TRAINING,
                round % 2 == 0 ? ConsentChoice.OPT_OUT : ConsentChoice.OPT_IN, at, at, ConsentChannel.API);
        LedgerBatch.Builder batch = LedgerBatch.builder();
        for (int i = 0; i < count; i++) {
            batch.event(memberId(Math.floorMod(first + i, members)), event);
        }
        return batch.build();
    }

    private static Instant instant(SplittableRandom random, long second) {
        return Instant.ofEpochSecond(second, random.nextInt(1_000_000) * 1_000L);
    }

    /**
     * Rows of the ledger's four tables.
     *
     * @param members member rows
     * @param residences residence rows
     * @param closures closure rows
     * @param events consent event rows
     */
    public record Counts(long members, long residences, long closures, long events) {

        /**
         * The rows these members make.
         *
         * @param members members
         * @return their rows
         */
        public static Counts of(List<Member> members) {
            long residences = 0;
            long closures = 0;
            long events = 0;
            for (Member member : members) {
                residences += member.jurisdictions().residences().size();
                closures += member.closures().size();
                events += member.consent().events().size();
            }
            return new Counts(members.size(), residences, closures, events);
        }

        /** {@return the rows of all four tables} */
        public long rows() {
            return members + residences + closures + events;
        }

        Counts plus(Counts other) {
            return new Counts(members + other.members, residences + other.residences, closures + other.closures,
                    events + other.events);
        }
    }

    /**
     * What {@link #fill} wrote and how long its appends took.
     *
     * @param counts the rows written
     * @param batchMembers members per batch
     * @param appendNanos the time of the {@link ConsentLedger#append} calls, generation excluded
     */
    public record Fill(Counts counts, int batchMembers, long appendNanos) {

        /** {@return the rows appended per second} */
        public double rowsPerSecond() {
            return counts.rows() * 1e9 / appendNanos;
        }

        /** {@return the consent events appended per second, with the members and facts around them} */
        public double eventsPerSecond() {
            return counts.events() * 1e9 / appendNanos;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT,
                    "fill: %,d members, %,d residences, %,d closures, %,d consent events appended in batches of %,d members"
                            + " in %.1f s: %,.0f rows/s, %,.0f consent events/s",
                    counts.members(), counts.residences(), counts.closures(), counts.events(), batchMembers,
                    appendNanos / 1e9, rowsPerSecond(), eventsPerSecond());
        }
    }
}
