package dev.consentkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.common.testing.EqualsTester;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Shows what evidence holds for a consent event and for a rule or fact, which evidence it refuses, and how it prints. */
class EvidenceTest {

    private static final Instant EFFECTIVE = Instant.parse("2025-11-10T00:00:00Z");
    private static final ConsentEvent OPT_OUT = ConsentEvent.optOut("e-7", Purpose.GENERATIVE_AI_TRAINING, EFFECTIVE,
            Instant.parse("2025-11-10T00:00:05Z"), ConsentChannel.SETTINGS_TOGGLE);

    @Test
    void shouldHoldAConsentEventDatedByWhenItTakesEffect() {
        Evidence evidence = Evidence.of(OPT_OUT);

        assertEquals(Evidence.Kind.CONSENT_EVENT, evidence.kind());
        assertEquals(Optional.of(OPT_OUT), evidence.consentEvent());
        assertEquals(Optional.of(EFFECTIVE), evidence.at());
    }

    @Test
    void shouldDescribeAConsentEventAsItsDocumentationShows() {
        assertEquals("OPT_OUT event e-7 for ai-training.generative via SETTINGS_TOGGLE", Evidence.of(OPT_OUT).description());
    }

    @Test
    void shouldPrintAConsentEventAsItsDocumentationShows() {
        assertEquals("OPT_OUT event e-7 for ai-training.generative via SETTINGS_TOGGLE at 2025-11-10T00:00:00Z",
                Evidence.of(OPT_OUT).toString());
    }

    @Test
    void shouldHoldARuleWithNoConsentEvent() {
        Evidence evidence = Evidence.of(Evidence.Kind.POLICY_RULE, "version 2024-09 excludes DE by its rule for EU",
                Instant.parse("2024-09-18T00:00:00Z"));

        assertEquals(Evidence.Kind.POLICY_RULE, evidence.kind());
        assertEquals("version 2024-09 excludes DE by its rule for EU", evidence.description());
        assertEquals(Optional.of(Instant.parse("2024-09-18T00:00:00Z")), evidence.at());
        assertEquals(Optional.empty(), evidence.consentEvent());
    }

    @Test
    void shouldPrintAFactWithAnInstant() {
        Evidence evidence = Evidence.of(Evidence.Kind.ITEM_FACT, "item post-1 is deleted",
                Instant.parse("2025-12-01T00:00:00Z"));

        assertEquals("item post-1 is deleted at 2025-12-01T00:00:00Z", evidence.toString());
    }

    @Test
    void shouldPrintAFactWithNoInstantAsItsDescriptionAlone() {
        Evidence evidence = Evidence.of(Evidence.Kind.MEMBER_FACT, "member m-1 has no known jurisdiction", null);

        assertEquals(Optional.empty(), evidence.at());
        assertEquals("member m-1 has no known jurisdiction", evidence.toString());
    }

    @Test
    void shouldRejectAConsentEventKindWithoutItsEvent() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Evidence.of(Evidence.Kind.CONSENT_EVENT, "OPT_OUT event e-7", EFFECTIVE));

        assertEquals("consent event evidence needs its event: use Evidence.of(ConsentEvent)", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\n"})
    void shouldRejectABlankDescriptionShowingIt(String description) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Evidence.of(Evidence.Kind.ITEM_FACT, description, EFFECTIVE));

        assertEquals("evidence description is blank: '" + description + "'", e.getMessage());
    }

    @Test
    void shouldBeEqualExactlyWhenKindDescriptionInstantAndEventAreEqual() {
        new EqualsTester()
                .addEqualityGroup(Evidence.of(OPT_OUT), Evidence.of(OPT_OUT))
                .addEqualityGroup(Evidence.of(Evidence.Kind.POLICY_RULE, OPT_OUT.choice() + " event e-7 for "
                        + "ai-training.generative via SETTINGS_TOGGLE", EFFECTIVE))
                .addEqualityGroup(Evidence.of(Evidence.Kind.ITEM_FACT, "item post-1 is deleted", EFFECTIVE),
                        Evidence.of(Evidence.Kind.ITEM_FACT, "item post-1 is deleted", EFFECTIVE))
                .addEqualityGroup(Evidence.of(Evidence.Kind.MEMBER_FACT, "item post-1 is deleted", EFFECTIVE))
                .addEqualityGroup(Evidence.of(Evidence.Kind.ITEM_FACT, "item post-2 is deleted", EFFECTIVE))
                .addEqualityGroup(Evidence.of(Evidence.Kind.ITEM_FACT, "item post-1 is deleted", EFFECTIVE.plusNanos(1)))
                .addEqualityGroup(Evidence.of(Evidence.Kind.ITEM_FACT, "item post-1 is deleted", null))
                .testEquals();
    }
}
