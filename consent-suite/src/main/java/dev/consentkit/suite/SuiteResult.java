package dev.consentkit.suite;

import java.util.List;
import java.util.Objects;

/** The outcome of {@link PolicySuite#run()}: one {@link CaseResult} per case, in case order. Immutable. */
public final class SuiteResult {

    private final PolicySuite suite;
    private final List<CaseResult> results;
    private final int passed;

    SuiteResult(PolicySuite suite, List<CaseResult> results) {
        this.suite = Objects.requireNonNull(suite, "suite");
        this.results = List.copyOf(results);
        this.passed = (int) this.results.stream().filter(CaseResult::passed).count();
    }

    /** {@return the suite that was run} */
    public PolicySuite suite() {
        return suite;
    }

    /** {@return one result per case, in the order of the suite's cases} */
    public List<CaseResult> results() {
        return results;
    }

    /** {@return how many cases passed} */
    public int passed() {
        return passed;
    }

    /** {@return how many cases failed} */
    public int failed() {
        return results.size() - passed;
    }

    /** {@return whether every case passed} */
    public boolean allPassed() {
        return passed == results.size();
    }

    /** The counts, such as {@code linkedin-genai: 9 cases, 8 passed, 1 failed}. */
    @Override
    public String toString() {
        return suite.name() + ": " + results.size() + " case" + (results.size() == 1 ? "" : "s") + ", " + passed
                + " passed, " + failed() + " failed";
    }
}
