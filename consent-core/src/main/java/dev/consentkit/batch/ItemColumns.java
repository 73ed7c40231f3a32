package dev.consentkit.batch;

import dev.consentkit.DataCategory;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Content items held in columns, as training pipelines read them from Arrow, Parquet or Spark: for
 * row {@code i}, the author's index in a {@link MemberStore}, the category as an index into a
 * dictionary, the creation instant and, optionally, the deletion instant, the start of a
 * do-not-train reservation and the last resumption, as {@code long} counts of a {@link TimeUnit} since 1970-01-01T00:00:00Z.
 *
 * <p>The columns are not copied: unlike the other types of this package, this is a view over the
 * caller's arrays, which must not change while a {@link BatchEvaluator} reads them. The dictionary
 * is copied. In every instant column {@link Long#MAX_VALUE} stands after every instant ("never": not
 * deleted, not reserved, not resumed; a creation never reached) and {@link Long#MIN_VALUE} before every instant
 * ("as far back as we know"); only the values between them are instants. A unit from
 * {@link TimeUnit#NANOSECONDS} to {@link TimeUnit#HOURS} may be used; a column may hold instants far
 * outside the span of nanoseconds, and every comparison with a question's instants stays exact.
 */
public final class ItemColumns {

    private final int[] memberIndexes;
    private final int[] categoryIndexes;
    private final DataCategory[] categories;
    private final long[] createdAt;
    private final long @Nullable [] deletedAt;
    private final long @Nullable [] reservedFrom;
    private final long @Nullable [] resumedAt;
    private final TimeUnit unit;

    private ItemColumns(int[] memberIndexes, int[] categoryIndexes, DataCategory[] categories, long[] createdAt,
            long @Nullable [] deletedAt, long @Nullable [] reservedFrom, long @Nullable [] resumedAt, TimeUnit unit) {
        this.memberIndexes = memberIndexes;
        this.categoryIndexes = categoryIndexes;
        this.categories = categories;
        this.createdAt = createdAt;
        this.deletedAt = deletedAt;
        this.reservedFrom = reservedFrom;
        this.resumedAt = resumedAt;
        this.unit = unit;
    }

    /**
     * Columns of items with no deletion and no reservation.
     *
     * @param memberIndexes per row, the author's {@link MemberStore#indexOf index} in the store the
     *     items are evaluated against, looked up in that store: an index vacated by
     *     {@link MemberStore#withChanges} is rejected when the rows are evaluated, and one looked up
     *     in another store may name another member
     * @param categoryIndexes per row, an index into {@code categories}
     * @param categories the category dictionary
     * @param createdAt per row, the creation instant in {@code unit}s since the epoch
     * @param unit the unit of every instant column; {@link TimeUnit#DAYS} is not supported
     * @return the columns
     * @throws NullPointerException if an argument or a dictionary entry is null
     * @throws IllegalArgumentException if the columns differ in length, a category index is outside the
     *     dictionary, or the unit is days; the message shows the row and value
     */
    public static ItemColumns of(int[] memberIndexes, int[] categoryIndexes, List<DataCategory> categories,
            long[] createdAt, TimeUnit unit) {
        Objects.requireNonNull(memberIndexes, "memberIndexes");
        Objects.requireNonNull(categoryIndexes, "categoryIndexes");
        Objects.requireNonNull(categories, "categories");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(unit, "unit");
        if (unit == TimeUnit.DAYS) {
            throw new IllegalArgumentException("instant columns in DAYS cannot place an instant within its day; use "
                    + "SECONDS or finer");
        }
        DataCategory[] dictionary = categories.toArray(new DataCategory[0]);
        for (int i = 0; i < dictionary.length; i++) {
            Objects.requireNonNull(dictionary[i], "categories[" + i + "]");
        }
        requireLength("categoryIndexes", categoryIndexes.length, memberIndexes.length);
        requireLength("createdAt", createdAt.length, memberIndexes.length);
        for (int row = 0; row < categoryIndexes.length; row++) {
            int index = categoryIndexes[row];
            if (index < 0 || index >= dictionary.length) {
                throw new IllegalArgumentException("category index " + index + " in row " + row
                        + " is outside the dictionary of " + dictionary.length + " categories");
            }
        }
        return new ItemColumns(memberIndexes, categoryIndexes, dictionary, createdAt, null, null, null, unit);
    }

    /**
     * A view with a deletion column; {@link Long#MAX_VALUE} marks an item that is not deleted.
     *
     * @param deletedAt per row, the deletion instant in the columns' unit since the epoch
     * @return a view of these columns with the deletion column
     * @throws IllegalArgumentException if the column's length differs from the others
     */
    public ItemColumns withDeletedAt(long[] deletedAt) {
        requireLength("deletedAt", Objects.requireNonNull(deletedAt, "deletedAt").length, size());
        return new ItemColumns(memberIndexes, categoryIndexes, categories, createdAt, deletedAt, reservedFrom, resumedAt, unit);
    }

    /**
     * A view with a reservation column: per row the start of the earliest do-not-train reservation,
     * or {@link Long#MAX_VALUE} for none.
     *
     * @param reservedFrom per row, the start of the earliest reservation in the columns' unit since
     *     the epoch
     * @return a view of these columns with the reservation column
     * @throws IllegalArgumentException if the column's length differs from the others
     */
    public ItemColumns withReservedFrom(long[] reservedFrom) {
        requireLength("reservedFrom", Objects.requireNonNull(reservedFrom, "reservedFrom").length, size());
        return new ItemColumns(memberIndexes, categoryIndexes, categories, createdAt, deletedAt, reservedFrom, resumedAt, unit);
    }

    /**
     * A view with a resumption column: per row the instant the item was last resumed (as
     * {@link dev.consentkit.ContentItem#resumedAt()}), or {@link Long#MAX_VALUE} for never. Only a
     * version that counts items from the member's own choice reads it
     * ({@link dev.consentkit.PolicyVersion#itemsFromMembersChoice()}); a resumption after the instant of
     * use is not counted.
     *
     * @param resumedAt per row, the instant of the last resumption in the columns' unit since the
     *     epoch
     * @return a view of these columns with the resumption column
     * @throws IllegalArgumentException if the column's length differs from the others
     */
    public ItemColumns withResumedAt(long[] resumedAt) {
        requireLength("resumedAt", Objects.requireNonNull(resumedAt, "resumedAt").length, size());
        return new ItemColumns(memberIndexes, categoryIndexes, categories, createdAt, deletedAt, reservedFrom, resumedAt,
                unit);
    }

    private static void requireLength(String column, int length, int expected) {
        if (length != expected) {
            throw new IllegalArgumentException("column " + column + " has " + length + " rows, the others "
                    + expected);
        }
    }

    /** {@return the number of rows} */
    public int size() {
        return memberIndexes.length;
    }

    /** {@return the unit of the instant columns} */
    public TimeUnit unit() {
        return unit;
    }

    /** {@return the category dictionary} */
    public List<DataCategory> categories() {
        return List.of(categories);
    }

    int[] memberIndexes() {
        return memberIndexes;
    }

    int[] categoryIndexes() {
        return categoryIndexes;
    }

    DataCategory[] categoryDictionary() {
        return categories;
    }

    long[] createdAt() {
        return createdAt;
    }

    long @Nullable [] deletedAt() {
        return deletedAt;
    }

    long @Nullable [] reservedFrom() {
        return reservedFrom;
    }

    long @Nullable [] resumedAt() {
        return resumedAt;
    }

    /** A summary, such as {@code ItemColumns[10000000 rows in MICROSECONDS, 8 categories]}. */
    @Override
    public String toString() {
        return "ItemColumns[" + size() + " rows in " + unit + ", " + categories.length + " categories"
                + (deletedAt == null ? "" : ", deletions") + (reservedFrom == null ? "" : ", reservations")
                + (resumedAt == null ? "" : ", resumptions") + "]";
    }
}
