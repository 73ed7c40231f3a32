package dev.consentkit.internal;

import dev.consentkit.DataCategory;
import dev.consentkit.Jurisdiction;
import dev.consentkit.JurisdictionRule;
import dev.consentkit.LeapDayBirthday;
import dev.consentkit.LegalBasis;
import dev.consentkit.PolicyVersion;
import dev.consentkit.Reason;
import dev.consentkit.UnknownAge;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import org.jspecify.annotations.Nullable;

/**
 * A {@link PolicyVersion} compiled for the rule kernel: rules most specific first, categories as
 * arrays, the item scope in nanoseconds. Built from the version's public rules, so any version a
 * user can build compiles. Immutable; the queries allocate nothing.
 *
 * <p>Keys are compared by value with an identity fast path: values a policy names are interned,
 * values read from input need not be.
 */
public final class VersionRules {

    private static final LegalBasis[] BASES = LegalBasis.values();
    // The basis answer for a place the version excludes.
    private static final int NO_BASIS = -1;

    private static final int EXCLUDED = RuleKernel.bit(Reason.CATEGORY_EXCLUDED);
    private static final int NOT_COVERED = RuleKernel.bit(Reason.CATEGORY_NOT_COVERED);

    private final PolicyVersion version;
    private final JurisdictionRule[] rulesBySpecificity;
    private final DataCategory[] allowed;
    private final DataCategory[] neverAllowed;
    // The category checks' failures and the bases (ordinals, NO_BASIS when excluded) already worked out.
    private final AnswerMemo<DataCategory> failuresByCategory = new AnswerMemo<>();
    private final AnswerMemo<Jurisdiction> basisByPlace = new AnswerMemo<>();
    private final @Nullable LegalBasis defaultBasis;
    private final int minimumAge;
    private final boolean denyUnknownAge;
    private final boolean leapDayOnMarchFirst;
    private final boolean gpcSignalsObject;
    private final @Nullable Instant itemsCreatedFrom;
    private final long scopeFromNanos;
    private final boolean itemsFromChoice;

    private VersionRules(PolicyVersion version) {
        this.version = version;
        this.rulesBySpecificity = version.jurisdictionRules().toArray(new JurisdictionRule[0]);
        Arrays.sort(rulesBySpecificity,
                Comparator.comparingInt((JurisdictionRule r) -> specificity(r.jurisdiction())).reversed());
        this.allowed = version.allowedCategories().toArray(new DataCategory[0]);
        this.neverAllowed = version.neverAllowedCategories().toArray(new DataCategory[0]);
        this.defaultBasis = version.defaultBasis().orElse(null);
        this.minimumAge = version.minimumAge();
        this.denyUnknownAge = version.unknownAge() == UnknownAge.DENY;
        this.leapDayOnMarchFirst = version.leapDayBirthday() == LeapDayBirthday.MARCH_1;
        this.gpcSignalsObject = version.gpcSignalsObject();
        this.itemsCreatedFrom = version.itemsCreatedFrom().orElse(null);
        this.scopeFromNanos = itemsCreatedFrom == null ? KernelTime.ALWAYS : KernelTime.before(itemsCreatedFrom, 1);
        this.itemsFromChoice = version.itemsFromMembersChoice();
    }

    /**
     * Compiles {@code version}.
     *
     * @param version the version
     * @return its compiled rules
     */
    public static VersionRules of(PolicyVersion version) {
        return new VersionRules(version);
    }

    /**
     * How specific a rule for {@code j} is; the most specific matching rule wins: subdivision over
     * country over {@code EU} over {@code EEA}.
     */
    private static int specificity(Jurisdiction j) {
        switch (j.kind()) {
            case SUBDIVISION:
                return 3;
            case COUNTRY:
                return 2;
            default:
                return j.equals(Jurisdiction.EU) ? 1 : 0;
        }
    }

    /** The version compiled. */
    public PolicyVersion version() {
        return version;
    }

    /** The version's minimum age, 0 when age is not checked. */
    public int minimumAge() {
        return minimumAge;
    }

    /** Whether an unknown birth date denies, when the minimum age is above 0. */
    public boolean deniesUnknownAge() {
        return denyUnknownAge;
    }

    /** Whether a member born on 29 February comes of age on 1 March in a common year, rather than on 28 February. */
    public boolean leapDayOnMarchFirst() {
        return leapDayOnMarchFirst;
    }

    /** Whether a member's Global Privacy Control opt-outs of any purpose count as objections to training. */
    public boolean gpcSignalsObject() {
        return gpcSignalsObject;
    }

    /** The item scope, or {@code null} when every item is in scope. */
    public @Nullable Instant itemsCreatedFrom() {
        return itemsCreatedFrom;
    }

    /**
     * Whether items count only from their author's own opt-in on
     * ({@link PolicyVersion#itemsFromMembersChoice()}): then the member half finds the choice point.
     */
    public boolean itemsFromChoice() {
        return itemsFromChoice;
    }

    /**
     * The item scope for tests "created before the scope" in a unit.
     *
     * @param nanosPerUnit the unit in nanoseconds
     * @return the scope as {@link KernelTime#before(Instant, long)}, or {@link KernelTime#ALWAYS} without a scope
     */
    public long scopeFrom(long nanosPerUnit) {
        Instant from = itemsCreatedFrom;
        if (from == null) {
            return KernelTime.ALWAYS;
        }
        return nanosPerUnit == 1 ? scopeFromNanos : KernelTime.before(from, nanosPerUnit);
    }

    /**
     * The rule that decides for a member in {@code place}: the most specific rule whose jurisdiction
     * contains it, or {@code null} when the version's default applies.
     *
     * @param place where the member is
     * @return the rule, or null
     */
    public @Nullable JurisdictionRule ruleFor(Jurisdiction place) {
        for (JurisdictionRule rule : rulesBySpecificity) {
            if (rule.jurisdiction().contains(place)) {
                return rule;
            }
        }
        return null;
    }

    /**
     * The legal basis for a member in {@code place}, or {@code null} if the place is excluded.
     *
     * @param place where the member is
     * @return the basis, or null
     */
    public @Nullable LegalBasis basisFor(Jurisdiction place) {
        int known = basisByPlace.get(place);
        if (known == AnswerMemo.ABSENT) {
            JurisdictionRule rule = ruleFor(place);
            LegalBasis basis = rule == null ? defaultBasis : rule.basis().orElse(null);
            known = basis == null ? NO_BASIS : basis.ordinal();
            basisByPlace.remember(place, known);
        }
        return known == NO_BASIS ? null : BASES[known];
    }

    /**
     * The never-allowed category that {@code category} is within, or {@code null}.
     *
     * @param category an item's category
     * @return the matching rule, or null
     */
    public @Nullable DataCategory neverAllowedMatch(DataCategory category) {
        return firstContaining(neverAllowed, category);
    }

    /**
     * The allowed category that {@code category} is within, or {@code null}.
     *
     * @param category an item's category
     * @return the matching rule, or null
     */
    public @Nullable DataCategory allowedMatch(DataCategory category) {
        return firstContaining(allowed, category);
    }

    /**
     * The category checks' failures for {@code category}, as kernel bits:
     * {@link Reason#CATEGORY_EXCLUDED} and {@link Reason#CATEGORY_NOT_COVERED}.
     *
     * @param category an item's category
     * @return the failed checks' bits, 0 when the category may be used
     */
    public int categoryFailures(DataCategory category) {
        int known = failuresByCategory.get(category);
        if (known == AnswerMemo.ABSENT) {
            known = (neverAllowedMatch(category) != null ? EXCLUDED : 0)
                    | (allowedMatch(category) == null ? NOT_COVERED : 0);
            failuresByCategory.remember(category, known);
        }
        return known;
    }

    /**
     * Whether items of {@code category} may be used: {@link #categoryFailures} is 0.
     *
     * @param category an item's category
     * @return true when the category is allowed and not never-allowed
     */
    public boolean allows(DataCategory category) {
        return categoryFailures(category) == 0;
    }

    /** The most specific of {@code rules} that {@code category} is within, or {@code null}. */
    private static @Nullable DataCategory firstContaining(DataCategory[] rules, DataCategory category) {
        DataCategory found = null;
        for (DataCategory rule : rules) {
            if (category.isWithin(rule) && (found == null || rule.key().length() > found.key().length())) {
                found = rule;
            }
        }
        return found;
    }
}
