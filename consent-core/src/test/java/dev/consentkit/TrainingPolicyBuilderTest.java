package dev.consentkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.common.testing.EqualsTester;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Shows which policies the builder refuses and how it orders the versions of those it builds. */
class TrainingPolicyBuilderTest {

    private static final Instant LAUNCH = Instant.parse("2024-09-18T00:00:00Z");
    private static final Instant UK_EXCLUDED = Instant.parse("2024-09-20T00:00:00Z");
    private static final Instant EU_INCLUDED = Instant.parse("2025-11-03T00:00:00Z");

    private static final PolicyVersion V1 = version("2024-09", LAUNCH);
    private static final PolicyVersion V2 = version("2024-09-uk", UK_EXCLUDED);
    private static final PolicyVersion V3 = version("2025-11", EU_INCLUDED);

    private static PolicyVersion version(String id, Instant effectiveFrom) {
        return PolicyVersion.builder(id, effectiveFrom)
                .defaultBasis(LegalBasis.LEGITIMATE_INTERESTS)
                .allow(DataCategory.PUBLIC_CONTENT)
                .build();
    }

    @Test
    void shouldHoldItsIdAndPurpose() {
        TrainingPolicy policy = TrainingPolicy.builder("linkedin-genai", Purpose.GENERATIVE_AI_TRAINING).version(V1).build();

        assertEquals("linkedin-genai", policy.id());
        assertEquals(Purpose.GENERATIVE_AI_TRAINING, policy.purpose());
    }

    @Test
    void shouldSortVersionsByStartWhateverTheOrderAdded() {
        TrainingPolicy policy = TrainingPolicy.builder("linkedin-genai", Purpose.GENERATIVE_AI_TRAINING)
                .version(V3).version(V1).version(V2).build();

        assertEquals(List.of(V1, V2, V3), policy.versions());
    }

    @Test
    void shouldBeEqualWhateverTheOrderVersionsWereAdded() {
        TrainingPolicy forwards = TrainingPolicy.builder("p", Purpose.AI_TRAINING).version(V1).version(V2).version(V3)
                .build();
        TrainingPolicy backwards = TrainingPolicy.builder("p", Purpose.AI_TRAINING).version(V3).version(V2).version(V1)
                .build();

        assertEquals(forwards, backwards);
    }

    @Test
    void shouldRejectAPolicyWithNoVersionSayingWhatToCall() {
        TrainingPolicy.Builder builder = TrainingPolicy.builder("linkedin-genai", Purpose.GENERATIVE_AI_TRAINING);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);

        assertEquals("policy linkedin-genai has no version; add one with version(...)", e.getMessage());
    }

    @Test
    void shouldRejectTwoVersionsStartingAtTheSameInstantShowingIt() {
        TrainingPolicy.Builder builder = TrainingPolicy.builder("linkedin-genai", Purpose.GENERATIVE_AI_TRAINING)
                .version(V3).version(V1).version(version("2025-11-bis", EU_INCLUDED));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);

        assertEquals("policy linkedin-genai has two versions effective from 2025-11-03T00:00:00Z: 2025-11 and 2025-11-bis",
                e.getMessage());
    }

    @Test
    void shouldRejectTheSameVersionAddedTwice() {
        TrainingPolicy.Builder builder = TrainingPolicy.builder("p", Purpose.AI_TRAINING).version(V1).version(V1);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);

        assertEquals("policy p has two versions effective from 2024-09-18T00:00:00Z: 2024-09 and 2024-09", e.getMessage());
    }

    @Test
    void shouldRejectTwoVersionsWithOneIdShowingIt() {
        TrainingPolicy.Builder builder = TrainingPolicy.builder("linkedin-genai", Purpose.GENERATIVE_AI_TRAINING)
                .version(V1).version(V2).version(version("2024-09", EU_INCLUDED));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);

        assertEquals("policy linkedin-genai has two versions with id 2024-09", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t"})
    void shouldRejectABlankIdShowingIt(String id) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainingPolicy.builder(id, Purpose.AI_TRAINING));

        assertEquals("policy id is blank: '" + id + "'", e.getMessage());
    }

    @Test
    void shouldNotChangeWhenItsBuilderChangesAfterBuilding() {
        TrainingPolicy.Builder builder = TrainingPolicy.builder("p", Purpose.AI_TRAINING).version(V2);
        TrainingPolicy policy = builder.build();

        builder.version(V1);

        assertEquals(List.of(V2), policy.versions());
    }

    @Test
    void shouldNotLetCallersChangeItsVersions() {
        List<PolicyVersion> versions = TrainingPolicy.builder("p", Purpose.AI_TRAINING).version(V1).build().versions();

        assertThrows(UnsupportedOperationException.class, () -> versions.add(V2));
    }

    @Test
    void shouldFindNoVersionBeforeTheFirstStarts() {
        TrainingPolicy policy = TrainingPolicy.builder("p", Purpose.AI_TRAINING).version(V1).version(V3).build();

        assertEquals(Optional.empty(), policy.versionAt(LAUNCH.minusNanos(1)));
    }

    @Test
    void shouldFindTheVersionWithTheLatestStartAtOrBeforeTheInstant() {
        TrainingPolicy policy = TrainingPolicy.builder("p", Purpose.AI_TRAINING).version(V3).version(V1).build();

        assertEquals(Optional.of(V1), policy.versionAt(LAUNCH));
        assertEquals(Optional.of(V1), policy.versionAt(EU_INCLUDED.minusNanos(1)));
        assertEquals(Optional.of(V3), policy.versionAt(EU_INCLUDED));
    }

    @Test
    void shouldPrintAsItsDocumentationShows() {
        TrainingPolicy policy = TrainingPolicy.builder("linkedin-genai", Purpose.GENERATIVE_AI_TRAINING)
                .version(version("2025-11", EU_INCLUDED)).version(version("2024-09", LAUNCH)).build();

        assertEquals("TrainingPolicy[linkedin-genai for ai-training.generative, versions 2024-09, 2025-11]",
                policy.toString());
    }

    @Test
    void shouldBeEqualExactlyWhenIdPurposeAndVersionsAreEqual() {
        new EqualsTester()
                .addEqualityGroup(TrainingPolicy.builder("p", Purpose.AI_TRAINING).version(V1).version(V3).build(),
                        TrainingPolicy.builder("p", Purpose.AI_TRAINING).version(V3).version(V1).build())
                .addEqualityGroup(TrainingPolicy.builder("q", Purpose.AI_TRAINING).version(V1).version(V3).build())
                .addEqualityGroup(TrainingPolicy.builder("p", Purpose.GENERATIVE_AI_TRAINING).version(V1).version(V3)
                        .build())
                .addEqualityGroup(TrainingPolicy.builder("p", Purpose.AI_TRAINING).version(V1).build())
                .addEqualityGroup(TrainingPolicy.builder("p", Purpose.AI_TRAINING).version(V1).version(V2).version(V3)
                        .build())
                .testEquals();
    }
}
