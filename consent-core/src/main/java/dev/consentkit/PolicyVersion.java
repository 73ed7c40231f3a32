package dev.consentkit;

import dev.consentkit.internal.VersionRules;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One effective-dated version of a {@link TrainingPolicy}: the rules in force from
 * {@code effectiveFrom} until the next version starts.
 *
 * <p>A version says under which legal basis the program runs by default (or that it runs nowhere by
 * default), which jurisdictions are excluded or run under another basis, which data categories may
 * be used and which never, the minimum age, what an unknown age means and on which day a member born
 * on 29 February comes of age in a common year, whether Global Privacy Control signals object to
 * training, and optionally that only items created from some instant on are in scope, or that each
 * member's items count only from that member's own choice on ({@link #itemsFromMembersChoice()}).
 *
 * <p>Category rules cover sub-categories: allowing {@code content} allows {@code content.public}; a
 * never-allowed category wins over an allowed one, and a category under no allowed one is not
 * trainable (fail closed).
 */
public final class PolicyVersion {

    /** The minimum age a new builder starts with: 18, as in every real program. */
    public static final int DEFAULT_MINIMUM_AGE = 18;

    private final String id;
    private final Instant effectiveFrom;
    private final @Nullable LegalBasis defaultBasis;
    private final List<JurisdictionRule> jurisdictionRules;
    private final Set<DataCategory> allowedCategories;
    private final Set<DataCategory> neverAllowedCategories;
    private final int minimumAge;
    private final UnknownAge unknownAge;
    private final LeapDayBirthday leapDayBirthday;
    private final boolean gpcSignalsObject;
    private final @Nullable Instant itemsCreatedFrom;
    private final boolean itemsFromMembersChoice;
    // The version compiled for the rule kernel.
    private final VersionRules rules;

    private PolicyVersion(Builder b) {
        this.id = b.id;
        this.effectiveFrom = b.effectiveFrom;
        if (!b.defaultSet) {
            throw new IllegalArgumentException("policy version " + id
                    + " has no default: call defaultBasis(...) or excludedByDefault()");
        }
        this.defaultBasis = b.defaultBasis;
        this.jurisdictionRules = List.copyOf(b.rules);
        this.allowedCategories = Collections.unmodifiableSet(new LinkedHashSet<>(b.allowed));
        this.neverAllowedCategories = Collections.unmodifiableSet(new LinkedHashSet<>(b.neverAllowed));
        this.minimumAge = b.minimumAge;
        this.unknownAge = b.unknownAge;
        this.leapDayBirthday = b.leapDayBirthday;
        this.gpcSignalsObject = b.gpcSignalsObject;
        this.itemsCreatedFrom = b.itemsCreatedFrom;
        this.itemsFromMembersChoice = b.itemsFromMembersChoice;
        this.rules = VersionRules.of(this);
    }

    /**
     * Starts a version in force from {@code effectiveFrom}, with no category allowed, no
     * jurisdiction rule, minimum age {@value #DEFAULT_MINIMUM_AGE}, unknown ages denied and members
     * born on 29 February of age on 1 March in a common year ({@link LeapDayBirthday#MARCH_1}).
     *
     * @param id the version's id, such as {@code 2025-11}, unique within its policy
     * @param effectiveFrom the instant the version takes effect, inclusive
     * @return a builder for the version
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code id} is blank
     */
    public static Builder builder(String id, Instant effectiveFrom) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(effectiveFrom, "effectiveFrom");
        if (id.isBlank()) {
            throw new IllegalArgumentException("policy version id is blank: '" + id + "'");
        }
        return new Builder(id, effectiveFrom);
    }

    /**
     * A builder holding this version's rules, to derive the next version from it: change what differs,
     * add rules, or remove them ({@link Builder#removeRule}, {@link Builder#removeAllowed},
     * {@link Builder#removeNeverAllowed}, {@code itemsCreatedFrom(null)}).
     *
     * @param id the new version's id, unique within its policy
     * @param effectiveFrom the instant the new version takes effect, inclusive
     * @return a builder for the next version, holding this version's rules
     */
    public Builder toBuilder(String id, Instant effectiveFrom) {
        Builder b = builder(id, effectiveFrom);
        b.defaultSet = true;
        b.defaultBasis = defaultBasis;
        b.rules.addAll(jurisdictionRules);
        b.allowed.addAll(allowedCategories);
        b.neverAllowed.addAll(neverAllowedCategories);
        b.minimumAge = minimumAge;
        b.unknownAge = unknownAge;
        b.leapDayBirthday = leapDayBirthday;
        b.gpcSignalsObject = gpcSignalsObject;
        b.itemsCreatedFrom = itemsCreatedFrom;
        b.itemsFromMembersChoice = itemsFromMembersChoice;
        return b;
    }

    /** {@return the version's id, such as {@code 2025-11}} */
    public String id() {
        return id;
    }

    /** {@return the instant the version takes effect, inclusive} */
    public Instant effectiveFrom() {
        return effectiveFrom;
    }

    /**
     * {@return the legal basis in jurisdictions no rule matches; empty when the program is excluded wherever
     * no rule gives a basis}
     */
    public Optional<LegalBasis> defaultBasis() {
        return Optional.ofNullable(defaultBasis);
    }

    /** {@return the per-jurisdiction rules, in the order given} */
    public List<JurisdictionRule> jurisdictionRules() {
        return jurisdictionRules;
    }

    /** {@return the categories that may be used, with everything under them, in the order given} */
    public Set<DataCategory> allowedCategories() {
        return allowedCategories;
    }

    /** {@return the categories that are never used, with everything under them; no choice overrides them} */
    public Set<DataCategory> neverAllowedCategories() {
        return neverAllowedCategories;
    }

    /** {@return the age, in whole years on UTC calendar dates, below which nothing of a member is trainable} */
    public int minimumAge() {
        return minimumAge;
    }

    /** {@return what an unknown birth date means} */
    public UnknownAge unknownAge() {
        return unknownAge;
    }

    /**
     * {@return on which day a member born on 29 February comes of age in a common year, for the minimum age:
     * {@link LeapDayBirthday#MARCH_1} unless the version says otherwise}
     */
    public LeapDayBirthday leapDayBirthday() {
        return leapDayBirthday;
    }

    /**
     * {@return whether a member's Global Privacy Control signals recorded for any purpose count as an objection
     * to training: an opt-out for the policy's purpose} Off unless the version says so.
     *
     * <p>A GPC signal ({@code Sec-GPC: 1}, {@link ConsentChannel#GPC_SIGNAL}) means "do not sell or
     * share", and platforms usually record it once, for that purpose. Whether it also objects to
     * training is the program's choice: the GDPR lets a member object by automated means using technical
     * specifications (Art. 21(5)), and a program may read the signal so. A GPC event recorded for the
     * policy's purpose or a broader one counts as any other choice whatever this option says. With the
     * option on, a GPC opt-out of another purpose competes as an opt-out with the member's choices for
     * the policy's purpose, the latest in effect winning; a GPC opt-in of another purpose never counts,
     * so such a signal can add an objection but never lift one. A decision it denies names the signal's
     * consent event as its evidence.
     */
    public boolean gpcSignalsObject() {
        return gpcSignalsObject;
    }

    /**
     * If present, only items created at or after this instant are in scope.
     *
     * @return the instant from which items are in scope, or empty when every item is
     */
    public Optional<Instant> itemsCreatedFrom() {
        return Optional.ofNullable(itemsCreatedFrom);
    }

    /**
     * {@return whether each member's items count only from that member's own opt-in on: an item counts when it
     * was created, or last resumed, at or after the start of the member's opt-in in effect; older
     * items fail with {@link Reason#ITEM_BEFORE_CHOICE}} {@code false} unless set with
     * {@link Builder#itemsFromMembersChoice(boolean)}, which describes the rule in full.
     */
    public boolean itemsFromMembersChoice() {
        return itemsFromMembersChoice;
    }

    /** The version compiled for the rule kernel. */
    VersionRules rules() {
        return rules;
    }

    /** Equal when every rule is equal; the order in which rules and categories were given does not matter. */
    @Override
    public boolean equals(@Nullable Object o) {
        if (!(o instanceof PolicyVersion v)) {
            return false;
        }
        return id.equals(v.id) && effectiveFrom.equals(v.effectiveFrom) && defaultBasis == v.defaultBasis
                && Set.copyOf(jurisdictionRules).equals(Set.copyOf(v.jurisdictionRules))
                && allowedCategories.equals(v.allowedCategories)
                && neverAllowedCategories.equals(v.neverAllowedCategories) && minimumAge == v.minimumAge
                && unknownAge == v.unknownAge && leapDayBirthday == v.leapDayBirthday
                && gpcSignalsObject == v.gpcSignalsObject
                && Objects.equals(itemsCreatedFrom, v.itemsCreatedFrom)
                && itemsFromMembersChoice == v.itemsFromMembersChoice;
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, effectiveFrom, defaultBasis, Set.copyOf(jurisdictionRules), allowedCategories,
                neverAllowedCategories, minimumAge, unknownAge, leapDayBirthday, gpcSignalsObject,
                itemsCreatedFrom, itemsFromMembersChoice);
    }

    /** The version's id and start, such as {@code PolicyVersion[2025-11 from 2025-11-03T00:00:00Z]}. */
    @Override
    public String toString() {
        return "PolicyVersion[" + id + " from " + effectiveFrom + "]";
    }

    /** Collects a version's rules; {@link #build()} validates them. Not thread-safe. */
    public static final class Builder {

        private final String id;
        private final Instant effectiveFrom;
        private boolean defaultSet;
        private @Nullable LegalBasis defaultBasis;
        private final List<JurisdictionRule> rules = new ArrayList<>();
        private final Set<DataCategory> allowed = new LinkedHashSet<>();
        private final Set<DataCategory> neverAllowed = new LinkedHashSet<>();
        private int minimumAge = DEFAULT_MINIMUM_AGE;
        private UnknownAge unknownAge = UnknownAge.DENY;
        private LeapDayBirthday leapDayBirthday = LeapDayBirthday.MARCH_1;
        private boolean gpcSignalsObject;
        private @Nullable Instant itemsCreatedFrom;
        private boolean itemsFromMembersChoice;

        private Builder(String id, Instant effectiveFrom) {
            this.id = id;
            this.effectiveFrom = effectiveFrom;
        }

        /**
         * Runs the program under {@code basis} wherever no jurisdiction rule says otherwise.
         *
         * @param basis the legal basis of the program where no rule applies
         * @return this builder, to chain further calls
         */
        public Builder defaultBasis(LegalBasis basis) {
            this.defaultBasis = Objects.requireNonNull(basis, "basis");
            this.defaultSet = true;
            return this;
        }

        /**
         * Runs the program nowhere unless a jurisdiction rule gives a basis (a regional program).
         *
         * @return this builder, to chain further calls
         */
        public Builder excludedByDefault() {
            this.defaultBasis = null;
            this.defaultSet = true;
            return this;
        }

        /**
         * Excludes these jurisdictions: nothing of members there is trainable.
         *
         * @param jurisdictions the jurisdictions to leave out of the program, such as the EU for a
         *     program that excludes it at launch
         * @return this builder, to chain further calls
         * @throws IllegalArgumentException if a jurisdiction already has a rule in this version
         */
        public Builder exclude(Jurisdiction... jurisdictions) {
            Objects.requireNonNull(jurisdictions, "jurisdictions");
            for (int i = 0; i < jurisdictions.length; i++) {
                rule(JurisdictionRule.excluded(Objects.requireNonNull(jurisdictions[i], "jurisdictions[" + i + "]")));
            }
            return this;
        }

        /**
         * Runs the program in {@code jurisdiction} under {@code basis}.
         *
         * @param jurisdiction the jurisdiction the rule is for
         * @param basis the legal basis the program runs under there
         * @return this builder, to chain further calls
         * @throws IllegalArgumentException if the jurisdiction already has a rule in this version
         */
        public Builder basis(Jurisdiction jurisdiction, LegalBasis basis) {
            return rule(JurisdictionRule.withBasis(Objects.requireNonNull(jurisdiction, "jurisdiction"), basis));
        }

        /**
         * Adds a jurisdiction rule.
         *
         * @param rule the rule to add
         * @return this builder, to chain further calls
         * @throws IllegalArgumentException if the jurisdiction already has a rule in this version
         */
        public Builder rule(JurisdictionRule rule) {
            Objects.requireNonNull(rule, "rule");
            for (JurisdictionRule existing : rules) {
                if (existing.jurisdiction().equals(rule.jurisdiction())) {
                    throw new IllegalArgumentException("policy version " + id + " has two rules for "
                            + rule.jurisdiction() + ": '" + existing + "' and '" + rule + "'");
                }
            }
            rules.add(rule.interned());
            return this;
        }

        /**
         * Removes the rule for {@code jurisdiction}, so that the version's default applies there: to
         * derive a version that includes a place the previous one excluded.
         *
         * @param jurisdiction the jurisdiction whose rule to remove
         * @return this builder, to chain further calls
         * @throws IllegalArgumentException if this version has no rule for it; the message lists the rules
         */
        public Builder removeRule(Jurisdiction jurisdiction) {
            Objects.requireNonNull(jurisdiction, "jurisdiction");
            if (!rules.removeIf(rule -> rule.jurisdiction().equals(jurisdiction))) {
                throw new IllegalArgumentException("policy version " + id + " has no rule for " + jurisdiction
                        + " to remove; its rules are " + rules);
            }
            return this;
        }

        /**
         * Stops allowing these categories (each exactly as it was allowed).
         *
         * @param categories the allowed categories to remove
         * @return this builder, to chain further calls
         * @throws IllegalArgumentException if a category is not among the allowed ones; the message lists them
         */
        public Builder removeAllowed(DataCategory... categories) {
            remove(allowed, "allowed", categories);
            return this;
        }

        /**
         * Stops never-allowing these categories (each exactly as it was named).
         *
         * @param categories the never-allowed categories to remove
         * @return this builder, to chain further calls
         * @throws IllegalArgumentException if a category is not among the never-allowed ones; the message lists them
         */
        public Builder removeNeverAllowed(DataCategory... categories) {
            remove(neverAllowed, "never-allowed", categories);
            return this;
        }

        private void remove(Set<DataCategory> from, String which, DataCategory[] categories) {
            Objects.requireNonNull(categories, "categories");
            for (int i = 0; i < categories.length; i++) {
                DataCategory category = Objects.requireNonNull(categories[i], "categories[" + i + "]");
                if (!from.contains(category)) {
                    throw new IllegalArgumentException("policy version " + id + " has no " + which + " category "
                            + category + " to remove; its " + which + " categories are " + from);
                }
            }
            for (DataCategory category : categories) {
                from.remove(category);
            }
        }

        /**
         * Allows these categories and everything under them.
         *
         * @param categories the categories that may be used for training
         * @return this builder, to chain further calls
         */
        public Builder allow(DataCategory... categories) {
            Objects.requireNonNull(categories, "categories");
            for (int i = 0; i < categories.length; i++) {
                allowed.add(Objects.requireNonNull(categories[i], "categories[" + i + "]").intern());
            }
            return this;
        }

        /**
         * Never allows these categories or anything under them, whatever the member chose.
         *
         * @param categories the categories that are never used for training
         * @return this builder, to chain further calls
         */
        public Builder neverAllow(DataCategory... categories) {
            Objects.requireNonNull(categories, "categories");
            for (int i = 0; i < categories.length; i++) {
                neverAllowed.add(Objects.requireNonNull(categories[i], "categories[" + i + "]").intern());
            }
            return this;
        }

        /**
         * Sets the minimum age in whole years. 0 switches every age check off, including the one for an
         * unknown birth date: with no minimum there is no minor to protect.
         *
         * @param years the age, in whole years on UTC calendar dates, below which nothing of a
         *     member is trainable
         * @return this builder, to chain further calls
         * @throws IllegalArgumentException if {@code years} is negative or above 150
         */
        public Builder minimumAge(int years) {
            if (years < 0 || years > 150) {
                throw new IllegalArgumentException(
                        "minimum age of policy version " + id + " must be between 0 and 150 years, not " + years);
            }
            this.minimumAge = years;
            return this;
        }

        /**
         * Sets what an unknown birth date means; {@link UnknownAge#DENY} unless changed.
         *
         * @param unknownAge what an unknown birth date means for the age checks
         * @return this builder, to chain further calls
         */
        public Builder unknownAge(UnknownAge unknownAge) {
            this.unknownAge = Objects.requireNonNull(unknownAge, "unknownAge");
            return this;
        }

        /**
         * Sets on which day a member born on 29 February comes of age in a common year;
         * {@link LeapDayBirthday#MARCH_1}, the later day, unless changed.
         *
         * @param leapDayBirthday the day a member born on 29 February comes of age in a common year
         * @return this builder, to chain further calls
         */
        public Builder leapDayBirthday(LeapDayBirthday leapDayBirthday) {
            this.leapDayBirthday = Objects.requireNonNull(leapDayBirthday, "leapDayBirthday");
            return this;
        }

        /**
         * Sets whether Global Privacy Control signals recorded for any purpose count as an objection to
         * training ({@link PolicyVersion#gpcSignalsObject()}); off unless changed.
         *
         * @param gpcSignalsObject {@code true} to count Global Privacy Control signals as an
         *     objection
         * @return this builder, to chain further calls
         */
        public Builder gpcSignalsObject(boolean gpcSignalsObject) {
            this.gpcSignalsObject = gpcSignalsObject;
            return this;
        }

        /**
         * Limits the version to items created at or after {@code from}; older items are out of scope.
         *
         * @param from the instant from which items are in scope, inclusive, or {@code null} for
         *     every item
         * @return this builder, to chain further calls
         */
        public Builder itemsCreatedFrom(@Nullable Instant from) {
            this.itemsCreatedFrom = from;
            return this;
        }

        /**
         * Scopes items per member: with {@code on}, an item counts only if it was created, or last
         * resumed ({@link ContentItem#resumedAt()}), at or after the start of its author's opt-in in
         * effect; otherwise it fails with {@link Reason#ITEM_BEFORE_CHOICE}. This is the reading of a
         * program whose setting covers "new or resumed" chats from the member's own choice on, such
         * as an AI assistant's consumer terms that ask members to choose and cover only chats started
         * or resumed after the choice: a member who deferred and accepted later
         * keeps their earlier chats out unless they resume them. Off unless set, so existing versions
         * decide as before.
         *
         * <ul>
         *   <li>The start of the opt-in in effect is the earliest opt-in of the unbroken run of
         *       opt-ins (for the policy's purpose or a broader one) that ends with the choice in effect:
         *       repeating an opt-in does not move it, an opt-out in between does (and, under
         *       {@link PolicyVersion#gpcSignalsObject()}, a GPC opt-out of any purpose). As known at
         *       {@code knownAt} for a replay: events recorded later are not part of the run.
         *   <li>An item's relevant instant is its last resumption when that is at or before
         *       {@code asOf}, else its creation. A resumption after {@code asOf} is unknown to a
         *       question about {@code asOf}. Only the last resumption is kept, so a replay at an
         *       instant before it does not see an earlier resumption either and judges the item by
         *       its creation: it fails closed.
         *   <li>When the member's choice in effect is an opt-out, or the basis is consent and no opt-in
         *       is in effect, {@link Reason#OPTED_OUT} or {@link Reason#NO_CONSENT} already fails and
         *       this check does not run; nor does it with an unknown or excluded jurisdiction. Under
         *       an opt-out basis with no choice recorded there is no choice point, so no item counts:
         *       the check fails closed, with evidence that names no event.
         * </ul>
         *
         * @param on whether items count only from the member's own opt-in
         * @return this builder
         */
        public Builder itemsFromMembersChoice(boolean on) {
            this.itemsFromMembersChoice = on;
            return this;
        }

        /**
         * Builds the version.
         *
         * @return the version
         * @throws IllegalArgumentException if neither {@link #defaultBasis} nor {@link #excludedByDefault}
         *     was called
         */
        public PolicyVersion build() {
            return new PolicyVersion(this);
        }
    }
}
