package dev.consentkit.testkit.quicktheories;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import dev.consentkit.TrainingPolicy;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Shows that the engine conforms on the real programs, keeping every invariant, and that a violated
 * invariant fails with an {@link AssertionError} naming it and showing the counterexample and the seed
 * that replays it.
 */
class PolicyConformanceTest {

    private static final int EXAMPLES = 200;

    /** An invariant no real policy keeps: that nothing is ever trainable. */
    private static final Invariant<Answer> NOTHING_TRAINABLE = new Invariant<>("nothing is trainable",
            "no item is ever trainable", policy -> ConsentGenerators.scenarios(policy).map(Answer::of),
            answer -> answer.decision().trainable() ? Optional.of("evaluate decided " + answer.decision()) : Optional.empty());

    @Test
    void shouldHoldForLinkedInsProgram() {
        PolicyConformance.check(Fixtures.linkedIn());
    }

    @Test
    void shouldHoldForMetasEuProgram() {
        PolicyConformance.check(Fixtures.metaEu(), EXAMPLES);
    }

    @Test
    void shouldHoldForAnthropicsConsumerProgram() {
        // New or resumed chats from the member's own choice on (consumer terms from 28 August 2025).
        PolicyConformance.check(Fixtures.anthropicConsumer(), EXAMPLES, 20250828L);
    }

    @Test
    void shouldHoldForAnthropicsConsumerProgramOnFreshSeeds() {
        PolicyConformance.check(Fixtures.anthropicConsumer(), EXAMPLES);
    }

    @Test
    void shouldHoldForAPolicyAtTheEdgesOfTime() {
        PolicyConformance.check(Fixtures.edgesOfTime(), EXAMPLES);
    }

    @Test
    void shouldHoldForGeneratedPolicies() {
        qt().withExamples(20).forAll(ConsentGenerators.trainingPolicies())
                .checkAssert(policy -> PolicyConformance.check(policy, 50));
    }

    @Test
    void shouldNameTheViolatedInvariantAndShowTheCounterexample() {
        TrainingPolicy linkedIn = Fixtures.linkedIn();

        AssertionError e = assertThrows(AssertionError.class,
                () -> PolicyConformance.check(NOTHING_TRAINABLE, linkedIn, EXAMPLES, 42L));

        String message = e.getMessage();
        assertTrue(message.startsWith("invariant \"nothing is trainable\" does not hold for policy linkedin-genai: no item is ever"
                + " trainable\nviolation: evaluate decided item-"), message);
        assertTrue(message.contains("\ncounterexample, the smallest found after "), message);
        assertTrue(message.contains("\n  policy linkedin-genai for ai-training.generative\n    version 2024-09 from"
                + " 2024-09-18T00:00:00Z: default LEGITIMATE_INTERESTS, rules [EU excluded, EEA excluded, CH excluded]"), message);
        assertTrue(message.contains("\n  member m-1, "), message);
        assertTrue(message.contains("\n  item ContentItem[item-"), message);
        assertTrue(message.contains("\n  asOf "), message);
        assertTrue(message.contains("\n  evaluate:    item-"), message);
        assertTrue(message.contains(": trainable ("), message);
        assertTrue(message.endsWith("\nreplay it with PolicyConformance.check(policy, 200, 42L)"), message);
    }

    @Test
    void shouldFindTheSameCounterexampleFromTheSameSeed() {
        TrainingPolicy linkedIn = Fixtures.linkedIn();

        AssertionError first = assertThrows(AssertionError.class,
                () -> PolicyConformance.check(NOTHING_TRAINABLE, linkedIn, EXAMPLES, 7L));
        AssertionError second = assertThrows(AssertionError.class,
                () -> PolicyConformance.check(NOTHING_TRAINABLE, linkedIn, EXAMPLES, 7L));

        assertEquals(first.getMessage(), second.getMessage());
    }

    @Test
    void shouldReportACheckThatThrowsWithItsCause() {
        Invariant<Answer> throwing = new Invariant<>("throwing", "never throws",
                policy -> ConsentGenerators.scenarios(policy).map(Answer::of), answer -> {
                    throw new IllegalStateException("boom");
                });

        AssertionError e = assertThrows(AssertionError.class,
                () -> PolicyConformance.check(throwing, Fixtures.linkedIn(), EXAMPLES, 1L));

        assertTrue(e.getMessage().contains("\nviolation: the check threw java.lang.IllegalStateException: boom\n"), e.getMessage());
        assertInstanceOf(IllegalStateException.class, e.getCause());
    }

    @Test
    void shouldRefuseANumberOfExamplesThatIsNotPositive() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PolicyConformance.check(Fixtures.linkedIn(), 0));

        assertEquals("the number of examples must be positive, not 0", e.getMessage());
    }

    @Test
    void shouldRefuseANullPolicy() {
        NullPointerException e = assertThrows(NullPointerException.class, () -> PolicyConformance.check(null));

        assertEquals("policy", e.getMessage());
    }
}
