package dev.consentkit.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.consentkit.ConsentEvent;
import dev.consentkit.Decision;
import dev.consentkit.Purpose;
import dev.consentkit.Reason;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** Shows that the shared sample reaches every outcome and every edge of the three rules, and no other rule. */
class SampleTest {

    private static final Set<Reason> THREE_RULES = EnumSet.of(Reason.CATEGORY_EXCLUDED, Reason.JURISDICTION_EXCLUDED,
            Reason.OPTED_OUT, Reason.ALLOWED_BY_DEFAULT, Reason.ALLOWED_OPTED_IN);

    @Test
    void shouldGiveEveryMemberExactlyTheRequestedNumberOfConsentEvents() {
        for (int events : Sample.EVENT_COUNTS) {
            for (Case c : Sample.cases(events, 200)) {
                assertEquals(events, c.member().consent().size(), () -> "for " + c);
            }
        }
    }

    @Test
    void shouldGenerateTheSameCasesOnEveryCall() {
        assertEquals(Sample.cases(64, 100), Sample.cases(64, 100));
    }

    @Test
    void shouldLeaveEveryDecisionToTheThreeEncodedRules() {
        for (Case c : Agreement.CASES) {
            Decision decision = decide(c);
            assertTrue(THREE_RULES.containsAll(decision.failedChecks()) && THREE_RULES.contains(decision.reason()),
                    () -> decision + " for " + c);
        }
    }

    @Test
    void shouldReachEveryOutcomeOfTheThreeRules() {
        Set<Reason> reached = EnumSet.noneOf(Reason.class);
        for (Case c : Agreement.CASES) {
            reached.add(decide(c).reason());
        }
        assertEquals(THREE_RULES, reached);
    }

    @Test
    void shouldIncludeOptOutsTakingEffectExactlyAtTheInstantAskedAbout() {
        assertTrue(someCase(c -> c.asOf().equals(decidingEvent(c).effectiveAt())));
    }

    @Test
    void shouldIncludeOptOutsThatWinOverAnOptInAtTheSameInstant() {
        assertTrue(someCase(c -> c.member().consent().events().stream()
                .anyMatch(e -> !e.isOptOut() && e.effectiveAt().equals(decidingEvent(c).effectiveAt()))));
    }

    @Test
    void shouldIncludeOptOutsMadeForTheBroaderPurpose() {
        assertTrue(someCase(c -> decidingEvent(c).purpose().equals(Purpose.AI_TRAINING)));
    }

    @Test
    void shouldIncludeOptOutsLiftedByALaterOptIn() {
        List<Case> optedInAfterOptOut = Agreement.CASES.stream()
                .filter(c -> decide(c).reason() == Reason.ALLOWED_OPTED_IN)
                .filter(c -> c.member().consent().events().stream()
                        .anyMatch(e -> e.isOptOut() && !e.effectiveAt().isAfter(c.asOf())))
                .toList();
        assertFalse(optedInAfterOptOut.isEmpty());
    }

    private static boolean someCase(Predicate<Case> optedOutAnd) {
        return Agreement.CASES.stream().filter(c -> decide(c).reason() == Reason.OPTED_OUT).anyMatch(optedOutAnd);
    }

    private static ConsentEvent decidingEvent(Case c) {
        return decide(c).evidence().consentEvent().orElseThrow();
    }

    private static Decision decide(Case c) {
        return Sample.policy().evaluate(c.item(), c.member(), c.asOf());
    }
}
