package dev.consentkit;

import dev.consentkit.internal.ConsentLookup;
import dev.consentkit.internal.KernelTime;
import dev.consentkit.internal.RuleKernel;
import dev.consentkit.internal.VersionRules;
import java.time.Instant;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/**
 * A {@link TrainingPolicy}'s decisions on objects: both {@link #isTrainable} (allocation-free) and
 * {@link #evaluate} (every check, one allocation: the decision) call the rule kernel
 * ({@link RuleKernel}); {@code evaluate} keeps the facts behind the primary reason in the decision,
 * found with the kernel's compiled rules and consent lookup.
 */
final class Evaluator {

    private static final long SECONDS_PER_DAY = 86_400L;

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
        Jurisdiction place = member.placeAt(asOfNanos);
        LegalBasis basis = RuleKernel.basis(rules, place);
        long verdict = RuleKernel.memberVerdict(rules, member.closedNanos(asOfNanos), place != null, basis,
                member.packedBirthDate(), asOfNanos, KernelTime.utcEpochDay(asOf));
        if (RuleKernel.memberFailures(verdict) != 0 || RuleKernel.ageFailures(item.createdNanos(),
                RuleKernel.comingOfAge(verdict, KernelTime.NANOS_PER_DAY, KernelTime.LAST_NANOS_DAY)) != 0) {
            return false;
        }
        Purpose[] covering = policy.coveringPurposes();
        boolean gpcSignalsObject = rules.gpcSignalsObject();
        int choice = member.choiceCode(covering, gpcSignalsObject, asOfNanos, KernelTime.LATEST);
        if (RuleKernel.memberFailures(RuleKernel.withChoice(verdict, basis, choice)) != 0) {
            return false;
        }
        // The one flag test on the hot path: only a version scoping items from the member's choice reads on.
        return !rules.itemsFromChoice() || RuleKernel.choiceFailures(item.createdNanos(), item.resumedNanos(),
                choiceScope(rules, basis, member, covering, gpcSignalsObject, choice, KernelTime.LATEST),
                asOfNanos) == 0;
    }

    /** The member's choice scope ({@link RuleKernel#choiceScope}), the choice point looked up only when needed. */
    private static long choiceScope(@Nullable VersionRules rules, @Nullable LegalBasis basis, Member member,
            Purpose[] covering, boolean gpcSignalsObject, int choice, long knownAt) {
        long point = RuleKernel.needsChoicePoint(rules, basis, choice)
                ? member.consent().choicePointNanos(covering, gpcSignalsObject, choice, knownAt) : KernelTime.NEVER;
        return RuleKernel.choiceScope(rules, basis, choice, point);
    }

    static Decision evaluate(TrainingPolicy policy, ContentItem item, Member member, Instant asOf,
            @Nullable Instant knownAt) {
        PolicyVersion version = policy.versionInForce(asOf);
        VersionRules rules = version == null ? null : version.rules();
        long asOfNanos = KernelTime.notAfterNanos(asOf);
        Jurisdiction place = member.placeAt(asOfNanos);
        LegalBasis basis = RuleKernel.basis(rules, place);
        Purpose[] covering = policy.coveringPurposes();
        boolean gpcSignalsObject = rules != null && rules.gpcSignalsObject();
        long knownAtNanos = KernelTime.knownAtNanos(knownAt);
        int choice = member.choiceCode(covering, gpcSignalsObject, asOfNanos, knownAtNanos);
        long verdict = RuleKernel.withChoice(RuleKernel.memberVerdict(rules, member.closedNanos(asOfNanos), place != null,
                basis, member.packedBirthDate(), asOfNanos, KernelTime.utcEpochDay(asOf)), basis, choice);
        int failed = RuleKernel.versionFailures(rules) | RuleKernel.memberFailures(verdict)
                | ownItemFailures(rules, item, asOfNanos) | RuleKernel.ageFailures(item.createdNanos(),
                        RuleKernel.comingOfAge(verdict, KernelTime.NANOS_PER_DAY, KernelTime.LAST_NANOS_DAY))
                | RuleKernel.choiceFailures(item.createdNanos(), item.resumedNanos(),
                        choiceScope(rules, basis, member, covering, gpcSignalsObject, choice, knownAtNanos), asOfNanos);
        Reason reason = RuleKernel.reason(failed, verdict);
        String versionId = version == null ? null : version.id();
        switch (reason) {
            case POLICY_NOT_IN_FORCE: {
                PolicyVersion first = policy.firstVersion();
                return decision(policy, item, member, asOf, knownAt, reason, failed, null, first.effectiveFrom(),
                        first.id(), null, null, null, null, null);
            }
            case ITEM_NOT_YET_CREATED:
                return factAt(policy, item, member, asOf, knownAt, reason, failed, versionId, item.createdAt());
            case ITEM_DELETED:
                return factAt(policy, item, member, asOf, knownAt, reason, failed, versionId, item.deletedAtOrNull());
            case ACCOUNT_CLOSED: {
                AccountClosure closure = required(member.closureAt(asOfNanos));
                return new Decision(item.id(), member.id(), asOf, knownAt, reason, failed, policy.id(), versionId,
                        closure.closedAt(), null, null, null, null, null, null, null, null, null, Decision.NO_DAY, 0,
                        null, closure.reopenedAtOrNull());
            }
            case JURISDICTION_UNKNOWN:
                return factAt(policy, item, member, asOf, knownAt, reason, failed, versionId, null);
            case ITEM_OUT_OF_SCOPE:
                return decision(policy, item, member, asOf, knownAt, reason, failed, versionId,
                        required(version).itemsCreatedFrom().orElse(null), versionId, null, null, null, null, null);
            case CATEGORY_EXCLUDED:
            case CATEGORY_NOT_COVERED:
                return decision(policy, item, member, asOf, knownAt, reason, failed, versionId,
                        required(version).effectiveFrom(), versionId, null, null, null, item.category(),
                        reason == Reason.CATEGORY_EXCLUDED ? required(rules).neverAllowedMatch(item.category()) : null);
            case AGE_UNKNOWN:
                return decision(policy, item, member, asOf, knownAt, reason, failed, versionId, null, versionId, null,
                        null, null, null, null);
            case MINOR:
            case CREATED_WHILE_MINOR: {
                int minimumAge = required(version).minimumAge();
                LocalDate born = required(member.birthDateOrNull());
                Instant at = reason == Reason.MINOR
                        ? Instant.ofEpochSecond(RuleKernel.comingOfAgeDay(verdict) * SECONDS_PER_DAY) : item.createdAt();
                return new Decision(item.id(), member.id(), asOf, knownAt, reason, failed, policy.id(), versionId, at,
                        null, null, null, null, null, null, null, null, born, RuleKernel.comingOfAgeDay(verdict),
                        minimumAge, null);
            }
            case ITEM_RESERVED: {
                Reservation reservation = required(item.reservationInEffect(asOf));
                return new Decision(item.id(), member.id(), asOf, knownAt, reason, failed, policy.id(), versionId,
                        reservation.effectiveFrom(), null, null, null, null, null, null, null, reservation, null,
                        Decision.NO_DAY, 0, null);
            }
            case OPTED_OUT:
            case ALLOWED_OPTED_IN: {
                ConsentEvent event = member.consent().event(ConsentLookup.rank(choice));
                return new Decision(item.id(), member.id(), asOf, knownAt, reason, failed, policy.id(), versionId,
                        event.effectiveAt(), null, event, null, null, null, null, null, null, null, Decision.NO_DAY, 0,
                        null);
            }
            case ITEM_BEFORE_CHOICE: {
                // With no choice at all (an opt-out basis) there is no opt-in to name.
                ConsentEvent start = choice == ConsentLookup.NONE ? null
                        : member.consent().event(member.consent().choicePointRank(covering, gpcSignalsObject, choice,
                                knownAtNanos));
                return new Decision(item.id(), member.id(), asOf, knownAt, reason, failed, policy.id(), versionId,
                        start == null ? null : start.effectiveAt(), versionId, start, null, null, null, null, null, null,
                        null, Decision.NO_DAY, 0, null);
            }
            case JURISDICTION_EXCLUDED:
            case NO_CONSENT:
            case ALLOWED_BY_DEFAULT: {
                Jurisdiction at = required(place);
                return decision(policy, item, member, asOf, knownAt, reason, failed, versionId,
                        required(version).effectiveFrom(), versionId, at, required(rules).ruleFor(at),
                        reason == Reason.JURISDICTION_EXCLUDED ? null : basis, null, null);
            }
            default:
                throw new AssertionError("no evidence for " + reason);
        }
    }

    /** A decision whose evidence is a fact of the item or member, dated {@code at}. */
    private static Decision factAt(TrainingPolicy policy, ContentItem item, Member member, Instant asOf,
            @Nullable Instant knownAt, Reason reason, int failed, @Nullable String versionId, @Nullable Instant at) {
        return decision(policy, item, member, asOf, knownAt, reason, failed, versionId, at, null, null, null, null, null,
                null);
    }

    /** A decision whose evidence is a rule of a version, or a fact, with these facts. */
    private static Decision decision(TrainingPolicy policy, ContentItem item, Member member, Instant asOf,
            @Nullable Instant knownAt, Reason reason, int failed, @Nullable String versionId, @Nullable Instant at,
            @Nullable String evidenceVersion, @Nullable Jurisdiction place, @Nullable JurisdictionRule rule,
            @Nullable LegalBasis basis, @Nullable DataCategory category, @Nullable DataCategory categoryRule) {
        return new Decision(item.id(), member.id(), asOf, knownAt, reason, failed, policy.id(), versionId, at,
                evidenceVersion, null, place, rule, basis, category, categoryRule, null, null, Decision.NO_DAY, 0, null);
    }

    // The checks guarantee these facts for the reason being explained; the helper only narrows the type.
    private static <T> T required(@Nullable T fact) {
        if (fact == null) {
            throw new AssertionError("the reason's check found this fact");
        }
        return fact;
    }

    /** The item half's checks of the item alone, instants in nanoseconds. */
    private static int ownItemFailures(@Nullable VersionRules rules, ContentItem item, long asOfNanos) {
        return RuleKernel.itemFailures(RuleKernel.categoryFailures(rules, item.category()),
                RuleKernel.scopeFrom(rules, 1), item.createdNanos(), item.deletedNanos(), item.reservedFromNanos(),
                asOfNanos);
    }
}
