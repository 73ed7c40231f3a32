package dev.consentkit.batch;

import dev.consentkit.ContentItem;
import dev.consentkit.DataCategory;
import dev.consentkit.Reservation;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Content items laid out as {@link ItemColumns}, as a pipeline reading them from a columnar file holds
 * them: author indexes in a {@link MemberStore}, a category dictionary, and instants in a {@link TimeUnit}.
 * A test fixture: the batch evaluator's unit tests in consent-core and its property tests in
 * consent-testkit-quicktheories both lay items out with it.
 */
public final class ColumnsOfItems {

    private ColumnsOfItems() {}

    /**
     * The items as columns in {@code unit}, with a deletion column when an item is deleted and a
     * reservation column (the earliest reservation per row) when an item is reserved, and a resumption
     * column when an item is resumed.
     *
     * @throws IllegalArgumentException if an author is not in the store or an instant is not a whole
     *     number of {@code unit}s
     */
    public static ItemColumns of(MemberStore store, List<ContentItem> items, TimeUnit unit) {
        return of(store, items, unit, items.size());
    }

    /**
     * As {@link #of(MemberStore, List, TimeUnit)}, with {@code rows} rows that repeat the items: row
     * {@code r} holds item {@code r % items.size()}. Each item is converted once, so a few hundred
     * thousand rows cost little.
     */
    public static ItemColumns of(MemberStore store, List<ContentItem> items, TimeUnit unit, int rows) {
        int n = items.size();
        int[] memberOf = new int[n];
        int[] categoryOf = new int[n];
        long[] createdOf = new long[n];
        long[] deletedOf = new long[n];
        long[] reservedOf = new long[n];
        long[] resumedOf = new long[n];
        boolean anyResumed = false;
        boolean anyDeleted = false;
        boolean anyReserved = false;
        Map<DataCategory, Integer> dictionary = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            ContentItem item = items.get(i);
            memberOf[i] = store.indexOf(item.authorId());
            if (memberOf[i] < 0) {
                throw new IllegalArgumentException("author of " + item + " is not in the store");
            }
            categoryOf[i] = dictionary.computeIfAbsent(item.category(), category -> dictionary.size());
            createdOf[i] = count(item.createdAt(), unit);
            Instant deleted = item.deletedAt().orElse(null);
            deletedOf[i] = deleted == null ? Long.MAX_VALUE : count(deleted, unit);
            anyDeleted |= deleted != null;
            Instant reserved = earliestReservation(item);
            reservedOf[i] = reserved == null ? Long.MAX_VALUE : count(reserved, unit);
            anyReserved |= reserved != null;
            Instant resumed = item.resumedAt().orElse(null);
            resumedOf[i] = resumed == null ? Long.MAX_VALUE : count(resumed, unit);
            anyResumed |= resumed != null;
        }
        ItemColumns columns = ItemColumns.of(repeated(memberOf, rows), repeated(categoryOf, rows),
                new ArrayList<>(dictionary.keySet()), repeated(createdOf, rows), unit);
        if (anyDeleted) {
            columns = columns.withDeletedAt(repeated(deletedOf, rows));
        }
        if (anyResumed) {
            columns = columns.withResumedAt(repeated(resumedOf, rows));
        }
        return anyReserved ? columns.withReservedFrom(repeated(reservedOf, rows)) : columns;
    }

    /** The instant as a count of {@code unit}s since the epoch. */
    public static long count(Instant instant, TimeUnit unit) {
        BigInteger nanos = BigInteger.valueOf(instant.getEpochSecond()).multiply(BigInteger.valueOf(1_000_000_000L))
                .add(BigInteger.valueOf(instant.getNano()));
        BigInteger[] quotientAndRemainder = nanos.divideAndRemainder(BigInteger.valueOf(unit.toNanos(1)));
        if (quotientAndRemainder[1].signum() != 0) {
            throw new IllegalArgumentException(instant + " is not a whole number of " + unit);
        }
        return quotientAndRemainder[0].longValueExact();
    }

    /** The instant truncated to a whole number of {@code unit}s, towards the past. */
    public static Instant truncated(Instant instant, TimeUnit unit) {
        long nanosPerUnit = unit.toNanos(1);
        if (nanosPerUnit >= 1_000_000_000L) {
            long secondsPerUnit = nanosPerUnit / 1_000_000_000L;
            return Instant.ofEpochSecond(Math.floorDiv(instant.getEpochSecond(), secondsPerUnit) * secondsPerUnit);
        }
        return Instant.ofEpochSecond(instant.getEpochSecond(), instant.getNano() - instant.getNano() % nanosPerUnit);
    }

    /** The item with every instant truncated to a whole number of {@code unit}s. */
    public static ContentItem truncated(ContentItem item, TimeUnit unit) {
        List<Reservation> reservations = new ArrayList<>();
        for (Reservation reservation : item.reservations()) {
            reservations.add(new Reservation(reservation.source(), truncated(reservation.effectiveFrom(), unit)));
        }
        return ContentItem.of(item.id(), item.authorId(), item.category(), truncated(item.createdAt(), unit),
                item.deletedAt().map(at -> truncated(at, unit)).orElse(null), reservations)
                .withResumedAt(item.resumedAt().map(at -> truncated(at, unit)).orElse(null));
    }

    private static int[] repeated(int[] values, int rows) {
        int[] column = new int[rows];
        for (int row = 0; row < rows; row++) {
            column[row] = values[row % values.length];
        }
        return column;
    }

    private static long[] repeated(long[] values, int rows) {
        long[] column = new long[rows];
        for (int row = 0; row < rows; row++) {
            column[row] = values[row % values.length];
        }
        return column;
    }

    private static @Nullable Instant earliestReservation(ContentItem item) {
        Instant earliest = null;
        for (Reservation reservation : item.reservations()) {
            if (earliest == null || reservation.effectiveFrom().isBefore(earliest)) {
                earliest = reservation.effectiveFrom();
            }
        }
        return earliest;
    }
}
