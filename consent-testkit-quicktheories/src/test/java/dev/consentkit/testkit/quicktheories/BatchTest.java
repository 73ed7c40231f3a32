package dev.consentkit.testkit.quicktheories;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import com.google.common.testing.EqualsTester;
import dev.consentkit.ContentItem;
import dev.consentkit.DataCategory;
import dev.consentkit.Jurisdiction;
import dev.consentkit.Member;
import dev.consentkit.TrainingPolicy;
import dev.consentkit.batch.MemberStore;
import dev.consentkit.suite.Scenario;
import java.time.Instant;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Shows that a batch holds only questions that can be asked, and that its reference answers are each item's asked alone. */
class BatchTest {

    private static final TrainingPolicy LINKEDIN = Fixtures.linkedIn();
    private static final Instant AS_OF = Instant.parse("2025-12-01T00:00:00Z");
    private static final Member ANA = Member.builder("m-1").residentIn(Jurisdiction.of("US")).build();
    private static final Member BEN = Member.builder("m-2").residentIn(Jurisdiction.of("DE")).build();
    private static final ContentItem POST = ContentItem.of("post-1", "m-1", DataCategory.PUBLIC_CONTENT,
            Instant.parse("2025-01-01T00:00:00Z"));
    private static final ContentItem MESSAGE = ContentItem.of("message-1", "m-2", DataCategory.PRIVATE_MESSAGES,
            Instant.parse("2025-01-01T00:00:00Z"));

    @Test
    void shouldRefuseAnItemWhoseAuthorIsNotAMember() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Batch.of(LINKEDIN, List.of(ANA), List.of(POST, MESSAGE), AS_OF, null));

        assertEquals("content item message-1 is authored by member m-2, who is not among the batch's members [m-1]",
                e.getMessage());
    }

    @Test
    void shouldRefuseTwoMembersWithOneId() {
        Member otherAna = Member.builder("m-1").residentIn(Jurisdiction.of("FR")).build();

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Batch.of(LINKEDIN, List.of(ANA, otherAna), List.of(POST), AS_OF, null));

        assertEquals("member m-1 is in the batch twice", e.getMessage());
    }

    @Test
    void shouldRefuseItemsOfAnotherAuthorInACopy() {
        Batch batch = Batch.of(LINKEDIN, List.of(ANA), List.of(POST), AS_OF, null);

        assertThrows(IllegalArgumentException.class, () -> batch.withItems(List.of(MESSAGE)));
        assertThrows(IllegalArgumentException.class, () -> batch.author(MESSAGE));
    }

    @Test
    void shouldAskEachItemAloneAsAScenarioOfItsAuthor() {
        Instant knownAt = Instant.parse("2025-06-01T00:00:00Z");
        Batch batch = Batch.of(LINKEDIN, List.of(ANA, BEN), List.of(POST, MESSAGE), AS_OF, knownAt);

        assertEquals(BEN, batch.author(MESSAGE));
        assertEquals(Scenario.of(LINKEDIN, BEN, MESSAGE, AS_OF, knownAt), batch.scenario(MESSAGE));
        assertEquals(Optional.of(knownAt), batch.knownAt());
        assertEquals(Optional.empty(), Batch.of(LINKEDIN, List.of(ANA), List.of(POST), AS_OF, null).knownAt());
    }

    @Test
    void shouldMarkTheRowsOfTheItemsThatAreTrainableAskedAlone() {
        qt().withExamples(100).forAll(ConsentGenerators.batches()).checkAssert(batch -> {
            BitSet rows = batch.trainableRows();
            for (int row = 0; row < batch.items().size(); row++) {
                Scenario question = batch.scenario(batch.items().get(row));
                assertEquals(question.replay().trainable(), rows.get(row), question::toString);
            }
            assertEquals(rows, batch.evaluator(MemberStore.of(batch.members())).trainable(batch.items()));
        });
    }

    @Test
    void shouldShowEveryQuestionAsAScenario() {
        Batch batch = Batch.of(LINKEDIN, List.of(ANA, BEN), List.of(POST, MESSAGE), AS_OF, null);

        String shown = batch.toString();

        assertTrue(shown.startsWith("batch of 2 items at 2025-12-01T00:00:00Z by members [m-1, m-2]\n"), shown);
        assertTrue(shown.contains(batch.scenario(POST).toString()), shown);
        assertTrue(shown.contains(batch.scenario(MESSAGE).toString()), shown);
    }

    @Test
    void shouldBeEqualWhenEveryValueIsEqual() {
        new EqualsTester()
                .addEqualityGroup(Batch.of(LINKEDIN, List.of(ANA, BEN), List.of(POST, MESSAGE), AS_OF, null),
                        Batch.of(LINKEDIN, List.of(ANA, BEN), List.of(POST), AS_OF, null).withItems(List.of(POST, MESSAGE)))
                .addEqualityGroup(Batch.of(LINKEDIN, List.of(ANA, BEN), List.of(MESSAGE, POST), AS_OF, null))
                .addEqualityGroup(Batch.of(LINKEDIN, List.of(ANA, BEN), List.of(POST, MESSAGE), AS_OF, AS_OF))
                .addEqualityGroup(Batch.of(LINKEDIN, List.of(ANA, BEN), List.of(POST, MESSAGE), AS_OF.plusNanos(1), null))
                .addEqualityGroup(Batch.of(Fixtures.metaEu(), List.of(ANA, BEN), List.of(POST, MESSAGE), AS_OF, null))
                .testEquals();
    }
}
