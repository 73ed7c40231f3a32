package dev.consentkit;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.jspecify.annotations.Nullable;

/**
 * The checks of a {@link TrainingPolicy}, in the order of {@link Reason}. {@link #isTrainable} stops at
 * the first failure and allocates nothing; {@link #evaluate} runs every check it can, collects the
 * failures and explains the first. Both use the same predicates, so they cannot disagree.
 */
final class Evaluator {

    private static final Reason[] REASONS = Reason.values();

    private Evaluator() {}

    static boolean isTrainable(TrainingPolicy policy, ContentItem item, Member member, Instant asOf) {
        PolicyVersion version = policy.versionInForce(asOf);
        if (version == null || !passesItemChecks(version, item, asOf) || isAccountClosed(member, asOf)) {
            return false;
        }
        Jurisdiction place = member.jurisdictions().at(asOf);
        if (place == null) {
            return false;
        }
        LegalBasis basis = version.basisFor(place);
        if (basis == null) {
            return false;
        }
        if (version.minimumAge() > 0) {
            if (member.birthDateOrNull() == null) {
                if (version.unknownAge() == UnknownAge.DENY) {
                    return false;
                }
            } else if (CalendarDays.utcEpochDay(item.createdAt()) < member.anniversaryEpochDay(version.minimumAge())) {
                // The item exists at asOf (checked above), so a member still a minor at asOf also
                // created it as a minor: one comparison covers MINOR and CREATED_WHILE_MINOR.
                return false;
            }
        }
        ConsentHistory consent = member.consent();
        int choice = consent.indexOfChoiceInEffect(policy.purpose(), asOf, null);
        return choice < 0 ? !basis.requiresOptIn() : !consent.isOptOut(choice);
    }

    static Decision evaluate(TrainingPolicy policy, ContentItem item, Member member, Instant asOf,
            @Nullable Instant knownAt) {
        PolicyVersion version = policy.versionInForce(asOf);
        Jurisdiction place = member.jurisdictions().at(asOf);
        ConsentEvent choice = member.consent().choiceInEffect(policy.purpose(), asOf, knownAt);
        LegalBasis basis = null;
        int failed = 0;
        if (version == null) {
            failed |= bit(Reason.POLICY_NOT_IN_FORCE);
        }
        if (isNotYetCreated(item, asOf)) {
            failed |= bit(Reason.ITEM_NOT_YET_CREATED);
        }
        if (isDeleted(item, asOf)) {
            failed |= bit(Reason.ITEM_DELETED);
        }
        if (isAccountClosed(member, asOf)) {
            failed |= bit(Reason.ACCOUNT_CLOSED);
        }
        if (version != null) {
            if (isOutOfScope(version, item)) {
                failed |= bit(Reason.ITEM_OUT_OF_SCOPE);
            }
            if (version.neverAllowedMatch(item.category()) != null) {
                failed |= bit(Reason.CATEGORY_EXCLUDED);
            }
            if (version.allowedMatch(item.category()) == null) {
                failed |= bit(Reason.CATEGORY_NOT_COVERED);
            }
        }
        if (place == null) {
            failed |= bit(Reason.JURISDICTION_UNKNOWN);
        } else if (version != null) {
            basis = version.basisFor(place);
            if (basis == null) {
                failed |= bit(Reason.JURISDICTION_EXCLUDED);
            }
        }
        if (version != null && version.minimumAge() > 0) {
            if (member.birthDateOrNull() == null) {
                if (version.unknownAge() == UnknownAge.DENY) {
                    failed |= bit(Reason.AGE_UNKNOWN);
                }
            } else {
                long comingOfAge = member.anniversaryEpochDay(version.minimumAge());
                if (CalendarDays.utcEpochDay(asOf) < comingOfAge) {
                    failed |= bit(Reason.MINOR);
                }
                if (CalendarDays.utcEpochDay(item.createdAt()) < comingOfAge) {
                    failed |= bit(Reason.CREATED_WHILE_MINOR);
                }
            }
        }
        if (item.reservationInEffect(asOf) != null) {
            failed |= bit(Reason.ITEM_RESERVED);
        }
        if (choice != null && choice.isOptOut()) {
            failed |= bit(Reason.OPTED_OUT);
        } else if (choice == null && basis != null && basis.requiresOptIn()) {
            failed |= bit(Reason.NO_CONSENT);
        }

        Reason reason;
        if (failed != 0) {
            reason = REASONS[Integer.numberOfTrailingZeros(failed)];
        } else {
            reason = choice == null ? Reason.ALLOWED_BY_DEFAULT : Reason.ALLOWED_OPTED_IN;
        }
        return new Decision(policy, item, member, asOf, knownAt, reason, failed, version == null ? null : version.id());
    }

    /**
     * Whether the item itself may be used at {@code asOf} under {@code version}: it exists, is in the
     * version's scope, its category is allowed and not never-allowed, and no reservation is in effect.
     * The member-independent half of {@link #isTrainable}, shared with {@link BatchEvaluator}, which
     * resolves the member's half once per member.
     */
    static boolean passesItemChecks(PolicyVersion version, ContentItem item, Instant asOf) {
        return !isNotYetCreated(item, asOf)
                && !isDeleted(item, asOf)
                && !isOutOfScope(version, item)
                && version.neverAllowedMatch(item.category()) == null
                && version.allowedMatch(item.category()) != null
                && item.reservationInEffect(asOf) == null;
    }

    private static int bit(Reason reason) {
        return 1 << reason.ordinal();
    }

    private static boolean isNotYetCreated(ContentItem item, Instant asOf) {
        return item.createdAt().isAfter(asOf);
    }

    private static boolean isDeleted(ContentItem item, Instant asOf) {
        Instant deletedAt = item.deletedAtOrNull();
        return deletedAt != null && !deletedAt.isAfter(asOf);
    }

    private static boolean isAccountClosed(Member member, Instant asOf) {
        Instant closedAt = member.closedAtOrNull();
        return closedAt != null && !closedAt.isAfter(asOf);
    }

    private static boolean isOutOfScope(PolicyVersion version, ContentItem item) {
        Instant from = version.itemsCreatedFromOrNull();
        return from != null && item.createdAt().isBefore(from);
    }

    /**
     * The evidence behind a decision's primary reason, built again from the inputs it was decided on
     * when the decision is asked for it.
     */
    static Evidence explain(Reason reason, TrainingPolicy policy, ContentItem item, Member member, Instant asOf,
            @Nullable Instant knownAt) {
        PolicyVersion version = policy.versionInForce(asOf);
        Jurisdiction place = member.jurisdictions().at(asOf);
        LegalBasis basis = version == null || place == null ? null : version.basisFor(place);
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
                return Evidence.of(Evidence.Kind.ITEM_FACT, "item " + item.id() + " is deleted", item.deletedAtOrNull());
            case ACCOUNT_CLOSED:
                return Evidence.of(Evidence.Kind.MEMBER_FACT, "account of member " + member.id() + " is closed",
                        member.closedAtOrNull());
            case ITEM_OUT_OF_SCOPE:
                return Evidence.of(Evidence.Kind.POLICY_RULE, "version " + version(version).id()
                        + " covers only items created from then on", version.itemsCreatedFromOrNull());
            case CATEGORY_EXCLUDED:
                return Evidence.of(Evidence.Kind.POLICY_RULE, "version " + version(version).id() + " never allows "
                        + version.neverAllowedMatch(item.category()), version.effectiveFrom());
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
        JurisdictionRule rule = place == null ? null : version.ruleFor(place);
        return rule == null ? " by default" : " by its rule for " + rule.jurisdiction();
    }

    private static Evidence comingOfAge(Evidence.Kind kind, String prefix, Member member, PolicyVersion version,
            @Nullable Instant at) {
        LocalDate birthDate = member.birthDateOrNull();
        LocalDate comingOfAge = LocalDate.ofEpochDay(member.anniversaryEpochDay(version.minimumAge()));
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
