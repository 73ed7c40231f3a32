package dev.consentkit.suite;

import dev.consentkit.Decision;
import dev.consentkit.Reason;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What the policy answered to one {@link PolicyCase}, and whether that is the answer expected: the
 * same {@code trainable}, and the same reason when the case names one.
 *
 * <p>{@link #explanation()} is what a test report shows. For a case that passed it is one line:
 *
 * <pre>{@code
 * "the post after the opt-out" passed: not trainable (OPTED_OUT)
 * }</pre>
 *
 * <p>For a case that failed it gives the expected and the actual answer and the whole decision:
 *
 * <pre>{@code
 * "the post after the opt-out" at line 42 failed
 *   expected: trainable (ALLOWED_BY_DEFAULT)
 *   actual:   not trainable (OPTED_OUT)
 *   decision: post-1 of m-1 at 2025-11-12T00:00:00Z: not trainable (OPTED_OUT) under linkedin-genai@2025-11; failed [OPTED_OUT]; evidence: OPT_OUT event e-7 for ai-training.generative via SETTINGS_TOGGLE at 2025-11-10T00:00:00Z
 *   failed checks: OPTED_OUT
 *   evidence: CONSENT_EVENT OPT_OUT event e-7 for ai-training.generative via SETTINGS_TOGGLE at 2025-11-10T00:00:00Z
 * }</pre>
 *
 * Immutable.
 */
public final class CaseResult {

    private final PolicyCase testCase;
    private final Decision decision;

    CaseResult(PolicyCase testCase, Decision decision) {
        this.testCase = Objects.requireNonNull(testCase, "testCase");
        this.decision = Objects.requireNonNull(decision, "decision");
    }

    /** {@return the case} */
    public PolicyCase testCase() {
        return testCase;
    }

    /** {@return the policy's decision for the case} */
    public Decision decision() {
        return decision;
    }

    /** {@return whether the decision is as the case expects: the same trainable, and the same reason if it names one} */
    public boolean passed() {
        return decision.trainable() == testCase.expectedTrainable()
                && testCase.expectedReason().map(reason -> reason == decision.reason()).orElse(true);
    }

    /** {@return the answer expected, in words, as {@link PolicyCase#expected()}: {@code trainable (ALLOWED_BY_DEFAULT)}} */
    public String expected() {
        return testCase.expected();
    }

    /** {@return the answer given, in the words of {@link #expected()} and always with its reason: {@code not trainable (OPTED_OUT)}} */
    public String actual() {
        return describe(decision.trainable(), decision.reason());
    }

    /**
     * {@return one line for a case that passed; for a case that failed, the expected and actual answer, the
     * decision's {@code toString()}, its failed checks and its evidence, in the form shown in the class
     * documentation}
     */
    public String explanation() {
        String quoted = "\"" + testCase.name() + "\"";
        if (passed()) {
            return quoted + " passed: " + actual();
        }
        String failedChecks = decision.failedChecks().isEmpty() ? "none"
                : decision.failedChecks().stream().map(Reason::name).collect(Collectors.joining(", "));
        return quoted + " at line " + testCase.line() + " failed"
                + "\n  expected: " + expected()
                + "\n  actual:   " + actual()
                + "\n  decision: " + decision
                + "\n  failed checks: " + failedChecks
                + "\n  evidence: " + decision.evidence().kind() + " " + decision.evidence();
    }

    private static String describe(boolean trainable, Reason reason) {
        return (trainable ? "trainable" : "not trainable") + " (" + reason + ")";
    }

    /** The explanation. */
    @Override
    public String toString() {
        return explanation();
    }
}
