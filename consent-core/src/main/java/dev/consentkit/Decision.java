package dev.consentkit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The answer to "may this item of this member train a model at {@code asOf}?", with why: the
 * primary {@link Reason}, every check that failed in evaluation order, the policy version that
 * decided and the {@link Evidence} behind the primary reason.
 *
 * <p>{@link #toString()} is one line meant for logs and audit trails, for example:
 *
 * <pre>{@code
 * post-1 of m-1 at 2025-11-12T00:00:00Z: not trainable (OPTED_OUT) under linkedin-genai@2025-11; failed [OPTED_OUT]; evidence: OPT_OUT event e-7 for ai-training.generative via SETTINGS_TOGGLE at 2025-11-10T00:00:00Z
 * post-1 of m-1 at 2025-11-05T00:00:00Z as known at 2025-11-20T00:00:00Z: trainable (ALLOWED_BY_DEFAULT) under linkedin-genai@2025-11; evidence: version 2025-11 allows DE by its rule for EU under LEGITIMATE_INTERESTS at 2025-11-03T00:00:00Z
 * }</pre>
 */
public final class Decision {

    private static final Reason[] REASONS = Reason.values();

    private final String itemId;
    private final String memberId;
    private final Instant asOf;
    private final @Nullable Instant knownAt;
    private final Reason reason;
    private final int failedMask;
    private final String policyId;
    private final @Nullable String policyVersion;
    // Either the evidence itself (a decision read back from an audit trail), or what the engine
    // decided on, from which the evidence is built when asked: so that evaluate allocates nothing
    // but the decision.
    private final @Nullable Evidence evidence;
    private final @Nullable TrainingPolicy policy;
    private final @Nullable ContentItem item;
    private final @Nullable Member member;

    private Decision(String itemId, String memberId, Instant asOf, @Nullable Instant knownAt, Reason reason,
            int failedMask, String policyId, @Nullable String policyVersion, @Nullable Evidence evidence,
            @Nullable TrainingPolicy policy, @Nullable ContentItem item, @Nullable Member member) {
        this.itemId = itemId;
        this.memberId = memberId;
        this.asOf = asOf;
        this.knownAt = knownAt;
        this.reason = reason;
        this.failedMask = failedMask;
        this.policyId = policyId;
        this.policyVersion = policyVersion;
        this.evidence = evidence;
        this.policy = policy;
        this.item = item;
        this.member = member;
    }

    /** A decision the engine made; its evidence is built from the inputs when asked for. */
    Decision(TrainingPolicy policy, ContentItem item, Member member, Instant asOf, @Nullable Instant knownAt,
            Reason reason, int failedMask, @Nullable String policyVersion) {
        this(item.id(), member.id(), asOf, knownAt, reason, failedMask, policy.id(), policyVersion, null, policy, item,
                member);
    }

    /**
     * A decision as stored in an audit trail; the engine makes its own through
     * {@link TrainingPolicy#evaluate}.
     *
     * @param knownAt the audit instant, or {@code null} for a decision on everything recorded
     * @param failedChecks every failed check in evaluation order, starting with {@code reason}; empty
     *     exactly when {@code reason} is trainable
     * @param policyVersion the id of the version that decided, or {@code null} exactly when
     *     {@code reason} is {@link Reason#POLICY_NOT_IN_FORCE}
     * @throws NullPointerException if a required argument or a failed check is null
     * @throws IllegalArgumentException if the values contradict each other; the message says how
     */
    public static Decision of(String itemId, String memberId, Instant asOf, @Nullable Instant knownAt, Reason reason,
            List<Reason> failedChecks, String policyId, @Nullable String policyVersion, Evidence evidence) {
        Objects.requireNonNull(itemId, "itemId");
        Objects.requireNonNull(memberId, "memberId");
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(failedChecks, "failedChecks");
        Objects.requireNonNull(policyId, "policyId");
        Objects.requireNonNull(evidence, "evidence");
        int mask = 0;
        int previous = -1;
        for (int i = 0; i < failedChecks.size(); i++) {
            Reason failed = Objects.requireNonNull(failedChecks.get(i), "failedChecks[" + i + "]");
            if (failed.isTrainable()) {
                throw new IllegalArgumentException("failed checks list " + failed + ", which is not a failure: " + failedChecks);
            }
            if (failed.ordinal() <= previous) {
                throw new IllegalArgumentException("failed checks are not distinct and in evaluation order: " + failedChecks);
            }
            previous = failed.ordinal();
            mask |= 1 << failed.ordinal();
        }
        if (reason.isTrainable() != failedChecks.isEmpty()) {
            throw new IllegalArgumentException("reason " + reason + " contradicts failed checks " + failedChecks);
        }
        if (!reason.isTrainable() && failedChecks.get(0) != reason) {
            throw new IllegalArgumentException(
                    "reason " + reason + " is not the first failed check of " + failedChecks);
        }
        if ((reason == Reason.POLICY_NOT_IN_FORCE) != (policyVersion == null)) {
            throw new IllegalArgumentException("a decision names its policy version unless no version is in force; reason "
                    + reason + " with policy version " + policyVersion);
        }
        return new Decision(itemId, memberId, asOf, knownAt, reason, mask, policyId, policyVersion, evidence, null, null,
                null);
    }

    /** Whether the item may be used for training at {@link #asOf()}. */
    public boolean trainable() {
        return reason.isTrainable();
    }

    /** The primary reason: the first failed check, or why the item is trainable. */
    public Reason reason() {
        return reason;
    }

    /**
     * Every check that failed, in evaluation order; empty when trainable. A check that needs a fact an
     * earlier check found missing is not run: with no version in force the version's rules are not
     * checked, and with an unknown or excluded jurisdiction {@link Reason#NO_CONSENT} is not.
     */
    public List<Reason> failedChecks() {
        if (failedMask == 0) {
            return List.of();
        }
        List<Reason> failed = new ArrayList<>(Integer.bitCount(failedMask));
        for (int bits = failedMask; bits != 0; bits &= bits - 1) {
            failed.add(REASONS[Integer.numberOfTrailingZeros(bits)]);
        }
        return Collections.unmodifiableList(failed);
    }

    /** Whether {@code check} is among the failed checks. */
    public boolean failed(Reason check) {
        Objects.requireNonNull(check, "check");
        return (failedMask & (1 << check.ordinal())) != 0;
    }

    /** The id of the policy that decided. */
    public String policyId() {
        return policyId;
    }

    /** The id of the policy version in force at {@code asOf}; empty when none was ({@link Reason#POLICY_NOT_IN_FORCE}). */
    public Optional<String> policyVersion() {
        return Optional.ofNullable(policyVersion);
    }

    /**
     * The consent event, rule or fact behind the primary reason, with its instant. For a decision the
     * engine made, it is built on each call from the item, member and policy decided on, which the
     * decision keeps.
     */
    public Evidence evidence() {
        if (evidence != null) {
            return evidence;
        }
        return Evaluator.explain(reason, Objects.requireNonNull(policy), Objects.requireNonNull(item),
                Objects.requireNonNull(member), asOf, knownAt);
    }

    /** The id of the item decided on. */
    public String itemId() {
        return itemId;
    }

    /** The id of the item's author. */
    public String memberId() {
        return memberId;
    }

    /** The instant the decision is for. */
    public Instant asOf() {
        return asOf;
    }

    /** For an audit decision, the instant whose knowledge it used: events recorded later were ignored. */
    public Optional<Instant> knownAt() {
        return Optional.ofNullable(knownAt);
    }

    /** Equal when every value is equal. */
    @Override
    public boolean equals(@Nullable Object o) {
        if (!(o instanceof Decision)) {
            return false;
        }
        Decision d = (Decision) o;
        return itemId.equals(d.itemId) && memberId.equals(d.memberId) && asOf.equals(d.asOf)
                && Objects.equals(knownAt, d.knownAt) && reason == d.reason && failedMask == d.failedMask
                && policyId.equals(d.policyId) && Objects.equals(policyVersion, d.policyVersion)
                && evidence().equals(d.evidence());
    }

    @Override
    public int hashCode() {
        return Objects.hash(itemId, memberId, asOf, knownAt, reason, failedMask, policyId, policyVersion, evidence());
    }

    /** The decision in one line, in the form shown in the class documentation. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(160).append(itemId).append(" of ").append(memberId).append(" at ").append(asOf);
        if (knownAt != null) {
            s.append(" as known at ").append(knownAt);
        }
        s.append(": ").append(trainable() ? "trainable (" : "not trainable (").append(reason).append(") under ")
                .append(policyId);
        s.append(policyVersion == null ? " (no version in force)" : "@" + policyVersion);
        if (failedMask != 0) {
            s.append("; failed ").append(failedChecks());
        }
        return s.append("; evidence: ").append(evidence()).toString();
    }
}
