package dev.consentkit;

import java.time.Instant;
import java.time.LocalDate;
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
 * <p>A decision is an audit record: it keeps the ids and facts that decided, not the member, item or
 * policy it was made from, so a stored decision holds nothing else alive.
 *
 * <p>{@link #toString()} is one line meant for logs and audit trails, for example:
 *
 * <pre>{@code
 * post-1 of m-1 at 2025-11-12T00:00:00Z: not trainable (OPTED_OUT) under genai-training@2025-11; failed [OPTED_OUT]; evidence: OPT_OUT event e-7 for ai-training.generative via SETTINGS_TOGGLE at 2025-11-10T00:00:00Z
 * post-1 of m-1 at 2025-11-05T00:00:00Z as known at 2025-11-20T00:00:00Z: trainable (ALLOWED_BY_DEFAULT) under genai-training@2025-11; evidence: version 2025-11 allows DE by its rule for EU under LEGITIMATE_INTERESTS at 2025-11-03T00:00:00Z
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
    /** The coming-of-age day of a decision whose evidence has none. */
    static final int NO_DAY = Integer.MIN_VALUE;

    // The evidence of the primary reason, as its facts: so that a decision the engine makes is one
    // object, and the evidence is made when asked for.
    private final @Nullable Instant evidenceAt;
    private final @Nullable String evidenceVersion;
    private final @Nullable ConsentEvent consentEvent;
    private final @Nullable Jurisdiction jurisdiction;
    private final @Nullable JurisdictionRule jurisdictionRule;
    private final @Nullable LegalBasis basis;
    private final @Nullable DataCategory category;
    private final @Nullable DataCategory categoryRule;
    private final @Nullable Reservation reservation;
    private final @Nullable LocalDate birthDate;
    // The coming-of-age date as a UTC epoch day, NO_DAY without one: a primitive, so that evaluate
    // allocates nothing but the decision.
    private final int comingOfAgeDay;
    private final int minimumAge;
    private final @Nullable String recordedText;
    // For ACCOUNT_CLOSED, the reopening of the closure in effect when known; else null.
    private final @Nullable Instant evidenceUntil;

    /** A decision with its evidence's facts; the engine's way in. */
    Decision(String itemId, String memberId, Instant asOf, @Nullable Instant knownAt, Reason reason, int failedMask,
            String policyId, @Nullable String policyVersion, @Nullable Instant evidenceAt,
            @Nullable String evidenceVersion, @Nullable ConsentEvent consentEvent, @Nullable Jurisdiction jurisdiction,
            @Nullable JurisdictionRule jurisdictionRule, @Nullable LegalBasis basis, @Nullable DataCategory category,
            @Nullable DataCategory categoryRule, @Nullable Reservation reservation, @Nullable LocalDate birthDate,
            int comingOfAgeDay, int minimumAge, @Nullable String recordedText) {
        this(itemId, memberId, asOf, knownAt, reason, failedMask, policyId, policyVersion, evidenceAt, evidenceVersion,
                consentEvent, jurisdiction, jurisdictionRule, basis, category, categoryRule, reservation, birthDate,
                comingOfAgeDay, minimumAge, recordedText, null);
    }

    /** A decision with its evidence's facts, also the reopening of a closure: the builder's way in. */
    Decision(String itemId, String memberId, Instant asOf, @Nullable Instant knownAt, Reason reason, int failedMask,
            String policyId, @Nullable String policyVersion, @Nullable Instant evidenceAt,
            @Nullable String evidenceVersion, @Nullable ConsentEvent consentEvent, @Nullable Jurisdiction jurisdiction,
            @Nullable JurisdictionRule jurisdictionRule, @Nullable LegalBasis basis, @Nullable DataCategory category,
            @Nullable DataCategory categoryRule, @Nullable Reservation reservation, @Nullable LocalDate birthDate,
            int comingOfAgeDay, int minimumAge, @Nullable String recordedText, @Nullable Instant evidenceUntil) {
        this.itemId = itemId;
        this.memberId = memberId;
        this.asOf = asOf;
        this.knownAt = knownAt;
        this.reason = reason;
        this.failedMask = failedMask;
        this.policyId = policyId;
        this.policyVersion = policyVersion;
        this.evidenceAt = evidenceAt;
        this.evidenceVersion = evidenceVersion;
        this.consentEvent = consentEvent;
        this.jurisdiction = jurisdiction;
        this.jurisdictionRule = jurisdictionRule;
        this.basis = basis;
        this.category = category;
        this.categoryRule = categoryRule;
        this.reservation = reservation;
        this.birthDate = birthDate;
        this.comingOfAgeDay = comingOfAgeDay;
        this.minimumAge = minimumAge;
        this.recordedText = recordedText;
        this.evidenceUntil = evidenceUntil;
    }

    /**
     * Starts a decision as stored in an audit trail, to read one back; the engine makes its own through
     * {@link TrainingPolicy#evaluate}.
     *
     * @param itemId the id of the item decided on
     * @param memberId the id of its author
     * @param asOf the instant the decision is for
     * @return a builder for the stored decision
     * @throws NullPointerException if an argument is null
     */
    public static Builder builder(String itemId, String memberId, Instant asOf) {
        return new Builder(Objects.requireNonNull(itemId, "itemId"), Objects.requireNonNull(memberId, "memberId"),
                Objects.requireNonNull(asOf, "asOf"));
    }

    /** {@return whether the item may be used for training at {@link #asOf()}} */
    public boolean trainable() {
        return reason.isTrainable();
    }

    /** {@return the primary reason: the first failed check, or why the item is trainable} */
    public Reason reason() {
        return reason;
    }

    /**
     * {@return every check that failed, in evaluation order; empty when trainable} A check that needs a fact an
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

    /**
     * Whether {@code check} is among the failed checks.
     *
     * @param check the check to look for
     * @return {@code true} when {@code check} failed for this decision
     */
    public boolean failed(Reason check) {
        Objects.requireNonNull(check, "check");
        return (failedMask & (1 << check.ordinal())) != 0;
    }

    /** {@return the id of the policy that decided} */
    public String policyId() {
        return policyId;
    }

    /** {@return the id of the policy version in force at {@code asOf}; empty when none was ({@link Reason#POLICY_NOT_IN_FORCE})} */
    public Optional<String> policyVersion() {
        return Optional.ofNullable(policyVersion);
    }

    /** {@return the consent event, rule or fact behind the primary reason, as data; made on each call from the decision's facts} */
    public Evidence evidence() {
        int facts = Evidence.Facts.of(reason);
        boolean factual = recordedText == null;
        return new Evidence(reason, evidenceAt,
                factual && (facts & Evidence.Facts.POLICY_ID) != 0 ? policyId : null, evidenceVersion,
                factual && (facts & Evidence.Facts.ITEM) != 0 ? itemId : null,
                factual && (facts & Evidence.Facts.MEMBER) != 0 ? memberId : null,
                consentEvent, jurisdiction, jurisdictionRule, basis, category, categoryRule, reservation, birthDate,
                comingOfAgeDay == NO_DAY ? null : LocalDate.ofEpochDay(comingOfAgeDay), minimumAge,
                recordedText, evidenceUntil);
    }

    /** {@return the id of the item decided on} */
    public String itemId() {
        return itemId;
    }

    /** {@return the id of the item's author} */
    public String memberId() {
        return memberId;
    }

    /** {@return the instant the decision is for} */
    public Instant asOf() {
        return asOf;
    }

    /**
     * {@return the instant whose knowledge an audit decision used, empty for a decision about the present}
     * Consent events recorded later were ignored.
     */
    public Optional<Instant> knownAt() {
        return Optional.ofNullable(knownAt);
    }

    /**
     * Whether {@code other} came to the same outcome, as an audit replay compares a stored decision
     * with the one the engine makes now: the same trainability, primary reason, failed checks, policy
     * version and, when a consent event decided, the same event id. Unlike {@link #equals}, it looks at
     * no other fact of the evidence and at no wording, so a decision read from any format can be
     * replayed.
     *
     * @param other the decision to compare with, such as one the engine makes now
     * @return {@code true} when both decisions reach the same outcome for the same reasons
     * @throws NullPointerException if {@code other} is null
     */
    public boolean sameOutcome(Decision other) {
        Objects.requireNonNull(other, "other");
        ConsentEvent mine = consentEvent;
        ConsentEvent theirs = other.consentEvent;
        return reason == other.reason && failedMask == other.failedMask
                && Objects.equals(policyVersion, other.policyVersion)
                && (mine == null ? theirs == null : theirs != null && mine.id().equals(theirs.id()));
    }

    /** Equal when every value and every fact of the evidence are equal; no text is built or compared. */
    @Override
    public boolean equals(@Nullable Object o) {
        if (!(o instanceof Decision d)) {
            return false;
        }
        return itemId.equals(d.itemId) && memberId.equals(d.memberId) && asOf.equals(d.asOf)
                && Objects.equals(knownAt, d.knownAt) && reason == d.reason && failedMask == d.failedMask
                && policyId.equals(d.policyId) && Objects.equals(policyVersion, d.policyVersion)
                && Objects.equals(evidenceAt, d.evidenceAt) && Objects.equals(evidenceVersion, d.evidenceVersion)
                && Objects.equals(consentEvent, d.consentEvent) && Objects.equals(jurisdiction, d.jurisdiction)
                && Objects.equals(jurisdictionRule, d.jurisdictionRule) && basis == d.basis
                && Objects.equals(category, d.category) && Objects.equals(categoryRule, d.categoryRule)
                && Objects.equals(reservation, d.reservation) && Objects.equals(birthDate, d.birthDate)
                && comingOfAgeDay == d.comingOfAgeDay
                && minimumAge == d.minimumAge && (recordedText == null) == (d.recordedText == null)
                && Objects.equals(evidenceUntil, d.evidenceUntil);
    }

    @Override
    public int hashCode() {
        return Objects.hash(itemId, memberId, asOf, knownAt, reason, failedMask, policyId, policyVersion, evidenceAt,
                consentEvent);
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

    /**
     * Collects a stored decision's values; {@link #build()} checks that they agree with one another.
     * Not thread-safe.
     */
    public static final class Builder {

        private final String itemId;
        private final String memberId;
        private final Instant asOf;
        private @Nullable Instant knownAt;
        private @Nullable List<Reason> failedChecks;
        private @Nullable String policyId;
        private @Nullable String policyVersion;
        private @Nullable Evidence evidence;

        private Builder(String itemId, String memberId, Instant asOf) {
            this.itemId = itemId;
            this.memberId = memberId;
            this.asOf = asOf;
        }

        /**
         * Sets the audit instant: the decision was made on the events recorded by then.
         *
         * @param knownAt the instant whose knowledge the decision used
         * @return this builder, to chain further calls
         */
        public Builder knownAt(Instant knownAt) {
            this.knownAt = Objects.requireNonNull(knownAt, "knownAt");
            return this;
        }

        /**
         * Sets every check that failed, in evaluation order; empty for a trainable decision.
         *
         * @param failedChecks the failed checks, in evaluation order; empty when trainable
         * @return this builder, to chain further calls
         * @throws NullPointerException if the list or a check is null
         */
        public Builder failedChecks(List<Reason> failedChecks) {
            List<Reason> copy = new ArrayList<>(Objects.requireNonNull(failedChecks, "failedChecks"));
            for (int i = 0; i < copy.size(); i++) {
                Objects.requireNonNull(copy.get(i), "failedChecks[" + i + "]");
            }
            this.failedChecks = copy;
            return this;
        }

        /**
         * Sets the policy that decided, and the version in force; {@code null} when none was.
         *
         * @param policyId the id of the policy that decided
         * @param policyVersion the id of the version in force at {@code asOf}, or {@code null} when
         *     none was
         * @return this builder, to chain further calls
         */
        public Builder policy(String policyId, @Nullable String policyVersion) {
            this.policyId = Objects.requireNonNull(policyId, "policyId");
            this.policyVersion = policyVersion;
            return this;
        }

        /**
         * Sets the evidence; its reason is the decision's primary reason.
         *
         * @param evidence the consent event, rule or fact behind the primary reason
         * @return this builder, to chain further calls
         */
        public Builder evidence(Evidence evidence) {
            this.evidence = Objects.requireNonNull(evidence, "evidence");
            return this;
        }

        /**
         * Builds the decision; its primary reason is the evidence's.
         *
         * @return the decision, as it was stored
         * @throws IllegalArgumentException if a value is missing or the values contradict each other
         *     (failed checks out of order or not starting with the reason, a trainable reason with
         *     failed checks, a policy version missing or present against the reason, evidence about
         *     another item, member or policy); the message says how
         */
        public Decision build() {
            Evidence e = evidence;
            List<Reason> checks = failedChecks;
            String policy = policyId;
            if (e == null || checks == null || policy == null) {
                throw new IllegalArgumentException("a decision needs " + (e == null ? "its evidence"
                        : checks == null ? "its failed checks" : "its policy"));
            }
            Reason reason = e.reason;
            int mask = 0;
            int previous = -1;
            for (Reason failed : checks) {
                if (failed.isTrainable()) {
                    throw new IllegalArgumentException("failed checks list " + failed + ", which is not a failure: " + checks);
                }
                if (failed.ordinal() <= previous) {
                    throw new IllegalArgumentException("failed checks are not distinct and in evaluation order: " + checks);
                }
                previous = failed.ordinal();
                mask |= 1 << failed.ordinal();
            }
            if (reason.isTrainable() != checks.isEmpty()) {
                throw new IllegalArgumentException("reason " + reason + " contradicts failed checks " + checks);
            }
            if (!reason.isTrainable() && checks.get(0) != reason) {
                throw new IllegalArgumentException("reason " + reason + " is not the first failed check of " + checks);
            }
            if ((reason == Reason.POLICY_NOT_IN_FORCE) != (policyVersion == null)) {
                throw new IllegalArgumentException("a decision names its policy version unless no version is in "
                        + "force; reason " + reason + " with policy version " + policyVersion);
            }
            agree("item", itemId, e.itemId);
            agree("member", memberId, e.memberId);
            agree("policy", policy, e.policyId);
            return new Decision(itemId, memberId, asOf, knownAt, reason, mask, policy, policyVersion, e.at,
                    e.policyVersion, e.consentEvent, e.jurisdiction, e.jurisdictionRule, e.basis, e.category,
                    e.categoryRule, e.reservation, e.birthDate,
                    e.comingOfAge == null ? NO_DAY : (int) e.comingOfAge.toEpochDay(), e.minimumAge, e.recordedText,
                    e.reopenedAt);
        }

        private static void agree(String what, String decided, @Nullable String inEvidence) {
            if (inEvidence != null && !inEvidence.equals(decided)) {
                throw new IllegalArgumentException("the evidence is about " + what + " " + inEvidence
                        + ", the decision about " + what + " " + decided);
            }
        }
    }
}
