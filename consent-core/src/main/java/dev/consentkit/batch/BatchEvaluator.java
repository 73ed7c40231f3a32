package dev.consentkit.batch;

import dev.consentkit.ContentItem;
import dev.consentkit.DataCategory;
import dev.consentkit.Jurisdiction;
import dev.consentkit.LegalBasis;
import dev.consentkit.PolicyVersion;
import dev.consentkit.Reason;
import dev.consentkit.TrainingPolicy;
import dev.consentkit.internal.ItemFacts;
import dev.consentkit.internal.KernelTime;
import dev.consentkit.internal.RuleKernel;
import dev.consentkit.internal.VersionRules;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Decides for many items at one instant: the form a training run uses to filter its data set.
 *
 * <p>Building one resolves, once, the member half of the rules for each member of a
 * {@link MemberStore}: account closure, jurisdiction rule, age, and the consent choice in effect.
 * Each item then costs the item half and a few array reads. Two ways in:
 *
 * <ul>
 *   <li>objects: {@link #trainable(List)} and {@link #reasons(List)} decide a list of
 *       {@link ContentItem}s, the fastest way for objects; {@link #isTrainable(ContentItem)} and
 *       {@link #reason(ContentItem)} decide one, and {@link #trainable(Stream)} filters a stream;
 *   <li>columns: {@link #trainable(ItemColumns)} returns the trainable rows of {@link ItemColumns} as a
 *       {@link BitSet}, and {@link #reasons(ItemColumns)} each row's primary {@link Reason}; both also
 *       run on an {@link Executor} the caller gives.
 * </ul>
 *
 * <p>Every answer equals {@link TrainingPolicy#isTrainable} and every reason
 * {@code TrainingPolicy.evaluate(...).reason()} (as known at {@link #knownAt()} for an audit replay)
 * for the same item, member and instant: both call the same rule kernel. Immutable and thread-safe;
 * the per-item methods that answer with a boolean allocate nothing and take no lock. Nothing runs on
 * another thread unless the caller passes an {@link Executor}.
 *
 * <p>Over a store made by {@link MemberStore#withChanges}, a member index that is vacated holds no
 * member: no item's author is found there, and the methods that take member indexes reject it as they
 * reject an index outside the store.
 */
public final class BatchEvaluator {

    // Rows or members per task on an executor: large enough to pay for a task, small enough to share
    // the work evenly. A multiple of 64, so that no two tasks write the same word of a bit set.
    private static final int CHUNK = 1 << 16;
    // Items whose author lookups trainable(List) overlaps: enough to keep many reads of the store in
    // flight at once, few enough that the group's items stay in the cache between the stages (16 and
    // 32 measured slower, 256 no faster).
    private static final int GROUP = 128;
    // Rows whose members' verdicts the columnar paths read in one loop before they check the rows: 2 KB
    // of verdicts, which stay in the first-level cache until the checks use them.
    private static final int BLOCK = 256;

    private final MemberStore members;
    private final Instant asOf;
    private final @Nullable Instant knownAt;
    private final @Nullable VersionRules rules;
    private final int versionFailures;
    private final long asOfNanos;
    private final ItemFacts.Access itemFacts;
    // Per member: the member half's verdict (RuleKernel).
    private final long[] verdicts;
    // Per member: the choice scope in kernel nanoseconds (RuleKernel.choiceScope); null unless the version
    // in force counts items only from the member's own opt-in.
    private final long @Nullable [] choiceScopes;

    private BatchEvaluator(Builder b, Instant asOf, @Nullable Executor executor) {
        this.members = b.members;
        this.asOf = asOf;
        this.knownAt = b.knownAt;
        PolicyVersion version = b.policy.versionAt(asOf).orElse(null);
        this.rules = version == null ? null : VersionRules.of(version);
        this.versionFailures = RuleKernel.versionFailures(rules);
        this.asOfNanos = KernelTime.notAfterNanos(asOf);
        this.itemFacts = ItemFacts.access();
        this.verdicts = new long[members.size()];
        VersionRules scoping = rules != null && rules.itemsFromChoice() ? rules : null;
        long[] scopes = scoping == null ? null : new long[members.size()];
        this.choiceScopes = scopes;
        int[] covering = members.purposesCovering(b.policy.purpose());
        boolean[] covers = members.purposesCoveringByIndex(b.policy.purpose());
        // The basis in each jurisdiction the store's members live in, resolved once.
        Jurisdiction[] places = members.places();
        @Nullable LegalBasis[] basis = new LegalBasis[places.length];
        for (int p = 0; p < places.length; p++) {
            basis[p] = RuleKernel.basis(rules, places[p]);
        }
        long knownAtNanos = KernelTime.knownAtNanos(knownAt);
        long asOfDay = KernelTime.utcEpochDay(asOf);
        boolean gpcSignalsObject = rules != null && rules.gpcSignalsObject();
        forEachChunk(members.size(), executor, (from, to) -> {
            for (int m = from; m < to; m++) {
                int place = members.placeAt(m, asOfNanos);
                LegalBasis placeBasis = place < 0 ? null : basis[place];
                int choice = members.choiceAt(m, covers, covering, gpcSignalsObject, asOfNanos, knownAtNanos);
                verdicts[m] = RuleKernel.withChoice(RuleKernel.memberVerdict(rules, members.closedAt(m, asOfNanos),
                        place >= 0, placeBasis, members.birthDate(m), asOfNanos, asOfDay), placeBasis, choice);
                if (scopes != null) {
                    long point = RuleKernel.needsChoicePoint(scoping, placeBasis, choice)
                            ? members.choicePointAt(m, covers, gpcSignalsObject, choice, knownAtNanos) : KernelTime.NEVER;
                    scopes[m] = RuleKernel.choiceScope(scoping, placeBasis, choice, point);
                }
            }
        });
    }

    /**
     * An evaluator for use at {@code asOf}, its members resolved on the calling thread. For an audit
     * replay or to resolve the members on an executor, use {@link #builder}.
     *
     * @param policy the policy to evaluate
     * @param members the authors of the items to evaluate
     * @param asOf the instant of use
     * @return the evaluator
     * @throws NullPointerException if an argument is null
     */
    public static BatchEvaluator of(TrainingPolicy policy, MemberStore members, Instant asOf) {
        return builder(policy, members).build(asOf);
    }

    /**
     * Starts an evaluator of {@code policy} over {@code members}.
     *
     * @param policy the policy to evaluate
     * @param members the authors of the items to evaluate
     * @return a builder for the evaluator
     * @throws NullPointerException if an argument is null
     */
    public static Builder builder(TrainingPolicy policy, MemberStore members) {
        return new Builder(Objects.requireNonNull(policy, "policy"), Objects.requireNonNull(members, "members"));
    }

    /** {@return the instant this evaluator decides for} */
    public Instant asOf() {
        return asOf;
    }

    /**
     * {@return the instant whose knowledge counts in an audit replay, empty for an evaluator of the present}
     * Consent events recorded later are ignored.
     */
    public Optional<Instant> knownAt() {
        return Optional.ofNullable(knownAt);
    }

    /**
     * Whether {@code item} may be used for training at {@link #asOf()}.
     *
     * @param item the content item, whose author is in the store
     * @return {@code true} when the item may be used for training
     * @throws NullPointerException if {@code item} is null
     * @throws IllegalArgumentException if the item's author is not in the store; the message names both
     */
    public boolean isTrainable(ContentItem item) {
        int member = author(item);
        return passes(item, member, verdicts[member]);
    }

    /**
     * Why {@code item} may or may not be used for training at {@link #asOf()}: the primary reason
     * {@link TrainingPolicy#evaluate} gives.
     *
     * @param item the content item, whose author is in the store
     * @return the primary reason of the decision
     * @throws NullPointerException if {@code item} is null
     * @throws IllegalArgumentException if the item's author is not in the store; the message names both
     */
    public Reason reason(ContentItem item) {
        int member = author(item);
        return RuleKernel.reason(failures(item, member), verdicts[member]);
    }

    /**
     * The member half of every decision about the items of the member at {@code index} in the store, for
     * a caller that keeps members and items apart (see {@link MemberVerdict}): resolved when this
     * evaluator was built, so this is an array read.
     *
     * @param index the member's index in the store ({@link MemberStore#indexOf})
     * @return the member's verdict at {@link #asOf()}
     * @throws IndexOutOfBoundsException if {@code index} is not from 0 to the store's
     *     {@link MemberStore#size() size} {@code - 1}; the message shows it and the store's size
     * @throws IllegalArgumentException if {@code index} is vacated in the store (see
     *     {@link MemberStore#withChanges}); the message shows it
     */
    public MemberVerdict memberVerdict(int index) {
        Objects.checkIndex(index, verdicts.length);
        if (members.isVacated(index)) {
            throw new IllegalArgumentException("member index " + index + " is vacated in the member store: its "
                    + "member was replaced or removed");
        }
        long[] scopes = choiceScopes;
        return MemberVerdict.of(verdicts[index], scopes == null ? KernelTime.ALWAYS : scopes[index]);
    }

    /**
     * Why {@code item} may or may not be used for training at {@link #asOf()}, given its author's
     * verdict instead of the author's entry in the store: the item half of the rules, for a caller that
     * resolved the member half elsewhere. The answer equals {@link #reason(ContentItem)} for an item
     * whose author is in the store and {@code verdict} is that author's {@link #memberVerdict(int)}.
     *
     * <p>{@code verdict} must come from an evaluator of the same policy, instant of use and audit
     * instant as this one (this one's store may be empty): a verdict carries no mark of where it came
     * from, so that is not checked. The item's author is not looked up.
     *
     * @param item the content item
     * @param verdict its author's verdict at {@link #asOf()}
     * @return the primary reason of the decision
     * @throws NullPointerException if an argument is null
     */
    public Reason reason(ContentItem item, MemberVerdict verdict) {
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(verdict, "verdict");
        return RuleKernel.reason(failures(item, verdict.verdict(), verdict.choiceScope()), verdict.verdict());
    }

    /**
     * Whether {@code item} passes the checks that read the item alone at {@link #asOf()}: a version of
     * the policy is in force, and the item is created, not deleted, within the version's item scope, not
     * reserved, and of a category the version allows. When this is {@code false} no author's verdict
     * makes the item trainable, so a caller that keeps members and items apart can drop it before
     * finding its author; when {@code true}, {@link #reason(ContentItem, MemberVerdict)} still decides.
     * The item's author is not looked up.
     *
     * @param item the content item
     * @return {@code false} when the item is not trainable whoever its author is
     * @throws NullPointerException if {@code item} is null
     */
    public boolean itemChecksPass(ContentItem item) {
        Objects.requireNonNull(item, "item");
        VersionRules r = rules;
        ItemFacts.Access facts = itemFacts;
        return r != null && RuleKernel.itemPasses(r, item.category(), facts.createdAt(item), facts.deletedAt(item),
                facts.reservedFrom(item), asOfNanos);
    }

    /**
     * Which of {@code items} may be used for training at {@link #asOf()}: bit {@code i} is set when
     * {@code items.get(i)} is, exactly as {@link #isTrainable(ContentItem)} answers. Faster per item
     * than asking item by item, since the store finds the authors of several items at once and their
     * reads overlap; on the calling thread.
     *
     * @param items the content items, whose authors are in the store
     * @return the set of indexes of the trainable items
     * @throws NullPointerException if {@code items} or an item is null
     * @throws IllegalArgumentException if an item's author is not in the store; the message names the
     *     first such author and its item
     */
    public BitSet trainable(List<ContentItem> items) {
        long[] words = new long[(Objects.requireNonNull(items, "items").size() + 63) >>> 6];
        forEachInGroups(items, (index, item, member, verdict) -> {
            if (passes(item, member, verdict)) {
                words[index >>> 6] |= 1L << index;
            }
        });
        return BitSet.valueOf(words);
    }

    /**
     * The primary reason for each of {@code items}, in order, as {@link #reason(ContentItem)} answers;
     * on the calling thread.
     *
     * @param items the content items, whose authors are in the store
     * @return the primary reasons, one per item in the same order
     * @throws NullPointerException if {@code items} or an item is null
     * @throws IllegalArgumentException if an item's author is not in the store; the message names the
     *     first such author and its item
     */
    public List<Reason> reasons(List<ContentItem> items) {
        List<Reason> reasons = new ArrayList<>(Objects.requireNonNull(items, "items").size());
        forEachInGroups(items, (index, item, member, verdict) -> reasons.add(RuleKernel.reason(
                failures(item, verdict, choiceScope(member, 1)), verdict)));
        return Collections.unmodifiableList(reasons);
    }

    /**
     * The trainable items of {@code items}, lazily, in order; a parallel stream is filtered on the
     * threads the caller's stream uses.
     *
     * @param items the content items, whose authors are in the store
     * @return a stream of the trainable items
     * @throws NullPointerException if {@code items} is null
     * @throws IllegalArgumentException from the terminal operation, for an item whose author is not in
     *     the store
     */
    public Stream<ContentItem> trainable(Stream<ContentItem> items) {
        return Objects.requireNonNull(items, "items").filter(this::isTrainable);
    }

    /**
     * The trainable rows of {@code items}, on the calling thread.
     *
     * @param items the content items as columns, their authors given by store index
     * @return the set of the trainable rows
     * @throws NullPointerException if {@code items} is null
     * @throws IllegalArgumentException if a member index is not in the store, or is vacated there; the
     *     message shows the row
     */
    public BitSet trainable(ItemColumns items) {
        return decideColumns(items, null);
    }

    /**
     * The trainable rows of {@code items}, in tasks of 65,536 rows on {@code executor} (for example a
     * {@link java.util.concurrent.ForkJoinPool} of the caller's); returns when every task is done.
     *
     * @param items the content items as columns, their authors given by store index
     * @param executor the executor that runs the tasks
     * @return the set of the trainable rows
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if a member index is not in the store, or is vacated there; the
     *     message shows the row
     */
    public BitSet trainable(ItemColumns items, Executor executor) {
        return decideColumns(items, Objects.requireNonNull(executor, "executor"));
    }

    private BitSet decideColumns(ItemColumns items, @Nullable Executor executor) {
        Objects.requireNonNull(items, "items");
        long[] words = new long[(items.size() + 63) >>> 6];
        Rows rows = new Rows(items);
        forEachChunk(items.size(), executor, (from, to) -> rows.mark(from, to, words));
        return BitSet.valueOf(words);
    }

    /**
     * The primary reason for every row of {@code items}, on the calling thread: element {@code i} is
     * what {@link TrainingPolicy#evaluate} gives as the reason for row {@code i}.
     *
     * @param items the content items as columns, their authors given by store index
     * @return the primary reasons, one per row
     * @throws NullPointerException if {@code items} is null
     * @throws IllegalArgumentException if a member index is not in the store, or is vacated there; the
     *     message shows the row
     */
    public Reason[] reasons(ItemColumns items) {
        return explainColumns(items, null);
    }

    /**
     * The primary reason for every row of {@code items}, in tasks of 65,536 rows on {@code executor}.
     *
     * @param items the content items as columns, their authors given by store index
     * @param executor the executor that runs the tasks
     * @return the primary reasons, one per row
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if a member index is not in the store, or is vacated there; the
     *     message shows the row
     */
    public Reason[] reasons(ItemColumns items, Executor executor) {
        return explainColumns(items, Objects.requireNonNull(executor, "executor"));
    }

    private Reason[] explainColumns(ItemColumns items, @Nullable Executor executor) {
        Objects.requireNonNull(items, "items");
        Reason[] reasons = new Reason[items.size()];
        Rows rows = new Rows(items);
        forEachChunk(items.size(), executor, (from, to) -> rows.explain(from, to, reasons));
        return reasons;
    }

    // ---- objects ----

    private int author(ContentItem item) {
        Objects.requireNonNull(item, "item");
        int member = members.indexOf(item.authorId());
        if (member < 0) {
            throw authorNotInStore(item);
        }
        return member;
    }

    /**
     * Whether {@code item} of the member at index {@code member} passes every check: the kernel's
     * checks in the order that stops soonest, as {@code isTrainable} asks them.
     */
    private boolean passes(ContentItem item, int member, long verdict) {
        VersionRules r = rules;
        if (r == null || RuleKernel.memberFailures(verdict) != 0) {
            return false;
        }
        ItemFacts.Access facts = itemFacts;
        long createdAt = facts.createdAt(item);
        long[] scopes = choiceScopes;
        return RuleKernel.itemPasses(r, item.category(), createdAt, facts.deletedAt(item), facts.reservedFrom(item),
                asOfNanos) && RuleKernel.ageFailures(createdAt,
                        RuleKernel.comingOfAge(verdict, KernelTime.NANOS_PER_DAY, KernelTime.LAST_NANOS_DAY)) == 0
                && (scopes == null
                        || RuleKernel.choiceFailures(createdAt, facts.resumedAt(item), scopes[member], asOfNanos) == 0);
    }

    /** The member's choice scope in a unit, {@link KernelTime#ALWAYS} when the version has none. */
    private long choiceScope(int member, long nanosPerUnit) {
        long[] scopes = choiceScopes;
        return scopes == null ? KernelTime.ALWAYS : RuleKernel.choiceScope(scopes[member], nanosPerUnit);
    }

    /** Every failed check for {@code item} of the member at index {@code member}, as kernel bits. */
    private int failures(ContentItem item, int member) {
        return failures(item, verdicts[member], choiceScope(member, 1));
    }

    /** Every failed check for {@code item} of a member with {@code verdict} and {@code choiceScope}, as kernel bits. */
    private int failures(ContentItem item, long verdict, long choiceScope) {
        int failures = versionFailures | RuleKernel.memberFailures(verdict);
        ItemFacts.Access facts = itemFacts;
        long createdAt = facts.createdAt(item);
        return failures | RuleKernel.itemFailures(RuleKernel.categoryFailures(rules, item.category()),
                RuleKernel.scopeFrom(rules, 1), createdAt, facts.deletedAt(item), facts.reservedFrom(item), asOfNanos)
                | RuleKernel.ageFailures(createdAt,
                        RuleKernel.comingOfAge(verdict, KernelTime.NANOS_PER_DAY, KernelTime.LAST_NANOS_DAY))
                | RuleKernel.choiceFailures(createdAt, facts.resumedAt(item), choiceScope, asOfNanos);
    }

    /** What to do with an item, at its position in the list, its author's member index and verdict. */
    @FunctionalInterface
    private interface ItemAction {
        void accept(int index, ContentItem item, int member, long verdict);
    }

    /** Finds the authors of {@code items} in groups, through the store's staged lookup, and acts on each item in order. */
    private void forEachInGroups(List<ContentItem> items, ItemAction action) {
        ContentItem[] group = new ContentItem[GROUP];
        String[] authors = new String[GROUP];
        int[] hashes = new int[GROUP];
        int[] entries = new int[GROUP];
        int[] found = new int[GROUP];
        long[] groupVerdicts = new long[GROUP];
        int index = 0;
        for (Iterator<ContentItem> it = items.iterator(); it.hasNext(); ) {
            int count = 0;
            while (count < GROUP && it.hasNext()) {
                ContentItem item = it.next();
                group[count] = item;
                // A null item is reported in its turn, after any bad item before it.
                authors[count] = item == null ? "" : item.authorId();
                count++;
            }
            members.indexesOf(authors, count, hashes, entries, found);
            // The verdicts in a stage of their own, so that their reads overlap as the lookups' do.
            long[] all = verdicts;
            for (int i = 0; i < count; i++) {
                groupVerdicts[i] = found[i] < 0 ? 0 : all[found[i]];
            }
            for (int i = 0; i < count; i++, index++) {
                ContentItem item = Objects.requireNonNull(group[i], "item");
                if (found[i] < 0) {
                    throw authorNotInStore(item);
                }
                action.accept(index, item, found[i], groupVerdicts[i]);
            }
        }
    }

    private static IllegalArgumentException authorNotInStore(ContentItem item) {
        return new IllegalArgumentException("author " + item.authorId() + " of content item " + item.id()
                + " is not in the member store");
    }

    // ---- columns ----

    /** Columns prepared for the item half: the question's instants in their unit, categories decided once. */
    private final class Rows {

        private final ItemColumns items;
        private final int[] categoryFailures;
        private final long asOfUnits;
        private final long scopeFrom;
        private final long unitsPerDay;
        private final long dayLimit;
        private final long nanosPerUnit;

        Rows(ItemColumns items) {
            this.items = items;
            DataCategory[] dictionary = items.categoryDictionary();
            this.categoryFailures = new int[dictionary.length];
            for (int i = 0; i < dictionary.length; i++) {
                categoryFailures[i] = RuleKernel.categoryFailures(rules, dictionary[i]);
            }
            long nanosPerUnit = items.unit().toNanos(1);
            this.nanosPerUnit = nanosPerUnit;
            this.asOfUnits = KernelTime.notAfter(asOf, nanosPerUnit);
            this.scopeFrom = RuleKernel.scopeFrom(rules, nanosPerUnit);
            this.unitsPerDay = KernelTime.NANOS_PER_DAY / nanosPerUnit;
            this.dayLimit = Long.MAX_VALUE / unitsPerDay;
        }

        /** Marks the trainable rows of {@code [from, to)} in {@code words}, stopping at each row's first failure. */
        void mark(int from, int to, long[] words) {
            int[] memberIndexes = items.memberIndexes();
            int[] categoryIndexes = items.categoryIndexes();
            long[] createdAt = items.createdAt();
            long[] deletedAt = items.deletedAt();
            long[] reservedFrom = items.reservedFrom();
            long[] resumedAt = items.resumedAt();
            boolean scoped = choiceScopes != null;
            if (versionFailures != 0) {
                checkMembers(memberIndexes, from, to);
                return;
            }
            long[] blockVerdicts = new long[BLOCK];
            for (int start = from; start < to; start += BLOCK) {
                int end = Math.min(to, start + BLOCK);
                verdictsOf(memberIndexes, start, end, blockVerdicts);
                for (int row = start; row < end; row++) {
                    long verdict = blockVerdicts[row - start];
                    if (RuleKernel.memberFailures(verdict) != 0) {
                        continue;
                    }
                    long created = createdAt[row];
                    if (RuleKernel.itemPasses(categoryFailures[categoryIndexes[row]], scopeFrom, created,
                            deletedAt == null ? KernelTime.NEVER : deletedAt[row],
                            reservedFrom == null ? KernelTime.NEVER : reservedFrom[row], asOfUnits)
                            && RuleKernel.ageFailures(created, RuleKernel.comingOfAge(verdict, unitsPerDay, dayLimit)) == 0
                            && (!scoped || RuleKernel.choiceFailures(created,
                                    resumedAt == null ? KernelTime.NEVER : resumedAt[row],
                                    choiceScope(memberIndexes[row], nanosPerUnit), asOfUnits) == 0)) {
                        words[row >>> 6] |= 1L << row;
                    }
                }
            }
        }

        /**
         * The verdicts of the members of rows {@code [from, to)}, into {@code into} from index 0, in a
         * loop of their own: with no branch on a verdict in it, the processor has many of their reads
         * from memory under way at once. A check that branches on each verdict as it is read stalls,
         * whenever the branch is mispredicted, until that one read is done.
         */
        private void verdictsOf(int[] memberIndexes, int from, int to, long[] into) {
            int memberCount = verdicts.length;
            for (int row = from; row < to; row++) {
                int member = memberIndexes[row];
                if (member < 0 || member >= memberCount || members.isVacated(member)) {
                    throw memberNotInStore(member, row);
                }
                into[row - from] = verdicts[member];
            }
        }

        /** Gives each row of {@code [from, to)} its primary reason in {@code reasons}. */
        void explain(int from, int to, Reason[] reasons) {
            int[] memberIndexes = items.memberIndexes();
            int[] categoryIndexes = items.categoryIndexes();
            long[] createdAt = items.createdAt();
            long[] deletedAt = items.deletedAt();
            long[] reservedFrom = items.reservedFrom();
            long[] resumedAt = items.resumedAt();
            long[] blockVerdicts = new long[BLOCK];
            for (int start = from; start < to; start += BLOCK) {
                int end = Math.min(to, start + BLOCK);
                verdictsOf(memberIndexes, start, end, blockVerdicts);
                for (int row = start; row < end; row++) {
                    long verdict = blockVerdicts[row - start];
                    int failures = versionFailures | RuleKernel.memberFailures(verdict)
                            | RuleKernel.itemFailures(categoryFailures[categoryIndexes[row]], scopeFrom,
                                    RuleKernel.comingOfAge(verdict, unitsPerDay, dayLimit), createdAt[row],
                                    deletedAt == null ? KernelTime.NEVER : deletedAt[row],
                                    reservedFrom == null ? KernelTime.NEVER : reservedFrom[row], asOfUnits)
                            | RuleKernel.choiceFailures(createdAt[row],
                                    resumedAt == null ? KernelTime.NEVER : resumedAt[row],
                                    choiceScope(memberIndexes[row], nanosPerUnit), asOfUnits);
                    reasons[row] = RuleKernel.reason(failures, verdict);
                }
            }
        }

        /** With no version in force no row is trainable; the rows are still checked for misuse. */
        private void checkMembers(int[] memberIndexes, int from, int to) {
            for (int row = from; row < to; row++) {
                int member = memberIndexes[row];
                if (member < 0 || member >= verdicts.length || members.isVacated(member)) {
                    throw memberNotInStore(member, row);
                }
            }
        }

        private IllegalArgumentException memberNotInStore(int member, int row) {
            return new IllegalArgumentException("member index " + member + " in row " + row
                    + (member >= 0 && member < verdicts.length
                            ? " is vacated in the member store: its member was replaced or removed"
                            : " is not in the member store of " + verdicts.length + " members"));
        }
    }

    // ---- threads ----

    /** Work on a range of indexes {@code [from, to)}. */
    @FunctionalInterface
    private interface RangeTask {
        void run(int from, int to);
    }

    /**
     * Runs {@code task} over {@code [0, size)}: on the calling thread without an executor, otherwise in
     * chunks on it, returning when all are done and rethrowing the first failure as it was thrown.
     */
    private static void forEachChunk(int size, @Nullable Executor executor, RangeTask task) {
        if (executor == null || size <= CHUNK) {
            task.run(0, size);
            return;
        }
        List<CompletableFuture<Void>> chunks = new ArrayList<>();
        for (int from = 0; from < size; from += CHUNK) {
            int start = from;
            int end = Math.min(size, from + CHUNK);
            chunks.add(CompletableFuture.runAsync(() -> task.run(start, end), executor));
        }
        try {
            CompletableFuture.allOf(chunks.toArray(new CompletableFuture<?>[0])).join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtimeException) {
                throw runtimeException;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /**
     * Collects what an evaluator decides for: the instant of use, an audit instant, and where the
     * members are resolved. Not thread-safe.
     */
    public static final class Builder {

        private final TrainingPolicy policy;
        private final MemberStore members;
        private @Nullable Instant knownAt;
        private @Nullable Executor executor;

        private Builder(TrainingPolicy policy, MemberStore members) {
            this.policy = policy;
            this.members = members;
        }

        /**
         * Makes the evaluator an audit replay: consent events recorded after {@code knownAt} are
         * ignored, as in {@link TrainingPolicy#asKnownAt}.
         *
         * @param knownAt the instant whose knowledge counts
         * @return this builder, to chain further calls
         * @throws NullPointerException if {@code knownAt} is null
         */
        public Builder knownAt(Instant knownAt) {
            this.knownAt = Objects.requireNonNull(knownAt, "knownAt");
            return this;
        }

        /**
         * Resolves the members in tasks of 65,536 members on {@code executor} instead of the calling
         * thread.
         *
         * @param executor the executor that resolves the members
         * @return this builder, to chain further calls
         * @throws NullPointerException if {@code executor} is null
         */
        public Builder resolveOn(Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /**
         * The evaluator for use at {@code asOf}: one pass over the store's members.
         *
         * @param asOf the instant of use
         * @return the evaluator
         * @throws NullPointerException if {@code asOf} is null
         */
        public BatchEvaluator build(Instant asOf) {
            return new BatchEvaluator(this, Objects.requireNonNull(asOf, "asOf"), executor);
        }
    }
}
