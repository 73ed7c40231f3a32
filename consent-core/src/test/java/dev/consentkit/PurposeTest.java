package dev.consentkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.testing.EqualsTester;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Shows that purpose keys are validated, that the purposes policies govern are interned and others are
 * not kept, and that a broader purpose covers the narrower ones only.
 */
class PurposeTest {

    @Test
    void shouldKeyTheBuiltInPurposesAsDocumented() {
        assertEquals("ai-training", Purpose.AI_TRAINING.key());
        assertEquals("ai-training.generative", Purpose.GENERATIVE_AI_TRAINING.key());
    }

    @Test
    void shouldReturnTheBuiltInConstantForItsKey() {
        assertSame(Purpose.AI_TRAINING, Purpose.of("ai-training"));
        assertSame(Purpose.GENERATIVE_AI_TRAINING, Purpose.of("ai-training.generative"));
    }

    @Test
    void shouldReturnEqualInstancesThatNothingKeepsForAKeyNoPolicyGoverns() {
        Purpose first = Purpose.of("ai-training.unnamed-safety");
        Purpose second = Purpose.of("ai-training.unnamed-safety");

        assertEquals(first, second);
        assertEquals(first.hashCode(), second.hashCode());
        assertNotSame(first, second);
        assertFalse(Purpose.isInterned("ai-training.unnamed-safety"));
        assertSame(Purpose.AI_TRAINING, first.parent().orElseThrow());
    }

    @Test
    void shouldReturnTheSharedInstanceOnceAPolicyGovernsThePurpose() {
        String key = "governed-later.images";
        Purpose before = Purpose.of(key);
        assertFalse(Purpose.isInterned(key));

        TrainingPolicy policy = TrainingPolicy.builder("images", before).version(PolicyVersion.builder("v1", Instant.EPOCH)
                .defaultBasis(LegalBasis.LEGITIMATE_INTERESTS).build()).build();

        assertTrue(Purpose.isInterned(key));
        assertTrue(Purpose.isInterned("governed-later"));
        assertSame(policy.purpose(), Purpose.of(key));
        assertSame(Purpose.of("governed-later"), policy.purpose().parent().orElseThrow());
        assertEquals(before, policy.purpose());
    }

    @Test
    void shouldCountAChoiceWhosePurposeWasReadBeforeThePolicyGovernedIt() {
        Purpose readEarly = Purpose.of("read-early");
        Purpose readEarlyNarrower = Purpose.of("read-early.images");
        Instant at = Instant.parse("2025-03-01T00:00:00Z");
        Member optedOut = Member.builder("m-1").birthDate(LocalDate.of(1990, 4, 1)).residentIn(Jurisdiction.of("DE"))
                .consent(ConsentEvent.optOut("c-1", readEarly, at, at, ConsentChannel.SETTINGS_TOGGLE)).build();
        ContentItem post = ContentItem.of("post-1", "m-1", DataCategory.PUBLIC_CONTENT, Instant.parse("2025-01-01T00:00:00Z"));

        TrainingPolicy policy = TrainingPolicy.builder("images", Purpose.of("read-early.images"))
                .version(PolicyVersion.builder("v1", Instant.EPOCH).defaultBasis(LegalBasis.LEGITIMATE_INTERESTS)
                        .allow(DataCategory.PUBLIC_CONTENT).build())
                .build();

        assertNotSame(policy.purpose(), readEarlyNarrower);
        assertNotSame(policy.purpose().parent().orElseThrow(), readEarly);
        assertTrue(readEarly.covers(policy.purpose()));
        assertTrue(policy.purpose().covers(readEarlyNarrower));
        assertEquals(Reason.OPTED_OUT, policy.evaluate(post, optedOut, at).reason());
        assertFalse(policy.isTrainable(post, optedOut, at));
    }

    @Test
    void shouldMakeTheBroaderPurposeTheParent() {
        assertSame(Purpose.AI_TRAINING, Purpose.GENERATIVE_AI_TRAINING.parent().orElseThrow());
        assertEquals(Optional.empty(), Purpose.AI_TRAINING.parent());
    }

    @Test
    void shouldCoverItself() {
        assertTrue(Purpose.GENERATIVE_AI_TRAINING.covers(Purpose.GENERATIVE_AI_TRAINING));
    }

    @Test
    void shouldCoverANarrowerPurpose() {
        assertTrue(Purpose.AI_TRAINING.covers(Purpose.GENERATIVE_AI_TRAINING));
    }

    @Test
    void shouldCoverAPurposeSeveralLevelsDown() {
        assertTrue(Purpose.AI_TRAINING.covers(Purpose.of("ai-training.generative.images")));
    }

    @Test
    void shouldNotCoverABroaderPurpose() {
        assertFalse(Purpose.GENERATIVE_AI_TRAINING.covers(Purpose.AI_TRAINING));
    }

    @Test
    void shouldNotCoverASibling() {
        Purpose safety = Purpose.of("ai-training.safety");

        assertFalse(safety.covers(Purpose.GENERATIVE_AI_TRAINING));
        assertFalse(Purpose.GENERATIVE_AI_TRAINING.covers(safety));
    }

    @Test
    void shouldNotTreatAShorterSegmentAsBroader() {
        Purpose truncated = Purpose.of("ai-training.gen");

        assertFalse(truncated.covers(Purpose.GENERATIVE_AI_TRAINING));
        assertFalse(Purpose.GENERATIVE_AI_TRAINING.covers(truncated));
    }

    @Test
    void shouldNotCoverAKeyThatOnlyStartsWithItsOwn() {
        assertFalse(Purpose.AI_TRAINING.covers(Purpose.of("ai-trainingx")));
        assertFalse(Purpose.of("ai").covers(Purpose.AI_TRAINING));
    }

    static Stream<String> malformedKeys() {
        return Stream.of(
                "",
                "AI-training",
                "ai-training.Generative",
                "1ai",
                "ai-training.2d",
                "ai..training",
                ".ai-training",
                "ai-training.",
                "ai-training-",
                "ai_",
                "-ai",
                "ai--training",
                "ai-_training",
                "ai training",
                "ai-training ",
                "ai-träining",
                "ai/training",
                "a".repeat(KeyGrammar.MAX_LENGTH + 1));
    }

    @ParameterizedTest
    @MethodSource("malformedKeys")
    void shouldRejectAMalformedKeyShowingIt(String key) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Purpose.of(key));

        assertTrue(e.getMessage().contains("'" + key + "'"), e.getMessage());
        assertTrue(e.getMessage().startsWith("purpose key"), e.getMessage());
    }

    @Test
    void shouldSayWhereTheSeparatorsRepeat() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Purpose.of("ai--training"));

        assertEquals("purpose key 'ai--training' is malformed: segment 1 has two separators in a row at index 3; "
                + "expected dot-separated lowercase segments such as 'ai-training.generative'", e.getMessage());
    }

    @Test
    void shouldSayWhichSegmentEndsWithASeparator() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Purpose.of("ai.training-"));

        assertTrue(e.getMessage().contains("segment 2 ends with '-'"), e.getMessage());
    }

    @Test
    void shouldSayWhichSegmentStartsWithADigit() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Purpose.of("ai.9lives"));

        assertTrue(e.getMessage().contains("segment 2 starts with '9', not a lowercase letter"), e.getMessage());
    }

    @Test
    void shouldAcceptAKeyOfExactlyTheMaximumLength() {
        String key = "p".repeat(KeyGrammar.MAX_LENGTH);

        assertEquals(key, Purpose.of(key).key());
    }

    @Test
    void shouldPrintItsKey() {
        assertEquals("ai-training.generative", Purpose.GENERATIVE_AI_TRAINING.toString());
    }

    @Test
    void shouldBeEqualExactlyWhenTheKeysAreEqual() {
        new EqualsTester()
                .addEqualityGroup(Purpose.AI_TRAINING, Purpose.of("ai-training"))
                .addEqualityGroup(Purpose.GENERATIVE_AI_TRAINING, Purpose.of("ai-training.generative"))
                .addEqualityGroup(Purpose.of("generative"))
                .testEquals();
    }
}
