package dev.consentkit.testkit.quicktheories;

import dev.consentkit.Decision;
import dev.consentkit.suite.Scenario;
import java.util.Objects;

/**
 * What the engine answered to one {@link Scenario}: its decision on everything recorded, its decision
 * as known at the scenario's audit instant, and the fast answer. The invariants are predicates over
 * answers, so that each can be shown to fail on an answer made up to break it.
 *
 * @param scenario the question
 * @param decision {@link Scenario#evaluate()}
 * @param replayed {@link Scenario#replay()}
 * @param fast {@link Scenario#isTrainable()}
 */
record Answer(Scenario scenario, Decision decision, Decision replayed, boolean fast) {

    Answer {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(replayed, "replayed");
    }

    /** Asks the engine. */
    static Answer of(Scenario scenario) {
        return new Answer(scenario, scenario.evaluate(), scenario.replay(), scenario.isTrainable());
    }

    /** The scenario and the three answers, on several lines. */
    @Override
    public String toString() {
        return scenario + "\n" + answers();
    }

    /** The three answers, on three lines. */
    String answers() {
        return "evaluate:    " + decision + "\nreplay:      " + replayed + "\nisTrainable: " + fast;
    }
}
