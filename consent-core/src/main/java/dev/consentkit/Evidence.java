package dev.consentkit;

import dev.consentkit.internal.CalendarDays;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * What decided a {@link Decision}, as data: the check it explains (its {@link #reason()}) and the
 * identifiers and facts behind it, each with a typed accessor. An auditor reads it as "denied because
 * of <i>this</i>, which holds since <i>then</i>".
 *
 * <p>Which facts evidence carries depends on its reason:
 *
 * <table>
 *   <caption>Facts per reason</caption>
 *   <tr><th>reason</th><th>facts</th><th>{@link #at()}</th></tr>
 *   <tr><td>{@code POLICY_NOT_IN_FORCE}</td><td>policy id, its first version</td><td>that version's start</td></tr>
 *   <tr><td>{@code ITEM_NOT_YET_CREATED}, {@code ITEM_DELETED}</td><td>item id</td><td>creation, deletion</td></tr>
 *   <tr><td>{@code ACCOUNT_CLOSED}</td><td>member id, the closure in effect (its reopening when known)</td>
 *       <td>the closure's start</td></tr>
 *   <tr><td>{@code ITEM_OUT_OF_SCOPE}</td><td>version</td><td>the version's item scope</td></tr>
 *   <tr><td>{@code CATEGORY_EXCLUDED}</td><td>version, item category, the never-allowed category it is within</td>
 *       <td>version start</td></tr>
 *   <tr><td>{@code CATEGORY_NOT_COVERED}</td><td>version, item category</td><td>version start</td></tr>
 *   <tr><td>{@code JURISDICTION_UNKNOWN}</td><td>member id</td><td>none</td></tr>
 *   <tr><td>{@code JURISDICTION_EXCLUDED}</td><td>version, jurisdiction, the rule (none: the version's default)</td>
 *       <td>version start</td></tr>
 *   <tr><td>{@code AGE_UNKNOWN}</td><td>member id, version</td><td>none</td></tr>
 *   <tr><td>{@code MINOR}</td><td>member id, minimum age, birth date, coming-of-age date</td>
 *       <td>that date's UTC midnight</td></tr>
 *   <tr><td>{@code CREATED_WHILE_MINOR}</td><td>item id, member id, minimum age, birth date, coming-of-age date</td>
 *       <td>the item's creation</td></tr>
 *   <tr><td>{@code ITEM_RESERVED}</td><td>item id, the reservation (source and start)</td><td>its start</td></tr>
 *   <tr><td>{@code OPTED_OUT}, {@code ALLOWED_OPTED_IN}</td><td>the consent event (id, choice, purpose, instants)</td>
 *       <td>its {@code effectiveAt}</td></tr>
 *   <tr><td>{@code ITEM_BEFORE_CHOICE}</td><td>item id, version, the opt-in that starts the member's
 *       choice (id, choice, purpose, instants), none when no choice is recorded</td>
 *       <td>that opt-in's {@code effectiveAt}, none without one</td></tr>
 *   <tr><td>{@code NO_CONSENT}, {@code ALLOWED_BY_DEFAULT}</td>
 *       <td>version, jurisdiction, the rule (none: the version's default), legal basis</td><td>version start</td></tr>
 * </table>
 *
 * <p>{@link #description()} renders the facts for people; nothing reads it back or compares it, so
 * rewording it changes no decision and no stored document. Evidence read from a document of an
 * earlier format, which kept only prose, is {@linkplain #recorded recorded evidence}: its facts are
 * its reason, instant and consent event, and its description is the stored text.
 */
public final class Evidence {

    /** What kind of thing decided; follows from the reason. */
    public enum Kind {
        /**
         * A consent event of the member; {@link #consentEvent()} holds it. For
         * {@link Reason#ITEM_BEFORE_CHOICE}, the opt-in that starts the member's choice, which is
         * absent when the member made no choice.
         */
        CONSENT_EVENT,
        /** A rule of the policy version, or the absence of a version. */
        POLICY_RULE,
        /** A fact about the item: its creation, deletion or a reservation. */
        ITEM_FACT,
        /** A fact about the member: account closure, jurisdiction or age. */
        MEMBER_FACT;

        /**
         * The kind of evidence behind {@code reason}.
         *
         * @param reason a reason a decision can give
         * @return the kind of fact that explains {@code reason}
         * @throws NullPointerException if {@code reason} is null
         */
        public static Kind of(Reason reason) {
            switch (Objects.requireNonNull(reason, "reason")) {
                case OPTED_OUT:
                case ALLOWED_OPTED_IN:
                case ITEM_BEFORE_CHOICE:
                    return CONSENT_EVENT;
                case ITEM_NOT_YET_CREATED:
                case ITEM_DELETED:
                case CREATED_WHILE_MINOR:
                case ITEM_RESERVED:
                    return ITEM_FACT;
                case ACCOUNT_CLOSED:
                case JURISDICTION_UNKNOWN:
                case AGE_UNKNOWN:
                case MINOR:
                    return MEMBER_FACT;
                default:
                    return POLICY_RULE;
            }
        }
    }

    final Reason reason;
    final @Nullable Instant at;
    final @Nullable String policyId;
    final @Nullable String policyVersion;
    final @Nullable String itemId;
    final @Nullable String memberId;
    final @Nullable ConsentEvent consentEvent;
    final @Nullable Jurisdiction jurisdiction;
    final @Nullable JurisdictionRule jurisdictionRule;
    final @Nullable LegalBasis basis;
    final @Nullable DataCategory category;
    final @Nullable DataCategory categoryRule;
    final @Nullable Reservation reservation;
    final @Nullable LocalDate birthDate;
    final @Nullable LocalDate comingOfAge;
    final int minimumAge;
    // The prose of recorded evidence; null for evidence made of facts.
    final @Nullable String recordedText;
    // For ACCOUNT_CLOSED, when the closure in effect was reopened, if that is known; at is its start.
    final @Nullable Instant reopenedAt;

    Evidence(Reason reason, @Nullable Instant at, @Nullable String policyId, @Nullable String policyVersion,
            @Nullable String itemId, @Nullable String memberId, @Nullable ConsentEvent consentEvent,
            @Nullable Jurisdiction jurisdiction, @Nullable JurisdictionRule jurisdictionRule, @Nullable LegalBasis basis,
            @Nullable DataCategory category, @Nullable DataCategory categoryRule, @Nullable Reservation reservation,
            @Nullable LocalDate birthDate, @Nullable LocalDate comingOfAge, int minimumAge,
            @Nullable String recordedText) {
        this(reason, at, policyId, policyVersion, itemId, memberId, consentEvent, jurisdiction, jurisdictionRule, basis,
                category, categoryRule, reservation, birthDate, comingOfAge, minimumAge, recordedText, null);
    }

    Evidence(Reason reason, @Nullable Instant at, @Nullable String policyId, @Nullable String policyVersion,
            @Nullable String itemId, @Nullable String memberId, @Nullable ConsentEvent consentEvent,
            @Nullable Jurisdiction jurisdiction, @Nullable JurisdictionRule jurisdictionRule, @Nullable LegalBasis basis,
            @Nullable DataCategory category, @Nullable DataCategory categoryRule, @Nullable Reservation reservation,
            @Nullable LocalDate birthDate, @Nullable LocalDate comingOfAge, int minimumAge,
            @Nullable String recordedText, @Nullable Instant reopenedAt) {
        this.reason = reason;
        this.at = at;
        this.policyId = policyId;
        this.policyVersion = policyVersion;
        this.itemId = itemId;
        this.memberId = memberId;
        this.consentEvent = consentEvent;
        this.jurisdiction = jurisdiction;
        this.jurisdictionRule = jurisdictionRule;
        this.basis = basis;
        this.category = category;
        this.categoryRule = categoryRule;
        this.reservation = reservation;
        this.birthDate = birthDate;
        this.comingOfAge = comingOfAge;
        this.minimumAge = minimumAge;
        this.recordedText = recordedText;
        this.reopenedAt = reopenedAt;
    }

    /**
     * Evidence that is a consent event: {@link Reason#OPTED_OUT} for an opt-out,
     * {@link Reason#ALLOWED_OPTED_IN} for an opt-in, dated by its {@code effectiveAt}.
     *
     * @param event the consent event that decided
     * @return evidence for the opt-out or opt-in the event records
     * @throws NullPointerException if {@code event} is null
     */
    public static Evidence of(ConsentEvent event) {
        Objects.requireNonNull(event, "event");
        return builder(event.isOptOut() ? Reason.OPTED_OUT : Reason.ALLOWED_OPTED_IN).consentEvent(event).build();
    }

    /**
     * Starts evidence for {@code reason}; {@link Builder#build()} checks that the facts the reason
     * needs (see the class description) are there.
     *
     * @param reason the primary reason of the decision the evidence explains
     * @return a builder for evidence of {@code reason}
     * @throws NullPointerException if {@code reason} is null
     */
    public static Builder builder(Reason reason) {
        return new Builder(Objects.requireNonNull(reason, "reason"));
    }

    /**
     * Evidence as a document of an earlier format recorded it: prose for people, the instant, and the
     * consent event when one decided. Its other facts are unknown.
     *
     * @param reason the reason of the decision it explains
     * @param description the recorded prose, shown by {@link #description()}
     * @param at the recorded instant, or {@code null}
     * @param consentEvent the consent event, exactly when {@code reason} is explained by one
     * @return the recorded evidence
     * @throws NullPointerException if {@code reason} or {@code description} is null
     * @throws IllegalArgumentException if {@code description} is blank, or the consent event is missing
     *     or not expected for the reason; the message says which
     */
    public static Evidence recorded(Reason reason, String description, @Nullable Instant at,
            @Nullable ConsentEvent consentEvent) {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(description, "description");
        if (description.isBlank()) {
            throw new IllegalArgumentException("evidence description is blank: '" + description + "'");
        }
        boolean byEvent = Kind.of(reason) == Kind.CONSENT_EVENT;
        if (byEvent != (consentEvent != null) && !(reason == Reason.ITEM_BEFORE_CHOICE && consentEvent == null)) {
            throw new IllegalArgumentException(byEvent ? "evidence for " + reason + " needs its consent event"
                    : "evidence for " + reason + " has no consent event");
        }
        return new Evidence(reason, at, null, null, null, null, consentEvent, null, null, null, null, null, null, null,
                null, 0, description);
    }

    /** {@return the check this evidence explains: the primary reason of its decision} */
    public Reason reason() {
        return reason;
    }

    /** {@return what kind of thing decided} */
    public Kind kind() {
        return Kind.of(reason);
    }

    /** {@return the instant the evidence dates from, if it has one} */
    public Optional<Instant> at() {
        return Optional.ofNullable(at);
    }

    /** {@return the id of the policy not yet in force, for {@link Reason#POLICY_NOT_IN_FORCE}} */
    public Optional<String> policyId() {
        return Optional.ofNullable(policyId);
    }

    /** {@return the id of the policy version whose rule or start decided} */
    public Optional<String> policyVersion() {
        return Optional.ofNullable(policyVersion);
    }

    /** {@return the id of the item the fact is about} */
    public Optional<String> itemId() {
        return Optional.ofNullable(itemId);
    }

    /** {@return the id of the member the fact is about} */
    public Optional<String> memberId() {
        return Optional.ofNullable(memberId);
    }

    /**
     * {@return the consent event that decided, when {@link #kind()} is {@link Kind#CONSENT_EVENT}: for
     * {@link Reason#ITEM_BEFORE_CHOICE} the opt-in that starts the member's choice, empty when the
     * member made none}
     */
    public Optional<ConsentEvent> consentEvent() {
        return Optional.ofNullable(consentEvent);
    }

    /** {@return the member's jurisdiction, for the reasons decided by its rule} */
    public Optional<Jurisdiction> jurisdiction() {
        return Optional.ofNullable(jurisdiction);
    }

    /**
     * {@return the jurisdiction rule that decided; empty with a {@link #jurisdiction()} present when the
     * version's default decided}
     */
    public Optional<JurisdictionRule> jurisdictionRule() {
        return Optional.ofNullable(jurisdictionRule);
    }

    /** {@return the legal basis in the member's jurisdiction, for {@code NO_CONSENT} and {@code ALLOWED_BY_DEFAULT}} */
    public Optional<LegalBasis> basis() {
        return Optional.ofNullable(basis);
    }

    /** {@return the item's category, for the category checks} */
    public Optional<DataCategory> category() {
        return Optional.ofNullable(category);
    }

    /** {@return the never-allowed category the item's category is within, for {@code CATEGORY_EXCLUDED}} */
    public Optional<DataCategory> categoryRule() {
        return Optional.ofNullable(categoryRule);
    }

    /** {@return the reservation in effect, for {@code ITEM_RESERVED}: its source and start} */
    public Optional<Reservation> reservation() {
        return Optional.ofNullable(reservation);
    }

    /**
     * {@return the account closure in effect, for {@code ACCOUNT_CLOSED}: closed from {@link #at()}, and reopened
     * at {@code reopenedAt} when the member's record used for the decision says so (a replay after
     * the reopening knows it; a decision made during the closure does not)} Empty for other reasons
     * and for recorded evidence.
     */
    public Optional<AccountClosure> closure() {
        Instant from = at;
        return reason != Reason.ACCOUNT_CLOSED || recordedText != null || from == null ? Optional.empty()
                : Optional.of(new AccountClosure(from, reopenedAt));
    }

    /** {@return the member's birth date, for the age checks} */
    public Optional<LocalDate> birthDate() {
        return Optional.ofNullable(birthDate);
    }

    /** {@return the UTC date the member reaches the minimum age, for the age checks} */
    public Optional<LocalDate> comingOfAge() {
        return Optional.ofNullable(comingOfAge);
    }

    /** {@return the version's minimum age, for the age checks} */
    public OptionalInt minimumAge() {
        return comingOfAge == null ? OptionalInt.empty() : OptionalInt.of(minimumAge);
    }

    /** {@return whether this is recorded evidence of an earlier format, whose facts are only prose} */
    public boolean isRecorded() {
        return recordedText != null;
    }

    /**
     * {@return what decided, in words, such as "OPT_OUT event e-7 for ai-training.generative via
     * SETTINGS_TOGGLE" or "version 2024-09 excludes DE by its rule for EU": for people, never read
     * back} A consent event counted from when it was recorded ({@link ConsentEvent#isSkewAdjusted()})
     * says so, with the instant its source stated: "OPT_OUT event e-7 for ai-training.generative via
     * API (stated to take effect at 2025-11-10T00:00:02Z, after it was recorded; counted from when it
     * was recorded)". Recorded evidence gives its recorded text.
     */
    public String description() {
        if (recordedText != null) {
            return recordedText;
        }
        switch (reason) {
            case POLICY_NOT_IN_FORCE:
                return "policy " + policyId + " takes effect with version " + policyVersion;
            case ITEM_NOT_YET_CREATED:
                return "item " + itemId + " is created";
            case ITEM_DELETED:
                return "item " + itemId + " is deleted";
            case ACCOUNT_CLOSED:
                return reopenedAt == null ? "account of member " + memberId + " is closed"
                        : "account of member " + memberId + " is closed until " + reopenedAt;
            case ITEM_OUT_OF_SCOPE:
                return "version " + policyVersion + " covers only items created from then on";
            case CATEGORY_EXCLUDED:
                return "version " + policyVersion + " never allows " + categoryRule;
            case CATEGORY_NOT_COVERED:
                return "version " + policyVersion + " allows no category covering " + category;
            case JURISDICTION_UNKNOWN:
                return "member " + memberId + " has no known jurisdiction";
            case JURISDICTION_EXCLUDED:
                return "version " + policyVersion + " excludes " + jurisdiction + byRule();
            case AGE_UNKNOWN:
                return "member " + memberId + " has no known birth date and version " + policyVersion
                        + " denies unknown ages";
            case MINOR:
                return "member " + memberId + " turns " + minimumAge + " on " + comingOfAge + " (born " + birthDate + ")";
            case CREATED_WHILE_MINOR:
                return "item " + itemId + " was created before member " + memberId + " turned " + minimumAge + " on "
                        + comingOfAge + " (born " + birthDate + ")";
            case ITEM_RESERVED:
                return "item " + itemId + " is reserved by " + required(reservation).source();
            case OPTED_OUT:
            case ALLOWED_OPTED_IN: {
                ConsentEvent event = required(consentEvent);
                String words = event.choice() + " event " + event.id() + " for " + event.purpose() + " via " + event.channel();
                return event.isSkewAdjusted() ? words + " (stated to take effect at " + event.statedEffectiveAt()
                        + ", after it was recorded; counted from when it was recorded)" : words;
            }
            case ITEM_BEFORE_CHOICE: {
                ConsentEvent event = consentEvent;
                return event == null
                        ? "version " + policyVersion + " counts items only from the member's opt-in, and the member made"
                                + " no choice: item " + itemId + " does not count"
                        : "item " + itemId + " predates " + event.choice() + " event " + event.id() + " for "
                                + event.purpose() + " via " + event.channel() + ", from which version " + policyVersion
                                + " counts the member's items";
            }
            case NO_CONSENT:
                return "version " + policyVersion + " needs an opt-in in " + jurisdiction + byRule() + " under " + basis;
            case ALLOWED_BY_DEFAULT:
                return "version " + policyVersion + " allows " + jurisdiction + byRule() + " under " + basis;
            default:
                throw new AssertionError("no description for " + reason);
        }
    }

    private String byRule() {
        JurisdictionRule rule = jurisdictionRule;
        return rule == null ? " by default" : " by its rule for " + rule.jurisdiction();
    }

    private static <T> T required(@Nullable T fact) {
        if (fact == null) {
            throw new AssertionError("the builder checks this fact");
        }
        return fact;
    }

    /**
     * Equal when the reason, the instant and every fact are equal. The words of recorded evidence
     * are not compared: evidence survives rewording.
     */
    @Override
    public boolean equals(@Nullable Object o) {
        if (!(o instanceof Evidence e)) {
            return false;
        }
        return reason == e.reason && minimumAge == e.minimumAge && Objects.equals(at, e.at)
                && Objects.equals(policyId, e.policyId) && Objects.equals(policyVersion, e.policyVersion)
                && Objects.equals(itemId, e.itemId) && Objects.equals(memberId, e.memberId)
                && Objects.equals(consentEvent, e.consentEvent) && Objects.equals(jurisdiction, e.jurisdiction)
                && Objects.equals(jurisdictionRule, e.jurisdictionRule) && basis == e.basis
                && Objects.equals(category, e.category) && Objects.equals(categoryRule, e.categoryRule)
                && Objects.equals(reservation, e.reservation) && Objects.equals(birthDate, e.birthDate)
                && Objects.equals(comingOfAge, e.comingOfAge) && isRecorded() == e.isRecorded()
                && Objects.equals(reopenedAt, e.reopenedAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(reason, at, policyVersion, itemId, memberId, consentEvent, jurisdiction, category);
    }

    /**
     * The description and instant, such as
     * {@code OPT_OUT event e-7 for ai-training.generative via SETTINGS_TOGGLE at 2025-11-10T00:00:00Z}.
     */
    @Override
    public String toString() {
        return at == null ? description() : description() + " at " + at;
    }

    /** Which facts explain each reason, as bits. */
    static final class Facts {

        static final int AT = 1;
        static final int POLICY_ID = 1 << 1;
        static final int VERSION = 1 << 2;
        static final int ITEM = 1 << 3;
        static final int MEMBER = 1 << 4;
        static final int EVENT = 1 << 5;
        static final int PLACE = 1 << 6;
        static final int BASIS = 1 << 7;
        static final int CATEGORY = 1 << 8;
        static final int CATEGORY_RULE = 1 << 9;
        static final int RESERVATION = 1 << 10;
        static final int AGE = 1 << 11;
        // The opt-in that starts the member's choice, when there is one; it dates the evidence.
        static final int CHOICE = 1 << 12;

        private Facts() {}

        static int of(Reason reason) {
            switch (reason) {
                case POLICY_NOT_IN_FORCE:
                    return POLICY_ID | VERSION | AT;
                case ITEM_NOT_YET_CREATED:
                case ITEM_DELETED:
                    return ITEM | AT;
                case ACCOUNT_CLOSED:
                    return MEMBER | AT;
                case ITEM_OUT_OF_SCOPE:
                    return VERSION | AT;
                case CATEGORY_EXCLUDED:
                    return VERSION | CATEGORY | CATEGORY_RULE | AT;
                case CATEGORY_NOT_COVERED:
                    return VERSION | CATEGORY | AT;
                case JURISDICTION_UNKNOWN:
                    return MEMBER;
                case JURISDICTION_EXCLUDED:
                    return VERSION | PLACE | AT;
                case AGE_UNKNOWN:
                    return MEMBER | VERSION;
                case MINOR:
                    return MEMBER | AGE | AT;
                case CREATED_WHILE_MINOR:
                    return ITEM | MEMBER | AGE | AT;
                case ITEM_RESERVED:
                    return ITEM | RESERVATION | AT;
                case OPTED_OUT:
                case ALLOWED_OPTED_IN:
                    return EVENT | AT;
                case ITEM_BEFORE_CHOICE:
                    return ITEM | VERSION | CHOICE;
                case NO_CONSENT:
                case ALLOWED_BY_DEFAULT:
                    return VERSION | PLACE | BASIS | AT;
                default:
                    throw new AssertionError(reason);
            }
        }
    }

    /**
     * Collects the facts of evidence for one reason; {@link #build()} checks that the reason's facts
     * are there. For reading evidence back from a document; the engine makes its own. Not
     * thread-safe.
     */
    public static final class Builder {

        private final Reason reason;
        private @Nullable Instant at;
        private @Nullable String policyId;
        private @Nullable String policyVersion;
        private @Nullable String itemId;
        private @Nullable String memberId;
        private @Nullable ConsentEvent consentEvent;
        private @Nullable Jurisdiction jurisdiction;
        private @Nullable JurisdictionRule jurisdictionRule;
        private @Nullable LegalBasis basis;
        private @Nullable DataCategory category;
        private @Nullable DataCategory categoryRule;
        private @Nullable Reservation reservation;
        private @Nullable LocalDate birthDate;
        private int minimumAge = -1;
        private boolean leapDayOnMarchFirst;
        private @Nullable Instant reopenedAt;

        private Builder(Reason reason) {
            this.reason = reason;
        }

        /**
         * Sets the instant the evidence dates from; the event's, the reservation's and a coming of age's are set for you.
         *
         * @param at the instant the evidence dates from, or {@code null} for none
         * @return this builder, to chain further calls
         */
        public Builder at(@Nullable Instant at) {
            this.at = at;
            return this;
        }

        /**
         * Sets the policy's id ({@code POLICY_NOT_IN_FORCE}).
         *
         * @param policyId the id of the policy not yet in force
         * @return this builder, to chain further calls
         */
        public Builder policyId(String policyId) {
            this.policyId = Objects.requireNonNull(policyId, "policyId");
            return this;
        }

        /**
         * Sets the id of the version whose rule or start decided.
         *
         * @param policyVersion the id of the policy version whose rule or start decided
         * @return this builder, to chain further calls
         */
        public Builder policyVersion(String policyVersion) {
            this.policyVersion = Objects.requireNonNull(policyVersion, "policyVersion");
            return this;
        }

        /**
         * Sets the item's id.
         *
         * @param itemId the id of the item the decision is about
         * @return this builder, to chain further calls
         */
        public Builder itemId(String itemId) {
            this.itemId = Objects.requireNonNull(itemId, "itemId");
            return this;
        }

        /**
         * Sets the member's id.
         *
         * @param memberId the id of the member who authored the item
         * @return this builder, to chain further calls
         */
        public Builder memberId(String memberId) {
            this.memberId = Objects.requireNonNull(memberId, "memberId");
            return this;
        }

        /**
         * Sets the consent event that decided, for {@code ITEM_BEFORE_CHOICE} the opt-in that starts
         * the member's choice; the evidence dates from its {@code effectiveAt}.
         *
         * @param consentEvent the member's consent event that decided
         * @return this builder, to chain further calls
         */
        public Builder consentEvent(ConsentEvent consentEvent) {
            this.consentEvent = Objects.requireNonNull(consentEvent, "consentEvent");
            return this;
        }

        /**
         * Sets the member's jurisdiction and the rule that applied to it, {@code null} for the version's
         * default.
         *
         * @param jurisdiction the member's jurisdiction at the instant of use
         * @param rule the version's rule that applied there, or {@code null} when the version's
         *     default did
         * @return this builder, to chain further calls
         */
        public Builder jurisdiction(Jurisdiction jurisdiction, @Nullable JurisdictionRule rule) {
            this.jurisdiction = Objects.requireNonNull(jurisdiction, "jurisdiction");
            this.jurisdictionRule = rule;
            return this;
        }

        /**
         * Sets the legal basis in the member's jurisdiction.
         *
         * @param basis the legal basis the program runs under in the member's jurisdiction
         * @return this builder, to chain further calls
         */
        public Builder basis(LegalBasis basis) {
            this.basis = Objects.requireNonNull(basis, "basis");
            return this;
        }

        /**
         * Sets the item's category and, for {@code CATEGORY_EXCLUDED}, the never-allowed category it is within.
         *
         * @param category the item's category
         * @param neverAllowedRule the never-allowed category it lies within, or {@code null} for
         *     other reasons
         * @return this builder, to chain further calls
         */
        public Builder category(DataCategory category, @Nullable DataCategory neverAllowedRule) {
            this.category = Objects.requireNonNull(category, "category");
            this.categoryRule = neverAllowedRule;
            return this;
        }

        /**
         * Sets the account closure in effect ({@code ACCOUNT_CLOSED}); the evidence dates from its
         * {@code closedAt}, and keeps its {@code reopenedAt} when there is one.
         *
         * @param closure the member's account closure in effect at the instant of use
         * @return this builder, to chain further calls
         */
        public Builder closure(AccountClosure closure) {
            Objects.requireNonNull(closure, "closure");
            this.at = closure.closedAt();
            this.reopenedAt = closure.reopenedAtOrNull();
            return this;
        }

        /**
         * Sets the reservation in effect; the evidence dates from its start.
         *
         * @param reservation the item's do-not-train reservation in effect
         * @return this builder, to chain further calls
         */
        public Builder reservation(Reservation reservation) {
            this.reservation = Objects.requireNonNull(reservation, "reservation");
            return this;
        }

        /**
         * Sets the member's birth date, the version's minimum age and its reading of a 29 February
         * birthday, from which the coming-of-age date follows by the rules' arithmetic (which agrees with
         * {@link LocalDate#plusYears} but for a 29 February birthday read as {@link LeapDayBirthday#MARCH_1}).
         *
         * @param birthDate the member's birth date
         * @param minimumAge the version's minimum age, in whole years
         * @param leapDay the version's reading of a 29 February birthday in a common year
         * @return this builder, to chain further calls
         * @throws NullPointerException if {@code birthDate} or {@code leapDay} is null
         */
        public Builder age(LocalDate birthDate, int minimumAge, LeapDayBirthday leapDay) {
            this.birthDate = Objects.requireNonNull(birthDate, "birthDate");
            this.minimumAge = minimumAge;
            this.leapDayOnMarchFirst = Objects.requireNonNull(leapDay, "leapDay") == LeapDayBirthday.MARCH_1;
            return this;
        }

        /**
         * Builds the evidence, keeping the facts its reason is explained by (see the class description)
         * and leaving out any other.
         *
         * @return the evidence
         * @throws IllegalArgumentException if a fact the reason needs is missing, or a fact contradicts
         *     the reason (a consent event of the wrong choice, a minimum age below 1, a closure reopened
         *     before the instant set afterwards with {@link #at}); the message names it
         */
        public Evidence build() {
            int facts = Facts.of(reason);
            Instant when = at;
            LocalDate comingOfAge = null;
            if ((facts & Facts.AGE) != 0) {
                LocalDate born = need(birthDate, "a birth date");
                if (minimumAge < 1) {
                    throw new IllegalArgumentException("evidence for " + reason + " needs a minimum age of at least 1, not "
                            + minimumAge);
                }
                comingOfAge = CalendarDays.comingOfAge(born, minimumAge, leapDayOnMarchFirst);
                if (reason == Reason.MINOR) {
                    when = comingOfAge.atStartOfDay(ZoneOffset.UTC).toInstant();
                }
            }
            if ((facts & Facts.EVENT) != 0) {
                ConsentEvent event = need(consentEvent, "its consent event");
                if (event.isOptOut() != (reason == Reason.OPTED_OUT)) {
                    throw new IllegalArgumentException("evidence for " + reason + " cannot be the " + event.choice()
                            + " event " + event.id());
                }
                when = event.effectiveAt();
            }
            if ((facts & Facts.CHOICE) != 0) {
                ConsentEvent event = consentEvent;
                if (event != null && event.isOptOut()) {
                    throw new IllegalArgumentException("evidence for " + reason + " cannot be the " + event.choice()
                            + " event " + event.id() + ": a choice starts with an opt-in");
                }
                when = event == null ? null : event.effectiveAt();
            }
            if ((facts & Facts.RESERVATION) != 0) {
                when = need(reservation, "the reservation").effectiveFrom();
            }
            if ((facts & Facts.AT) != 0) {
                need(when, "its instant");
            }
            return new Evidence(reason, (facts & (Facts.AT | Facts.CHOICE)) != 0 ? when : null,
                    (facts & Facts.POLICY_ID) != 0 ? need(policyId, "the policy id") : null,
                    (facts & Facts.VERSION) != 0 ? need(policyVersion, "the policy version") : null,
                    (facts & Facts.ITEM) != 0 ? need(itemId, "the item id") : null,
                    (facts & Facts.MEMBER) != 0 ? need(memberId, "the member id") : null,
                    (facts & (Facts.EVENT | Facts.CHOICE)) != 0 ? consentEvent : null,
                    (facts & Facts.PLACE) != 0 ? need(jurisdiction, "the jurisdiction") : null,
                    (facts & Facts.PLACE) != 0 ? jurisdictionRule : null,
                    (facts & Facts.BASIS) != 0 ? need(basis, "the legal basis") : null,
                    (facts & Facts.CATEGORY) != 0 ? need(category, "the category") : null,
                    (facts & Facts.CATEGORY_RULE) != 0 ? need(categoryRule, "the never-allowed category") : null,
                    (facts & Facts.RESERVATION) != 0 ? reservation : null,
                    comingOfAge == null ? null : birthDate, comingOfAge, comingOfAge == null ? 0 : minimumAge, null,
                    reason == Reason.ACCOUNT_CLOSED ? closureEnd(when) : null);
        }

        /** The reopening of the closure, checked against its start (which {@link #at} may have changed). */
        private @Nullable Instant closureEnd(@Nullable Instant closedAt) {
            Instant until = reopenedAt;
            if (until != null && closedAt != null && !until.isAfter(closedAt)) {
                throw new IllegalArgumentException("evidence for " + reason + " has a closure reopened at " + until
                        + ", not after its start " + closedAt);
            }
            return until;
        }

        private <T> T need(@Nullable T fact, String name) {
            if (fact == null) {
                throw new IllegalArgumentException("evidence for " + reason + " needs " + name);
            }
            return fact;
        }
    }
}
