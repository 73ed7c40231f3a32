package dev.consentkit;

import dev.consentkit.internal.KernelTime;
import dev.consentkit.internal.RuleKernel;
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
     * @param source the signal the reservation was read from, such as an embedded metadata field or
     *     a flag set on the item
     * @param effectiveFrom the instant the reservation takes effect, inclusive
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code effectiveFrom} is outside the span ConsentKit stores
     *     (1677-09-21T00:12:44Z to 2262-04-11T23:47:15.999999999Z)
     */
    public Reservation {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(effectiveFrom, "effectiveFrom");
        KernelTime.checkStored(effectiveFrom, source + " reservation effective from");
    }

    /**
     * Whether the reservation is in effect at {@code asOf}.
     *
     * @param asOf the instant to ask about, such as the instant of use
     * @return {@code true} when the reservation is in effect at {@code asOf}
     */
    public boolean isInEffectAt(Instant asOf) {
        return RuleKernel.reserved(KernelTime.nanos(effectiveFrom),
                KernelTime.notAfterNanos(Objects.requireNonNull(asOf, "asOf")));
    }
}
