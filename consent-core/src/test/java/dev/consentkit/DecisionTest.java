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
import org.junit.jupiter.api.Test;

/** Shows that a decision made from stored values must be consistent, and how it reads and prints. */
class DecisionTest {

    private static final Instant AS_OF = Instant.parse("2025-11-12T00:00:00Z");
    private static final Instant KNOWN_AT = Instant.parse("2025-11-20T00:00:00Z");
    private static final ConsentEvent OPT_OUT = ConsentEvent.optOut("e-7", Purpose.GENERATIVE_AI_TRAINING,
            Instant.parse("2025-11-10T00:00:00Z"), Instant.parse("2025-11-10T00:00:05Z"), ConsentChannel.SETTINGS_TOGGLE);
    private static final Evidence OPT_OUT_EVIDENCE = Evidence.of(OPT_OUT);
    private static final Evidence RULE = Evidence.of(Evidence.Kind.POLICY_RULE,
            "version 2025-11 allows DE by its rule for EU under LEGITIMATE_INTERESTS", Instant.parse("2025-11-03T00:00:00Z"));

    private static Decision decision(Reason reason, List<Reason> failedChecks, String policyVersion) {
        return Decision.of("post-1", "m-1", AS_OF, null, reason, failedChecks, "linkedin-genai", policyVersion, RULE);
    }

    @Test
    void shouldHoldWhatItWasMadeFrom() {
        Decision decision = Decision.of("post-1", "m-1", AS_OF, KNOWN_AT, Reason.OPTED_OUT,
                List.of(Reason.OPTED_OUT), "linkedin-genai", "2025-11", OPT_OUT_EVIDENCE);

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
        Decision decision = Decision.of("post-1", "m-1", AS_OF, null, Reason.OPTED_OUT, List.of(Reason.OPTED_OUT),
                "linkedin-genai", "2025-11", OPT_OUT_EVIDENCE);

        assertEquals("post-1 of m-1 at 2025-11-12T00:00:00Z: not trainable (OPTED_OUT) under linkedin-genai@2025-11; "
                + "failed [OPTED_OUT]; evidence: OPT_OUT event e-7 for ai-training.generative via SETTINGS_TOGGLE at "
                + "2025-11-10T00:00:00Z", decision.toString());
    }

    @Test
    void shouldPrintAnAuditDecisionAsItsDocumentationShows() {
        Decision decision = Decision.of("post-1", "m-1", Instant.parse("2025-11-05T00:00:00Z"), KNOWN_AT,
                Reason.ALLOWED_BY_DEFAULT, List.of(), "linkedin-genai", "2025-11", RULE);

        assertEquals("post-1 of m-1 at 2025-11-05T00:00:00Z as known at 2025-11-20T00:00:00Z: trainable "
                + "(ALLOWED_BY_DEFAULT) under linkedin-genai@2025-11; evidence: version 2025-11 allows DE by its rule "
                + "for EU under LEGITIMATE_INTERESTS at 2025-11-03T00:00:00Z", decision.toString());
    }

    @Test
    void shouldPrintThatNoVersionWasInForce() {
        Evidence evidence = Evidence.of(Evidence.Kind.POLICY_RULE, "policy linkedin-genai takes effect with version 2024-09",
                Instant.parse("2024-09-18T00:00:00Z"));
        Decision decision = Decision.of("post-1", "m-1", Instant.parse("2024-01-01T00:00:00Z"), null,
                Reason.POLICY_NOT_IN_FORCE, List.of(Reason.POLICY_NOT_IN_FORCE, Reason.ITEM_NOT_YET_CREATED),
                "linkedin-genai", null, evidence);

        assertEquals("post-1 of m-1 at 2024-01-01T00:00:00Z: not trainable (POLICY_NOT_IN_FORCE) under linkedin-genai "
                + "(no version in force); failed [POLICY_NOT_IN_FORCE, ITEM_NOT_YET_CREATED]; evidence: policy "
                + "linkedin-genai takes effect with version 2024-09 at 2024-09-18T00:00:00Z", decision.toString());
    }

    @Test
    void shouldBeEqualExactlyWhenEveryValueIsEqual() {
        List<Reason> out = List.of(Reason.OPTED_OUT);
        new EqualsTester()
                .addEqualityGroup(
                        Decision.of("post-1", "m-1", AS_OF, null, Reason.OPTED_OUT, out, "p", "v", OPT_OUT_EVIDENCE),
                        Decision.of("post-1", "m-1", AS_OF, null, Reason.OPTED_OUT, new ArrayList<>(out), "p", "v",
                                Evidence.of(OPT_OUT)))
                .addEqualityGroup(Decision.of("post-2", "m-1", AS_OF, null, Reason.OPTED_OUT, out, "p", "v", OPT_OUT_EVIDENCE))
                .addEqualityGroup(Decision.of("post-1", "m-2", AS_OF, null, Reason.OPTED_OUT, out, "p", "v", OPT_OUT_EVIDENCE))
                .addEqualityGroup(Decision.of("post-1", "m-1", KNOWN_AT, null, Reason.OPTED_OUT, out, "p", "v",
                        OPT_OUT_EVIDENCE))
                .addEqualityGroup(Decision.of("post-1", "m-1", AS_OF, KNOWN_AT, Reason.OPTED_OUT, out, "p", "v",
                        OPT_OUT_EVIDENCE))
                .addEqualityGroup(Decision.of("post-1", "m-1", AS_OF, null, Reason.MINOR,
                        List.of(Reason.MINOR, Reason.OPTED_OUT), "p", "v", OPT_OUT_EVIDENCE))
                .addEqualityGroup(Decision.of("post-1", "m-1", AS_OF, null, Reason.MINOR, List.of(Reason.MINOR), "p", "v",
                        OPT_OUT_EVIDENCE))
                .addEqualityGroup(Decision.of("post-1", "m-1", AS_OF, null, Reason.OPTED_OUT, out, "q", "v",
                        OPT_OUT_EVIDENCE))
                .addEqualityGroup(Decision.of("post-1", "m-1", AS_OF, null, Reason.OPTED_OUT, out, "p", "w",
                        OPT_OUT_EVIDENCE))
                .addEqualityGroup(Decision.of("post-1", "m-1", AS_OF, null, Reason.OPTED_OUT, out, "p", "v", RULE))
                .testEquals();
    }
}
