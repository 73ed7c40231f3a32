package dev.consentkit.benchmarks;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.consentkit.TrainingPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Compares a peer engine's answers with {@link TrainingPolicy#isTrainable} on the shared sample. */
final class Agreement {

    /** The shared sample: a thousand cases for each history size, three thousand in all. */
    static final List<Case> CASES = Sample.mixedCases(1000);

    private static final int SHOWN = 10;

    private Agreement() {}

    /** Fails, printing every disagreeing case with ConsentKit's explanation, unless {@code peer} agrees on every case. */
    static void assertAgreesWithTrainingPolicy(String peerName, Predicate<Case> peer) {
        TrainingPolicy policy = Sample.policy();
        List<String> disagreements = new ArrayList<>();
        for (Case c : CASES) {
            boolean expected = policy.isTrainable(c.item(), c.member(), c.asOf());
            if (peer.test(c) != expected) {
                disagreements.add(peerName + " answers " + !expected + " where ConsentKit decides "
                        + policy.evaluate(c.item(), c.member(), c.asOf()) + "\n  for " + c);
            }
        }
        disagreements.forEach(System.out::println);
        assertTrue(disagreements.isEmpty(), () -> peerName + " disagrees on " + disagreements.size() + " of "
                + CASES.size() + " cases; the first ones:\n"
                + String.join("\n", disagreements.subList(0, Math.min(SHOWN, disagreements.size()))));
    }
}
