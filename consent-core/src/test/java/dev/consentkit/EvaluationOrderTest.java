package dev.consentkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** Shows the condition behind every reason code, the order the checks run in, and how ties and boundaries resolve. */
class EvaluationOrderTest {

    private static final Instant V1_FROM = Instant.parse("2025-01-01T00:00:00Z");
    private static final Instant CREATED = Instant.parse("2025-02-01T00:00:00Z");
    private static final Instant AS_OF = Instant.parse("2025-03-01T00:00:00Z");

    private static final Jurisdiction DE = Jurisdiction.of("DE");
    private static final Jurisdiction CH = Jurisdiction.of("CH");

    private static final TrainingPolicy OPT_OUT_POLICY = policy(Purpose.GENERATIVE_AI_TRAINING, rules().build());
    private static final TrainingPolicy CONSENT_POLICY = policy(Purpose.GENERATIVE_AI_TRAINING,
            rules().defaultBasis(LegalBasis.CONSENT).build());

    // One test per reason code; each isolates the condition, so the reason is the only failure.

    @Test
    void shouldDenyWithPolicyNotInForceBeforeTheFirstVersion() {
        ContentItem older = ContentItem.of("i-1", "m-1", DataCategory.PUBLIC_CONTENT,
                Instant.parse("2024-12-01T00:00:00Z"));

        Decision decision = decide(OPT_OUT_POLICY, older, adult().build(), Instant.parse("2024-12-31T23:59:59Z"));

        assertDenied(decision, Reason.POLICY_NOT_IN_FORCE, Evidence.Kind.POLICY_RULE, V1_FROM);
        assertEquals("policy p takes effect with version v1", decision.evidence().description());
        assertEquals(Optional.empty(), decision.policyVersion());
    }

    @Test
    void shouldDenyWithItemNotYetCreatedForAnItemCreatedAfterAsOf() {
        Instant later = Instant.parse("2025-04-01T00:00:00Z");
        ContentItem future = ContentItem.of("i-1", "m-1", DataCategory.PUBLIC_CONTENT, later);

        Decision decision = decide(OPT_OUT_POLICY, future, adult().build(), AS_OF);

        assertDenied(decision, Reason.ITEM_NOT_YET_CREATED, Evidence.Kind.ITEM_FACT, later);
    }

    @Test
    void shouldDenyWithItemDeletedForAnItemDeletedBeforeAsOf() {
        Instant deletedAt = Instant.parse("2025-02-20T00:00:00Z");

        Decision decision = decide(OPT_OUT_POLICY, post().withDeletedAt(deletedAt), adult().build(), AS_OF);

        assertDenied(decision, Reason.ITEM_DELETED, Evidence.Kind.ITEM_FACT, deletedAt);
    }

    @Test
    void shouldDenyWithAccountClosedForAMemberWhoseAccountWasClosed() {
        Instant closedAt = Instant.parse("2025-02-25T00:00:00Z");

        Decision decision = decide(OPT_OUT_POLICY, post(), adult().closedAt(closedAt).build(), AS_OF);

        assertDenied(decision, Reason.ACCOUNT_CLOSED, Evidence.Kind.MEMBER_FACT, closedAt);
    }

    @Test
    void shouldDenyWithItemOutOfScopeForAnItemOlderThanTheVersionsItemScope() {
        Instant scopeFrom = Instant.parse("2025-02-15T00:00:00Z");
        TrainingPolicy scoped = policy(Purpose.GENERATIVE_AI_TRAINING, rules().itemsCreatedFrom(scopeFrom).build());

        Decision decision = decide(scoped, post(), adult().build(), AS_OF);

        assertDenied(decision, Reason.ITEM_OUT_OF_SCOPE, Evidence.Kind.POLICY_RULE, scopeFrom);
    }

    @Test
    void shouldDenyWithCategoryExcludedForANeverAllowedCategory() {
        ContentItem message = ContentItem.of("i-1", "m-1", DataCategory.PRIVATE_MESSAGES, CREATED);

        Decision decision = decide(OPT_OUT_POLICY, message, adult().build(), AS_OF);

        // Private messages are also under no allowed category, so the next check fails too.
        assertEquals(List.of(Reason.CATEGORY_EXCLUDED, Reason.CATEGORY_NOT_COVERED), decision.failedChecks());
        assertEvidence(decision, Reason.CATEGORY_EXCLUDED, Evidence.Kind.POLICY_RULE, V1_FROM);
        assertEquals("version v1 never allows messages.private", decision.evidence().description());
    }

    @Test
    void shouldDenyWithCategoryExcludedForANeverAllowedCategoryUnderAnAllowedOne() {
        TrainingPolicy noGroups = policy(Purpose.GENERATIVE_AI_TRAINING,
                rules().neverAllow(DataCategory.GROUP_CONTENT).build());
        ContentItem groupPost = ContentItem.of("i-1", "m-1", DataCategory.of("content.group.message"), CREATED);

        Decision decision = decide(noGroups, groupPost, adult().build(), AS_OF);

        assertDenied(decision, Reason.CATEGORY_EXCLUDED, Evidence.Kind.POLICY_RULE, V1_FROM);
        assertEquals("version v1 never allows content.group", decision.evidence().description());
    }

    @Test
    void shouldDenyWithCategoryNotCoveredForACategoryUnderNoAllowedOne() {
        ContentItem salary = ContentItem.of("i-1", "m-1", DataCategory.SALARY, CREATED);

        Decision decision = decide(OPT_OUT_POLICY, salary, adult().build(), AS_OF);

        assertDenied(decision, Reason.CATEGORY_NOT_COVERED, Evidence.Kind.POLICY_RULE, V1_FROM);
        assertEquals("version v1 allows no category covering account.salary", decision.evidence().description());
    }

    @Test
    void shouldDenyWithJurisdictionUnknownForAMemberWithNoKnownJurisdiction() {
        Member nowhere = Member.builder("m-1").birthDate(LocalDate.of(1990, 6, 15)).build();

        Decision decision = decide(OPT_OUT_POLICY, post(), nowhere, AS_OF);

        assertDenied(decision, Reason.JURISDICTION_UNKNOWN, Evidence.Kind.MEMBER_FACT, null);
    }

    @Test
    void shouldDenyWithJurisdictionExcludedForAMemberInAnExcludedJurisdiction() {
        Decision decision = decide(OPT_OUT_POLICY, post(), adult().residentIn(CH).build(), AS_OF);

        assertDenied(decision, Reason.JURISDICTION_EXCLUDED, Evidence.Kind.POLICY_RULE, V1_FROM);
        assertEquals("version v1 excludes CH by its rule for CH", decision.evidence().description());
    }

    @Test
    void shouldDenyWithAgeUnknownForAMemberWithNoBirthDate() {
        Member ageless = Member.builder("m-1").residentIn(DE).build();

        Decision decision = decide(OPT_OUT_POLICY, post(), ageless, AS_OF);

        assertDenied(decision, Reason.AGE_UNKNOWN, Evidence.Kind.MEMBER_FACT, null);
        assertEquals("member m-1 has no known birth date and version v1 denies unknown ages",
                decision.evidence().description());
    }

    @Test
    void shouldDenyWithMinorForAMemberUnderTheMinimumAge() {
        Member minor = adult().birthDate(LocalDate.of(2008, 6, 15)).build();

        Decision decision = decide(OPT_OUT_POLICY, post(), minor, AS_OF);

        // A member under age now was under age when they created the item as well.
        assertEquals(List.of(Reason.MINOR, Reason.CREATED_WHILE_MINOR), decision.failedChecks());
        assertEvidence(decision, Reason.MINOR, Evidence.Kind.MEMBER_FACT, Instant.parse("2026-06-15T00:00:00Z"));
        assertEquals("member m-1 turns 18 on 2026-06-15 (born 2008-06-15)", decision.evidence().description());
    }

    @Test
    void shouldDenyWithCreatedWhileMinorForAnItemCreatedBeforeTheMemberCameOfAge() {
        Member cameOfAge = adult().birthDate(LocalDate.of(2007, 2, 10)).build();

        Decision decision = decide(OPT_OUT_POLICY, post(), cameOfAge, AS_OF);

        assertDenied(decision, Reason.CREATED_WHILE_MINOR, Evidence.Kind.ITEM_FACT, CREATED);
        assertEquals("item i-1 was created before member m-1 turned 18 on 2025-02-10 (born 2007-02-10)",
                decision.evidence().description());
    }

    @Test
    void shouldDenyWithItemReservedForAnItemCarryingAReservation() {
        Instant reservedFrom = Instant.parse("2025-02-10T00:00:00Z");
        ContentItem reserved = post().withReservation(new Reservation(ReservationSource.TDM_REP, reservedFrom));

        Decision decision = decide(OPT_OUT_POLICY, reserved, adult().build(), AS_OF);

        assertDenied(decision, Reason.ITEM_RESERVED, Evidence.Kind.ITEM_FACT, reservedFrom);
        assertEquals("item i-1 is reserved by TDM_REP", decision.evidence().description());
    }

    @Test
    void shouldDenyWithOptedOutForAMemberWhoseLatestChoiceIsAnOptOut() {
        ConsentEvent optOut = optOut("e-1", Purpose.GENERATIVE_AI_TRAINING, Instant.parse("2025-02-15T00:00:00Z"));

        Decision decision = decide(OPT_OUT_POLICY, post(), adult().consent(optOut).build(), AS_OF);

        assertDenied(decision, Reason.OPTED_OUT, Evidence.Kind.CONSENT_EVENT, optOut.effectiveAt());
        assertEquals(Optional.of(optOut), decision.evidence().consentEvent());
    }

    @Test
    void shouldDenyWithNoConsentUnderConsentWhenTheMemberHasNotOptedIn() {
        Decision decision = decide(CONSENT_POLICY, post(), adult().build(), AS_OF);

        assertDenied(decision, Reason.NO_CONSENT, Evidence.Kind.POLICY_RULE, V1_FROM);
        assertEquals("version v1 needs an opt-in in DE by default under CONSENT", decision.evidence().description());
    }

    @Test
    void shouldDenyWithItemBeforeChoiceForAnItemCreatedBeforeTheMembersOptIn() {
        TrainingPolicy perMember = policy(Purpose.GENERATIVE_AI_TRAINING,
                rules().defaultBasis(LegalBasis.CONSENT).itemsFromMembersChoice(true).build());
        ConsentEvent optIn = optIn("e-1", Purpose.GENERATIVE_AI_TRAINING, Instant.parse("2025-02-15T00:00:00Z"));

        Decision decision = decide(perMember, post(), adult().consent(optIn).build(), AS_OF);

        assertDenied(decision, Reason.ITEM_BEFORE_CHOICE, Evidence.Kind.CONSENT_EVENT, optIn.effectiveAt());
        assertEquals(Optional.of(optIn), decision.evidence().consentEvent());
        assertEquals(Optional.of("i-1"), decision.evidence().itemId());
        assertEquals("item i-1 predates OPT_IN event e-1 for ai-training.generative via SETTINGS_TOGGLE, from which"
                + " version v1 counts the member's items", decision.evidence().description());
    }

    @Test
    void shouldCountAnItemResumedFromTheOptInItself() {
        TrainingPolicy perMember = policy(Purpose.GENERATIVE_AI_TRAINING,
                rules().defaultBasis(LegalBasis.CONSENT).itemsFromMembersChoice(true).build());
        Instant optInAt = Instant.parse("2025-02-15T00:00:00Z");
        Member member = adult().consent(optIn("e-1", Purpose.GENERATIVE_AI_TRAINING, optInAt)).build();

        assertEquals(Reason.ITEM_BEFORE_CHOICE,
                decide(perMember, post().withResumedAt(optInAt.minusNanos(1)), member, AS_OF).reason());
        assertEquals(Reason.ALLOWED_OPTED_IN, decide(perMember, post().withResumedAt(optInAt), member, AS_OF).reason());
    }

    @Test
    void shouldFailClosedUnderAnOptOutBasisWhenItemsCountFromAChoiceNeverMade() {
        TrainingPolicy perMember = policy(Purpose.GENERATIVE_AI_TRAINING, rules().itemsFromMembersChoice(true).build());

        Decision decision = decide(perMember, post(), adult().build(), AS_OF);

        assertDenied(decision, Reason.ITEM_BEFORE_CHOICE, Evidence.Kind.CONSENT_EVENT, null);
        assertEquals(Optional.empty(), decision.evidence().consentEvent());
        assertEquals("version v1 counts items only from the member's opt-in, and the member made no choice: item i-1"
                + " does not count", decision.evidence().description());
    }

    @Test
    void shouldNotRunTheChoiceScopeWhenTheChoiceItNeedsIsMissing() {
        TrainingPolicy consent = policy(Purpose.GENERATIVE_AI_TRAINING,
                rules().defaultBasis(LegalBasis.CONSENT).itemsFromMembersChoice(true).build());
        TrainingPolicy optOutBasis = policy(Purpose.GENERATIVE_AI_TRAINING, rules().itemsFromMembersChoice(true).build());
        Member optedOut = adult().consent(optOut("e-1", Purpose.GENERATIVE_AI_TRAINING,
                Instant.parse("2025-02-15T00:00:00Z"))).build();

        assertEquals(List.of(Reason.NO_CONSENT), decide(consent, post(), adult().build(), AS_OF).failedChecks());
        assertEquals(List.of(Reason.OPTED_OUT), decide(optOutBasis, post(), optedOut, AS_OF).failedChecks());
        assertEquals(List.of(Reason.JURISDICTION_UNKNOWN),
                decide(optOutBasis, post(), Member.builder("m-1").birthDate(LocalDate.of(1990, 1, 1)).build(), AS_OF)
                        .failedChecks());
    }

    @Test
    void shouldAllowByDefaultInAnOptOutRegimeWithNoChoiceRecorded() {
        Decision decision = decide(OPT_OUT_POLICY, post(), adult().build(), AS_OF);

        assertEvidence(decision, Reason.ALLOWED_BY_DEFAULT, Evidence.Kind.POLICY_RULE, V1_FROM);
        assertEquals(List.of(), decision.failedChecks());
        assertEquals("version v1 allows DE by default under LEGITIMATE_INTERESTS", decision.evidence().description());
    }

    @Test
    void shouldAllowAsOptedInWhenTheLatestChoiceIsAnOptIn() {
        ConsentEvent optIn = optIn("e-1", Purpose.GENERATIVE_AI_TRAINING, Instant.parse("2025-02-15T00:00:00Z"));

        Decision decision = decide(CONSENT_POLICY, post(), adult().consent(optIn).build(), AS_OF);

        assertEvidence(decision, Reason.ALLOWED_OPTED_IN, Evidence.Kind.CONSENT_EVENT, optIn.effectiveAt());
        assertEquals(List.of(), decision.failedChecks());
        assertEquals(Optional.of(optIn), decision.evidence().consentEvent());
    }

    // Ties and half-open intervals.

    @Test
    void shouldLetAnOptOutWinATieWithAnOptInAtTheSameInstant() {
        Instant tie = Instant.parse("2025-02-15T00:00:00Z");
        ConsentEvent optOut = new ConsentEvent("e-1", Purpose.GENERATIVE_AI_TRAINING, ConsentChoice.OPT_OUT, tie, tie,
                ConsentChannel.SETTINGS_TOGGLE);
        // Recorded later and listed last, the opt-in still loses.
        ConsentEvent optIn = new ConsentEvent("e-2", Purpose.GENERATIVE_AI_TRAINING, ConsentChoice.OPT_IN, tie,
                tie.plusSeconds(60), ConsentChannel.API);

        Decision decision = decide(CONSENT_POLICY, post(), adult().consent(optOut, optIn).build(), tie);

        assertEquals(Reason.OPTED_OUT, decision.reason());
        assertEquals(Optional.of(optOut), decision.evidence().consentEvent());
    }

    @Test
    void shouldApplyAnOptOutFromItsEffectiveInstantItself() {
        Instant effectiveAt = Instant.parse("2025-02-15T00:00:00Z");
        Member optedOut = adult().consent(optOut("e-1", Purpose.GENERATIVE_AI_TRAINING, effectiveAt)).build();

        assertEquals(Reason.ALLOWED_BY_DEFAULT,
                decide(OPT_OUT_POLICY, post(), optedOut, effectiveAt.minusNanos(1)).reason());
        assertEquals(Reason.OPTED_OUT, decide(OPT_OUT_POLICY, post(), optedOut, effectiveAt).reason());
    }

    @Test
    void shouldDenyADeletedItemFromItsDeletionInstantItself() {
        Instant deletedAt = Instant.parse("2025-02-20T00:00:00Z");
        ContentItem deleted = post().withDeletedAt(deletedAt);

        assertEquals(Reason.ALLOWED_BY_DEFAULT,
                decide(OPT_OUT_POLICY, deleted, adult().build(), deletedAt.minusNanos(1)).reason());
        assertEquals(Reason.ITEM_DELETED, decide(OPT_OUT_POLICY, deleted, adult().build(), deletedAt).reason());
    }

    @Test
    void shouldAllowAnItemFromItsCreationInstantItself() {
        assertEquals(Reason.ITEM_NOT_YET_CREATED,
                decide(OPT_OUT_POLICY, post(), adult().build(), CREATED.minusNanos(1)).reason());
        assertEquals(Reason.ALLOWED_BY_DEFAULT, decide(OPT_OUT_POLICY, post(), adult().build(), CREATED).reason());
    }

    @Test
    void shouldApplyAVersionFromItsEffectiveInstantItself() {
        Instant v2From = Instant.parse("2025-06-01T00:00:00Z");
        TrainingPolicy twoVersions = policy(Purpose.GENERATIVE_AI_TRAINING, rules().build(),
                rules("v2", v2From).exclude(Jurisdiction.EU).build());

        Decision before = decide(twoVersions, post(), adult().build(), v2From.minusNanos(1));
        Decision at = decide(twoVersions, post(), adult().build(), v2From);

        assertEquals(Optional.of("v1"), before.policyVersion());
        assertEquals(Reason.ALLOWED_BY_DEFAULT, before.reason());
        assertEquals(Optional.of("v2"), at.policyVersion());
        assertEquals(Reason.JURISDICTION_EXCLUDED, at.reason());
    }

    @Test
    void shouldDenyFromTheAccountClosureInstantItself() {
        Instant closedAt = Instant.parse("2025-02-25T00:00:00Z");
        Member closed = adult().closedAt(closedAt).build();

        assertEquals(Reason.ALLOWED_BY_DEFAULT,
                decide(OPT_OUT_POLICY, post(), closed, closedAt.minusNanos(1)).reason());
        assertEquals(Reason.ACCOUNT_CLOSED, decide(OPT_OUT_POLICY, post(), closed, closedAt).reason());
    }

    @Test
    void shouldApplyAReservationOnlyFromItsEffectiveInstant() {
        Instant reservedFrom = Instant.parse("2025-02-10T00:00:00Z");
        ContentItem reserved = post()
                .withReservation(new Reservation(ReservationSource.IPTC_DATA_MINING, reservedFrom));

        assertEquals(Reason.ALLOWED_BY_DEFAULT,
                decide(OPT_OUT_POLICY, reserved, adult().build(), reservedFrom.minusNanos(1)).reason());
        assertEquals(Reason.ITEM_RESERVED, decide(OPT_OUT_POLICY, reserved, adult().build(), reservedFrom).reason());
    }

    @Test
    void shouldComeOfAgeAtTheStartOfTheUtcBirthday() {
        Member turningEighteen = adult().birthDate(LocalDate.of(2007, 3, 1)).build();
        ContentItem writtenAsAdult = ContentItem.of("i-1", "m-1", DataCategory.PUBLIC_CONTENT, AS_OF);
        ContentItem writtenTheSecondBefore = ContentItem.of("i-2", "m-1", DataCategory.PUBLIC_CONTENT,
                AS_OF.minusSeconds(1));

        assertEquals(Reason.ALLOWED_BY_DEFAULT,
                decide(OPT_OUT_POLICY, writtenAsAdult, turningEighteen, AS_OF).reason());
        assertEquals(Reason.CREATED_WHILE_MINOR,
                decide(OPT_OUT_POLICY, writtenTheSecondBefore, turningEighteen, AS_OF).reason());
    }

    // The most specific jurisdiction rule wins.

    @Test
    void shouldLetASubdivisionRuleWinOverItsCountryRule() {
        TrainingPolicy californiaOnly = policy(Purpose.GENERATIVE_AI_TRAINING, rules()
                .exclude(Jurisdiction.of("US"))
                .basis(Jurisdiction.of("US-CA"), LegalBasis.LEGITIMATE_INTERESTS)
                .build());

        Member californian = adult().residentIn(Jurisdiction.of("US-CA")).build();
        Member newYorker = adult().residentIn(Jurisdiction.of("US-NY")).build();

        Decision california = decide(californiaOnly, post(), californian, AS_OF);
        Decision newYork = decide(californiaOnly, post(), newYorker, AS_OF);

        assertEquals(Reason.ALLOWED_BY_DEFAULT, california.reason());
        assertEquals("version v1 allows US-CA by its rule for US-CA under LEGITIMATE_INTERESTS",
                california.evidence().description());
        assertEquals(Reason.JURISDICTION_EXCLUDED, newYork.reason());
        assertEquals("version v1 excludes US-NY by its rule for US", newYork.evidence().description());
    }

    @Test
    void shouldLetACountryRuleWinOverTheEuAndEeaRules() {
        Decision france = decide(layeredEurope(), post(), adult().residentIn(Jurisdiction.of("FR")).build(), AS_OF);

        assertEquals(Reason.ALLOWED_BY_DEFAULT, france.reason());
        assertEquals("version v1 allows FR by its rule for FR under LEGITIMATE_INTERESTS",
                france.evidence().description());
    }

    @Test
    void shouldLetACountryRuleCoverItsSubdivisions() {
        Decision paris = decide(layeredEurope(), post(), adult().residentIn(Jurisdiction.of("FR-75")).build(), AS_OF);

        assertEquals(Reason.ALLOWED_BY_DEFAULT, paris.reason());
        assertEquals("version v1 allows FR-75 by its rule for FR under LEGITIMATE_INTERESTS",
                paris.evidence().description());
    }

    @Test
    void shouldLetTheEuRuleWinOverTheEeaRule() {
        Decision germany = decide(layeredEurope(), post(), adult().build(), AS_OF);

        assertEquals(Reason.NO_CONSENT, germany.reason());
        assertEquals("version v1 needs an opt-in in DE by its rule for EU under CONSENT",
                germany.evidence().description());
    }

    @Test
    void shouldLetTheEeaRuleWinOverTheDefault() {
        Decision norway = decide(layeredEurope(), post(), adult().residentIn(Jurisdiction.of("NO")).build(), AS_OF);

        assertEquals(Reason.JURISDICTION_EXCLUDED, norway.reason());
        assertEquals("version v1 excludes NO by its rule for EEA", norway.evidence().description());
    }

    @Test
    void shouldApplyTheDefaultWhereNoRuleMatches() {
        Decision japan = decide(layeredEurope(), post(), adult().residentIn(Jurisdiction.of("JP")).build(), AS_OF);

        assertEquals(Reason.ALLOWED_BY_DEFAULT, japan.reason());
        assertEquals("version v1 allows JP by default under LEGITIMATE_INTERESTS", japan.evidence().description());
    }

    @Test
    void shouldJudgeAMemberWhoMovedByTheJurisdictionInForceAtAsOf() {
        Instant movedAt = Instant.parse("2025-02-20T00:00:00Z");
        TrainingPolicy euExcluded = policy(Purpose.GENERATIVE_AI_TRAINING, rules().exclude(Jurisdiction.EU).build());
        Member mover = adult().residentIn(Jurisdiction.of("US"), movedAt).build();

        assertEquals(Reason.JURISDICTION_EXCLUDED, decide(euExcluded, post(), mover, movedAt.minusNanos(1)).reason());
        assertEquals(Reason.ALLOWED_BY_DEFAULT, decide(euExcluded, post(), mover, movedAt).reason());
    }

    // Purposes: a choice covers its own purpose and every narrower one.

    @Test
    void shouldLetAnOptOutOfAllAiTrainingCoverAGenerativeAiPolicy() {
        ConsentEvent optOut = optOut("e-1", Purpose.AI_TRAINING, Instant.parse("2025-02-15T00:00:00Z"));

        Decision decision = decide(OPT_OUT_POLICY, post(), adult().consent(optOut).build(), AS_OF);

        assertEquals(Reason.OPTED_OUT, decision.reason());
        assertEquals(Optional.of(optOut), decision.evidence().consentEvent());
    }

    @Test
    void shouldLetAnOptInToAllAiTrainingCoverAGenerativeAiConsentPolicy() {
        ConsentEvent optIn = optIn("e-1", Purpose.AI_TRAINING, Instant.parse("2025-02-15T00:00:00Z"));

        Decision decision = decide(CONSENT_POLICY, post(), adult().consent(optIn).build(), AS_OF);

        assertEquals(Reason.ALLOWED_OPTED_IN, decision.reason());
    }

    @Test
    void shouldNotLetAnOptOutOfGenerativeAiCoverABroaderAiTrainingPolicy() {
        TrainingPolicy allTraining = policy(Purpose.AI_TRAINING, rules().build());
        Member optedOut = adult()
                .consent(optOut("e-1", Purpose.GENERATIVE_AI_TRAINING, Instant.parse("2025-02-15T00:00:00Z")))
                .build();

        Decision decision = decide(allTraining, post(), optedOut, AS_OF);

        assertEquals(Reason.ALLOWED_BY_DEFAULT, decision.reason());
    }

    @Test
    void shouldNotLetAChoiceForASiblingPurposeCoverThePolicy() {
        Member optedOutOfSafety = adult()
                .consent(optOut("e-1", Purpose.of("ai-training.safety"), Instant.parse("2025-02-15T00:00:00Z")))
                .build();

        Decision decision = decide(OPT_OUT_POLICY, post(), optedOutOfSafety, AS_OF);

        assertEquals(Reason.ALLOWED_BY_DEFAULT, decision.reason());
    }

    // Every failure is listed; the first is the reason; checks without their facts are not run.

    @Test
    void shouldListEveryFailedCheckInEvaluationOrder() {
        Decision decision = decide(OPT_OUT_POLICY, deletedMessage(), optedOutMinor(), AS_OF);

        assertEquals(List.of(Reason.ITEM_DELETED, Reason.CATEGORY_EXCLUDED, Reason.CATEGORY_NOT_COVERED, Reason.MINOR,
                Reason.CREATED_WHILE_MINOR, Reason.OPTED_OUT), decision.failedChecks());
    }

    @Test
    void shouldNameTheFirstFailedCheckAsTheReasonAndExplainIt() {
        Decision decision = decide(OPT_OUT_POLICY, deletedMessage(), optedOutMinor(), AS_OF);

        assertEvidence(decision, Reason.ITEM_DELETED, Evidence.Kind.ITEM_FACT, Instant.parse("2025-02-20T00:00:00Z"));
    }

    @Test
    void shouldNotRunTheVersionsChecksWhenNoVersionIsInForce() {
        Instant beforeV1 = Instant.parse("2024-12-31T00:00:00Z");
        ContentItem message = ContentItem.of("i-1", "m-1", DataCategory.PRIVATE_MESSAGES,
                Instant.parse("2024-12-01T00:00:00Z"));
        Member minor = adult().birthDate(LocalDate.of(2008, 6, 15)).build();

        Decision decision = decide(CONSENT_POLICY, message, minor, beforeV1);

        assertEquals(List.of(Reason.POLICY_NOT_IN_FORCE), decision.failedChecks());
    }

    @Test
    void shouldStillListTheChecksThatNeedNoVersionWhenNoVersionIsInForce() {
        Instant beforeV1 = Instant.parse("2024-12-31T00:00:00Z");
        ContentItem item = ContentItem.of("i-1", "m-1", DataCategory.PUBLIC_CONTENT,
                Instant.parse("2024-06-01T00:00:00Z"), Instant.parse("2024-11-01T00:00:00Z"),
                List.of(new Reservation(ReservationSource.ITEM_FLAG, Instant.parse("2024-07-01T00:00:00Z"))));
        Member member = Member.builder("m-1").birthDate(LocalDate.of(1990, 6, 15))
                .closedAt(Instant.parse("2024-11-15T00:00:00Z"))
                .consent(optOut("e-1", Purpose.GENERATIVE_AI_TRAINING, Instant.parse("2024-10-01T00:00:00Z")))
                .build();

        Decision decision = decide(OPT_OUT_POLICY, item, member, beforeV1);

        assertEquals(List.of(Reason.POLICY_NOT_IN_FORCE, Reason.ITEM_DELETED, Reason.ACCOUNT_CLOSED,
                Reason.JURISDICTION_UNKNOWN, Reason.ITEM_RESERVED, Reason.OPTED_OUT), decision.failedChecks());
    }

    @Test
    void shouldNotListNoConsentForAnExcludedJurisdiction() {
        Decision decision = decide(CONSENT_POLICY, post(), adult().residentIn(CH).build(), AS_OF);

        assertEquals(List.of(Reason.JURISDICTION_EXCLUDED), decision.failedChecks());
    }

    @Test
    void shouldNotListNoConsentForAnUnknownJurisdiction() {
        Member nowhere = Member.builder("m-1").birthDate(LocalDate.of(1990, 6, 15)).build();

        Decision decision = decide(CONSENT_POLICY, post(), nowhere, AS_OF);

        assertEquals(List.of(Reason.JURISDICTION_UNKNOWN), decision.failedChecks());
    }

    // Unknown ages.

    @Test
    void shouldAllowAMemberWithNoBirthDateWhenTheVersionTreatsUnknownAgesAsAdult() {
        TrainingPolicy verifiedAdults = policy(Purpose.GENERATIVE_AI_TRAINING,
                rules().unknownAge(UnknownAge.TREAT_AS_ADULT).build());
        Member ageless = Member.builder("m-1").residentIn(DE).build();

        Decision decision = decide(verifiedAdults, post(), ageless, AS_OF);

        assertEquals(Reason.ALLOWED_BY_DEFAULT, decision.reason());
    }

    @Test
    void shouldStillDenyAKnownMinorWhenTheVersionTreatsUnknownAgesAsAdult() {
        TrainingPolicy verifiedAdults = policy(Purpose.GENERATIVE_AI_TRAINING,
                rules().unknownAge(UnknownAge.TREAT_AS_ADULT).build());
        Member minor = adult().birthDate(LocalDate.of(2008, 6, 15)).build();

        Decision decision = decide(verifiedAdults, post(), minor, AS_OF);

        assertEquals(Reason.MINOR, decision.reason());
    }

    @Test
    void shouldSkipEveryAgeCheckWithoutAMinimumAge() {
        TrainingPolicy anyAge = policy(Purpose.GENERATIVE_AI_TRAINING, rules().minimumAge(0).build());
        Member ageless = Member.builder("m-1").residentIn(DE).build();
        Member child = adult().birthDate(LocalDate.of(2020, 6, 15)).build();

        assertEquals(Reason.ALLOWED_BY_DEFAULT, decide(anyAge, post(), ageless, AS_OF).reason());
        assertEquals(Reason.ALLOWED_BY_DEFAULT, decide(anyAge, post(), child, AS_OF).reason());
    }

    // The one-line form of a decision, as pinned in the documentation of Decision.

    @Test
    void shouldPrintAnOptedOutDecisionAsDocumented() {
        Decision decision = RealPrograms.linkedIn().evaluate(readmePost(), readmeMember(),
                Instant.parse("2025-11-12T00:00:00Z"));

        assertEquals("post-1 of m-1 at 2025-11-12T00:00:00Z: not trainable (OPTED_OUT) under linkedin-genai@2025-11;"
                + " failed [OPTED_OUT]; evidence: OPT_OUT event e-7 for ai-training.generative via SETTINGS_TOGGLE"
                + " at 2025-11-10T00:00:00Z", decision.toString());
    }

    @Test
    void shouldPrintAnAuditDecisionAsDocumented() {
        Decision decision = RealPrograms.linkedIn().asKnownAt(Instant.parse("2025-11-20T00:00:00Z")).evaluate(readmePost(), readmeMember(),
                Instant.parse("2025-11-05T00:00:00Z"));

        assertEquals("post-1 of m-1 at 2025-11-05T00:00:00Z as known at 2025-11-20T00:00:00Z: trainable"
                + " (ALLOWED_BY_DEFAULT) under linkedin-genai@2025-11; evidence: version 2025-11 allows DE by its rule"
                + " for EU under LEGITIMATE_INTERESTS at 2025-11-03T00:00:00Z", decision.toString());
    }

    private static ContentItem readmePost() {
        return ContentItem.of("post-1", "m-1", DataCategory.PUBLIC_CONTENT, Instant.parse("2025-10-01T12:00:00Z"));
    }

    private static Member readmeMember() {
        return Member.builder("m-1")
                .birthDate(LocalDate.of(1990, 4, 1))
                .residentIn(DE)
                .consent(ConsentEvent.optOut("e-7", Purpose.GENERATIVE_AI_TRAINING,
                        Instant.parse("2025-11-10T00:00:00Z"), Instant.parse("2025-11-10T00:00:05Z"),
                        ConsentChannel.SETTINGS_TOGGLE))
                .build();
    }

    /**
     * A version that excludes the EEA, needs consent in the EU and gives France its own basis, its
     * rules given least specific first.
     */
    private static TrainingPolicy layeredEurope() {
        return policy(Purpose.GENERATIVE_AI_TRAINING, rules()
                .exclude(Jurisdiction.EEA)
                .basis(Jurisdiction.EU, LegalBasis.CONSENT)
                .basis(Jurisdiction.of("FR"), LegalBasis.LEGITIMATE_INTERESTS)
                .build());
    }

    private static ContentItem deletedMessage() {
        return ContentItem.of("i-1", "m-1", DataCategory.PRIVATE_MESSAGES, CREATED)
                .withDeletedAt(Instant.parse("2025-02-20T00:00:00Z"));
    }

    private static Member optedOutMinor() {
        return adult().birthDate(LocalDate.of(2008, 6, 15))
                .consent(optOut("e-1", Purpose.GENERATIVE_AI_TRAINING, Instant.parse("2025-02-15T00:00:00Z")))
                .build();
    }

    private static PolicyVersion.Builder rules() {
        return rules("v1", V1_FROM);
    }

    /** Legitimate interests, Switzerland excluded, content and profile used, private messages never, adults only. */
    private static PolicyVersion.Builder rules(String id, Instant from) {
        return PolicyVersion.builder(id, from)
                .defaultBasis(LegalBasis.LEGITIMATE_INTERESTS)
                .exclude(CH)
                .allow(DataCategory.CONTENT, DataCategory.PROFILE_DETAILS)
                .neverAllow(DataCategory.PRIVATE_MESSAGES)
                .minimumAge(18);
    }

    private static TrainingPolicy policy(Purpose purpose, PolicyVersion... versions) {
        TrainingPolicy.Builder builder = TrainingPolicy.builder("p", purpose);
        for (PolicyVersion version : versions) {
            builder.version(version);
        }
        return builder.build();
    }

    /** An adult in Germany, the author of {@link #post()}. */
    private static Member.Builder adult() {
        return Member.builder("m-1").birthDate(LocalDate.of(1990, 6, 15)).residentIn(DE);
    }

    private static ContentItem post() {
        return ContentItem.of("i-1", "m-1", DataCategory.PUBLIC_CONTENT, CREATED);
    }

    private static ConsentEvent optOut(String id, Purpose purpose, Instant effectiveAt) {
        return ConsentEvent.optOut(id, purpose, effectiveAt, effectiveAt, ConsentChannel.SETTINGS_TOGGLE);
    }

    private static ConsentEvent optIn(String id, Purpose purpose, Instant effectiveAt) {
        return ConsentEvent.optIn(id, purpose, effectiveAt, effectiveAt, ConsentChannel.SETTINGS_TOGGLE);
    }

    /** Evaluates, and checks that the fast answer agrees with the explained one. */
    private static Decision decide(TrainingPolicy policy, ContentItem item, Member member, Instant asOf) {
        Decision decision = policy.evaluate(item, member, asOf);
        assertEquals(decision.trainable(), policy.isTrainable(item, member, asOf),
                () -> "isTrainable disagrees with " + decision);
        return decision;
    }

    /** The decision denies for {@code reason} alone, with evidence of that kind dated {@code at}. */
    private static void assertDenied(Decision decision, Reason reason, Evidence.Kind kind, @Nullable Instant at) {
        assertFalse(decision.trainable(), decision::toString);
        assertEquals(List.of(reason), decision.failedChecks());
        assertEvidence(decision, reason, kind, at);
    }

    private static void assertEvidence(Decision decision, Reason reason, Evidence.Kind kind, @Nullable Instant at) {
        assertEquals(reason, decision.reason(), decision::toString);
        assertEquals(kind, decision.evidence().kind());
        assertEquals(Optional.ofNullable(at), decision.evidence().at());
    }
}
