package dev.consentkit;

import java.time.Instant;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Decides for many items at one instant: the form a training run uses to filter its data set.
 *
 * <p>Creating one resolves, once, everything about each member of a {@link MemberStore} that does not
 * depend on the item: account closure, jurisdiction rule, age, and the consent choice in effect. Each
 * item then costs a few array reads. Two ways in:
 *
 * <ul>
 *   <li>objects: {@link #trainable(List)} decides a list of {@link ContentItem}s, the fastest way for
 *       objects; {@link #isTrainable(ContentItem)} decides one, and {@link #trainable(Stream)} filters
 *       a stream with it, on one thread or, with a parallel stream, on all cores; and
 *       {@link #decisions(Stream, Function)} explains each item from the full {@link Member};
 *   <li>columns: {@link #trainable(ItemColumns)} and {@link #trainableInParallel(ItemColumns)} take
 *       {@link ItemColumns} and return the trainable rows as a {@link BitSet}.
 * </ul>
 *
 * <p>Every answer equals {@link TrainingPolicy#isTrainable} (or, for an evaluator made with
 * {@code knownAt}, {@code evaluate(..., knownAt).trainable()}) for the same item, member and instant.
 * Immutable and thread-safe; the per-item methods allocate nothing and take no lock.
 */
public final class BatchEvaluator {

    private static final int NOT_TRAINABLE = Integer.MAX_VALUE;
    private static final int NO_AGE_LIMIT = Integer.MIN_VALUE;
    private static final int PARALLEL_THRESHOLD = 1 << 16;
    private static final int CHUNK_ROWS = 1 << 16;
    // Items whose author lookups trainable(List) overlaps: enough to keep many reads of the store in
    // flight at once, few enough that the group's items stay in the cache between the stages (16 and
    // 32 measured slower, 256 no faster).
    private static final int GROUP = 128;

    private final TrainingPolicy policy;
    private final MemberStore members;
    private final Instant asOf;
    private final @Nullable Instant knownAt;
    private final @Nullable PolicyVersion version;
    private final long asOfNanos;
    // Per member: NOT_TRAINABLE, NO_AGE_LIMIT, or the first UTC day whose items the member created
    // when old enough.
    private final int[] itemsFromDay;

    private BatchEvaluator(TrainingPolicy policy, MemberStore members, Instant asOf, @Nullable Instant knownAt) {
        this.policy = policy;
        this.members = members;
        this.asOf = asOf;
        this.knownAt = knownAt;
        this.version = policy.versionInForce(asOf);
        this.asOfNanos = EpochNanos.saturated(asOf);
        this.itemsFromDay = new int[members.size()];
        PolicyVersion v = version;
        if (v == null) {
            Arrays.fill(itemsFromDay, NOT_TRAINABLE);
            return;
        }
        MemberTable table = new MemberTable(v, members, policy.purpose(), asOfNanos, CalendarDays.utcEpochDay(asOf),
                knownAt == null ? EpochNanos.NEVER : EpochNanos.saturated(knownAt));
        int chunks = (members.size() + CHUNK_ROWS - 1) / CHUNK_ROWS;
        IntStream range = IntStream.range(0, chunks);
        (members.size() >= PARALLEL_THRESHOLD ? range.parallel() : range).forEach(chunk -> {
            for (int m = chunk * CHUNK_ROWS, end = Math.min(members.size(), m + CHUNK_ROWS); m < end; m++) {
                itemsFromDay[m] = table.itemsFromDay(m);
            }
        });
    }

    /**
     * An evaluator for use at {@code asOf}. Its cost is one pass over the store's members, on all
     * cores for large stores.
     *
     * @throws NullPointerException if an argument is null
     */
    public static BatchEvaluator of(TrainingPolicy policy, MemberStore members, Instant asOf) {
        return new BatchEvaluator(Objects.requireNonNull(policy, "policy"), Objects.requireNonNull(members, "members"),
                Objects.requireNonNull(asOf, "asOf"), null);
    }

    /**
     * An evaluator that replays use at {@code asOf} as known at {@code knownAt}: consent events
     * recorded after {@code knownAt} are ignored, as in {@link TrainingPolicy#evaluate(ContentItem,
     * Member, Instant, Instant)}.
     *
     * @throws NullPointerException if an argument is null
     */
    public static BatchEvaluator of(TrainingPolicy policy, MemberStore members, Instant asOf, Instant knownAt) {
        return new BatchEvaluator(Objects.requireNonNull(policy, "policy"), Objects.requireNonNull(members, "members"),
                Objects.requireNonNull(asOf, "asOf"), Objects.requireNonNull(knownAt, "knownAt"));
    }

    /** The instant this evaluator decides for. */
    public Instant asOf() {
        return asOf;
    }

    /**
     * Whether {@code item} may be used for training at {@link #asOf()}.
     *
     * @throws NullPointerException if {@code item} is null
     * @throws IllegalArgumentException if the item's author is not in the store; the message names both
     */
    public boolean isTrainable(ContentItem item) {
        Objects.requireNonNull(item, "item");
        int member = members.indexOf(item.authorId());
        if (member < 0) {
            throw authorNotInStore(item);
        }
        return decide(item, itemsFromDay[member]);
    }

    /**
     * Which of {@code items} may be used for training at {@link #asOf()}: bit {@code i} is set when
     * {@code items.get(i)} is, exactly as {@link #isTrainable(ContentItem)} answers. Faster per item
     * than asking item by item, since it finds the authors of several items at once and their reads
     * of the store overlap; on the calling thread.
     *
     * @throws NullPointerException if {@code items} or an item is null
     * @throws IllegalArgumentException if an item's author is not in the store; the message names the
     *     first such author and its item
     */
    public BitSet trainable(List<ContentItem> items) {
        Objects.requireNonNull(items, "items");
        long[] words = new long[(items.size() + 63) >>> 6];
        ContentItem[] group = new ContentItem[GROUP];
        int[] hashes = new int[GROUP];
        int[] entries = new int[GROUP];
        int[] candidates = new int[GROUP];
        int[] fromDays = new int[GROUP];
        int index = 0;
        for (Iterator<ContentItem> it = items.iterator(); it.hasNext(); ) {
            int count = 0;
            while (count < GROUP && it.hasNext()) {
                group[count++] = it.next();
            }
            decideGroup(group, count, hashes, entries, candidates, fromDays);
            for (int i = 0; i < count; i++, index++) {
                if (decide(group[i], fromDays[i])) {
                    words[index >>> 6] |= 1L << index;
                }
            }
        }
        return BitSet.valueOf(words);
    }

    /**
     * Looks up the authors of {@code group[0..count)} in stages, each stage's reads independent of
     * one another so that they overlap, and leaves each author's per-member entry in {@code fromDays}.
     */
    private void decideGroup(ContentItem[] group, int count, int[] hashes, int[] entries, int[] candidates,
            int[] fromDays) {
        MemberStore store = members;
        for (int i = 0; i < count; i++) {
            ContentItem item = group[i];
            hashes[i] = item == null ? 0 : MemberStore.hash(item.authorId());
        }
        for (int i = 0; i < count; i++) {
            entries[i] = group[i] == null ? 0 : store.firstEntry(hashes[i]);
        }
        for (int i = 0; i < count; i++) {
            int candidate = store.candidate(entries[i], hashes[i]);
            ContentItem item = group[i];
            if (candidate >= 0 && item != null && store.mayHoldId(candidate, item.authorId())) {
                candidates[i] = candidate;
                fromDays[i] = itemsFromDay[candidate];
            } else {
                candidates[i] = -1;
            }
        }
        // In order, so that the first bad item is the one reported, as item by item.
        for (int i = 0; i < count; i++) {
            ContentItem item = Objects.requireNonNull(group[i], "item");
            String author = item.authorId();
            int candidate = candidates[i];
            if (candidate < 0 || !store.idEquals(candidate, author)) {
                int member = store.indexOf(author, hashes[i], entries[i]);
                if (member < 0) {
                    throw authorNotInStore(item);
                }
                fromDays[i] = itemsFromDay[member];
            }
        }
    }

    private static IllegalArgumentException authorNotInStore(ContentItem item) {
        return new IllegalArgumentException("author " + item.authorId() + " of content item " + item.id()
                + " is not in the member store");
    }

    private boolean decide(ContentItem item, int fromDay) {
        PolicyVersion v = version;
        if (fromDay == NOT_TRAINABLE || v == null) {
            return false;
        }
        return Evaluator.passesItemChecks(v, item, asOf)
                && (fromDay == NO_AGE_LIMIT || CalendarDays.utcEpochDay(item.createdAt()) >= fromDay);
    }

    /**
     * The trainable items of {@code items}, lazily, in order; a parallel stream is filtered on all
     * cores.
     *
     * @throws IllegalArgumentException from the terminal operation, for an item whose author is not in
     *     the store
     */
    public Stream<ContentItem> trainable(Stream<ContentItem> items) {
        return Objects.requireNonNull(items, "items").filter(this::isTrainable);
    }

    /**
     * The explained decision for each item, from the full member record, which {@code members} looks
     * up by id (for example {@code Map::get}); the store cannot cite consent event ids, so decisions
     * come from {@link Member}s.
     *
     * @throws IllegalArgumentException from the terminal operation, for an item whose author
     *     {@code members} does not find
     */
    public Stream<Decision> decisions(Stream<ContentItem> items, Function<String, @Nullable Member> members) {
        Objects.requireNonNull(items, "items");
        Objects.requireNonNull(members, "members");
        return items.map(item -> {
            Member author = members.apply(item.authorId());
            if (author == null) {
                throw new IllegalArgumentException("author " + item.authorId() + " of content item " + item.id()
                        + " is not found");
            }
            Instant k = knownAt;
            return k == null ? policy.evaluate(item, author, asOf) : policy.evaluate(item, author, asOf, k);
        });
    }

    /**
     * The trainable rows of {@code items}, on the calling thread.
     *
     * @throws IllegalArgumentException if a member index is not in the store; the message shows the row
     */
    public BitSet trainable(ItemColumns items) {
        Objects.requireNonNull(items, "items");
        long[] words = new long[(items.size() + 63) >>> 6];
        evaluateRows(items, categoryVerdicts(items), 0, items.size(), words);
        return BitSet.valueOf(words);
    }

    /**
     * The trainable rows of {@code items}, on all cores of the common fork-join pool.
     *
     * @throws IllegalArgumentException if a member index is not in the store; the message shows the row
     */
    public BitSet trainableInParallel(ItemColumns items) {
        Objects.requireNonNull(items, "items");
        long[] words = new long[(items.size() + 63) >>> 6];
        boolean[] categoryOk = categoryVerdicts(items);
        int chunks = (items.size() + CHUNK_ROWS - 1) / CHUNK_ROWS;
        // Chunks start at multiples of 64 rows, so no two chunks write the same word.
        IntStream.range(0, chunks).parallel().forEach(chunk -> evaluateRows(items, categoryOk, chunk * CHUNK_ROWS,
                Math.min(items.size(), (chunk + 1) * CHUNK_ROWS), words));
        return BitSet.valueOf(words);
    }

    private boolean[] categoryVerdicts(ItemColumns items) {
        DataCategory[] dictionary = items.categoryDictionary();
        boolean[] ok = new boolean[dictionary.length];
        PolicyVersion v = version;
        for (int i = 0; i < dictionary.length && v != null; i++) {
            ok[i] = v.neverAllowedMatch(dictionary[i]) == null && v.allowedMatch(dictionary[i]) != null;
        }
        return ok;
    }

    private void evaluateRows(ItemColumns items, boolean[] categoryOk, int from, int to, long[] words) {
        // With no version in force every member is NOT_TRAINABLE; the rows are still checked for misuse.
        PolicyVersion v = version;
        long nanosPerUnit = items.unit().toNanos(1);
        long unitsPerDay = EpochNanos.NANOS_PER_DAY / nanosPerUnit;
        long maxDay = Long.MAX_VALUE / unitsPerDay;
        long asOfUnits = EpochNanos.floorUnits(asOf, nanosPerUnit);
        Instant scope = v == null ? null : v.itemsCreatedFromOrNull();
        long scopeUnits = scope == null ? Long.MIN_VALUE : EpochNanos.ceilUnits(scope, nanosPerUnit);
        int[] memberIndexes = items.memberIndexes();
        int[] categoryIndexes = items.categoryIndexes();
        long[] createdAt = items.createdAt();
        long[] deletedAt = items.deletedAt();
        long[] reservedFrom = items.reservedFrom();
        int memberCount = itemsFromDay.length;
        for (int row = from; row < to; row++) {
            int member = memberIndexes[row];
            if (member < 0 || member >= memberCount) {
                throw new IllegalArgumentException("member index " + member + " in row " + row
                        + " is not in the member store of " + memberCount + " members");
            }
            int fromDay = itemsFromDay[member];
            long created = createdAt[row];
            if (fromDay == NOT_TRAINABLE
                    || created > asOfUnits
                    || created < scopeUnits
                    || !categoryOk[categoryIndexes[row]]
                    || (deletedAt != null && deletedAt[row] <= asOfUnits)
                    || (reservedFrom != null && reservedFrom[row] <= asOfUnits)) {
                continue;
            }
            if (fromDay != NO_AGE_LIMIT) {
                long firstUnit = fromDay > maxDay ? Long.MAX_VALUE
                        : fromDay < -maxDay ? Long.MIN_VALUE : fromDay * unitsPerDay;
                if (created < firstUnit) {
                    continue;
                }
            }
            words[row >>> 6] |= 1L << row;
        }
    }

    /** Resolves, for one member, every check that does not depend on the item. */
    private static final class MemberTable {

        private final PolicyVersion version;
        private final MemberStore members;
        private final long asOf;
        private final long asOfDay;
        private final long knownAt;
        private final boolean[] covering;
        // Per store jurisdiction: the basis there, or null when excluded.
        private final @Nullable LegalBasis[] basis;

        // asOfDay comes from the instant itself: a saturated asOf compares exactly with stored instants,
        // but not with a coming of age after the span they lie in.
        MemberTable(PolicyVersion version, MemberStore members, Purpose purpose, long asOf, long asOfDay,
                long knownAt) {
            this.version = version;
            this.members = members;
            this.asOf = asOf;
            this.asOfDay = asOfDay;
            this.knownAt = knownAt;
            Purpose[] purposes = members.purposes();
            this.covering = new boolean[purposes.length];
            for (int p = 0; p < purposes.length; p++) {
                covering[p] = purposes[p].covers(purpose);
            }
            Jurisdiction[] places = members.places();
            this.basis = new LegalBasis[places.length];
            for (int j = 0; j < places.length; j++) {
                basis[j] = version.basisFor(places[j]);
            }
        }

        int itemsFromDay(int member) {
            if (members.closedAt(member) <= asOf) {
                return NOT_TRAINABLE;
            }
            int place = members.placeAt(member, asOf);
            LegalBasis placeBasis = place < 0 ? null : basis[place];
            if (placeBasis == null) {
                return NOT_TRAINABLE;
            }
            int fromDay = NO_AGE_LIMIT;
            int minimumAge = version.minimumAge();
            if (minimumAge > 0) {
                int birth = members.birthDate(member);
                if (!MemberStore.isBirthDateKnown(birth)) {
                    if (version.unknownAge() == UnknownAge.DENY) {
                        return NOT_TRAINABLE;
                    }
                } else {
                    long comingOfAge = MemberStore.anniversaryEpochDay(birth, minimumAge);
                    if (asOfDay < comingOfAge) {
                        return NOT_TRAINABLE;
                    }
                    fromDay = (int) comingOfAge;
                }
            }
            int choice = members.choiceAt(member, asOf, knownAt, covering);
            boolean allowed = choice < 0 ? !placeBasis.requiresOptIn() : (choice & 1) == 0;
            return allowed ? fromDay : NOT_TRAINABLE;
        }
    }
}
