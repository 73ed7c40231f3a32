package dev.consentkit.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.consentkit.DataCategory;
import dev.consentkit.Jurisdiction;
import dev.consentkit.LegalBasis;
import dev.consentkit.Member;
import dev.consentkit.PolicyVersion;
import dev.consentkit.Purpose;
import dev.consentkit.TrainingPolicy;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Shows which item columns are accepted, with the row and value named when they are not, and how they read. */
class ItemColumnsTest {

    private static final List<DataCategory> TWO = List.of(DataCategory.PUBLIC_CONTENT, DataCategory.PROFILE_DETAILS);

    @Test
    void shouldRejectACategoryColumnOfAnotherLengthNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ItemColumns.of(new int[3], new int[2], TWO, new long[3], TimeUnit.NANOSECONDS));

        assertEquals("column categoryIndexes has 2 rows, the others 3", e.getMessage());
    }

    @Test
    void shouldRejectACreationColumnOfAnotherLengthNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ItemColumns.of(new int[3], new int[3], TWO, new long[4], TimeUnit.NANOSECONDS));

        assertEquals("column createdAt has 4 rows, the others 3", e.getMessage());
    }

    @Test
    void shouldRejectADeletionColumnOfAnotherLengthNamingIt() {
        ItemColumns columns = ItemColumns.of(new int[3], new int[3], TWO, new long[3], TimeUnit.NANOSECONDS);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> columns.withDeletedAt(new long[2]));

        assertEquals("column deletedAt has 2 rows, the others 3", e.getMessage());
    }

    @Test
    void shouldRejectAReservationColumnOfAnotherLengthNamingIt() {
        ItemColumns columns = ItemColumns.of(new int[3], new int[3], TWO, new long[3], TimeUnit.NANOSECONDS);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> columns.withReservedFrom(new long[5]));

        assertEquals("column reservedFrom has 5 rows, the others 3", e.getMessage());
    }

    @Test
    void shouldRejectACategoryIndexOutsideTheDictionaryNamingItsRow() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ItemColumns.of(new int[3], new int[] {1, 0, 2}, TWO, new long[3], TimeUnit.NANOSECONDS));

        assertEquals("category index 2 in row 2 is outside the dictionary of 2 categories", e.getMessage());
    }

    @Test
    void shouldRejectANegativeCategoryIndexNamingItsRow() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ItemColumns.of(new int[3], new int[] {0, -1, 0}, TWO, new long[3], TimeUnit.NANOSECONDS));

        assertEquals("category index -1 in row 1 is outside the dictionary of 2 categories", e.getMessage());
    }

    @Test
    void shouldRejectAnyCategoryIndexWithAnEmptyDictionary() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ItemColumns.of(new int[1], new int[1], List.of(), new long[1], TimeUnit.NANOSECONDS));

        assertTrue(e.getMessage().contains("row 0"), e.getMessage());
    }

    @Test
    void shouldRejectANullCategoryInTheDictionaryNamingItsPosition() {
        List<DataCategory> withNull = Arrays.asList(DataCategory.PUBLIC_CONTENT, null);

        NullPointerException e = assertThrows(NullPointerException.class,
                () -> ItemColumns.of(new int[1], new int[1], withNull, new long[1], TimeUnit.NANOSECONDS));

        assertEquals("categories[1]", e.getMessage());
    }

    @Test
    void shouldRejectDaysSinceTheyCannotPlaceAnInstantWithinItsDay() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ItemColumns.of(new int[1], new int[1], TWO, new long[1], TimeUnit.DAYS));

        assertTrue(e.getMessage().contains("DAYS"), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(value = TimeUnit.class, names = "DAYS", mode = EnumSource.Mode.EXCLUDE)
    void shouldAcceptEveryUnitFinerThanDays(TimeUnit unit) {
        assertEquals(unit, ItemColumns.of(new int[1], new int[1], TWO, new long[1], unit).unit());
    }

    @Test
    void shouldTellItsSizeAndDictionary() {
        ItemColumns columns = ItemColumns.of(new int[4], new int[4], TWO, new long[4], TimeUnit.MICROSECONDS);

        assertEquals(4, columns.size());
        assertEquals(TWO, columns.categories());
    }

    @Test
    void shouldCopyTheDictionary() {
        List<DataCategory> dictionary = new ArrayList<>(TWO);
        ItemColumns columns = ItemColumns.of(new int[1], new int[1], dictionary, new long[1], TimeUnit.MICROSECONDS);

        dictionary.set(0, DataCategory.PRIVATE_MESSAGES);

        assertEquals(TWO, columns.categories());
    }

    @Test
    void shouldReadTheCallersColumnsWithoutCopyingThem() {
        Member member = Member.builder("m-1").birthDate(LocalDate.of(1990, 1, 1)).residentIn(Jurisdiction.of("DE")).build();
        MemberStore store = MemberStore.of(List.of(member));
        TrainingPolicy policy = TrainingPolicy.builder("p", Purpose.GENERATIVE_AI_TRAINING)
                .version(PolicyVersion.builder("v1", Instant.EPOCH).defaultBasis(LegalBasis.LEGITIMATE_INTERESTS)
                        .allow(DataCategory.CONTENT).build())
                .build();
        long[] createdAt = {Instant.parse("2025-01-01T00:00:00Z").getEpochSecond()};
        ItemColumns columns = ItemColumns.of(new int[1], new int[1], TWO, createdAt, TimeUnit.SECONDS);
        BatchEvaluator batch = BatchEvaluator.of(policy, store, Instant.parse("2025-06-01T00:00:00Z"));
        assertTrue(batch.trainable(columns).get(0));

        createdAt[0] = Instant.parse("2025-07-01T00:00:00Z").getEpochSecond();

        assertFalse(batch.trainable(columns).get(0));
    }

    @Test
    void shouldSummariseRowsUnitAndCategoriesInToString() {
        ItemColumns columns = ItemColumns.of(new int[3], new int[3], TWO, new long[3], TimeUnit.MICROSECONDS);

        assertEquals("ItemColumns[3 rows in MICROSECONDS, 2 categories]", columns.toString());
    }

    @Test
    void shouldMentionOptionalColumnsInToString() {
        ItemColumns columns = ItemColumns.of(new int[3], new int[3], TWO, new long[3], TimeUnit.MILLISECONDS);

        assertEquals("ItemColumns[3 rows in MILLISECONDS, 2 categories, deletions, reservations]",
                columns.withDeletedAt(new long[3]).withReservedFrom(new long[3]).toString());
        assertEquals("ItemColumns[3 rows in MILLISECONDS, 2 categories, reservations]",
                columns.withReservedFrom(new long[3]).toString());
    }

    @Test
    void shouldLeaveTheOriginalViewWithoutTheColumnAdded() {
        ItemColumns columns = ItemColumns.of(new int[3], new int[3], TWO, new long[3], TimeUnit.MILLISECONDS);

        ItemColumns withDeletions = columns.withDeletedAt(new long[3]);

        assertEquals("ItemColumns[3 rows in MILLISECONDS, 2 categories]", columns.toString());
        assertEquals("ItemColumns[3 rows in MILLISECONDS, 2 categories, deletions]", withDeletions.toString());
    }
}
