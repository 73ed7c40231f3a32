package dev.consentkit.benchmarks;

import org.junit.jupiter.api.Test;

/** Shows that the SAPL encoding decides every case of the shared sample as ConsentKit does. */
class SaplEngineTest {

    @Test
    void shouldDecideEveryCaseOfTheSampleAsTrainingPolicyDoes() {
        try (SaplEngine sapl = new SaplEngine(Sample.policy())) {
            Agreement.assertAgreesWithTrainingPolicy("SAPL", c -> sapl.isTrainable(c.item(), c.member(), c.asOf()));
        }
    }
}
