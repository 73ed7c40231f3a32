package dev.consentkit.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.consentkit.DataCategory;
import dev.consentkit.Jurisdiction;
import dev.consentkit.LegalBasis;
import dev.consentkit.PolicyVersion;
import dev.consentkit.Reason;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * The kernel's bookkeeping: failures are bits in evaluation order, a member verdict carries the
 * member's bits and coming-of-age day through a {@code long}, and checks that need a missing fact do
 * not run. The rules themselves are tested per rule and per program through the public API.
 */
class RuleKernelTest {

    private static final long ASOF = KernelTime.nanos(Instant.parse("2025-06-01T00:00:00Z"));
    private static final long ASOF_DAY = LocalDate.of(2025, 6, 1).toEpochDay();
    private static final VersionRules CONSENT = VersionRules.of(PolicyVersion.builder("v1", Instant.EPOCH)
            .defaultBasis(LegalBasis.CONSENT).allow(DataCategory.CONTENT).build());
    private static final Jurisdiction DE = Jurisdiction.of("DE");

    @Test
    void shouldFitEveryReasonInAnIntMaskInEvaluationOrder() {
        assertTrue(Reason.values().length <= 31, "a failure mask is an int, and a verdict keeps it in 32 bits");
        for (Reason reason : Reason.values()) {
            assertEquals(1 << reason.ordinal(), RuleKernel.bit(reason));
            if (!reason.isTrainable()) {
                assertEquals(reason, RuleKernel.reason(RuleKernel.bit(reason), 0L));
                assertEquals(RuleKernel.bit(reason), RuleKernel.FAILURES & RuleKernel.bit(reason));
            }
        }
        assertEquals(Reason.POLICY_NOT_IN_FORCE, RuleKernel.reason(RuleKernel.FAILURES, 0L));
    }

    @Test
    void shouldNameTheLowestFailedCheck() {
        int failures = RuleKernel.bit(Reason.OPTED_OUT) | RuleKernel.bit(Reason.CATEGORY_EXCLUDED)
                | RuleKernel.bit(Reason.MINOR);

        assertEquals(Reason.CATEGORY_EXCLUDED, RuleKernel.reason(failures, 0L));
    }

    @Test
    void shouldCarryAComingOfAgeDayBeforeTheEpochThroughTheVerdict() {
        int born = CalendarDays.pack(LocalDate.of(1, 3, 1));
        VersionRules adults = VersionRules.of(PolicyVersion.builder("v1", Instant.EPOCH)
                .defaultBasis(LegalBasis.LEGITIMATE_INTERESTS).build());

        long verdict = RuleKernel.withChoice(RuleKernel.memberVerdict(adults, KernelTime.NEVER, true, adults.basisFor(DE),
                born, ASOF, ASOF_DAY), adults.basisFor(DE), ConsentLookup.NONE);

        assertEquals(LocalDate.of(19, 3, 1).toEpochDay(), RuleKernel.comingOfAgeDay(verdict));
        assertEquals(0, RuleKernel.memberFailures(verdict));
        assertEquals(Reason.ALLOWED_BY_DEFAULT, RuleKernel.reason(0, verdict));
    }

    @Test
    void shouldTellAnOptInFromTheDefaultWhenNothingFails() {
        int optIn = 7 << 1;

        long verdict = RuleKernel.withChoice(RuleKernel.memberVerdict(CONSENT, KernelTime.NEVER, true,
                CONSENT.basisFor(DE), CalendarDays.UNKNOWN_BIRTH, ASOF, ASOF_DAY), CONSENT.basisFor(DE), optIn);

        assertEquals(Reason.AGE_UNKNOWN, RuleKernel.reason(RuleKernel.memberFailures(verdict), verdict));
        assertEquals(Reason.ALLOWED_OPTED_IN, RuleKernel.reason(0, verdict));
    }

    @Test
    void shouldNotAskForConsentWhereTheJurisdictionIsUnknownOrNoVersionIsInForce() {
        long unknownPlace = RuleKernel.withChoice(RuleKernel.memberVerdict(CONSENT, KernelTime.NEVER, false, null,
                CalendarDays.UNKNOWN_BIRTH, ASOF, ASOF_DAY), null, ConsentLookup.NONE);
        long noVersion = RuleKernel.withChoice(RuleKernel.memberVerdict(null, KernelTime.NEVER, true, null,
                CalendarDays.UNKNOWN_BIRTH, ASOF, ASOF_DAY), null, ConsentLookup.NONE);

        assertEquals(RuleKernel.bit(Reason.JURISDICTION_UNKNOWN) | RuleKernel.bit(Reason.AGE_UNKNOWN),
                RuleKernel.memberFailures(unknownPlace));
        assertEquals(0, RuleKernel.memberFailures(noVersion));
        assertEquals(RuleKernel.bit(Reason.POLICY_NOT_IN_FORCE), RuleKernel.versionFailures(null));
        assertEquals(RuleKernel.NO_AGE_LIMIT, RuleKernel.comingOfAgeDay(noVersion));
    }

    @Test
    void shouldCheckEveryItemRuleAtOnce() {
        int failures = RuleKernel.itemFailures(RuleKernel.bit(Reason.CATEGORY_NOT_COVERED), 10, 20, 30, 5, 5, 4);

        assertEquals(RuleKernel.bit(Reason.ITEM_NOT_YET_CREATED) | RuleKernel.bit(Reason.CATEGORY_NOT_COVERED),
                failures);
        assertEquals(RuleKernel.bit(Reason.ITEM_DELETED) | RuleKernel.bit(Reason.ITEM_OUT_OF_SCOPE)
                | RuleKernel.bit(Reason.CREATED_WHILE_MINOR) | RuleKernel.bit(Reason.ITEM_RESERVED),
                RuleKernel.itemFailures(0, 10, 20, 5, 6, 6, 6));
        assertEquals(0, RuleKernel.itemFailures(0, 10, 20, 20, KernelTime.NEVER, KernelTime.NEVER, KernelTime.NEVER - 1));
    }

    @Test
    void shouldCountAnItemFromItsCreationOrItsResumptionKnownAtAsOf() {
        long choice = 100;

        assertEquals(0, RuleKernel.choiceFailures(100, KernelTime.NEVER, choice, 500));
        assertEquals(RuleKernel.bit(Reason.ITEM_BEFORE_CHOICE), RuleKernel.choiceFailures(99, KernelTime.NEVER, choice, 500));
        assertEquals(0, RuleKernel.choiceFailures(10, 100, choice, 500));
        // A resumption after asOf is not known to the question: the creation decides, and fails closed.
        assertEquals(RuleKernel.bit(Reason.ITEM_BEFORE_CHOICE), RuleKernel.choiceFailures(10, 501, choice, 500));
        assertEquals(0, RuleKernel.choiceFailures(10, 500, choice, 500));
        assertEquals(0, RuleKernel.choiceFailures(Long.MIN_VALUE + 1, KernelTime.NEVER, KernelTime.ALWAYS, 500));
        assertEquals(RuleKernel.bit(Reason.ITEM_BEFORE_CHOICE),
                RuleKernel.choiceFailures(KernelTime.NEVER - 2, KernelTime.NEVER - 2, KernelTime.NEVER, KernelTime.NEVER - 1));
    }

    @Test
    void shouldScopeItemsFromTheOptInOnlyWhenTheVersionSaysSoAndTheChoiceIsThere() {
        VersionRules off = VersionRules.of(PolicyVersion.builder("v1", Instant.EPOCH)
                .defaultBasis(LegalBasis.LEGITIMATE_INTERESTS).build());
        VersionRules on = VersionRules.of(PolicyVersion.builder("v1", Instant.EPOCH)
                .defaultBasis(LegalBasis.LEGITIMATE_INTERESTS).itemsFromMembersChoice(true).build());
        int optIn = 3 << 1;
        int optOut = 3 << 1 | 1;

        assertEquals(KernelTime.ALWAYS, RuleKernel.choiceScope(off, LegalBasis.LEGITIMATE_INTERESTS, optIn, 42));
        assertEquals(KernelTime.ALWAYS, RuleKernel.choiceScope(null, null, optIn, 42));
        assertEquals(KernelTime.ALWAYS, RuleKernel.choiceScope(on, null, optIn, 42));
        assertEquals(42, RuleKernel.choiceScope(on, LegalBasis.LEGITIMATE_INTERESTS, optIn, 42));
        assertEquals(KernelTime.ALWAYS, RuleKernel.choiceScope(on, LegalBasis.LEGITIMATE_INTERESTS, optOut, 42));
        assertEquals(KernelTime.ALWAYS, RuleKernel.choiceScope(on, LegalBasis.CONSENT, ConsentLookup.NONE, 42));
        assertEquals(KernelTime.NEVER,
                RuleKernel.choiceScope(on, LegalBasis.LEGITIMATE_INTERESTS, ConsentLookup.NONE, 42));
        assertTrue(RuleKernel.needsChoicePoint(on, LegalBasis.CONSENT, optIn));
        assertEquals(false, RuleKernel.needsChoicePoint(on, LegalBasis.CONSENT, optOut));
        assertEquals(false, RuleKernel.needsChoicePoint(off, LegalBasis.CONSENT, optIn));
    }

    @Test
    void shouldRoundAChoiceScopeUpToTheUnit() {
        assertEquals(2, RuleKernel.choiceScope(1_000_000_001L, 1_000_000_000L));
        assertEquals(1, RuleKernel.choiceScope(1_000_000_000L, 1_000_000_000L));
        assertEquals(-1, RuleKernel.choiceScope(-1_000_000_001L, 1_000_000_000L));
        assertEquals(0, RuleKernel.choiceScope(-999_999_999L, 1_000_000_000L));
        assertEquals(KernelTime.ALWAYS, RuleKernel.choiceScope(KernelTime.ALWAYS, 1_000L));
        assertEquals(KernelTime.NEVER, RuleKernel.choiceScope(KernelTime.NEVER, 1_000L));
    }
}
