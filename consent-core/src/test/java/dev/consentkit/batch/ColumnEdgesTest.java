package dev.consentkit.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.consentkit.ContentItem;
import dev.consentkit.DataCategory;
import dev.consentkit.Jurisdiction;
import dev.consentkit.LegalBasis;
import dev.consentkit.Member;
import dev.consentkit.PolicyVersion;
import dev.consentkit.Purpose;
import dev.consentkit.Reason;
import dev.consentkit.TrainingPolicy;
import java.time.Instant;
import java.time.LocalDate;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Columns at the edges of their unit's range: {@code Long.MIN_VALUE} before every instant,
 * {@code Long.MAX_VALUE} after every instant, the values next to them real instants, and questions
 * ({@code asOf}, an item scope, a coming of age) that no {@code long} of the unit holds. Every answer is
 * the one the instants themselves give.
 */
class ColumnEdgesTest {

    private static final long FIRST = Long.MIN_VALUE + 1;
    private static final long LAST = Long.MAX_VALUE - 1;
    private static final Member MEMBER = Member.builder("m-1").residentIn(Jurisdiction.of("DE")).build();
    private static final MemberStore STORE = MemberStore.of(List.of(MEMBER));
    private static final TrainingPolicy SINCE_EVER = policy(version().build());

    private static PolicyVersion.Builder version() {
        return PolicyVersion.builder("v0", Instant.MIN).defaultBasis(LegalBasis.LEGITIMATE_INTERESTS)
                .allow(DataCategory.CONTENT).minimumAge(0);
    }

    private static TrainingPolicy policy(PolicyVersion version) {
        return TrainingPolicy.builder("p", Purpose.GENERATIVE_AI_TRAINING).version(version).build();
    }

    private static ItemColumns created(TimeUnit unit, long... createdAt) {
        return ItemColumns.of(new int[createdAt.length], new int[createdAt.length], List.of(DataCategory.PUBLIC_CONTENT),
                createdAt, unit);
    }

    private static Reason[] reasons(TrainingPolicy policy, Instant asOf, ItemColumns columns) {
        BatchEvaluator batch = BatchEvaluator.of(policy, STORE, asOf);
        Reason[] reasons = batch.reasons(columns);
        BitSet trainable = batch.trainable(columns);
        for (int row = 0; row < reasons.length; row++) {
            assertEquals(reasons[row].isTrainable(), trainable.get(row), "row " + row);
        }
        return reasons;
    }

    @Test
    void shouldNotCallAnItemCreatedAfterAnAsOfBelowTheNanosecondRangeCreated() {
        // 1600 lies before the first instant a long of nanoseconds holds; FIRST is a real instant after it.
        Instant asOf = Instant.parse("1600-01-01T00:00:00Z");

        assertArrayEquals(new Reason[] {Reason.ITEM_NOT_YET_CREATED, Reason.ALLOWED_BY_DEFAULT},
                reasons(SINCE_EVER, asOf, created(TimeUnit.NANOSECONDS, FIRST, Long.MIN_VALUE)));
    }

    @ParameterizedTest
    @EnumSource(value = TimeUnit.class, names = {"NANOSECONDS", "MICROSECONDS", "MILLISECONDS"})
    void shouldNotCallAnItemCreatedAtTheFirstInstantOfAUnitCreatedAtTheStartOfTime(TimeUnit unit) {
        // Instant.MIN is before the first instant a long of these units holds.
        assertArrayEquals(new Reason[] {Reason.ITEM_NOT_YET_CREATED, Reason.ALLOWED_BY_DEFAULT},
                reasons(SINCE_EVER, Instant.MIN, created(unit, FIRST, Long.MIN_VALUE)));
    }

    @ParameterizedTest
    @EnumSource(value = TimeUnit.class, names = {"SECONDS", "MINUTES", "HOURS"})
    void shouldCallAnItemCreatedBeforeTheStartOfTimeCreatedInCoarseUnits(TimeUnit unit) {
        // A long of seconds reaches far before Instant.MIN: such an item exists at Instant.MIN.
        assertArrayEquals(new Reason[] {Reason.ALLOWED_BY_DEFAULT, Reason.ITEM_NOT_YET_CREATED},
                reasons(SINCE_EVER, Instant.MIN, created(unit, FIRST, Instant.MIN.getEpochSecond() / unit.toSeconds(1) + 1)));
    }

    @Test
    void shouldKeepAnItemJustInsideTheNanosecondRangeOutOfAScopeBeyondIt() {
        TrainingPolicy scoped = policy(version().itemsCreatedFrom(Instant.parse("2300-01-01T00:00:00Z")).build());

        assertArrayEquals(new Reason[] {Reason.ITEM_OUT_OF_SCOPE, Reason.ITEM_OUT_OF_SCOPE},
                reasons(scoped, Instant.MAX, created(TimeUnit.NANOSECONDS, LAST, 0)));
    }

    @Test
    void shouldKeepAnItemFromAsFarBackAsWeKnowOutOfAScopeBelowTheRange() {
        TrainingPolicy scoped = policy(version().itemsCreatedFrom(Instant.parse("1600-01-01T00:00:00Z")).build());

        assertArrayEquals(new Reason[] {Reason.ITEM_OUT_OF_SCOPE, Reason.ALLOWED_BY_DEFAULT},
                reasons(scoped, Instant.MAX, created(TimeUnit.NANOSECONDS, Long.MIN_VALUE, FIRST)));
    }

    @Test
    void shouldNeverCallAnItemDeletedOrReservedAtNeverSoWhenAskedAtTheEndOfTime() {
        ItemColumns columns = created(TimeUnit.NANOSECONDS, 0, 0, 0)
                .withDeletedAt(new long[] {Long.MAX_VALUE, LAST, Long.MAX_VALUE})
                .withReservedFrom(new long[] {Long.MAX_VALUE, Long.MAX_VALUE, LAST});

        assertArrayEquals(new Reason[] {Reason.ALLOWED_BY_DEFAULT, Reason.ITEM_DELETED, Reason.ITEM_RESERVED},
                reasons(SINCE_EVER, Instant.MAX, columns));
    }

    @Test
    void shouldCallAnItemCreatedBeforeAComingOfAgeBeyondTheRangeCreatedWhileMinor() {
        Member late = Member.builder("m-1").birthDate(LocalDate.of(9999, 12, 31)).residentIn(Jurisdiction.of("DE"))
                .build();
        MemberStore store = MemberStore.of(List.of(late));
        TrainingPolicy adults = policy(version().minimumAge(18).build());
        ItemColumns columns = created(TimeUnit.NANOSECONDS, LAST);

        BatchEvaluator batch = BatchEvaluator.of(adults, store, Instant.MAX);

        assertArrayEquals(new Reason[] {Reason.CREATED_WHILE_MINOR}, batch.reasons(columns));
        ContentItem post = ContentItem.of("post-1", "m-1", DataCategory.PUBLIC_CONTENT,
                Instant.parse("2262-04-11T00:00:00Z"));
        assertEquals(Reason.CREATED_WHILE_MINOR, adults.evaluate(post, late, Instant.MAX).reason());
        assertEquals(Reason.CREATED_WHILE_MINOR, batch.reason(post));
    }
}
