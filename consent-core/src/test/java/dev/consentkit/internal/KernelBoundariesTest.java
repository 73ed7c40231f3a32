package dev.consentkit.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.consentkit.ConsentChannel;
import dev.consentkit.ConsentEvent;
import dev.consentkit.DataCategory;
import dev.consentkit.Jurisdiction;
import dev.consentkit.LegalBasis;
import dev.consentkit.PolicyVersion;
import dev.consentkit.Purpose;
import dev.consentkit.Reason;
import dev.consentkit.UnknownAge;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The kernel's comparisons at their edges: each check on the instant or day where it changes its
 * answer, and each conversion on the first and last value it converts exactly.
 */
class KernelBoundariesTest {

    private static final long ASOF = KernelTime.nanos(Instant.parse("2025-06-01T00:00:00Z"));
    private static final long ASOF_DAY = LocalDate.of(2025, 6, 1).toEpochDay();
    private static final Jurisdiction DE = Jurisdiction.of("DE");

    @Test
    void shouldStartTheFirstAndLastDayAUnitHoldsExactlyAndNoneBeyond() {
        long unitsPerDay = 86_400L;
        long limit = Long.MAX_VALUE / unitsPerDay;

        assertEquals(limit * unitsPerDay, KernelTime.dayStart(limit, unitsPerDay, limit));
        assertEquals(KernelTime.NEVER, KernelTime.dayStart(limit + 1, unitsPerDay, limit));
        assertEquals(-limit * unitsPerDay, KernelTime.dayStart(-limit, unitsPerDay, limit));
        assertEquals(KernelTime.ALWAYS + 1, KernelTime.dayStart(-limit - 1, unitsPerDay, limit));
    }

    @Test
    void shouldConvertTheFirstAndLastStoredInstantsExactly() {
        long first = KernelTime.nanos(KernelTime.FIRST);
        long last = KernelTime.nanos(KernelTime.LAST);

        assertEquals(first, KernelTime.notAfterNanos(KernelTime.FIRST));
        assertEquals(first, KernelTime.before(KernelTime.FIRST, 1));
        assertEquals(last, KernelTime.notAfterNanos(KernelTime.LAST));
        assertEquals(last, KernelTime.before(KernelTime.LAST, 1));
        assertEquals(KernelTime.ALWAYS, KernelTime.notAfterNanos(KernelTime.FIRST.minusSeconds(1)));
        assertEquals(first - 1, KernelTime.before(KernelTime.FIRST.minusNanos(1), 1));
        assertEquals(KernelTime.ALWAYS + 1, KernelTime.before(KernelTime.FIRST.minusSeconds(1), 1));
        assertEquals(KernelTime.LATEST, KernelTime.notAfterNanos(KernelTime.LAST.plusSeconds(1)));
        assertEquals(KernelTime.NEVER, KernelTime.before(KernelTime.LAST.plusSeconds(1), 1));
    }

    @Test
    void shouldCloseTheAccountFromTheInstantOfClosure() {
        assertTrue(RuleKernel.accountClosed(ASOF, ASOF));
        assertFalse(RuleKernel.accountClosed(ASOF + 1, ASOF));
    }

    @Test
    void shouldCountAMemberAsAnAdultFromTheComingOfAgeDayItself() {
        VersionRules adults = rules(PolicyVersion.builder("v1", Instant.EPOCH).minimumAge(18));
        int bornOnAsOf18YearsBefore = CalendarDays.pack(LocalDate.of(2007, 6, 1));
        int bornADayLater = CalendarDays.pack(LocalDate.of(2007, 6, 2));

        long adult = RuleKernel.memberVerdict(adults, KernelTime.NEVER, true, adults.basisFor(DE),
                bornOnAsOf18YearsBefore, ASOF, ASOF_DAY);
        long minor = RuleKernel.memberVerdict(adults, KernelTime.NEVER, true, adults.basisFor(DE),
                bornADayLater, ASOF, ASOF_DAY);

        assertEquals(0, RuleKernel.memberFailures(adult));
        assertEquals(ASOF_DAY, RuleKernel.comingOfAgeDay(adult));
        assertEquals(RuleKernel.bit(Reason.MINOR), RuleKernel.memberFailures(minor));
        assertEquals(ASOF_DAY + 1, RuleKernel.comingOfAgeDay(minor));
    }

    @Test
    void shouldNotRestrictByAgeWithoutAMinimumAge() {
        VersionRules noAge = rules(PolicyVersion.builder("v1", Instant.EPOCH).minimumAge(0).unknownAge(UnknownAge.DENY));
        int bornAfterAsOf = CalendarDays.pack(LocalDate.of(2030, 1, 1));

        long known = RuleKernel.memberVerdict(noAge, KernelTime.NEVER, true, LegalBasis.LEGITIMATE_INTERESTS,
                bornAfterAsOf, ASOF, ASOF_DAY);
        long unknown = RuleKernel.memberVerdict(noAge, KernelTime.NEVER, true, LegalBasis.LEGITIMATE_INTERESTS,
                CalendarDays.UNKNOWN_BIRTH, ASOF, ASOF_DAY);

        assertEquals(0, RuleKernel.memberFailures(known));
        assertEquals(RuleKernel.NO_AGE_LIMIT, RuleKernel.comingOfAgeDay(known));
        assertEquals(0, RuleKernel.memberFailures(unknown));
        assertEquals(RuleKernel.NO_AGE_LIMIT, RuleKernel.comingOfAgeDay(unknown));
    }

    @Test
    void shouldCountAnItemResumedAtTheInstantOfUseFromItsResumption() {
        long created = ASOF - 100;
        long scope = ASOF - 50;

        assertEquals(0, RuleKernel.choiceFailures(created, ASOF, scope, ASOF));
        assertEquals(RuleKernel.bit(Reason.ITEM_BEFORE_CHOICE), RuleKernel.choiceFailures(created, ASOF + 1, scope, ASOF));
        assertEquals(0, RuleKernel.choiceFailures(scope, KernelTime.NEVER, scope, ASOF));
        assertEquals(RuleKernel.bit(Reason.ITEM_BEFORE_CHOICE),
                RuleKernel.choiceFailures(scope - 1, KernelTime.NEVER, scope, ASOF));
    }

    @Test
    void shouldRoundANegativeChoiceScopeUpAndKeepNanosecondsAsTheyAre() {
        assertEquals(-1, RuleKernel.choiceScope(-1_999, 1_000));
        assertEquals(-2, RuleKernel.choiceScope(-2_000, 1_000));
        assertEquals(2, RuleKernel.choiceScope(1_001, 1_000));
        assertEquals(-1_999, RuleKernel.choiceScope(-1_999, 1));
        assertEquals(KernelTime.ALWAYS, RuleKernel.choiceScope(KernelTime.ALWAYS, 1_000));
        assertEquals(KernelTime.NEVER, RuleKernel.choiceScope(KernelTime.NEVER, 1_000));
    }

    @Test
    void shouldCountAnOptOutRecordedAtTheInstantTheAnswerIsKnownAt() {
        // An opt-out, then the opt-in in effect; the opt-out is recorded exactly at knownAt.
        long[] recordedAt = {10, 5};
        int[] codes = {0 << 1 | 1, 1 << 1};

        assertEquals(codes[0], ConsentLookup.lastOptOutBefore(recordedAt, codes, 0, 2, codes[1], 10));
        assertEquals(ConsentLookup.NONE, ConsentLookup.lastOptOutBefore(recordedAt, codes, 0, 2, codes[1], 9));
    }

    @Test
    void shouldFindTheOptInInEffectItselfAsTheFirstAfterTheLastOptOut() {
        long[] recordedAt = {1, 2};
        int[] codes = {0 << 1 | 1, 1 << 1};

        assertEquals(1, ConsentLookup.firstOptInAfter(recordedAt, codes, 0, 2, codes[0], codes[1], KernelTime.LATEST));
    }

    @Test
    void shouldRefuseASecondContentItemAccess() {
        ItemFacts.Access registered = ItemFacts.access();

        assertThrows(IllegalStateException.class, () -> ItemFacts.register(registered));
        assertEquals(registered, ItemFacts.access());
    }

    @Test
    void shouldKeepTheVersionsItemScope() {
        Instant from = Instant.parse("2024-01-01T00:00:00Z");

        assertEquals(from, rules(PolicyVersion.builder("v1", Instant.EPOCH).itemsCreatedFrom(from)).itemsCreatedFrom());
    }

    @Test
    void shouldFindTheChoiceOfAMemberWithMorePurposesThanTheMaskHolds() {
        // 70 purposes, one opt-in each, in effect order: more groups than a 64-bit mask, searched by key.
        List<ConsentEvent> events = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
            events.add(ConsentEvent.optIn("e" + i, purpose(i), Instant.EPOCH.plusSeconds(i), ConsentChannel.API));
        }
        ConsentLookup.Index index = ConsentLookup.Index.of(events);

        assertEquals(70, index.groupCount());
        assertEquals(0, index.choiceAt(new Purpose[] {purpose(0)}, KernelTime.LATEST, KernelTime.LATEST));
        assertEquals(69 << 1, index.choiceAt(new Purpose[] {purpose(69)}, KernelTime.LATEST, KernelTime.LATEST));
        assertEquals(40 << 1, index.choiceAt(new Purpose[] {purpose(5), purpose(40)}, KernelTime.LATEST,
                KernelTime.LATEST));
        assertEquals(ConsentLookup.NONE, index.choiceAt(new Purpose[] {purpose(40)},
                KernelTime.nanos(Instant.EPOCH.plusSeconds(39)), KernelTime.LATEST));
        assertEquals(ConsentLookup.NONE, index.choiceAt(new Purpose[] {Purpose.of("unrelated")}, KernelTime.LATEST,
                KernelTime.LATEST));
    }

    @Test
    void shouldTakeTheEarliestOptInAfterTheLastOptOutAcrossCoveringPurposes() {
        // The first group (a) has its opt-in last; the second (b) opted in between: b's opt-in is the
        // choice point, though a's group is searched first.
        Purpose a = Purpose.of("a");
        Purpose b = Purpose.of("b");
        Instant bOptIn = Instant.parse("2025-02-01T00:00:00Z");
        ConsentLookup.Index index = ConsentLookup.Index.of(List.of(
                ConsentEvent.optOut("e0", a, Instant.parse("2025-01-01T00:00:00Z"), ConsentChannel.API),
                ConsentEvent.optIn("e1", b, bOptIn, ConsentChannel.API),
                ConsentEvent.optIn("e2", a, Instant.parse("2025-03-01T00:00:00Z"), ConsentChannel.API)));
        Purpose[] covering = {a, b};
        int choice = index.choiceAt(covering, ASOF, KernelTime.LATEST);

        int point = index.choicePoint(covering, false, choice, KernelTime.LATEST);

        assertEquals(KernelTime.nanos(bOptIn), index.effectiveAt(point));
    }

    @Test
    void shouldCountAGpcOptOutOfAnotherPurposeThatIsNotTheFirstEventAsTheLastObjection() {
        // Two opt-ins, a GPC opt-out of another purpose, and a third opt-in, in effect order. When GPC
        // signals object, the choice counts from the opt-in after the signal; otherwise from the first.
        Purpose training = Purpose.of("training");
        Instant firstOptIn = Instant.parse("2025-01-01T00:00:00Z");
        Instant optInAfterSignal = Instant.parse("2025-04-01T00:00:00Z");
        ConsentLookup.Index index = ConsentLookup.Index.of(List.of(
                ConsentEvent.optIn("e0", training, firstOptIn, ConsentChannel.API),
                ConsentEvent.optIn("e1", training, Instant.parse("2025-02-01T00:00:00Z"), ConsentChannel.API),
                ConsentEvent.optOut("e2", Purpose.of("sale"), Instant.parse("2025-03-01T00:00:00Z"),
                        ConsentChannel.GPC_SIGNAL),
                ConsentEvent.optIn("e3", training, optInAfterSignal, ConsentChannel.API)));
        Purpose[] covering = {training};
        int choice = index.choiceAt(covering, ASOF, KernelTime.LATEST);

        assertEquals(1, index.gpcSignalCount());
        assertEquals(2 << 1 | 1, index.gpcCode(0));
        assertEquals(KernelTime.nanos(optInAfterSignal),
                index.effectiveAt(index.choicePoint(covering, true, choice, KernelTime.LATEST)));
        assertEquals(KernelTime.nanos(firstOptIn),
                index.effectiveAt(index.choicePoint(covering, false, choice, KernelTime.LATEST)));
    }

    @Test
    void shouldMatchTheMostSpecificCategoryWhicheverOrderTheVersionListsThem() {
        DataCategory parent = DataCategory.of("content.public");
        DataCategory child = DataCategory.of("content.public.video");
        DataCategory item = DataCategory.of("content.public.video.clip");

        VersionRules parentFirst = rules(PolicyVersion.builder("v1", Instant.EPOCH).allow(parent, child)
                .neverAllow(parent, child));
        VersionRules childFirst = rules(PolicyVersion.builder("v1", Instant.EPOCH).allow(child, parent)
                .neverAllow(child, parent));

        assertEquals(child, parentFirst.allowedMatch(item));
        assertEquals(child, parentFirst.neverAllowedMatch(item));
        assertEquals(child, childFirst.allowedMatch(item));
        assertEquals(child, childFirst.neverAllowedMatch(item));
        assertEquals(parent, parentFirst.allowedMatch(DataCategory.of("content.public.text")));
    }

    @Test
    void shouldTakeTheFirstEventOfAHistoryAsTheChoicePointWhenItIsTheEarliestOptIn() {
        Instant first = Instant.parse("2025-01-01T00:00:00Z");
        ConsentLookup.Index alone = ConsentLookup.Index.of(List.of(
                ConsentEvent.optIn("e0", Purpose.of("a"), first, ConsentChannel.API)));
        ConsentLookup.Index withLaterOptIn = ConsentLookup.Index.of(List.of(
                ConsentEvent.optIn("e0", Purpose.of("a"), first, ConsentChannel.API),
                ConsentEvent.optIn("e1", Purpose.of("b"), Instant.parse("2025-02-01T00:00:00Z"), ConsentChannel.API)));
        // Equal purposes that are other instances than the history's: groups are matched by equality.
        Purpose[] covering = {Purpose.of("a"), Purpose.of("b")};

        // A covering group with no opt-in after the last opt-out (b) after one that has it (a).
        ConsentLookup.Index afterAnOptOut = ConsentLookup.Index.of(List.of(
                ConsentEvent.optOut("e0", Purpose.of("b"), first, ConsentChannel.API),
                ConsentEvent.optIn("e1", Purpose.of("a"), Instant.parse("2025-02-01T00:00:00Z"), ConsentChannel.API)));

        assertEquals(0, alone.choicePoint(covering, false, alone.choiceAt(covering, ASOF, KernelTime.LATEST),
                KernelTime.LATEST));
        int point = afterAnOptOut.choicePoint(covering, false, afterAnOptOut.choiceAt(covering, ASOF, KernelTime.LATEST),
                KernelTime.LATEST);
        assertEquals(1 << 1, afterAnOptOut.code(point));
        assertEquals(0, withLaterOptIn.choicePoint(covering, false,
                withLaterOptIn.choiceAt(covering, ASOF, KernelTime.LATEST), KernelTime.LATEST));
    }

    @Test
    void shouldRefuseAChoicePointForAChoiceThatIsNotAnOptInOfTheHistory() {
        ConsentLookup.Index index = ConsentLookup.Index.of(List.of(
                ConsentEvent.optOut("e0", Purpose.of("a"), Instant.parse("2025-01-01T00:00:00Z"), ConsentChannel.API)));
        Purpose[] covering = {Purpose.of("a")};

        assertThrows(IllegalArgumentException.class, () -> index.choicePoint(covering, false, 0 << 1 | 1,
                KernelTime.LATEST));
        assertThrows(IllegalArgumentException.class, () -> index.choicePoint(covering, false, 1 << 1,
                KernelTime.LATEST));
    }

    @Test
    void shouldSearchTheCoveringGroupsForAChoiceJustBeyondTheEventsStepOverFirst() {
        // The covering opt-in first, then 16 events of another purpose: stepping back from the last
        // event stops just before it, and the search of the covering groups must find it.
        List<ConsentEvent> events = new ArrayList<>();
        events.add(ConsentEvent.optIn("e0", Purpose.of("a"), Instant.EPOCH, ConsentChannel.API));
        for (int i = 1; i <= 16; i++) {
            events.add(ConsentEvent.optOut("e" + i, Purpose.of("other"), Instant.EPOCH.plusSeconds(i), ConsentChannel.API));
        }
        ConsentLookup.Index index = ConsentLookup.Index.of(events);

        assertEquals(0, index.choiceAt(new Purpose[] {Purpose.of("a")}, ASOF, KernelTime.LATEST));
    }

    @Test
    void shouldSearchEveryGroupOfAMemberWithAsManyPurposesAsTheMaskHolds() {
        // 64 purposes, one opt-in each: the first purpose's only event is far behind the last one.
        List<ConsentEvent> events = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            events.add(ConsentEvent.optIn("e" + i, purpose(i), Instant.EPOCH.plusSeconds(i), ConsentChannel.API));
        }
        ConsentLookup.Index index = ConsentLookup.Index.of(events);

        assertEquals(64, index.groupCount());
        assertEquals(0, index.choiceAt(new Purpose[] {purpose(0)}, ASOF, KernelTime.LATEST));
        assertEquals(63 << 1, index.choiceAt(new Purpose[] {purpose(63)}, ASOF, KernelTime.LATEST));
    }

    @Test
    void shouldCountOnlyTheCoveringGroupsOfAMemberWithOneTwoOrThreePurposes() {
        // Members with one or two purposes are looked up through fields of their own, others through the array.
        ConsentEvent a = ConsentEvent.optIn("a", purpose(0), Instant.EPOCH.plusSeconds(1), ConsentChannel.API);
        ConsentEvent b = ConsentEvent.optOut("b", purpose(1), Instant.EPOCH.plusSeconds(2), ConsentChannel.API);
        ConsentEvent c = ConsentEvent.optIn("c", purpose(2), Instant.EPOCH.plusSeconds(3), ConsentChannel.API);
        ConsentLookup.Index one = ConsentLookup.Index.of(List.of(a));
        ConsentLookup.Index two = ConsentLookup.Index.of(List.of(a, b));
        ConsentLookup.Index three = ConsentLookup.Index.of(List.of(a, b, c));

        assertEquals(0, one.choiceAt(new Purpose[] {purpose(0)}, ASOF, KernelTime.LATEST));
        assertEquals(ConsentLookup.NONE, one.choiceAt(new Purpose[] {purpose(1)}, ASOF, KernelTime.LATEST));
        assertEquals(0, two.choiceAt(new Purpose[] {purpose(0)}, ASOF, KernelTime.LATEST));
        assertEquals(1 << 1 | 1, two.choiceAt(new Purpose[] {purpose(1)}, ASOF, KernelTime.LATEST));
        assertEquals(1 << 1 | 1, two.choiceAt(new Purpose[] {purpose(2), purpose(1)}, ASOF, KernelTime.LATEST));
        assertEquals(ConsentLookup.NONE, two.choiceAt(new Purpose[] {purpose(2)}, ASOF, KernelTime.LATEST));
        assertEquals(1 << 1 | 1, three.choiceAt(new Purpose[] {purpose(1)}, ASOF, KernelTime.LATEST));
        assertEquals(2 << 1, three.choiceAt(new Purpose[] {purpose(2)}, ASOF, KernelTime.LATEST));
        assertEquals(0, three.choiceAt(new Purpose[] {purpose(0)}, ASOF, KernelTime.LATEST));
        assertEquals(ConsentLookup.NONE, three.choiceAt(new Purpose[] {purpose(3)}, ASOF, KernelTime.LATEST));
        assertEquals(ConsentLookup.NONE,
                ConsentLookup.Index.of(List.of()).choiceAt(new Purpose[] {purpose(0)}, ASOF, KernelTime.LATEST));
    }

    private static Purpose purpose(int i) {
        return Purpose.of(String.format("p%02d", i));
    }

    private static VersionRules rules(PolicyVersion.Builder builder) {
        return VersionRules.of(builder.defaultBasis(LegalBasis.LEGITIMATE_INTERESTS).build());
    }
}
