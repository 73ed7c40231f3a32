package dev.consentkit.benchmarks;

import org.junit.jupiter.api.Test;

/** Shows that the jCasbin encoding decides every case of the shared sample as ConsentKit does. */
class CasbinEngineTest {

    @Test
    void shouldDecideEveryCaseOfTheSampleAsTrainingPolicyDoes() {
        CasbinEngine casbin = new CasbinEngine(Sample.policy(), Sample.itemCategories());

        Agreement.assertAgreesWithTrainingPolicy("jCasbin", c -> casbin.isTrainable(c.item(), c.member(), c.asOf()));
    }
}
