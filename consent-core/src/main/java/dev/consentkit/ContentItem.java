package dev.consentkit;

import dev.consentkit.internal.ItemFacts;
import dev.consentkit.internal.KernelTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One piece of a member's data that a training pipeline may want to use: a post, a profile, a chat.
 *
 * <p>An item exists from {@code createdAt} (inclusive) until {@code deletedAt} (exclusive); nothing
 * trains on it outside that interval. Item-level {@link Reservation reservations} can forbid training
 * whatever the member chose.
 *
 * <p>An item that can be taken up again, such as a chat or a coding session, may carry the instant
 * it was last resumed ({@link #resumedAt()}). Only a version that scopes items from the member's own
 * choice ({@link PolicyVersion#itemsFromMembersChoice()}) reads it: there a chat created before the
 * member's opt-in counts once it is resumed at or after it.
 */
public final class ContentItem {

    private final String id;
    private final String authorId;
    private final DataCategory category;
    private final Instant createdAt;
    private final @Nullable Instant deletedAt;
    private final @Nullable Instant resumedAt;
    private final Reservation[] reservations;
    // The kernel's view, computed once so that deciding allocates nothing.
    private final long createdNanos;
    private final long deletedNanos;
    private final long reservedFromNanos;
    private final long resumedNanos;

    static {
        ItemFacts.register(new ItemFacts.Access() {
            @Override
            public long createdAt(ContentItem item) {
                return item.createdNanos;
            }

            @Override
            public long deletedAt(ContentItem item) {
                return item.deletedNanos;
            }

            @Override
            public long reservedFrom(ContentItem item) {
                return item.reservedFromNanos;
            }

            @Override
            public long resumedAt(ContentItem item) {
                return item.resumedNanos;
            }
        });
    }

    private ContentItem(String id, String authorId, DataCategory category, Instant createdAt,
            @Nullable Instant deletedAt, @Nullable Instant resumedAt, Reservation[] reservations) {
        this.id = Objects.requireNonNull(id, "id");
        this.authorId = Objects.requireNonNull(authorId, "authorId");
        this.category = Objects.requireNonNull(category, "category");
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        if (id.isBlank()) {
            throw new IllegalArgumentException("content item id is blank: '" + id + "'");
        }
        if (authorId.isBlank()) {
            throw new IllegalArgumentException("author id of content item " + id + " is blank: '" + authorId + "'");
        }
        if (deletedAt != null && deletedAt.isBefore(createdAt)) {
            throw new IllegalArgumentException("content item " + id + " is deleted at " + deletedAt
                    + ", before it was created at " + createdAt);
        }
        KernelTime.checkStored(createdAt, "createdAt of content item " + id);
        if (deletedAt != null) {
            KernelTime.checkStored(deletedAt, "deletedAt of content item " + id);
        }
        if (resumedAt != null) {
            if (resumedAt.isBefore(createdAt)) {
                throw new IllegalArgumentException("content item " + id + " is resumed at " + resumedAt
                        + ", before it was created at " + createdAt);
            }
            KernelTime.checkStored(resumedAt, "resumedAt of content item " + id);
        }
        long earliestReservation = KernelTime.NEVER;
        for (Reservation r : reservations) {
            earliestReservation = Math.min(earliestReservation, KernelTime.nanos(r.effectiveFrom()));
        }
        this.deletedAt = deletedAt;
        this.resumedAt = resumedAt;
        this.reservations = reservations;
        this.createdNanos = KernelTime.nanos(createdAt);
        this.deletedNanos = deletedAt == null ? KernelTime.NEVER : KernelTime.nanos(deletedAt);
        this.reservedFromNanos = earliestReservation;
        this.resumedNanos = resumedAt == null ? KernelTime.NEVER : KernelTime.nanos(resumedAt);
    }

    /**
     * {@return an item that exists from {@code createdAt} on, with no deletion and no reservation}
     *
     * @param id the item's id
     * @param authorId the id of the member who authored it
     * @param category what kind of data it is
     * @param createdAt when it was created
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if an id is blank, or {@code createdAt} is outside the span
     *     ConsentKit stores (1677-09-21T00:12:44Z to 2262-04-11T23:47:15.999999999Z)
     */
    public static ContentItem of(String id, String authorId, DataCategory category, Instant createdAt) {
        return new ContentItem(id, authorId, category, createdAt, null, null, new Reservation[0]);
    }

    /**
     * A full item, as read from a document.
     *
     * @param id the item's id
     * @param authorId the id of the member who authored it
     * @param category what kind of data it is, which the policy version allows or excludes
     * @param createdAt the instant it was created, inclusive
     * @param deletedAt when it was deleted, or {@code null}
     * @param reservations its do-not-train reservations, possibly empty
     * @return the item
     * @throws NullPointerException if a required argument or a reservation is null
     * @throws IllegalArgumentException if an id is blank, {@code deletedAt} is before {@code createdAt},
     *     or an instant is outside the span ConsentKit stores; the message shows the value
     */
    public static ContentItem of(String id, String authorId, DataCategory category, Instant createdAt,
            @Nullable Instant deletedAt, List<Reservation> reservations) {
        Reservation[] copy = Objects.requireNonNull(reservations, "reservations").toArray(new Reservation[0]);
        for (int i = 0; i < copy.length; i++) {
            if (copy[i] == null) {
                // The message is built only when it is needed: a build is far more often right.
                throw new NullPointerException("reservations[" + i + "]");
            }
        }
        return new ContentItem(id, authorId, category, createdAt, deletedAt, null, copy);
    }

    /**
     * A copy deleted at {@code deletedAt}; from then on it is never trainable.
     *
     * @param deletedAt the instant the item was deleted
     * @return a copy of this item deleted at {@code deletedAt}
     * @throws IllegalArgumentException if {@code deletedAt} is before the creation
     */
    public ContentItem withDeletedAt(Instant deletedAt) {
        return new ContentItem(id, authorId, category, createdAt, Objects.requireNonNull(deletedAt, "deletedAt"),
                resumedAt, reservations);
    }

    /**
     * A copy last resumed at {@code resumedAt}: the member took the item up again then, as one resumes
     * a chat or a coding session. Keep only the latest resumption: a version that scopes items from the
     * member's choice counts the item from its resumption on, and a replay at an instant before the
     * resumption does not know of it (see
     * {@link PolicyVersion.Builder#itemsFromMembersChoice(boolean)}).
     *
     * @param resumedAt when the item was last resumed, or {@code null} for never
     * @return the copy
     * @throws IllegalArgumentException if {@code resumedAt} is before the creation, or outside the span
     *     ConsentKit stores; the message shows the value
     */
    public ContentItem withResumedAt(@Nullable Instant resumedAt) {
        return new ContentItem(id, authorId, category, createdAt, deletedAt, resumedAt, reservations);
    }

    /**
     * A copy with one more do-not-train reservation.
     *
     * @param reservation the do-not-train reservation to add, such as a prohibiting metadata field
     *     embedded in the item
     * @return a copy of this item with the reservation added
     */
    public ContentItem withReservation(Reservation reservation) {
        List<Reservation> all = new ArrayList<>(reservations());
        all.add(Objects.requireNonNull(reservation, "reservation"));
        return of(id, authorId, category, createdAt, deletedAt, all).withResumedAt(resumedAt);
    }

    /** {@return the item's id} */
    public String id() {
        return id;
    }

    /** {@return the id of the member who authored the item} */
    public String authorId() {
        return authorId;
    }

    /** {@return what kind of data the item is} */
    public DataCategory category() {
        return category;
    }

    /** {@return when the item was created, inclusive} */
    public Instant createdAt() {
        return createdAt;
    }

    /** {@return when the item was deleted, if it was; from then on it is never trainable} */
    public Optional<Instant> deletedAt() {
        return Optional.ofNullable(deletedAt);
    }

    /**
     * {@return when the item was last resumed, if it was: the member took it up again then} It counts for a
     * version that scopes items from the member's choice ({@link PolicyVersion#itemsFromMembersChoice()});
     * no other check reads it.
     */
    public Optional<Instant> resumedAt() {
        return Optional.ofNullable(resumedAt);
    }

    /** {@return the item's do-not-train reservations, in the order given} */
    public List<Reservation> reservations() {
        return List.of(reservations);
    }

    @Nullable Instant deletedAtOrNull() {
        return deletedAt;
    }

    long createdNanos() {
        return createdNanos;
    }

    long deletedNanos() {
        return deletedNanos;
    }

    long reservedFromNanos() {
        return reservedFromNanos;
    }

    long resumedNanos() {
        return resumedNanos;
    }

    @Nullable Instant resumedAtOrNull() {
        return resumedAt;
    }

    /** The earliest reservation in effect at {@code asOf}, or {@code null}. */
    @Nullable Reservation reservationInEffect(Instant asOf) {
        Reservation earliest = null;
        for (Reservation r : reservations) {
            if (r.isInEffectAt(asOf) && (earliest == null || r.effectiveFrom().isBefore(earliest.effectiveFrom()))) {
                earliest = r;
            }
        }
        return earliest;
    }

    /** Equal when every value is equal, reservations in the same order. */
    @Override
    public boolean equals(@Nullable Object o) {
        if (!(o instanceof ContentItem i)) {
            return false;
        }
        return id.equals(i.id) && authorId.equals(i.authorId) && category.equals(i.category)
                && createdAt.equals(i.createdAt) && Objects.equals(deletedAt, i.deletedAt)
                && Objects.equals(resumedAt, i.resumedAt) && Arrays.equals(reservations, i.reservations);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, authorId, category, createdAt, deletedAt, resumedAt, Arrays.hashCode(reservations));
    }

    /** A one-line summary, such as {@code ContentItem[post-1 by m-1, content.public, created 2025-01-01T00:00:00Z]}. */
    @Override
    public String toString() {
        return "ContentItem[" + id + " by " + authorId + ", " + category + ", created " + createdAt
                + (resumedAt == null ? "" : ", resumed " + resumedAt)
                + (deletedAt == null ? "" : ", deleted " + deletedAt)
                + (reservations.length == 0 ? "" : ", " + reservations.length + " reservation"
                        + (reservations.length == 1 ? "" : "s")) + "]";
    }
}
