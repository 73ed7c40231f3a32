package dev.consentkit.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.common.testing.NullPointerTester;
import dev.consentkit.ContentItem;
import dev.consentkit.DataCategory;
import dev.consentkit.Jurisdiction;
import dev.consentkit.Member;
import dev.consentkit.PolicyVersion;
import dev.consentkit.Purpose;
import dev.consentkit.TrainingPolicy;
import dev.consentkit.jackson.ReadOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Shows that every public method of the suite module rejects a null argument with a NullPointerException, unless it is documented as nullable. */
class NullHandlingTest {

    private static NullPointerTester tester() {
        return new NullPointerTester()
                .setDefault(TrainingPolicy.class, Fixtures.linkedIn())
                .setDefault(PolicyVersion.class, Fixtures.linkedIn().versions().get(0))
                .setDefault(Member.class, Member.builder("m-1").build())
                .setDefault(ContentItem.class, ContentItem.of("post-1", "m-1", DataCategory.PUBLIC_CONTENT, Instant.EPOCH))
                .setDefault(Purpose.class, Purpose.AI_TRAINING)
                .setDefault(Instant.class, Instant.EPOCH)
                .setDefault(Path.class, Fixtures.linkedInSuite())
                .setDefault(String.class, "m-1")
                .setDefault(Jurisdiction.class, Jurisdiction.EU)
                .setDefault(Location.class, new Location(1, 1, "$"))
                .setDefault(PolicyLocations.class, PolicyLocations.none())
                .setDefault(ReadOptions.class, ReadOptions.defaults());
    }

    @Test
    void shouldRejectNullArgumentsOfStaticMethods() {
        NullPointerTester tester = tester();

        tester.testAllPublicStaticMethods(PolicySuite.class);
        tester.testAllPublicStaticMethods(Scenario.class);
        tester.testAllPublicStaticMethods(PolicyReview.class);
        tester.testAllPublicStaticMethods(PolicyLocations.class);
        tester.testAllPublicStaticMethods(PolicyPart.class);
        tester.testAllPublicStaticMethods(Finding.class);
        tester.testAllPublicConstructors(Location.class);
    }

    @Test
    void shouldRejectNullArgumentsOfInstanceMethods() throws IOException {
        NullPointerTester tester = tester();
        PolicySuite suite = PolicySuite.read(Fixtures.linkedInSuite());

        tester.testAllPublicInstanceMethods(suite);
        tester.testAllPublicInstanceMethods(suite.cases().get(0));
        tester.testAllPublicInstanceMethods(suite.run());
        tester.testAllPublicInstanceMethods(suite.run().results().get(0));
        tester.testAllPublicInstanceMethods(PolicyLocations.none());
        tester.testAllPublicInstanceMethods(PolicyReview.review(Fixtures.linkedIn()).get(0));
        tester.testAllPublicInstanceMethods(Scenario.of(Fixtures.linkedIn(), Member.builder("m-1").build(),
                ContentItem.of("post-1", "m-1", DataCategory.PUBLIC_CONTENT, Instant.EPOCH), Instant.EPOCH, null));
    }

    @Test
    void shouldNameTheNullParameter() {
        Member member = Member.builder("m-1").build();
        ContentItem item = ContentItem.of("post-1", "m-1", DataCategory.PUBLIC_CONTENT, Instant.EPOCH);

        NullPointerException e = assertThrows(NullPointerException.class,
                () -> Scenario.of(null, member, item, Instant.EPOCH, null));

        assertEquals("policy", e.getMessage());
    }
}
