package dev.consentkit.testkit.quicktheories;

import dev.consentkit.ContentItem;
import dev.consentkit.Member;
import dev.consentkit.TrainingPolicy;
import dev.consentkit.batch.BatchEvaluator;
import dev.consentkit.batch.MemberStore;
import dev.consentkit.suite.Scenario;
import java.time.Instant;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Many questions to the engine at one instant, as a batch job asks them: may each of {@link #items()},
 * authored by {@link #members()}, train a model under {@link #policy()} at {@link #asOf()}, and, for an
 * audit, as the platform knew it at {@link #knownAt()}? {@link ConsentGenerators#batches()} draws them,
 * to compare a batch path (a {@link BatchEvaluator}, or a pipeline of your own that filters a table of
 * items) with the policy's answer for each item asked alone ({@link #scenario(ContentItem)}):
 *
 * <pre>{@code
 * qt().forAll(ConsentGenerators.batches()).checkAssert(batch ->
 *     assertEquals(batch.trainableRows(), myPipeline.trainableRows(batch.policy(), batch.members(), batch.items(), batch.asOf())));
 * }</pre>
 *
 * <p>The members have distinct ids and every item's author is one of them, so the members fit one
 * {@link MemberStore} and every item can be asked about. {@link #toString()} shows every question as a
 * {@link Scenario}, so that a counterexample can be rebuilt by hand. Immutable.
 */
public final class Batch {

    private final TrainingPolicy policy;
    private final List<Member> members;
    private final List<ContentItem> items;
    private final Instant asOf;
    private final @Nullable Instant knownAt;

    private Batch(TrainingPolicy policy, List<Member> members, List<ContentItem> items, Instant asOf,
            @Nullable Instant knownAt) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.members = List.copyOf(Objects.requireNonNull(members, "members"));
        this.items = List.copyOf(Objects.requireNonNull(items, "items"));
        this.asOf = Objects.requireNonNull(asOf, "asOf");
        this.knownAt = knownAt;
        Set<String> ids = new HashSet<>();
        for (Member member : this.members) {
            if (!ids.add(member.id())) {
                throw new IllegalArgumentException("member " + member.id() + " is in the batch twice");
            }
        }
        for (ContentItem item : this.items) {
            if (!ids.contains(item.authorId())) {
                throw new IllegalArgumentException("content item " + item.id() + " is authored by member "
                        + item.authorId() + ", who is not among the batch's members " + ids);
            }
        }
    }

    /**
     * A batch.
     *
     * @param policy the policy to ask
     * @param members the members whose items are asked about, with distinct ids
     * @param items the content items the questions are about, each authored by one of {@code members}
     * @param asOf the instant of use, the same for every item
     * @param knownAt the audit instant, or {@code null} for questions on everything recorded
     * @return the batch
     * @throws NullPointerException if a required argument, a member or an item is null
     * @throws IllegalArgumentException if two members share an id, or an item's author is not among
     *     {@code members}
     */
    public static Batch of(TrainingPolicy policy, List<Member> members, List<ContentItem> items, Instant asOf,
            @Nullable Instant knownAt) {
        return new Batch(policy, members, items, asOf, knownAt);
    }

    /** {@return the policy asked} */
    public TrainingPolicy policy() {
        return policy;
    }

    /** {@return the members whose items are asked about, in the order given, their ids distinct} */
    public List<Member> members() {
        return members;
    }

    /** {@return the content items asked about, in the order given: row {@code r} of a batch answer is item {@code r}} */
    public List<ContentItem> items() {
        return items;
    }

    /** {@return the instant of use, the same for every item} */
    public Instant asOf() {
        return asOf;
    }

    /** {@return the audit instant, if the batch has one: the answers are as the platform knew them then} */
    public Optional<Instant> knownAt() {
        return Optional.ofNullable(knownAt);
    }

    /**
     * The member who authored an item.
     *
     * @param item one of {@link #items()}, or any item by one of {@link #members()}
     * @return the member among {@link #members()} whose id the item names as its author
     * @throws IllegalArgumentException if no member of the batch has that id
     */
    public Member author(ContentItem item) {
        Objects.requireNonNull(item, "item");
        for (Member member : members) {
            if (member.id().equals(item.authorId())) {
                return member;
            }
        }
        throw new IllegalArgumentException("content item " + item.id() + " is authored by member " + item.authorId()
                + ", who is not among the batch's members");
    }

    /**
     * The question about one item, asked alone: the reference a batch answer is compared with. Its
     * {@link Scenario#replay()} is the policy's decision on the item at {@link #asOf()}, as known at
     * {@link #knownAt()} when the batch has an audit instant.
     *
     * @param item one of {@link #items()}, or any item by one of {@link #members()}
     * @return the scenario of the item, its author, and this batch's policy and instants
     * @throws IllegalArgumentException if no member of the batch authored the item
     */
    public Scenario scenario(ContentItem item) {
        return Scenario.of(policy, author(item), item, asOf, knownAt);
    }

    /**
     * {@return the rows of the items the policy allows to train on, each item asked alone: row
     * {@code r} is set when the scenario of item {@code r} is trainable, by the fast answer
     * ({@link Scenario#isTrainable()}) or, when the batch has an audit instant, by its
     * {@link Scenario#replay()}} What a batch path over {@link #items()} must answer.
     */
    public BitSet trainableRows() {
        BitSet rows = new BitSet(items.size());
        for (int row = 0; row < items.size(); row++) {
            Scenario question = scenario(items.get(row));
            rows.set(row, knownAt == null ? question.isTrainable() : question.replay().trainable());
        }
        return rows;
    }

    /**
     * The engine's batch evaluator for this batch's policy and instants.
     *
     * @param store the members to decide about, such as {@code MemberStore.of(members())}
     * @return a batch evaluator over {@code store} under {@link #policy()} at {@link #asOf()}, as known
     *     at {@link #knownAt()} when the batch has an audit instant
     */
    public BatchEvaluator evaluator(MemberStore store) {
        BatchEvaluator.Builder builder = BatchEvaluator.builder(policy, Objects.requireNonNull(store, "store"));
        if (knownAt != null) {
            builder.knownAt(knownAt);
        }
        return builder.build(asOf);
    }

    /**
     * A copy with other items.
     *
     * @param newItems the content items to ask about instead, each authored by one of {@link #members()}
     * @return a copy of this batch asking about {@code newItems}
     * @throws IllegalArgumentException if an item's author is not among {@link #members()}
     */
    public Batch withItems(List<ContentItem> newItems) {
        return new Batch(policy, members, newItems, asOf, knownAt);
    }

    /** Equal when every value is equal, the members and items in the same order. */
    @Override
    public boolean equals(@Nullable Object o) {
        if (!(o instanceof Batch b)) {
            return false;
        }
        return policy.equals(b.policy) && members.equals(b.members) && items.equals(b.items) && asOf.equals(b.asOf)
                && Objects.equals(knownAt, b.knownAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(policy, members, items, asOf, knownAt);
    }

    /** Every question of the batch, as the {@link Scenario} of each item, so that the batch can be rebuilt by hand. */
    @Override
    public String toString() {
        return items.stream().map(item -> scenario(item).toString())
                .collect(Collectors.joining("\n--\n", "batch of " + items.size() + " items at " + asOf
                        + (knownAt == null ? "" : " as known at " + knownAt) + " by members "
                        + members.stream().map(Member::id).collect(Collectors.toList()) + "\n", ""));
    }
}
