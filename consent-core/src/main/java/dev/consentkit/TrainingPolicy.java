package dev.consentkit;

import dev.consentkit.internal.InForce;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A training program's rules over time, and the engine that applies them: may this member's item
 * train a model for this policy's {@link Purpose} at a given instant?
 *
 * <p>A policy has an id, the purpose it governs and effective-dated {@link PolicyVersion versions};
 * the version in force at {@code asOf} is the one with the latest {@code effectiveFrom <= asOf}.
 * Checks run in the order of {@link Reason}; any failure denies and the first names the reason.
 *
 * <p>Non-retroactivity is a property of the question: {@code isTrainable(item, member, t)} answers
 * whether use <i>at</i> {@code t} is allowed, so a run before an opt-out stays allowed and any run at
 * or after it is not. Nothing the engine can decide is an exception; exceptions mean misuse.
 *
 * <p>Instances are immutable and safe to share between threads. {@link #isTrainable} allocates
 * nothing and takes no lock. Exclusions a policy cannot see, such as a provider's business and API
 * plans that its terms keep out of training, are the caller's to apply before asking.
 */
public final class TrainingPolicy {

    private final String id;
    private final Purpose purpose;
    private final PolicyVersion[] versions;
    private final Instant[] starts;
    // The purpose and every broader one: whose choices count.
    private final Purpose[] covering;

    private TrainingPolicy(String id, Purpose purpose, PolicyVersion[] sorted) {
        this.id = id;
        this.purpose = purpose;
        this.versions = sorted;
        this.covering = purpose.coveringPurposes().toArray(new Purpose[0]);
        this.starts = new Instant[sorted.length];
        for (int i = 0; i < sorted.length; i++) {
            starts[i] = sorted[i].effectiveFrom();
        }
    }

    /**
     * Starts a policy.
     *
     * @param id the policy's id, such as {@code genai-training}
     * @param purpose the purpose it governs; members' choices for it or a broader purpose count
     * @return a builder for the policy
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code id} is blank
     */
    public static Builder builder(String id, Purpose purpose) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(purpose, "purpose");
        if (id.isBlank()) {
            throw new IllegalArgumentException("policy id is blank: '" + id + "'");
        }
        return new Builder(id, purpose.intern());
    }

    /** {@return the policy's id} */
    public String id() {
        return id;
    }

    /** {@return the purpose the policy governs} */
    public Purpose purpose() {
        return purpose;
    }

    /** {@return the versions, sorted by {@code effectiveFrom}} */
    public List<PolicyVersion> versions() {
        return List.of(versions);
    }

    /**
     * The version in force at {@code asOf}; empty before the first version takes effect.
     *
     * @param asOf the instant of use
     * @return the version in force at {@code asOf}, or empty when none is
     */
    public Optional<PolicyVersion> versionAt(Instant asOf) {
        return Optional.ofNullable(versionInForce(Objects.requireNonNull(asOf, "asOf")));
    }

    /**
     * {@return whether {@code item} may be used for training at {@code asOf}} Equal to
     * {@code evaluate(item, member, asOf).trainable()}, but allocation-free and lock-free: the call to
     * make for every item of a training run.
     *
     * @param item the content item
     * @param member the item's author
     * @param asOf the instant of use
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code member} is not the item's author; the message names both ids
     */
    public boolean isTrainable(ContentItem item, Member member, Instant asOf) {
        checkArguments(item, member, asOf);
        return Evaluator.isTrainable(this, item, member, asOf);
    }

    /**
     * Decides whether {@code item} may be used for training at {@code asOf}, and says why.
     *
     * @param item the content item
     * @param member the item's author
     * @param asOf the instant of use
     * @return the decision, with its reasons and the evidence behind the primary one
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code member} is not the item's author; the message names both ids
     */
    public Decision evaluate(ContentItem item, Member member, Instant asOf) {
        checkArguments(item, member, asOf);
        return Evaluator.evaluate(this, item, member, asOf, null);
    }

    /**
     * {@return the policy as the platform could have applied it at {@code knownAt}, for audits: its decisions
     * ignore consent events recorded after {@code knownAt}} An auditor uses it to tell a wrong
     * decision from a late-arriving opt-out:
     *
     * <pre>{@code
     * Decision then = policy.asKnownAt(knownAt).evaluate(item, member, asOf);
     * }</pre>
     *
     * <p>Only consent events carry a recording instant, so only they are rewound: the item's deletion,
     * the account's closure, moves and reservations count as given.
     *
     * @param knownAt the instant whose knowledge counts
     * @throws NullPointerException if {@code knownAt} is null
     */
    public Replay asKnownAt(Instant knownAt) {
        return new Replay(this, Objects.requireNonNull(knownAt, "knownAt"));
    }

    private static void checkArguments(ContentItem item, Member member, Instant asOf) {
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(member, "member");
        Objects.requireNonNull(asOf, "asOf");
        if (!item.authorId().equals(member.id())) {
            throw new IllegalArgumentException("content item " + item.id() + " is authored by member "
                    + item.authorId() + ", not by member " + member.id());
        }
    }

    /** The version in force at {@code asOf}, or {@code null}; a binary search over the starts. */
    @Nullable PolicyVersion versionInForce(Instant asOf) {
        int found = InForce.at(starts, asOf);
        return found < 0 ? null : versions[found];
    }

    Purpose[] coveringPurposes() {
        return covering;
    }

    PolicyVersion firstVersion() {
        return versions[0];
    }

    /** Equal when id, purpose and versions are equal. */
    @Override
    public boolean equals(@Nullable Object o) {
        if (!(o instanceof TrainingPolicy p)) {
            return false;
        }
        return id.equals(p.id) && purpose.equals(p.purpose) && Arrays.equals(versions, p.versions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, purpose, Arrays.hashCode(versions));
    }

    /** The id, purpose and version ids, such as {@code TrainingPolicy[genai-training for ai-training.generative, versions 2024-09, 2025-11]}. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("TrainingPolicy[").append(id).append(" for ").append(purpose).append(", versions ");
        for (int i = 0; i < versions.length; i++) {
            s.append(i == 0 ? "" : ", ").append(versions[i].id());
        }
        return s.append(']').toString();
    }

    /**
     * A policy applied as the platform knew its members' choices at one instant: an audit replay.
     * Immutable and thread-safe.
     */
    public static final class Replay {

        private final TrainingPolicy policy;
        private final Instant knownAt;

        private Replay(TrainingPolicy policy, Instant knownAt) {
            this.policy = policy;
            this.knownAt = knownAt;
        }

        /** {@return the policy replayed} */
        public TrainingPolicy policy() {
            return policy;
        }

        /** {@return the instant whose knowledge counts} */
        public Instant knownAt() {
            return knownAt;
        }

        /**
         * The decision the platform could have made at {@code knownAt} about use at {@code asOf}: as
         * {@link TrainingPolicy#evaluate} over the member without the consent events recorded after
         * {@code knownAt}. The decision says {@code knownAt}.
         *
         * @param item the content item
         * @param member the item's author
         * @param asOf the instant of use
         * @return the decision as known at {@code knownAt}
         * @throws NullPointerException if an argument is null
         * @throws IllegalArgumentException if {@code member} is not the item's author; the message names both ids
         */
        public Decision evaluate(ContentItem item, Member member, Instant asOf) {
            checkArguments(item, member, asOf);
            return Evaluator.evaluate(policy, item, member, asOf, knownAt);
        }

        /** The replay and its instant, such as {@code TrainingPolicy[...] as known at 2025-11-20T00:00:00Z}. */
        @Override
        public String toString() {
            return policy + " as known at " + knownAt;
        }
    }

    /** Collects a policy's versions; {@link #build()} validates them. Not thread-safe. */
    public static final class Builder {

        private final String id;
        private final Purpose purpose;
        private final List<PolicyVersion> versions = new ArrayList<>();

        private Builder(String id, Purpose purpose) {
            this.id = id;
            this.purpose = purpose;
        }

        /**
         * Adds a version; versions may be added in any order.
         *
         * @param version the version to add
         * @return this builder, to chain further calls
         */
        public Builder version(PolicyVersion version) {
            versions.add(Objects.requireNonNull(version, "version"));
            return this;
        }

        /**
         * Builds the policy.
         *
         * @return the policy
         * @throws IllegalArgumentException if there is no version, or two versions share an
         *     {@code effectiveFrom} or an id; the message shows the value
         */
        public TrainingPolicy build() {
            if (versions.isEmpty()) {
                throw new IllegalArgumentException("policy " + id + " has no version; add one with version(...)");
            }
            PolicyVersion[] sorted = versions.toArray(new PolicyVersion[0]);
            Arrays.sort(sorted, Comparator.comparing(PolicyVersion::effectiveFrom));
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < sorted.length; i++) {
                if (i > 0 && sorted[i].effectiveFrom().equals(sorted[i - 1].effectiveFrom())) {
                    throw new IllegalArgumentException("policy " + id + " has two versions effective from "
                            + sorted[i].effectiveFrom() + ": " + sorted[i - 1].id() + " and " + sorted[i].id());
                }
                if (!ids.add(sorted[i].id())) {
                    throw new IllegalArgumentException("policy " + id + " has two versions with id " + sorted[i].id());
                }
            }
            return new TrainingPolicy(id, purpose, sorted);
        }
    }
}
