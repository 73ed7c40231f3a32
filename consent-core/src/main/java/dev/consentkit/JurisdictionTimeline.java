package dev.consentkit;

import dev.consentkit.internal.InForce;
import dev.consentkit.internal.KernelTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Where a member was over time: {@link Residence residences} sorted by start. The jurisdiction in
 * force at {@code asOf} is that of the latest residence starting at or before {@code asOf}; before
 * the first one, the jurisdiction is unknown and nothing is trainable
 * ({@link Reason#JURISDICTION_UNKNOWN}).
 */
public final class JurisdictionTimeline {

    private static final JurisdictionTimeline UNKNOWN = new JurisdictionTimeline(new Residence[0]);

    private final Residence[] residences;
    // The starts in kernel nanoseconds, searched without reading an Instant per step.
    private final long[] starts;
    private final Jurisdiction[] places;

    private JurisdictionTimeline(Residence[] sorted) {
        this.residences = sorted;
        this.starts = new long[sorted.length];
        this.places = new Jurisdiction[sorted.length];
        for (int i = 0; i < sorted.length; i++) {
            starts[i] = KernelTime.startNanos(sorted[i].from());
            places[i] = sorted[i].jurisdiction();
        }
    }

    /** {@return a timeline with no residence: the member's jurisdiction is never known} */
    public static JurisdictionTimeline unknown() {
        return UNKNOWN;
    }

    /**
     * A member who has been in {@code jurisdiction} as far back as we know.
     *
     * @param jurisdiction the jurisdiction the member is in, a country or a subdivision
     * @return a timeline with one residence of no known start
     */
    public static JurisdictionTimeline always(Jurisdiction jurisdiction) {
        return of(List.of(Residence.always(jurisdiction)));
    }

    /**
     * A timeline of these residences, in any order.
     *
     * @param residences the member's residences, each from its start until the next one
     * @return the timeline
     * @throws NullPointerException if the list or an element is null
     * @throws IllegalArgumentException if two residences start at the same instant; the message shows
     *     the instant
     */
    public static JurisdictionTimeline of(List<Residence> residences) {
        Residence[] sorted = Objects.requireNonNull(residences, "residences").toArray(new Residence[0]);
        for (int i = 0; i < sorted.length; i++) {
            if (sorted[i] == null) {
                // The message is built only when it is needed: a build is far more often right.
                throw new NullPointerException("residences[" + i + "]");
            }
        }
        Arrays.sort(sorted, Comparator.comparing(Residence::from));
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i].from().equals(sorted[i - 1].from())) {
                throw new IllegalArgumentException("two residences start at " + sorted[i].from() + ": "
                        + sorted[i - 1].jurisdiction() + " and " + sorted[i].jurisdiction());
            }
        }
        return sorted.length == 0 ? UNKNOWN : new JurisdictionTimeline(sorted);
    }

    /**
     * A copy in which the member moves to {@code jurisdiction} at {@code from}.
     *
     * @param jurisdiction the jurisdiction the member moves to
     * @param from the instant of the move, inclusive
     * @return a copy of this timeline with the move added
     */
    public JurisdictionTimeline movedTo(Jurisdiction jurisdiction, Instant from) {
        List<Residence> all = new ArrayList<>(residences());
        all.add(new Residence(from, jurisdiction));
        return of(all);
    }

    /** {@return the residences, sorted by start} */
    public List<Residence> residences() {
        return List.of(residences);
    }

    /**
     * The jurisdiction in force at {@code asOf}; empty if it is not known then.
     *
     * @param asOf the instant to ask about, such as the instant of use
     * @return the member's jurisdiction at {@code asOf}, or empty when it is not known then
     */
    public Optional<Jurisdiction> at(Instant asOf) {
        return Optional.ofNullable(placeAt(KernelTime.notAfterNanos(Objects.requireNonNull(asOf, "asOf"))));
    }

    /**
     * As {@link #at}, {@code null} when unknown; allocation-free, for the decision path.
     *
     * @param asOf the instant asked about, from {@link KernelTime#notAfterNanos}
     */
    @Nullable Jurisdiction placeAt(long asOf) {
        int found = InForce.at(starts, 0, starts.length, asOf);
        return found < 0 ? null : places[found];
    }

    /** Equal when the residences are equal. */
    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof JurisdictionTimeline other && Arrays.equals(other.residences, residences);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(residences);
    }

    /** The residences, such as {@code [DE since 2020-01-01T00:00:00Z, FR since 2025-03-01T00:00:00Z]}. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < residences.length; i++) {
            if (i > 0) {
                s.append(", ");
            }
            s.append(places[i]);
            if (!residences[i].from().equals(Instant.MIN)) {
                s.append(" since ").append(residences[i].from());
            }
        }
        return s.append(']').toString();
    }
}
