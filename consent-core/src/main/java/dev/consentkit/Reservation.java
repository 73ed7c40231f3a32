package dev.consentkit;

import java.time.Instant;
import java.util.Objects;

/**
 * An item-level do-not-train reservation, in effect from {@code effectiveFrom} on. While one is in
 * effect the item is not trainable ({@link Reason#ITEM_RESERVED}), whatever the member chose.
 *
 * @param source the signal the reservation was read from
 * @param effectiveFrom the instant it takes effect, inclusive
 */
public record Reservation(ReservationSource source, Instant effectiveFrom) {

    /**
     * Validates the reservation.
     *
     * @throws NullPointerException if an argument is null
     */
    public Reservation {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(effectiveFrom, "effectiveFrom");
    }

    /** Whether the reservation is in effect at {@code asOf}. */
    public boolean isInEffectAt(Instant asOf) {
        Objects.requireNonNull(asOf, "asOf");
        return effectiveFrom.compareTo(asOf) <= 0;
    }
}
