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
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Shows that data category keys are validated and ordered in a hierarchy by dotted prefix segments,
 * that the keys policies name are interned and others are not kept, and that either kind decides alike.
 */
class DataCategoryTest {

    private static final Instant CREATED = Instant.parse("2025-01-01T00:00:00Z");
    private static final Instant AS_OF = Instant.parse("2025-06-01T00:00:00Z");
    private static final Member MEMBER = Member.builder("m-1").birthDate(LocalDate.of(1990, 4, 1))
            .residentIn(Jurisdiction.of("DE")).build();

    @Test
    void shouldNameEveryBuiltInCategoryWithItsDocumentedKey() {
        Map<String, DataCategory> expected = Map.ofEntries(
                Map.entry("profile", DataCategory.PROFILE_DETAILS),
                Map.entry("content", DataCategory.CONTENT),
                Map.entry("content.public", DataCategory.PUBLIC_CONTENT),
                Map.entry("content.group", DataCategory.GROUP_CONTENT),
                Map.entry("messages.private", DataCategory.PRIVATE_MESSAGES),
                Map.entry("ai.interactions", DataCategory.AI_INTERACTIONS),
                Map.entry("jobs.saved", DataCategory.SAVED_JOB_DATA),
                Map.entry("jobs.application", DataCategory.JOB_APPLICATIONS),
                Map.entry("account.credentials", DataCategory.CREDENTIALS),
                Map.entry("account.payment", DataCategory.PAYMENT),
                Map.entry("account.salary", DataCategory.SALARY));

        Map<String, DataCategory> actual = expected.values().stream()
                .collect(Collectors.toMap(DataCategory::key, c -> c));

        assertEquals(expected, actual);
    }

    @Test
    void shouldReturnTheBuiltInConstantForItsKey() {
        assertSame(DataCategory.PUBLIC_CONTENT, DataCategory.of("content.public"));
        assertSame(DataCategory.PRIVATE_MESSAGES, DataCategory.of("messages.private"));
    }

    @Test
    void shouldReturnEqualInstancesThatNothingKeepsForAKeyNoPolicyNames() {
        DataCategory first = DataCategory.of("unnamed-root.video-transcripts");
        DataCategory second = DataCategory.of("unnamed-root.video-transcripts");

        assertEquals(first, second);
        assertEquals(first.hashCode(), second.hashCode());
        assertNotSame(first, second);
        assertFalse(DataCategory.isInterned("unnamed-root.video-transcripts"));
        assertFalse(DataCategory.isInterned("unnamed-root"));
    }

    @Test
    void shouldReturnTheSharedInstanceOnceAPolicyNamesTheKey() {
        String key = "content.named-later.video";
        DataCategory before = DataCategory.of(key);
        assertFalse(DataCategory.isInterned(key));

        PolicyVersion version = allowing(before);

        DataCategory named = version.allowedCategories().iterator().next();
        assertTrue(DataCategory.isInterned(key));
        assertSame(named, DataCategory.of(key));
        assertSame(DataCategory.of(key), DataCategory.of(key));
        assertEquals(before, named);
    }

    @Test
    void shouldInternTheAncestorsOfANamedKeyAsWell() {
        PolicyVersion version = allowing(DataCategory.of("named-root.clips.short"));

        DataCategory named = version.allowedCategories().iterator().next();
        assertTrue(DataCategory.isInterned("named-root.clips"));
        assertTrue(DataCategory.isInterned("named-root"));
        assertSame(DataCategory.of("named-root.clips"), named.parent().orElseThrow());
        assertSame(DataCategory.of("named-root"), named.parent().orElseThrow().parent().orElseThrow());
    }

    @Test
    void shouldInternANeverAllowedCategory() {
        PolicyVersion.builder("v1", Instant.EPOCH).excludedByDefault().neverAllow(DataCategory.of("content.never-later"))
                .build();

        assertTrue(DataCategory.isInterned("content.never-later"));
    }

    @Test
    void shouldResolveTheParentOfAnUnnamedKeyToTheSharedInstanceOfANamedOne() {
        allowing(DataCategory.of("content.named-parent"));

        DataCategory child = DataCategory.of("content.named-parent.unnamed-child");

        assertFalse(DataCategory.isInterned("content.named-parent.unnamed-child"));
        assertSame(DataCategory.of("content.named-parent"), child.parent().orElseThrow());
    }

    @Test
    void shouldDecideAnItemWhoseCategoryWasReadBeforeThePolicyNamedIt() {
        DataCategory readEarly = DataCategory.of("content.read-early.video");
        DataCategory readEarlyChild = DataCategory.of("content.read-early.video.clip");
        DataCategory readEarlyNever = DataCategory.of("content.read-early.drafts");
        ContentItem video = ContentItem.of("video-1", "m-1", readEarly, CREATED);
        ContentItem clip = ContentItem.of("clip-1", "m-1", readEarlyChild, CREATED);
        ContentItem draft = ContentItem.of("draft-1", "m-1", readEarlyNever, CREATED);
        ContentItem post = ContentItem.of("post-1", "m-1", DataCategory.PUBLIC_CONTENT, CREATED);

        TrainingPolicy policy = TrainingPolicy.builder("videos", Purpose.GENERATIVE_AI_TRAINING)
                .version(PolicyVersion.builder("v1", Instant.EPOCH)
                        .defaultBasis(LegalBasis.LEGITIMATE_INTERESTS)
                        .allow(DataCategory.of("content.read-early"))
                        .neverAllow(DataCategory.of("content.read-early.drafts"))
                        .build())
                .build();

        assertNotSame(DataCategory.of("content.read-early"), readEarly.parent());
        assertNotSame(DataCategory.of("content.read-early.drafts"), readEarlyNever);
        assertTrue(policy.isTrainable(video, MEMBER, AS_OF));
        assertTrue(policy.isTrainable(clip, MEMBER, AS_OF));
        assertEquals(Reason.CATEGORY_EXCLUDED, policy.evaluate(draft, MEMBER, AS_OF).reason());
        assertFalse(policy.isTrainable(draft, MEMBER, AS_OF));
        assertEquals(Reason.CATEGORY_NOT_COVERED, policy.evaluate(post, MEMBER, AS_OF).reason());
    }

    @Test
    void shouldPutAnUnsharedInstanceWithinASharedOneAndViceVersa() {
        DataCategory unshared = DataCategory.of("content.unshared-within");

        assertTrue(unshared.isWithin(DataCategory.CONTENT));
        assertTrue(unshared.isWithin(DataCategory.of("content.unshared-within")));
        assertTrue(DataCategory.of("content.unshared-within.leaf").isWithin(unshared));
        assertFalse(DataCategory.CONTENT.isWithin(unshared));
    }

    private static PolicyVersion allowing(DataCategory category) {
        return PolicyVersion.builder("v1", Instant.EPOCH).excludedByDefault().allow(category).build();
    }

    @Test
    void shouldLinkACustomCategoryToItsBuiltInParent() {
        assertSame(DataCategory.CONTENT, DataCategory.of("content.video-transcripts").parent().orElseThrow());
    }

    @Test
    void shouldCreateEveryMissingAncestorOfANewKey() {
        DataCategory leaf = DataCategory.of("telemetry.clicks.search_box");

        assertEquals("telemetry.clicks", leaf.parent().orElseThrow().key());
        assertEquals("telemetry", leaf.parent().orElseThrow().parent().orElseThrow().key());
        assertEquals(Optional.empty(), leaf.parent().orElseThrow().parent().orElseThrow().parent());
    }

    @Test
    void shouldHaveNoParentAtTheTopLevel() {
        assertEquals(Optional.empty(), DataCategory.PROFILE_DETAILS.parent());
    }

    @Test
    void shouldBeWithinItself() {
        assertTrue(DataCategory.PUBLIC_CONTENT.isWithin(DataCategory.PUBLIC_CONTENT));
    }

    @Test
    void shouldBeWithinItsParent() {
        assertTrue(DataCategory.PUBLIC_CONTENT.isWithin(DataCategory.CONTENT));
    }

    @Test
    void shouldBeWithinEveryAncestor() {
        assertTrue(DataCategory.of("content.public.polls.results").isWithin(DataCategory.CONTENT));
    }

    @Test
    void shouldNotPutAParentWithinItsChild() {
        assertFalse(DataCategory.CONTENT.isWithin(DataCategory.PUBLIC_CONTENT));
    }

    @Test
    void shouldNotPutASiblingWithinAnother() {
        assertFalse(DataCategory.PUBLIC_CONTENT.isWithin(DataCategory.GROUP_CONTENT));
        assertFalse(DataCategory.GROUP_CONTENT.isWithin(DataCategory.PUBLIC_CONTENT));
    }

    @Test
    void shouldNotTreatAShorterSegmentAsAParent() {
        DataCategory truncated = DataCategory.of("content.pub");

        assertFalse(DataCategory.PUBLIC_CONTENT.isWithin(truncated));
        assertFalse(truncated.isWithin(DataCategory.PUBLIC_CONTENT));
    }

    @Test
    void shouldNotTreatAKeyThatOnlyStartsWithAnotherAsUnderIt() {
        assertFalse(DataCategory.of("contentx").isWithin(DataCategory.CONTENT));
        assertFalse(DataCategory.of("content-public").isWithin(DataCategory.CONTENT));
    }

    @Test
    void shouldNotPutACategoryWithinAnUnrelatedOneWithTheSameLastSegment() {
        assertFalse(DataCategory.of("messages.public").isWithin(DataCategory.of("content.public")));
    }

    @Test
    void shouldAcceptAKeyOfExactlyTheMaximumLength() {
        String key = "a".repeat(KeyGrammar.MAX_LENGTH);

        assertEquals(key, DataCategory.of(key).key());
    }

    @Test
    void shouldAcceptDigitsHyphensAndUnderscoresInsideSegments() {
        assertEquals("v2.speech-to_text", DataCategory.of("v2.speech-to_text").key());
    }

    static Stream<String> malformedKeys() {
        return Stream.of(
                "",
                "Content",
                "content.Public",
                "1content",
                "content.2public",
                "content..public",
                ".content",
                "content.",
                "content-",
                "content.public_",
                "-content",
                "content--public",
                "content_-public",
                "content public",
                " content",
                "content\t",
                "contenté",
                "cönt",
                "content/public",
                "content:public",
                "a".repeat(KeyGrammar.MAX_LENGTH + 1));
    }

    @ParameterizedTest
    @MethodSource("malformedKeys")
    void shouldRejectAMalformedKeyShowingIt(String key) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DataCategory.of(key));

        assertTrue(e.getMessage().contains("'" + key + "'"), e.getMessage());
        assertTrue(e.getMessage().startsWith("data category key"), e.getMessage());
    }

    @Test
    void shouldSayWhichSegmentIsEmpty() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DataCategory.of("a..b"));

        assertEquals("data category key 'a..b' is malformed: segment 2 is empty; expected dot-separated lowercase "
                + "segments such as 'content.public'", e.getMessage());
    }

    @Test
    void shouldSayWhichCharacterIsNotAllowed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DataCategory.of("content public"));

        assertTrue(e.getMessage().contains("character ' ' at index 7 is not allowed"), e.getMessage());
    }

    @Test
    void shouldSayTheKeyIsTooLong() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DataCategory.of("a".repeat(KeyGrammar.MAX_LENGTH + 1)));

        assertTrue(e.getMessage().contains("longer than 200 characters"), e.getMessage());
    }

    @Test
    void shouldNotInternARejectedKey() {
        assertThrows(IllegalArgumentException.class, () -> DataCategory.of("Rejected.key"));

        assertThrows(IllegalArgumentException.class, () -> DataCategory.of("Rejected.key"));
    }

    @Test
    void shouldPrintItsKey() {
        assertEquals("content.public", DataCategory.PUBLIC_CONTENT.toString());
    }

    @Test
    void shouldBeEqualExactlyWhenTheKeysAreEqual() {
        new EqualsTester()
                .addEqualityGroup(DataCategory.PUBLIC_CONTENT, DataCategory.of("content.public"))
                .addEqualityGroup(DataCategory.CONTENT, DataCategory.of("content"))
                .addEqualityGroup(DataCategory.of("content.pub"))
                .addEqualityGroup(DataCategory.of("public"))
                .testEquals();
    }

    @Test
    void shouldNotEqualAPurposeWithTheSameKey() {
        assertFalse(DataCategory.of("ai-training").equals(Purpose.AI_TRAINING));
    }
}
