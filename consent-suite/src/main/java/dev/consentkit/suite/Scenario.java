package dev.consentkit.suite;

import dev.consentkit.ConsentEvent;
import dev.consentkit.ContentItem;
import dev.consentkit.Decision;
import dev.consentkit.Member;
import dev.consentkit.PolicyVersion;
import dev.consentkit.Residence;
import dev.consentkit.TrainingPolicy;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * One complete question to the engine: may {@link #item()} of {@link #member()} train a model under
 * {@link #policy()} at {@link #asOf()}, and, for an audit, as the platform knew it at
 * {@link #knownAt()}? The generators of {@code consent-testkit-quicktheories} draw them.
 *
 * <p>The member is always the item's author, so asking never fails. {@link #toString()} shows every
 * value, every rule of every policy version and every consent event, so that a counterexample can be
 * rebuilt by hand. Immutable.
 */
public final class Scenario {

    private final TrainingPolicy policy;
    private final Member member;
    private final ContentItem item;
    private final Instant asOf;
    private final @Nullable Instant knownAt;

    private Scenario(TrainingPolicy policy, Member member, ContentItem item, Instant asOf, @Nullable Instant knownAt) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.member = Objects.requireNonNull(member, "member");
        this.item = Objects.requireNonNull(item, "item");
        this.asOf = Objects.requireNonNull(asOf, "asOf");
        this.knownAt = knownAt;
        if (!item.authorId().equals(member.id())) {
            throw new IllegalArgumentException("content item " + item.id() + " is authored by member " + item.authorId()
                    + ", not by member " + member.id());
        }
    }

    /**
     * A scenario.
     *
     * @param policy the policy to ask
     * @param member the item's author
     * @param item the content item the question is about
     * @param asOf the instant of use
     * @param knownAt the audit instant, or {@code null} for a question on everything recorded
     * @return the scenario
     * @throws NullPointerException if a required argument is null
     * @throws IllegalArgumentException if {@code member} is not the item's author
     */
    public static Scenario of(TrainingPolicy policy, Member member, ContentItem item, Instant asOf,
            @Nullable Instant knownAt) {
        return new Scenario(policy, member, item, asOf, knownAt);
    }

    /** {@return the policy asked} */
    public TrainingPolicy policy() {
        return policy;
    }

    /** {@return the item's author} */
    public Member member() {
        return member;
    }

    /** {@return the item asked about} */
    public ContentItem item() {
        return item;
    }

    /** {@return the instant of use asked about} */
    public Instant asOf() {
        return asOf;
    }

    /** {@return the audit instant, if the scenario has one} */
    public Optional<Instant> knownAt() {
        return Optional.ofNullable(knownAt);
    }

    /** {@return the policy version in force at {@link #asOf()}, if any} */
    public Optional<PolicyVersion> versionInForce() {
        return policy.versionAt(asOf);
    }

    /**
     * {@code policy.evaluate(item, member, asOf)}: the decision on everything recorded, whatever {@link #knownAt()}.
     *
     * @return the decision on everything recorded
     */
    public Decision evaluate() {
        return policy.evaluate(item, member, asOf);
    }

    /** {@return the decision as known at {@link #knownAt()}, or {@link #evaluate()} when the scenario has no audit instant} */
    public Decision replay() {
        return knownAt == null ? evaluate() : policy.asKnownAt(knownAt).evaluate(item, member, asOf);
    }

    /**
     * {@code policy.isTrainable(item, member, asOf)}: the fast answer.
     *
     * @return {@code true} when the item may be used for training at {@code asOf}
     */
    public boolean isTrainable() {
        return policy.isTrainable(item, member, asOf);
    }

    /**
     * A copy under another policy.
     *
     * @param newPolicy the policy to ask instead, such as the next version of the same program
     * @return a copy of this scenario under {@code newPolicy}
     */
    public Scenario withPolicy(TrainingPolicy newPolicy) {
        return new Scenario(newPolicy, member, item, asOf, knownAt);
    }

    /**
     * A copy with another member, such as the same member with more consent events.
     *
     * @param newMember the member to use instead, the author of the item
     * @return a copy of this scenario with {@code newMember}
     * @throws IllegalArgumentException if the new member is not the item's author
     */
    public Scenario withMember(Member newMember) {
        return new Scenario(policy, newMember, item, asOf, knownAt);
    }

    /**
     * A copy with another item.
     *
     * @param newItem the content item to ask about instead, authored by the member
     * @return a copy of this scenario with {@code newItem}
     * @throws IllegalArgumentException if the member is not the new item's author
     */
    public Scenario withItem(ContentItem newItem) {
        return new Scenario(policy, member, newItem, asOf, knownAt);
    }

    /**
     * A copy asking at another instant.
     *
     * @param newAsOf the instant of use to ask about instead
     * @return a copy of this scenario asking at {@code newAsOf}
     */
    public Scenario withAsOf(Instant newAsOf) {
        return new Scenario(policy, member, item, newAsOf, knownAt);
    }

    /**
     * A copy with another audit instant, or none for {@code null}.
     *
     * @param newKnownAt the audit instant, or {@code null} for a question on everything recorded
     * @return a copy of this scenario with that audit instant
     */
    public Scenario withKnownAt(@Nullable Instant newKnownAt) {
        return new Scenario(policy, member, item, asOf, newKnownAt);
    }

    /** Equal when every value is equal. */
    @Override
    public boolean equals(@Nullable Object o) {
        if (!(o instanceof Scenario s)) {
            return false;
        }
        return policy.equals(s.policy) && member.equals(s.member) && item.equals(s.item) && asOf.equals(s.asOf)
                && Objects.equals(knownAt, s.knownAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(policy, member, item, asOf, knownAt);
    }

    /** Every value, on several lines, so that the scenario can be rebuilt by hand. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("policy ").append(policy.id()).append(" for ").append(policy.purpose());
        for (PolicyVersion version : policy.versions()) {
            s.append("\n  version ").append(describe(version));
        }
        s.append("\nmember ").append(member.id()).append(", ")
                .append(member.birthDate().map(born -> "born " + born).orElse("birth date unknown"))
                .append(", ").append(member.closures().isEmpty() ? "open" : "closed " + member.closures().stream()
                        .map(Object::toString).collect(Collectors.joining(", ")));
        for (Residence residence : member.jurisdictions().residences()) {
            s.append("\n  in ").append(residence.jurisdiction())
                    .append(residence.from().equals(Instant.MIN) ? " as far back as known" : " from " + residence.from());
        }
        if (member.jurisdictions().residences().isEmpty()) {
            s.append("\n  jurisdiction unknown");
        }
        for (ConsentEvent event : member.consent().events()) {
            s.append("\n  ").append(event.choice()).append(' ').append(event.id()).append(" for ").append(event.purpose())
                    .append(" effective ").append(event.effectiveAt()).append(", recorded ").append(event.recordedAt())
                    .append(" via ").append(event.channel());
        }
        s.append("\nitem ").append(item);
        item.reservations().forEach(r -> s.append("\n  reserved by ").append(r.source()).append(" from ").append(r.effectiveFrom()));
        s.append("\nasOf ").append(asOf);
        if (knownAt != null) {
            s.append(", knownAt ").append(knownAt);
        }
        return s.toString();
    }

    /** Every rule of a version, for a counterexample: its {@code toString} names only its id and start. */
    static String describe(PolicyVersion v) {
        return v.id() + " from " + v.effectiveFrom() + ": default "
                + v.defaultBasis().map(Object::toString).orElse("excluded") + ", rules " + v.jurisdictionRules()
                + ", allow " + v.allowedCategories() + ", never " + v.neverAllowedCategories() + ", minimum age "
                + v.minimumAge() + ", unknown age " + v.unknownAge() + ", leap-day birthdays " + v.leapDayBirthday()
                + (v.gpcSignalsObject() ? ", GPC signals object" : "")
                + v.itemsCreatedFrom().map(from -> ", items created from " + from).orElse("")
                + (v.itemsFromMembersChoice() ? ", items from the member's choice" : "");
    }
}
