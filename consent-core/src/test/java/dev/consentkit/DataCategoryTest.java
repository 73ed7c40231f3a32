package dev.consentkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.testing.EqualsTester;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Shows that data category keys are validated, interned and ordered in a hierarchy by dotted prefix segments. */
class DataCategoryTest {

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
    void shouldReturnTheSameInstanceForTheSameCustomKey() {
        assertSame(DataCategory.of("content.video-transcripts"), DataCategory.of("content.video-transcripts"));
    }

    @Test
    void shouldLinkACustomCategoryToItsBuiltInParent() {
        assertSame(DataCategory.CONTENT, DataCategory.of("content.video-transcripts").parent());
    }

    @Test
    void shouldCreateEveryMissingAncestorOfANewKey() {
        DataCategory leaf = DataCategory.of("telemetry.clicks.search_box");

        assertEquals("telemetry.clicks", leaf.parent().key());
        assertEquals("telemetry", leaf.parent().parent().key());
        assertNull(leaf.parent().parent().parent());
    }

    @Test
    void shouldHaveNoParentAtTheTopLevel() {
        assertNull(DataCategory.PROFILE_DETAILS.parent());
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
