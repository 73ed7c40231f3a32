package dev.consentkit.benchmarks;

import org.junit.jupiter.api.Test;

/** Shows that the Cedar encoding decides every case of the shared sample as ConsentKit does. */
class CedarEngineTest {

    @Test
    void shouldDecideEveryCaseOfTheSampleAsTrainingPolicyDoes() {
        CedarEngine cedar = new CedarEngine(Sample.policy());

        Agreement.assertAgreesWithTrainingPolicy("Cedar", c -> cedar.isTrainable(c.item(), c.member(), c.asOf()));
    }
}
