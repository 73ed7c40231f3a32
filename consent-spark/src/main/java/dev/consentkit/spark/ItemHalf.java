package dev.consentkit.spark;

import dev.consentkit.ContentItem;
import dev.consentkit.DataCategory;
import dev.consentkit.Reason;
import dev.consentkit.Reservation;
import dev.consentkit.ReservationSource;
import dev.consentkit.batch.MemberVerdict;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.sql.Row;
import org.jspecify.annotations.Nullable;

/**
 * The item half of the rules on an executor: an item row and its author's verdict become the primary
 * {@link Reason}, through the rule kernel ({@link dev.consentkit.batch.BatchEvaluator#reason(ContentItem,
 * MemberVerdict)}), or the reason the row cannot be decided. The verdict comes from {@link MemberHalf},
 * which gives every member row either the two numbers or an error; an item whose author matched no
 * member row gets neither. Which rows cannot: an item whose author has
 * no member row, or a member row that could not be read, and an item with a missing or malformed
 * category, instant or reservation. Their message names the item and its author.
 *
 * <p>An item's reservations are the list {@code reservations} of an item document ({@code source},
 * {@code effectiveFrom}), or a column {@code reservedFrom} with the start of its earliest do-not-train
 * reservation, read as a reservation of {@link ReservationSource#ITEM_FLAG}, or both.
 */
final class ItemHalf implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The code {@link #code} gives a row that cannot be decided. */
    static final int UNDECIDED = -1;
    // Stand-ins for the ids of an item decided on the fast path: no check reads them.
    private static final String ITEM = "item";
    private static final String AUTHOR = "author";
    // Category keys met on this copy; a data set has few.
    private static final int MAX_CATEGORIES = 4096;

    private final Question question;
    private transient @Nullable Map<String, DataCategory> categories;
    private transient @Nullable DataCategory lastCategory;

    ItemHalf(Question question) {
        this.question = question;
    }

    /**
     * The ordinal of the row's primary reason, or {@link #UNDECIDED}: the hot path, which builds no
     * message.
     */
    int code(@Nullable Long verdict, @Nullable Long choiceScope, @Nullable Object category,
            @Nullable Object createdAt, @Nullable Object deletedAt, @Nullable Object reservedFrom,
            @Nullable Object resumedAt, @Nullable Object reservations) {
        if (verdict == null || choiceScope == null) {
            return UNDECIDED;
        }
        try {
            ContentItem item = item(ITEM, AUTHOR, category, createdAt, deletedAt, reservedFrom, resumedAt, reservations);
            return question.itemHalf().reason(item, MemberVerdict.of(verdict, choiceScope)).ordinal();
        } catch (IllegalArgumentException e) {
            return UNDECIDED;
        }
    }

    /**
     * Whether the row passes the checks of the item alone
     * ({@link dev.consentkit.batch.BatchEvaluator#itemChecksPass}): {@code false} when it cannot be
     * trainable whoever its author is, or cannot be read. Asked before the items are joined to their
     * authors' verdicts, so that a count of trainable items looks up only the authors of items that may
     * count.
     */
    boolean itemChecksPass(@Nullable Object category, @Nullable Object createdAt, @Nullable Object deletedAt,
            @Nullable Object reservedFrom, @Nullable Object resumedAt, @Nullable Object reservations) {
        try {
            return question.itemHalf().itemChecksPass(
                    item(ITEM, AUTHOR, category, createdAt, deletedAt, reservedFrom, resumedAt, reservations));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Why a row {@link #code} could not decide cannot be decided; {@code null} for a row it decides. A
     * member with neither a verdict nor an error has no member row.
     */
    @Nullable String error(@Nullable Object itemId, @Nullable Object authorId, @Nullable Long verdict,
            @Nullable Long choiceScope, @Nullable String memberError, @Nullable Object category,
            @Nullable Object createdAt, @Nullable Object deletedAt, @Nullable Object reservedFrom,
            @Nullable Object resumedAt, @Nullable Object reservations) {
        String where = "item " + itemId + " of member " + authorId;
        if (memberError != null) {
            return where + ": the member row is refused: " + memberError;
        }
        if (verdict == null || choiceScope == null) {
            return where + ": the member has no member row";
        }
        try {
            String id = Values.requiredText(itemId, "the item's id");
            String author = Values.requiredText(authorId, "the item's authorId");
            question.itemHalf().reason(item(id, author, category, createdAt, deletedAt, reservedFrom, resumedAt,
                    reservations), MemberVerdict.of(verdict, choiceScope));
            return null;
        } catch (IllegalArgumentException e) {
            return where + ": " + e.getMessage();
        }
    }

    private ContentItem item(String id, String author, @Nullable Object category, @Nullable Object createdAt,
            @Nullable Object deletedAt, @Nullable Object reservedFrom, @Nullable Object resumedAt,
            @Nullable Object reservations) {
        Instant created = Values.instant(createdAt, "createdAt");
        if (created == null) {
            throw new IllegalArgumentException("createdAt is missing");
        }
        ContentItem item = ContentItem.of(id, author, category(Values.requiredText(category, "category")), created,
                Values.instant(deletedAt, "deletedAt"), reservations(reservedFrom, reservations));
        Instant resumed = Values.instant(resumedAt, "resumedAt");
        return resumed == null ? item : item.withResumedAt(resumed);
    }

    private static List<Reservation> reservations(@Nullable Object reservedFrom, @Nullable Object reservations) {
        Instant reserved = Values.instant(reservedFrom, "reservedFrom");
        List<Row> rows = Values.rows(reservations, "reservations");
        if (rows.isEmpty()) {
            return reserved == null ? List.of() : List.of(new Reservation(ReservationSource.ITEM_FLAG, reserved));
        }
        List<Reservation> all = new ArrayList<>();
        if (reserved != null) {
            all.add(new Reservation(ReservationSource.ITEM_FLAG, reserved));
        }
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            String what = "reservations[" + i + "]";
            String source = Values.requiredText(Values.field(r, "source"), what + ".source");
            Instant from = Values.instant(Values.field(r, "effectiveFrom"), what + ".effectiveFrom");
            if (from == null) {
                throw new IllegalArgumentException(what + ".effectiveFrom is missing");
            }
            all.add(new Reservation(Values.constant(ReservationSource.class, source, what + ".source"), from));
        }
        return all;
    }

    private DataCategory category(String key) {
        // Rows mostly repeat a few categories: the last one read is checked first.
        DataCategory last = lastCategory;
        if (last != null && last.key().equals(key)) {
            return last;
        }
        Map<String, DataCategory> known = categories;
        if (known == null) {
            known = new ConcurrentHashMap<>();
            categories = known;
        }
        DataCategory category = known.get(key);
        if (category == null) {
            category = DataCategory.of(key);
            if (known.size() < MAX_CATEGORIES) {
                known.put(key, category);
            }
        }
        lastCategory = category;
        return category;
    }
}
