package dev.consentkit;

import dev.consentkit.internal.KernelTime;
import java.time.Instant;
import java.util.Objects;

/**
 * One entry of a member's {@link JurisdictionTimeline}: from {@code from} on, until the next
 * residence starts, the member is in {@code jurisdiction}.
 *
 * <p>{@link Instant#MIN} as {@code from} means "as far back as we know"; {@link #always} says so.
 *
 * @param from the instant the member is in {@code jurisdiction} from, inclusive
 * @param jurisdiction a country or subdivision; a member cannot be in a group such as {@code EU}
 */
public record Residence(Instant from, Jurisdiction jurisdiction) {

    /**
     * Validates the residence.
     *
     * @param from the instant the residence starts, inclusive, or {@link Instant#MIN} when it is
     *     not known
     * @param jurisdiction where the member is, a country or a subdivision
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code jurisdiction} is a group, or {@code from} is neither
     *     {@link Instant#MIN} nor inside the span ConsentKit stores (1677-09-21T00:12:44Z to
     *     2262-04-11T23:47:15.999999999Z); the message shows the value
     */
    public Residence {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(jurisdiction, "jurisdiction");
        if (!from.equals(Instant.MIN)) {
            KernelTime.checkStored(from, "start of residence in " + jurisdiction);
        }
        if (jurisdiction.isGroup()) {
            throw new IllegalArgumentException("a member resides in a country or subdivision, not in the group '"
                    + jurisdiction + "'");
        }
    }

    /**
     * A residence with no known start: the member has been in {@code jurisdiction} as far back as we know.
     *
     * @param jurisdiction where the member is, a country or a subdivision
     * @return a residence with no known start
     */
    public static Residence always(Jurisdiction jurisdiction) {
        return new Residence(Instant.MIN, jurisdiction);
    }
}
