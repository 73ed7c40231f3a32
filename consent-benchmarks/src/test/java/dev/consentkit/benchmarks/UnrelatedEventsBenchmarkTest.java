package dev.consentkit.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.consentkit.ConsentEvent;
import dev.consentkit.Member;
import dev.consentkit.Purpose;
import dev.consentkit.TrainingPolicy;
import org.junit.jupiter.api.Test;

/** Shows that the unrelated events change no decision, so the benchmark compares like with like. */
class UnrelatedEventsBenchmarkTest {

    private static final TrainingPolicy POLICY = Sample.policy();

    @Test
    void shouldDecideAlikeWithAndWithoutUnrelatedEvents() {
        Member without = UnrelatedEventsBenchmark.member(0);
        Member with = UnrelatedEventsBenchmark.member(10_001);

        assertEquals(POLICY.evaluate(UnrelatedEventsBenchmark.item(), without, UnrelatedEventsBenchmark.asOf()),
                POLICY.evaluate(UnrelatedEventsBenchmark.item(), with, UnrelatedEventsBenchmark.asOf()));
        assertTrue(POLICY.isTrainable(UnrelatedEventsBenchmark.item(), with, UnrelatedEventsBenchmark.asOf()));
    }

    @Test
    void shouldGiveTheLongHistoryEventsOfAnotherPurposeAfterTheRelevantOnes() {
        Member member = UnrelatedEventsBenchmark.member(1001);

        assertEquals(1003, member.consent().size());
        assertFalse(UnrelatedEventsBenchmark.UNRELATED.covers(POLICY.purpose()));
        ConsentEvent last = member.consent().events().get(1002);
        assertEquals(UnrelatedEventsBenchmark.UNRELATED, last.purpose());
        assertTrue(last.effectiveAt().isBefore(UnrelatedEventsBenchmark.asOf()));
        assertEquals(Purpose.GENERATIVE_AI_TRAINING, member.consent().events().get(1).purpose());
        // Alternating: 501 opt-ins and 500 opt-outs.
        assertEquals(500, member.consent().events().stream()
                .filter(e -> e.purpose().equals(UnrelatedEventsBenchmark.UNRELATED) && e.isOptOut()).count());
    }

    @Test
    void shouldPassItsOwnCheckOnBothPaths() {
        UnrelatedEventsBenchmark benchmark = new UnrelatedEventsBenchmark();
        benchmark.unrelatedEvents = 1000;

        benchmark.setUp();

        assertTrue(benchmark.isTrainable());
        assertTrue(benchmark.batchForOneMember());
    }
}
