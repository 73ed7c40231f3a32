package dev.consentkit.suite;

import dev.consentkit.ContentItem;
import dev.consentkit.Decision;
import dev.consentkit.Member;
import dev.consentkit.Reason;
import dev.consentkit.TrainingPolicy;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One case of a {@link PolicySuite}: a question to the policy, "may this item of this member train a
 * model at {@code asOf} (as known at {@code knownAt})?", and the answer expected. In the suite
 * document:
 *
 * <pre>{@code
 * {"name": "the post after the opt-out", "item": "post-1", "member": "m-1",
 *  "asOf": "2025-11-12T00:00:00Z", "expect": {"trainable": false, "reason": "OPTED_OUT"}}
 * }</pre>
 *
 * <p>{@code item} and {@code member} are ids of the suite's items and members, and the member is the
 * item's author. {@code knownAt} is optional: with it, the case replays the decision as the platform
 * could have made it then ({@link TrainingPolicy#asKnownAt(Instant)}).
 * The expected {@code reason} is optional too: without it, only {@code trainable} is checked.
 * Immutable.
 */
public final class PolicyCase {

    private final String name;
    private final ContentItem item;
    private final Member member;
    private final Instant asOf;
    private final @Nullable Instant knownAt;
    private final boolean expectedTrainable;
    private final @Nullable Reason expectedReason;
    private final long line;

    PolicyCase(String name, ContentItem item, Member member, Instant asOf, @Nullable Instant knownAt,
            boolean expectedTrainable, @Nullable Reason expectedReason, long line) {
        this.name = Objects.requireNonNull(name, "name");
        this.item = Objects.requireNonNull(item, "item");
        this.member = Objects.requireNonNull(member, "member");
        this.asOf = Objects.requireNonNull(asOf, "asOf");
        this.knownAt = knownAt;
        this.expectedTrainable = expectedTrainable;
        this.expectedReason = expectedReason;
        this.line = line;
    }

    /** {@return the case's name, unique in its suite; the name of its JUnit test} */
    public String name() {
        return name;
    }

    /** {@return the item asked about} */
    public ContentItem item() {
        return item;
    }

    /** {@return the item's author} */
    public Member member() {
        return member;
    }

    /** {@return the instant of use asked about} */
    public Instant asOf() {
        return asOf;
    }

    /**
     * For an audit case, the instant whose knowledge counts: consent events recorded later are ignored.
     *
     * @return the instant whose knowledge counts for an audit case, or empty for a case about
     *     everything recorded
     */
    public Optional<Instant> knownAt() {
        return Optional.ofNullable(knownAt);
    }

    /** {@return whether the item is expected to be trainable} */
    public boolean expectedTrainable() {
        return expectedTrainable;
    }

    /** {@return the reason expected; empty when the case checks only {@link #expectedTrainable()}} */
    public Optional<Reason> expectedReason() {
        return Optional.ofNullable(expectedReason);
    }

    /** {@return the 1-based line of the suite file on which the case starts} */
    public long line() {
        return line;
    }

    /**
     * Asks {@code policy} the case's question: {@code evaluate(item, member, asOf)}, or with
     * {@code knownAt} when the case has one.
     *
     * @param policy the policy under test, such as the one the suite names
     * @return the policy's decision on the case's item
     * @throws NullPointerException if {@code policy} is null
     */
    public Decision decide(TrainingPolicy policy) {
        Objects.requireNonNull(policy, "policy");
        return knownAt == null ? policy.evaluate(item, member, asOf) : policy.asKnownAt(knownAt).evaluate(item, member, asOf);
    }

    /** {@return the answer expected, in words: {@code not trainable (OPTED_OUT)}, or {@code trainable} without a reason} */
    public String expected() {
        return (expectedTrainable ? "trainable" : "not trainable")
                + (expectedReason == null ? "" : " (" + expectedReason + ")");
    }

    /**
     * The case in one line, such as
     * {@code PolicyCase["the post after the opt-out": post-1 of m-1 at 2025-11-12T00:00:00Z, expected not trainable (OPTED_OUT)]}.
     */
    @Override
    public String toString() {
        return "PolicyCase[\"" + name + "\": " + item.id() + " of " + member.id() + " at " + asOf
                + (knownAt == null ? "" : " as known at " + knownAt) + ", expected " + expected() + "]";
    }
}
