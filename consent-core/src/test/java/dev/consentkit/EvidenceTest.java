package dev.consentkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.testing.EqualsTester;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Shows that evidence is data: the facts per reason, which evidence is refused, how it is described
 * for people, and that equality looks at facts, never at words.
 */
class EvidenceTest {

    private static final Instant EFFECTIVE = Instant.parse("2025-11-10T00:00:00Z");
    private static final Instant VERSION_START = Instant.parse("2024-09-18T00:00:00Z");
    private static final ConsentEvent OPT_OUT = ConsentEvent.optOut("e-7", Purpose.GENERATIVE_AI_TRAINING, EFFECTIVE,
            Instant.parse("2025-11-10T00:00:05Z"), ConsentChannel.SETTINGS_TOGGLE);
    private static final Jurisdiction DE = Jurisdiction.of("DE");

    private static Evidence excludedDe() {
        return Evidence.builder(Reason.JURISDICTION_EXCLUDED).policyVersion("2024-09")
                .jurisdiction(DE, JurisdictionRule.excluded(Jurisdiction.EU)).at(VERSION_START).build();
    }

    @Test
    void shouldHoldAConsentEventDatedByWhenItTakesEffect() {
        Evidence evidence = Evidence.of(OPT_OUT);

        assertEquals(Reason.OPTED_OUT, evidence.reason());
        assertEquals(Evidence.Kind.CONSENT_EVENT, evidence.kind());
        assertEquals(Optional.of(OPT_OUT), evidence.consentEvent());
        assertEquals(Optional.of(EFFECTIVE), evidence.at());
        assertEquals(Optional.empty(), evidence.policyVersion());
        assertFalse(evidence.isRecorded());
    }

    @Test
    void shouldNameTheOptInThatStartsTheMembersChoiceForAnItemBeforeIt() {
        ConsentEvent optIn = ConsentEvent.optIn("e-8", Purpose.AI_TRAINING, EFFECTIVE, ConsentChannel.API);

        Evidence evidence = Evidence.builder(Reason.ITEM_BEFORE_CHOICE).itemId("chat-1").policyVersion("2025-08")
                .consentEvent(optIn).memberId("m-1").build();

        assertEquals(Evidence.Kind.CONSENT_EVENT, evidence.kind());
        assertEquals(Optional.of(optIn), evidence.consentEvent());
        assertEquals(Optional.of(EFFECTIVE), evidence.at());
        assertEquals(Optional.of("chat-1"), evidence.itemId());
        assertEquals(Optional.of("2025-08"), evidence.policyVersion());
        assertEquals(Optional.empty(), evidence.memberId());
        assertEquals("item chat-1 predates OPT_IN event e-8 for ai-training via API, from which version 2025-08 counts"
                + " the member's items at 2025-11-10T00:00:00Z", evidence.toString());
    }

    @Test
    void shouldLetAnItemBeforeAChoiceNeverMadeHaveNoEventAndNoInstant() {
        Evidence evidence = Evidence.builder(Reason.ITEM_BEFORE_CHOICE).itemId("chat-1").policyVersion("2025-08").build();

        assertEquals(Optional.empty(), evidence.consentEvent());
        assertEquals(Optional.empty(), evidence.at());
        assertEquals(Evidence.recorded(Reason.ITEM_BEFORE_CHOICE, "no choice", null, null).consentEvent(),
                Optional.empty());
    }

    @Test
    void shouldRefuseAnOptOutAsTheStartOfAChoice() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Evidence.builder(Reason.ITEM_BEFORE_CHOICE).itemId("chat-1").policyVersion("2025-08")
                        .consentEvent(OPT_OUT).build());

        assertEquals("evidence for ITEM_BEFORE_CHOICE cannot be the OPT_OUT event e-7: a choice starts with an opt-in",
                e.getMessage());
    }

    @Test
    void shouldTakeAnOptInAsTheEvidenceOfAllowedOptedIn() {
        ConsentEvent optIn = ConsentEvent.optIn("e-8", Purpose.AI_TRAINING, EFFECTIVE, ConsentChannel.API);

        assertEquals(Reason.ALLOWED_OPTED_IN, Evidence.of(optIn).reason());
    }

    @Test
    void shouldDescribeAConsentEventAsItsDocumentationShows() {
        assertEquals("OPT_OUT event e-7 for ai-training.generative via SETTINGS_TOGGLE", Evidence.of(OPT_OUT).description());
        assertEquals("OPT_OUT event e-7 for ai-training.generative via SETTINGS_TOGGLE at 2025-11-10T00:00:00Z",
                Evidence.of(OPT_OUT).toString());
    }

    @Test
    void shouldSayThatAConsentEventWasCountedFromWhenItWasRecorded() {
        ConsentEvent adjusted = ConsentEvent.effectiveWhenRecorded("e-7", Purpose.GENERATIVE_AI_TRAINING,
                ConsentChoice.OPT_OUT, EFFECTIVE.plusSeconds(2), EFFECTIVE, ConsentChannel.API);

        Evidence evidence = Evidence.of(adjusted);

        assertEquals(Optional.of(EFFECTIVE), evidence.at());
        assertEquals("OPT_OUT event e-7 for ai-training.generative via API (stated to take effect at "
                + "2025-11-10T00:00:02Z, after it was recorded; counted from when it was recorded)"
                + " at 2025-11-10T00:00:00Z", evidence.toString());
    }

    @Test
    void shouldHoldTheRuleThatExcludedAJurisdiction() {
        Evidence evidence = excludedDe();

        assertEquals(Evidence.Kind.POLICY_RULE, evidence.kind());
        assertEquals(Optional.of("2024-09"), evidence.policyVersion());
        assertEquals(Optional.of(DE), evidence.jurisdiction());
        assertEquals(Optional.of(JurisdictionRule.excluded(Jurisdiction.EU)), evidence.jurisdictionRule());
        assertEquals(Optional.empty(), evidence.basis());
        assertEquals("version 2024-09 excludes DE by its rule for EU at 2024-09-18T00:00:00Z", evidence.toString());
    }

    @Test
    void shouldHoldTheDefaultWhenNoRuleApplied() {
        Evidence evidence = Evidence.builder(Reason.ALLOWED_BY_DEFAULT).policyVersion("2025-11").jurisdiction(DE, null)
                .basis(LegalBasis.LEGITIMATE_INTERESTS).at(VERSION_START).build();

        assertEquals(Optional.empty(), evidence.jurisdictionRule());
        assertEquals(Optional.of(LegalBasis.LEGITIMATE_INTERESTS), evidence.basis());
        assertEquals("version 2025-11 allows DE by default under LEGITIMATE_INTERESTS", evidence.description());
    }

    @Test
    void shouldDateAComingOfAgeByItsMidnightAndFollowPlusYears() {
        Evidence evidence = Evidence.builder(Reason.MINOR).memberId("m-1")
                .age(LocalDate.of(2008, 2, 29), 18, LeapDayBirthday.FEBRUARY_28).build();

        assertEquals(Optional.of(LocalDate.of(2026, 2, 28)), evidence.comingOfAge());
        assertEquals(OptionalInt.of(18), evidence.minimumAge());
        assertEquals(Optional.of(Instant.parse("2026-02-28T00:00:00Z")), evidence.at());
        assertEquals("member m-1 turns 18 on 2026-02-28 (born 2008-02-29)", evidence.description());
    }

    @Test
    void shouldDateALeapDayComingOfAgeOnTheFirstOfMarchWhenTheVersionReadsItSo() {
        Evidence evidence = Evidence.builder(Reason.MINOR).memberId("m-1")
                .age(LocalDate.of(2008, 2, 29), 18, LeapDayBirthday.MARCH_1).build();

        assertEquals(Optional.of(LocalDate.of(2026, 3, 1)), evidence.comingOfAge());
        assertEquals(Optional.of(Instant.parse("2026-03-01T00:00:00Z")), evidence.at());
        assertEquals("member m-1 turns 18 on 2026-03-01 (born 2008-02-29)", evidence.description());
    }

    @Test
    void shouldNotMoveAnOrdinaryBirthdayWhicheverReadingOfLeapDays() {
        for (LeapDayBirthday leapDay : LeapDayBirthday.values()) {
            Evidence evidence = Evidence.builder(Reason.MINOR).memberId("m-1")
                    .age(LocalDate.of(2008, 2, 28), 18, leapDay).build();
            assertEquals(Optional.of(LocalDate.of(2026, 2, 28)), evidence.comingOfAge());
        }
    }

    @Test
    void shouldDateAReservationByItsStart() {
        Reservation tdm = new Reservation(ReservationSource.TDM_REP, EFFECTIVE);

        Evidence evidence = Evidence.builder(Reason.ITEM_RESERVED).itemId("post-1").reservation(tdm).build();

        assertEquals(Optional.of(tdm), evidence.reservation());
        assertEquals("item post-1 is reserved by TDM_REP at 2025-11-10T00:00:00Z", evidence.toString());
    }

    @Test
    void shouldHoldTheClosureInEffectDatedByItsStart() {
        AccountClosure closure = AccountClosure.between(Instant.parse("2025-03-01T00:00:00Z"),
                Instant.parse("2025-04-01T00:00:00Z"));

        Evidence evidence = Evidence.builder(Reason.ACCOUNT_CLOSED).memberId("m-1").closure(closure).build();

        assertEquals(Optional.of(closure), evidence.closure());
        assertEquals(Optional.of(closure.closedAt()), evidence.at());
        assertEquals("account of member m-1 is closed until 2025-04-01T00:00:00Z at 2025-03-01T00:00:00Z",
                evidence.toString());
    }

    @Test
    void shouldRefuseAClosureWhoseStartWasMovedPastItsReopening() {
        Evidence.Builder builder = Evidence.builder(Reason.ACCOUNT_CLOSED).memberId("m-1")
                .closure(AccountClosure.between(Instant.parse("2025-03-01T00:00:00Z"), Instant.parse("2025-04-01T00:00:00Z")))
                .at(Instant.parse("2025-05-01T00:00:00Z"));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);

        assertEquals("evidence for ACCOUNT_CLOSED has a closure reopened at 2025-04-01T00:00:00Z, not after its start "
                + "2025-05-01T00:00:00Z", e.getMessage());
    }

    @Test
    void shouldReadAClosureGivenOnlyByItsStartAsNotReopened() {
        Instant closed = Instant.parse("2025-03-01T00:00:00Z");

        Evidence evidence = Evidence.builder(Reason.ACCOUNT_CLOSED).memberId("m-1").at(closed).build();

        assertEquals(Optional.of(AccountClosure.from(closed)), evidence.closure());
        assertEquals(Optional.empty(), Evidence.builder(Reason.ITEM_DELETED).itemId("i-1").at(closed).build().closure());
    }

    @Test
    void shouldTellClosuresWithAndWithoutTheirReopeningApart() {
        Instant closed = Instant.parse("2025-03-01T00:00:00Z");

        new EqualsTester()
                .addEqualityGroup(Evidence.builder(Reason.ACCOUNT_CLOSED).memberId("m-1").at(closed).build(),
                        Evidence.builder(Reason.ACCOUNT_CLOSED).memberId("m-1").closure(AccountClosure.from(closed)).build())
                .addEqualityGroup(Evidence.builder(Reason.ACCOUNT_CLOSED).memberId("m-1")
                        .closure(AccountClosure.between(closed, closed.plusSeconds(1))).build())
                .testEquals();
    }

    @Test
    void shouldKeepOnlyTheFactsItsReasonIsExplainedBy() {
        Evidence evidence = Evidence.builder(Reason.ITEM_DELETED).itemId("post-1").memberId("m-1")
                .policyVersion("2025-11").at(EFFECTIVE).build();

        assertEquals(Optional.of("post-1"), evidence.itemId());
        assertEquals(Optional.empty(), evidence.memberId());
        assertEquals(Optional.empty(), evidence.policyVersion());
    }

    @Test
    void shouldRefuseEvidenceWithoutTheFactItsReasonNeeds() {
        IllegalArgumentException rule = assertThrows(IllegalArgumentException.class,
                () -> Evidence.builder(Reason.CATEGORY_EXCLUDED).policyVersion("v1").at(EFFECTIVE)
                        .category(DataCategory.PRIVATE_MESSAGES, null).build());
        IllegalArgumentException event = assertThrows(IllegalArgumentException.class,
                () -> Evidence.builder(Reason.OPTED_OUT).build());

        assertEquals("evidence for CATEGORY_EXCLUDED needs the never-allowed category", rule.getMessage());
        assertEquals("evidence for OPTED_OUT needs its consent event", event.getMessage());
    }

    @Test
    void shouldRefuseAnOptInAsTheEvidenceOfAnOptOut() {
        ConsentEvent optIn = ConsentEvent.optIn("e-8", Purpose.AI_TRAINING, EFFECTIVE, ConsentChannel.API);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Evidence.builder(Reason.OPTED_OUT).consentEvent(optIn).build());

        assertEquals("evidence for OPTED_OUT cannot be the OPT_IN event e-8", e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(Reason.class)
    void shouldGiveEachReasonTheKindOfThingThatDecidesIt(Reason reason) {
        Evidence.Kind kind = Evidence.Kind.of(reason);

        switch (reason) {
            case OPTED_OUT:
            case ALLOWED_OPTED_IN:
            case ITEM_BEFORE_CHOICE:
                assertEquals(Evidence.Kind.CONSENT_EVENT, kind);
                break;
            case ITEM_NOT_YET_CREATED:
            case ITEM_DELETED:
            case CREATED_WHILE_MINOR:
            case ITEM_RESERVED:
                assertEquals(Evidence.Kind.ITEM_FACT, kind);
                break;
            case ACCOUNT_CLOSED:
            case JURISDICTION_UNKNOWN:
            case AGE_UNKNOWN:
            case MINOR:
                assertEquals(Evidence.Kind.MEMBER_FACT, kind);
                break;
            default:
                assertEquals(Evidence.Kind.POLICY_RULE, kind);
        }
    }

    @Test
    void shouldShowTheRecordedWordsOfAnEarlierFormatAndKeepItsFacts() {
        Evidence recorded = Evidence.recorded(Reason.OPTED_OUT, "OPT_OUT (settings) e-7", EFFECTIVE, OPT_OUT);

        assertTrue(recorded.isRecorded());
        assertEquals("OPT_OUT (settings) e-7", recorded.description());
        assertEquals(Optional.of(OPT_OUT), recorded.consentEvent());
        assertEquals(Optional.of(EFFECTIVE), recorded.at());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\n"})
    void shouldRefuseBlankRecordedWordsShowingThem(String description) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Evidence.recorded(Reason.ITEM_DELETED, description, EFFECTIVE, null));

        assertEquals("evidence description is blank: '" + description + "'", e.getMessage());
    }

    @Test
    void shouldRefuseRecordedConsentEvidenceWithoutItsEvent() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Evidence.recorded(Reason.OPTED_OUT, "OPT_OUT event e-7", EFFECTIVE, null));

        assertEquals("evidence for OPTED_OUT needs its consent event", e.getMessage());
    }

    @Test
    void shouldBeEqualExactlyWhenTheFactsAreEqualWhateverTheWords() {
        new EqualsTester()
                .addEqualityGroup(Evidence.of(OPT_OUT), Evidence.of(OPT_OUT),
                        Evidence.builder(Reason.OPTED_OUT).consentEvent(OPT_OUT).at(Instant.EPOCH).build())
                .addEqualityGroup(Evidence.recorded(Reason.OPTED_OUT, "one wording", EFFECTIVE, OPT_OUT),
                        Evidence.recorded(Reason.OPTED_OUT, "another wording", EFFECTIVE, OPT_OUT))
                .addEqualityGroup(excludedDe(), excludedDe())
                .addEqualityGroup(Evidence.builder(Reason.JURISDICTION_EXCLUDED).policyVersion("2024-09")
                        .jurisdiction(DE, JurisdictionRule.excluded(Jurisdiction.EEA)).at(VERSION_START).build())
                .addEqualityGroup(Evidence.builder(Reason.JURISDICTION_EXCLUDED).policyVersion("2024-09")
                        .jurisdiction(DE, null).at(VERSION_START).build())
                .addEqualityGroup(Evidence.builder(Reason.ITEM_DELETED).itemId("post-1").at(EFFECTIVE).build())
                .addEqualityGroup(Evidence.builder(Reason.ITEM_DELETED).itemId("post-1").at(EFFECTIVE.plusNanos(1)).build())
                .addEqualityGroup(Evidence.builder(Reason.ITEM_NOT_YET_CREATED).itemId("post-1").at(EFFECTIVE).build())
                .testEquals();
    }
}
