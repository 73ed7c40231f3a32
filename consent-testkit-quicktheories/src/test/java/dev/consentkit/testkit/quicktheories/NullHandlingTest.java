package dev.consentkit.testkit.quicktheories;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.common.testing.NullPointerTester;
import dev.consentkit.Member;
import dev.consentkit.Purpose;
import dev.consentkit.TrainingPolicy;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** Shows that every public method of the add-on rejects a null argument with a NullPointerException naming it. */
class NullHandlingTest {

    @Test
    void shouldRejectNullArgumentsOfStaticMethods() {
        Gen<Instant> instants = Generate.constant(Instant.EPOCH);
        NullPointerTester tester = new NullPointerTester()
                .setDefault(TrainingPolicy.class, Fixtures.linkedIn())
                .setDefault(Purpose.class, Purpose.AI_TRAINING)
                .setDefault(Instant.class, Instant.EPOCH)
                .setDefault(String.class, "m-1")
                .setDefault(Gen.class, instants);

        tester.testAllPublicStaticMethods(ConsentGenerators.class);
        tester.testAllPublicStaticMethods(PolicyConformance.class);
        tester.testAllPublicStaticMethods(Batch.class);
    }

    @Test
    void shouldRejectNullArgumentsOfABatch() {
        Batch batch = Batch.of(Fixtures.linkedIn(), List.of(Member.builder("m-1").build()), List.of(), Instant.EPOCH, null);

        new NullPointerTester().testAllPublicInstanceMethods(batch);
    }

    @Test
    void shouldNameTheNullParameter() {
        NullPointerException e = assertThrows(NullPointerException.class, () -> ConsentGenerators.scenarios((TrainingPolicy) null));

        assertEquals("policy", e.getMessage());
    }
}
