package dev.consentkit.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Shows what a case result says about a case that passed and about each way a case can fail, in the exact words a test report shows. */
class CaseResultTest {

    private static List<CaseResult> results;

    @BeforeAll
    static void runTheSuiteWithWrongExpectations() throws IOException {
        results = PolicySuite.read(Fixtures.failingSuite()).run().results();
    }

    @Test
    void shouldSayInOneLineThatACasePassed() {
        CaseResult passed = results.get(0);

        assertTrue(passed.passed());
        assertEquals("\"right: trainable before the opt-out\" passed: trainable (ALLOWED_BY_DEFAULT)", passed.explanation());
    }

    @Test
    void shouldShowExpectedAndActualAnswerAndTheWholeDecisionForAFailure() {
        CaseResult failed = results.get(1);

        assertFalse(failed.passed());
        assertEquals("\"wrong: still trainable after the opt-out\" at line 38 failed\n"
                + "  expected: trainable (ALLOWED_BY_DEFAULT)\n"
                + "  actual:   not trainable (OPTED_OUT)\n"
                + "  decision: post-1 of m-1 at 2025-11-12T00:00:00Z: not trainable (OPTED_OUT) under linkedin-genai@2025-11;"
                + " failed [OPTED_OUT]; evidence: OPT_OUT event e-7 for ai-training.generative via SETTINGS_TOGGLE at"
                + " 2025-11-10T00:00:00Z\n"
                + "  failed checks: OPTED_OUT\n"
                + "  evidence: CONSENT_EVENT OPT_OUT event e-7 for ai-training.generative via SETTINGS_TOGGLE at"
                + " 2025-11-10T00:00:00Z", failed.explanation());
    }

    @Test
    void shouldSayNoneForTheFailedChecksOfATrainableDecision() {
        PolicyCase trainable = results.get(0).testCase();
        PolicyCase expectingNotTrainable = new PolicyCase("expecting not trainable", trainable.item(), trainable.member(),
                trainable.asOf(), null, false, null, 1);
        CaseResult failed = new CaseResult(expectingNotTrainable, results.get(0).decision());

        assertTrue(failed.explanation().contains("\n  failed checks: none\n"), failed.explanation());
    }

    @Test
    void shouldFailOnTheReasonAloneWhenTrainableMatches() {
        CaseResult wrongReason = results.get(2);

        assertFalse(wrongReason.passed());
        assertTrue(wrongReason.explanation().startsWith("\"wrong reason: private messages denied as an opt-out\" at line 40 failed\n"
                + "  expected: not trainable (OPTED_OUT)\n"
                + "  actual:   not trainable (CATEGORY_EXCLUDED)\n"), wrongReason.explanation());
    }

    @Test
    void shouldCheckOnlyTrainableWhenTheCaseNamesNoReason() {
        CaseResult noReason = results.get(3);

        assertFalse(noReason.passed());
        assertEquals("trainable", noReason.expected());
        assertEquals("not trainable (CATEGORY_EXCLUDED)", noReason.actual());
    }

    @Test
    void shouldExplainItselfAsItsStringForm() {
        assertEquals(results.get(1).explanation(), results.get(1).toString());
    }
}
