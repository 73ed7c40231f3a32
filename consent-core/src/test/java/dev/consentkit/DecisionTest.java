package dev.consentkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.testing.EqualsTester;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** Shows that a decision made from stored values must be consistent, and how it reads and prints. */
class DecisionTest {

    private static final Instant AS_OF = Instant.parse("2025-11-12T00:00:00Z");
    private static final Instant KNOWN_AT = Instant.parse("2025-11-20T00:00:00Z");
    private static final ConsentEvent OPT_OUT = ConsentEvent.optOut("e-7", Purpose.GENERATIVE_AI_TRAINING,
            Instant.parse("2025-11-10T00:00:00Z"), Instant.parse("2025-11-10T00:00:05Z"), ConsentChannel.SETTINGS_TOGGLE);
    private static final Evidence OPT_OUT_EVIDENCE = Evidence.of(OPT_OUT);
    private static final Evidence RULE = Evidence.builder(Reason.ALLOWED_BY_DEFAULT).policyVersion("2025-11")
            .jurisdiction(Jurisdiction.of("DE"), JurisdictionRule.withBasis(Jurisdiction.EU, LegalBasis.LEGITIMATE_INTERESTS))
            .basis(LegalBasis.LEGITIMATE_INTERESTS).at(Instant.parse("2025-11-03T00:00:00Z")).build();

    /** Evidence for any reason, as an earlier format recorded it. */
    private static Evidence recorded(Reason reason) {
        boolean byEvent = Evidence.Kind.of(reason) == Evidence.Kind.CONSENT_EVENT;
        ConsentEvent event = reason == Reason.ALLOWED_OPTED_IN
                ? ConsentEvent.optIn("e-8", Purpose.GENERATIVE_AI_TRAINING, AS_OF, ConsentChannel.API) : OPT_OUT;
        return Evidence.recorded(reason, "recorded words", byEvent ? event.effectiveAt() : AS_OF, byEvent ? event : null);
    }

    private static Decision of(String itemId, String memberId, Instant asOf, @Nullable Instant knownAt,
            List<Reason> failedChecks, String policyId, @Nullable String policyVersion, Evidence evidence) {
        Decision.Builder builder = Decision.builder(itemId, memberId, asOf).failedChecks(failedChecks)
                .policy(policyId, policyVersion).evidence(evidence);
        if (knownAt != null) {
            builder.knownAt(knownAt);
        }
        return builder.build();
    }

    private static Decision decision(Reason reason, List<Reason> failedChecks, @Nullable String policyVersion) {
        return of("post-1", "m-1", AS_OF, null, failedChecks, "linkedin-genai", policyVersion, recorded(reason));
    }

    @Test
    void shouldHoldWhatItWasMadeFrom() {
        Decision decision = of("post-1", "m-1", AS_OF, KNOWN_AT, List.of(Reason.OPTED_OUT), "linkedin-genai", "2025-11", OPT_OUT_EVIDENCE);

        assertEquals("post-1", decision.itemId());
        assertEquals("m-1", decision.memberId());
        assertEquals(AS_OF, decision.asOf());
        assertEquals(Optional.of(KNOWN_AT), decision.knownAt());
        assertEquals(Reason.OPTED_OUT, decision.reason());
        assertEquals(List.of(Reason.OPTED_OUT), decision.failedChecks());
        assertEquals("linkedin-genai", decision.policyId());
        assertEquals(Optional.of("2025-11"), decision.policyVersion());
        assertEquals(OPT_OUT_EVIDENCE, decision.evidence());
    }

    @Test
    void shouldBeTrainableExactlyForATrainableReason() {
        assertTrue(decision(Reason.ALLOWED_BY_DEFAULT, List.of(), "2025-11").trainable());
        assertTrue(decision(Reason.ALLOWED_OPTED_IN, List.of(), "2025-11").trainable());
        assertFalse(decision(Reason.OPTED_OUT, List.of(Reason.OPTED_OUT), "2025-11").trainable());
    }

    @Test
    void shouldHaveNoKnowledgeInstantWhenMadeWithoutOne() {
        assertEquals(Optional.empty(), decision(Reason.ALLOWED_BY_DEFAULT, List.of(), "2025-11").knownAt());
    }

    @Test
    void shouldHaveNoVersionWhenNoVersionIsInForce() {
        Decision decision = decision(Reason.POLICY_NOT_IN_FORCE, List.of(Reason.POLICY_NOT_IN_FORCE), null);

        assertEquals(Optional.empty(), decision.policyVersion());
    }

    @Test
    void shouldListEveryFailedCheckInEvaluationOrder() {
        List<Reason> failed = List.of(Reason.ITEM_DELETED, Reason.CATEGORY_EXCLUDED, Reason.MINOR, Reason.OPTED_OUT);

        Decision decision = decision(Reason.ITEM_DELETED, failed, "2025-11");

        assertEquals(failed, decision.failedChecks());
    }

    @Test
    void shouldTellWhetherACheckFailed() {
        Decision decision = decision(Reason.ITEM_DELETED, List.of(Reason.ITEM_DELETED, Reason.MINOR), "2025-11");

        assertTrue(decision.failed(Reason.MINOR));
        assertFalse(decision.failed(Reason.OPTED_OUT));
        assertFalse(decision.failed(Reason.ALLOWED_BY_DEFAULT));
    }

    @Test
    void shouldNotLetCallersChangeTheFailedChecks() {
        List<Reason> failed = decision(Reason.MINOR, List.of(Reason.MINOR), "2025-11").failedChecks();

        assertThrows(UnsupportedOperationException.class, () -> failed.add(Reason.OPTED_OUT));
    }

    @Test
    void shouldNotLetCallersChangeAnEmptyFailedChecksList() {
        List<Reason> failed = decision(Reason.ALLOWED_OPTED_IN, List.of(), "2025-11").failedChecks();

        assertThrows(UnsupportedOperationException.class, () -> failed.add(Reason.OPTED_OUT));
    }

    @Test
    void shouldNotChangeWhenTheGivenListChangesAfterwards() {
        List<Reason> given = new ArrayList<>(List.of(Reason.MINOR));
        Decision decision = decision(Reason.MINOR, given, "2025-11");

        given.add(Reason.OPTED_OUT);

        assertEquals(List.of(Reason.MINOR), decision.failedChecks());
    }

    @Test
    void shouldRejectATrainableReasonWithFailedChecks() {
        List<Reason> failed = List.of(Reason.MINOR);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> decision(Reason.ALLOWED_BY_DEFAULT, failed, "2025-11"));

        assertEquals("reason ALLOWED_BY_DEFAULT contradicts failed checks [MINOR]", e.getMessage());
    }

    @Test
    void shouldRejectADenyingReasonWithNoFailedCheck() {
        List<Reason> failed = List.of();

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> decision(Reason.OPTED_OUT, failed, "2025-11"));

        assertEquals("reason OPTED_OUT contradicts failed checks []", e.getMessage());
    }

    @Test
    void shouldRejectFailedChecksOutOfEvaluationOrder() {
        List<Reason> failed = List.of(Reason.MINOR, Reason.ITEM_DELETED);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> decision(Reason.MINOR, failed, "2025-11"));

        assertEquals("failed checks are not distinct and in evaluation order: [MINOR, ITEM_DELETED]", e.getMessage());
    }

    @Test
    void shouldRejectAFailedCheckListedTwice() {
        List<Reason> failed = List.of(Reason.MINOR, Reason.MINOR);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> decision(Reason.MINOR, failed, "2025-11"));

        assertEquals("failed checks are not distinct and in evaluation order: [MINOR, MINOR]", e.getMessage());
    }

    @Test
    void shouldRejectAReasonThatIsNotTheFirstFailedCheck() {
        List<Reason> failed = List.of(Reason.ITEM_DELETED, Reason.OPTED_OUT);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> decision(Reason.OPTED_OUT, failed, "2025-11"));

        assertEquals("reason OPTED_OUT is not the first failed check of [ITEM_DELETED, OPTED_OUT]", e.getMessage());
    }

    @Test
    void shouldRejectAReasonThatDidNotFail() {
        List<Reason> failed = List.of(Reason.ITEM_DELETED);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> decision(Reason.ACCOUNT_CLOSED, failed, "2025-11"));

        assertEquals("reason ACCOUNT_CLOSED is not the first failed check of [ITEM_DELETED]", e.getMessage());
    }

    @Test
    void shouldRejectATrainableCodeAmongTheFailedChecks() {
        List<Reason> failed = List.of(Reason.MINOR, Reason.ALLOWED_BY_DEFAULT);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> decision(Reason.MINOR, failed, "2025-11"));

        assertEquals("failed checks list ALLOWED_BY_DEFAULT, which is not a failure: [MINOR, ALLOWED_BY_DEFAULT]",
                e.getMessage());
    }

    @Test
    void shouldRejectAMissingVersionWhenAVersionWasInForce() {
        List<Reason> failed = List.of(Reason.OPTED_OUT);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> decision(Reason.OPTED_OUT, failed, null));

        assertEquals("a decision names its policy version unless no version is in force; reason OPTED_OUT with "
                + "policy version null", e.getMessage());
    }

    @Test
    void shouldRejectAVersionWhenNoVersionWasInForce() {
        List<Reason> failed = List.of(Reason.POLICY_NOT_IN_FORCE);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> decision(Reason.POLICY_NOT_IN_FORCE, failed, "2025-11"));

        assertEquals("a decision names its policy version unless no version is in force; reason POLICY_NOT_IN_FORCE "
                + "with policy version 2025-11", e.getMessage());
    }

    @Test
    void shouldNameTheIndexOfANullFailedCheck() {
        List<Reason> failed = Arrays.asList(Reason.MINOR, null);

        NullPointerException e = assertThrows(NullPointerException.class,
                () -> decision(Reason.MINOR, failed, "2025-11"));

        assertEquals("failedChecks[1]", e.getMessage());
    }

    @Test
    void shouldPrintADenialAsItsDocumentationShows() {
        Decision decision = of("post-1", "m-1", AS_OF, null, List.of(Reason.OPTED_OUT), "linkedin-genai", "2025-11", OPT_OUT_EVIDENCE);

        assertEquals("post-1 of m-1 at 2025-11-12T00:00:00Z: not trainable (OPTED_OUT) under linkedin-genai@2025-11; "
                + "failed [OPTED_OUT]; evidence: OPT_OUT event e-7 for ai-training.generative via SETTINGS_TOGGLE at "
                + "2025-11-10T00:00:00Z", decision.toString());
    }

    @Test
    void shouldPrintAnAuditDecisionAsItsDocumentationShows() {
        Decision decision = of("post-1", "m-1", Instant.parse("2025-11-05T00:00:00Z"), KNOWN_AT, List.of(), "linkedin-genai", "2025-11", RULE);

        assertEquals("post-1 of m-1 at 2025-11-05T00:00:00Z as known at 2025-11-20T00:00:00Z: trainable "
                + "(ALLOWED_BY_DEFAULT) under linkedin-genai@2025-11; evidence: version 2025-11 allows DE by its rule "
                + "for EU under LEGITIMATE_INTERESTS at 2025-11-03T00:00:00Z", decision.toString());
    }

    @Test
    void shouldPrintThatNoVersionWasInForce() {
        Evidence evidence = Evidence.builder(Reason.POLICY_NOT_IN_FORCE).policyId("linkedin-genai")
                .policyVersion("2024-09").at(Instant.parse("2024-09-18T00:00:00Z")).build();
        Decision decision = of("post-1", "m-1", Instant.parse("2024-01-01T00:00:00Z"), null, List.of(Reason.POLICY_NOT_IN_FORCE, Reason.ITEM_NOT_YET_CREATED), "linkedin-genai", null, evidence);

        assertEquals("post-1 of m-1 at 2024-01-01T00:00:00Z: not trainable (POLICY_NOT_IN_FORCE) under linkedin-genai "
                + "(no version in force); failed [POLICY_NOT_IN_FORCE, ITEM_NOT_YET_CREATED]; evidence: policy "
                + "linkedin-genai takes effect with version 2024-09 at 2024-09-18T00:00:00Z", decision.toString());
    }

    @Test
    void shouldBeEqualExactlyWhenEveryValueIsEqual() {
        List<Reason> out = List.of(Reason.OPTED_OUT);
        new EqualsTester()
                .addEqualityGroup(
                        of("post-1", "m-1", AS_OF, null, out, "p", "v", OPT_OUT_EVIDENCE),
                        of("post-1", "m-1", AS_OF, null, new ArrayList<>(out), "p", "v", Evidence.of(OPT_OUT)))
                .addEqualityGroup(of("post-2", "m-1", AS_OF, null, out, "p", "v", OPT_OUT_EVIDENCE))
                .addEqualityGroup(of("post-1", "m-2", AS_OF, null, out, "p", "v", OPT_OUT_EVIDENCE))
                .addEqualityGroup(of("post-1", "m-1", KNOWN_AT, null, out, "p", "v", OPT_OUT_EVIDENCE))
                .addEqualityGroup(of("post-1", "m-1", AS_OF, KNOWN_AT, out, "p", "v", OPT_OUT_EVIDENCE))
                .addEqualityGroup(of("post-1", "m-1", AS_OF, null, List.of(Reason.MINOR, Reason.OPTED_OUT), "p", "v", recorded(Reason.MINOR)))
                .addEqualityGroup(of("post-1", "m-1", AS_OF, null, List.of(Reason.MINOR), "p", "v", recorded(Reason.MINOR)))
                .addEqualityGroup(of("post-1", "m-1", AS_OF, null, out, "q", "v", OPT_OUT_EVIDENCE))
                .addEqualityGroup(of("post-1", "m-1", AS_OF, null, out, "p", "w", OPT_OUT_EVIDENCE))
                .addEqualityGroup(of("post-1", "m-1", AS_OF, null, out, "p", "v", recorded(Reason.OPTED_OUT)))
                .testEquals();
    }

    @Test
    void shouldRefuseEvidenceAboutAnotherItemMemberOrPolicy() {
        Evidence deleted = Evidence.builder(Reason.ITEM_DELETED).itemId("post-2").at(AS_OF).build();

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> of("post-1", "m-1", AS_OF, null, List.of(Reason.ITEM_DELETED), "p", "v", deleted));

        assertEquals("the evidence is about item post-2, the decision about item post-1", e.getMessage());
    }

    @Test
    void shouldRefuseADecisionWithoutEvidence() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Decision.builder("post-1", "m-1", AS_OF).failedChecks(List.of()).policy("p", "v").build());

        assertEquals("a decision needs its evidence", e.getMessage());
    }

    @Test
    void shouldComeToTheSameOutcomeWhateverTheWordsOrOtherFactsOfItsEvidence() {
        List<Reason> out = List.of(Reason.OPTED_OUT);
        Decision made = of("post-1", "m-1", AS_OF, null, out, "p", "v", OPT_OUT_EVIDENCE);
        Decision storedInOtherWords = of("post-1", "m-1", AS_OF, null, out, "p", "v",
                Evidence.recorded(Reason.OPTED_OUT, "the member switched the setting off", OPT_OUT.effectiveAt(), OPT_OUT));
        ConsentEvent otherEvent = ConsentEvent.optOut("e-9", Purpose.GENERATIVE_AI_TRAINING, AS_OF,
                ConsentChannel.SETTINGS_TOGGLE);

        assertTrue(made.sameOutcome(storedInOtherWords));
        assertFalse(made.equals(storedInOtherWords));
        assertFalse(made.sameOutcome(of("post-1", "m-1", AS_OF, null, out, "p", "v", Evidence.of(otherEvent))));
        assertFalse(made.sameOutcome(of("post-1", "m-1", AS_OF, null, out, "p", "w", OPT_OUT_EVIDENCE)));
        assertFalse(made.sameOutcome(decision(Reason.ITEM_DELETED, List.of(Reason.ITEM_DELETED, Reason.OPTED_OUT), "v")));
    }

    @Test
    void shouldKeepNoMemberItemOrPolicyOfWhatItWasMadeFrom() {
        for (java.lang.reflect.Field field : Decision.class.getDeclaredFields()) {
            assertFalse(List.of(Member.class, ContentItem.class, TrainingPolicy.class, PolicyVersion.class,
                    ConsentHistory.class).contains(field.getType()), field.toString());
        }
    }
}
