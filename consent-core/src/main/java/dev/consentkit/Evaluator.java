package dev.consentkit;

import dev.consentkit.internal.CalendarDays;
import dev.consentkit.internal.KernelTime;
import dev.consentkit.internal.RuleKernel;
import dev.consentkit.internal.VersionRules;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.jspecify.annotations.Nullable;

/**
 * A {@link TrainingPolicy}'s decisions on objects: both {@link #isTrainable} (allocation-free) and
 * {@link #evaluate} (every check, one allocation: the decision) call the rule kernel
 * ({@link RuleKernel}); {@link #explain} builds the evidence of a decision's primary reason from the
 * kernel's compiled rules and consent lookup.
 */
final class Evaluator {

    private Evaluator() {}

    static boolean isTrainable(TrainingPolicy policy, ContentItem item, Member member, Instant asOf) {
        PolicyVersion version = policy.versionInForce(asOf);
        if (version == null) {
            return false;
        }
        // The kernel's checks in the cheapest order that still stops at a failure: the item's own, the
        // member's, the item's against the member's coming of age, and last the consent lookup.
        VersionRules rules = version.rules();
        long asOfNanos = KernelTime.notAfterNanos(asOf);
        if (!RuleKernel.itemPasses(rules, item.category(), item.createdNanos(), item.deletedNanos(),
                item.reservedFromNanos(), asOfNanos)) {
            return false;
        }
        Jurisdiction place = member.jurisdictions().at(asOf);
        LegalBasis basis = RuleKernel.basis(rules, place);
        long verdict = RuleKernel.memberVerdict(rules, member.closedNanos(), place != null, basis,
                member.packedBirthDate(), asOfNanos, KernelTime.utcEpochDay(asOf));
        if (RuleKernel.memberFailures(verdict) != 0 || RuleKernel.ageFailures(item.createdNanos(),
                RuleKernel.comingOfAge(verdict, KernelTime.NANOS_PER_DAY, KernelTime.LAST_NANOS_DAY)) != 0) {
            return false;
        }
        int choice = member.consent().choiceCode(policy.purpose(), asOfNanos, KernelTime.NEVER - 1);
        return RuleKernel.memberFailures(RuleKernel.withChoice(verdict, basis, choice)) == 0;
    }

    static Decision evaluate(TrainingPolicy policy, ContentItem item, Member member, Instant asOf,
            @Nullable Instant knownAt) {
        PolicyVersion version = policy.versionInForce(asOf);
        VersionRules rules = version == null ? null : version.rules();
        long asOfNanos = KernelTime.notAfterNanos(asOf);
        Jurisdiction place = member.jurisdictions().at(asOf);
        LegalBasis basis = RuleKernel.basis(rules, place);
        long verdict = RuleKernel.withChoice(RuleKernel.memberVerdict(rules, member.closedNanos(), place != null, basis,
                member.packedBirthDate(), asOfNanos, KernelTime.utcEpochDay(asOf)), basis,
                member.consent().choiceCode(policy.purpose(), asOfNanos,
                        knownAt == null ? KernelTime.NEVER - 1 : KernelTime.notAfterNanos(knownAt)));
        int failed = RuleKernel.versionFailures(rules) | RuleKernel.memberFailures(verdict)
                | ownItemFailures(rules, item, asOfNanos) | RuleKernel.ageFailures(item.createdNanos(),
                        RuleKernel.comingOfAge(verdict, KernelTime.NANOS_PER_DAY, KernelTime.LAST_NANOS_DAY));
        return new Decision(policy, item, member, asOf, knownAt, RuleKernel.reason(failed, verdict), failed,
                version == null ? null : version.id());
    }

    /** The item half's checks of the item alone, instants in nanoseconds. */
    private static int ownItemFailures(@Nullable VersionRules rules, ContentItem item, long asOfNanos) {
        return RuleKernel.itemFailures(RuleKernel.categoryFailures(rules, item.category()),
                RuleKernel.scopeFrom(rules, 1), item.createdNanos(), item.deletedNanos(), item.reservedFromNanos(),
                asOfNanos);
    }

    /**
     * The evidence behind a decision's primary reason, built again from the inputs it was decided on
     * when the decision is asked for it.
     */
    static Evidence explain(Reason reason, TrainingPolicy policy, ContentItem item, Member member, Instant asOf,
            @Nullable Instant knownAt) {
        PolicyVersion version = policy.versionInForce(asOf);
        VersionRules rules = version == null ? null : version.rules();
        Jurisdiction place = member.jurisdictions().at(asOf);
        LegalBasis basis = rules == null || place == null ? null : rules.basisFor(place);
        ConsentEvent choice = member.consent().choiceInEffect(policy.purpose(), asOf, knownAt);
        switch (reason) {
            case POLICY_NOT_IN_FORCE: {
                PolicyVersion first = policy.firstVersion();
                return Evidence.of(Evidence.Kind.POLICY_RULE, "policy " + policy.id() + " takes effect with version "
                        + first.id(), first.effectiveFrom());
            }
            case ITEM_NOT_YET_CREATED:
                return Evidence.of(Evidence.Kind.ITEM_FACT, "item " + item.id() + " is created", item.createdAt());
            case ITEM_DELETED:
                return Evidence.of(Evidence.Kind.ITEM_FACT, "item " + item.id() + " is deleted", item.deletedAt().orElse(null));
            case ACCOUNT_CLOSED:
                return Evidence.of(Evidence.Kind.MEMBER_FACT, "account of member " + member.id() + " is closed",
                        member.closedAt().orElse(null));
            case ITEM_OUT_OF_SCOPE:
                return Evidence.of(Evidence.Kind.POLICY_RULE, "version " + version(version).id()
                        + " covers only items created from then on", version.itemsCreatedFrom().orElse(null));
            case CATEGORY_EXCLUDED:
                return Evidence.of(Evidence.Kind.POLICY_RULE, "version " + version(version).id() + " never allows "
                        + rules(rules).neverAllowedMatch(item.category()), version.effectiveFrom());
            case CATEGORY_NOT_COVERED:
                return Evidence.of(Evidence.Kind.POLICY_RULE, "version " + version(version).id()
                        + " allows no category covering " + item.category(), version.effectiveFrom());
            case JURISDICTION_UNKNOWN:
                return Evidence.of(Evidence.Kind.MEMBER_FACT, "member " + member.id() + " has no known jurisdiction",
                        null);
            case JURISDICTION_EXCLUDED:
                return Evidence.of(Evidence.Kind.POLICY_RULE, "version " + version(version).id() + " excludes " + place
                        + ruleName(version, place), version.effectiveFrom());
            case AGE_UNKNOWN:
                return Evidence.of(Evidence.Kind.MEMBER_FACT, "member " + member.id()
                        + " has no known birth date and version " + version(version).id() + " denies unknown ages", null);
            case MINOR:
                return comingOfAge(Evidence.Kind.MEMBER_FACT, "member " + member.id() + " turns ",
                        member, version(version), null);
            case CREATED_WHILE_MINOR:
                return comingOfAge(Evidence.Kind.ITEM_FACT, "item " + item.id() + " was created before member "
                        + member.id() + " turned ", member, version(version), item.createdAt());
            case ITEM_RESERVED: {
                Reservation reservation = item.reservationInEffect(asOf);
                return Evidence.of(Evidence.Kind.ITEM_FACT, "item " + item.id() + " is reserved by "
                        + reservation(reservation).source(), reservation.effectiveFrom());
            }
            case OPTED_OUT:
            case ALLOWED_OPTED_IN:
                return Evidence.of(consent(choice));
            case NO_CONSENT:
                return Evidence.of(Evidence.Kind.POLICY_RULE, "version " + version(version).id() + " needs an opt-in in "
                        + place + ruleName(version, place) + " under " + basis, version.effectiveFrom());
            case ALLOWED_BY_DEFAULT:
                return Evidence.of(Evidence.Kind.POLICY_RULE, "version " + version(version).id() + " allows " + place
                        + ruleName(version, place) + " under " + basis, version.effectiveFrom());
            default:
                throw new AssertionError("no evidence for " + reason);
        }
    }

    private static String ruleName(PolicyVersion version, @Nullable Jurisdiction place) {
        JurisdictionRule rule = place == null ? null : version.rules().ruleFor(place);
        return rule == null ? " by default" : " by its rule for " + rule.jurisdiction();
    }

    private static Evidence comingOfAge(Evidence.Kind kind, String prefix, Member member, PolicyVersion version,
            @Nullable Instant at) {
        LocalDate birthDate = member.birthDateOrNull();
        LocalDate comingOfAge = LocalDate.ofEpochDay(
                CalendarDays.comingOfAgeDay(member.packedBirthDate(), version.minimumAge()));
        String description = prefix + version.minimumAge() + " on " + comingOfAge + " (born " + birthDate + ")";
        return Evidence.of(kind, description, at != null ? at : comingOfAge.atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    // The checks guarantee these facts for the reason being explained; the helpers only narrow the types.

    private static PolicyVersion version(@Nullable PolicyVersion version) {
        if (version == null) {
            throw new AssertionError("the reason needs a policy version");
        }
        return version;
    }

    private static VersionRules rules(@Nullable VersionRules rules) {
        if (rules == null) {
            throw new AssertionError("the reason needs a policy version");
        }
        return rules;
    }

    private static Reservation reservation(@Nullable Reservation reservation) {
        if (reservation == null) {
            throw new AssertionError("the reason needs a reservation in effect");
        }
        return reservation;
    }

    private static ConsentEvent consent(@Nullable ConsentEvent choice) {
        if (choice == null) {
            throw new AssertionError("the reason needs a consent event");
        }
        return choice;
    }
}
