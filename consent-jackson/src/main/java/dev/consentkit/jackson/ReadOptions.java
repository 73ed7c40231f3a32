package dev.consentkit.jackson;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How a reader of ConsentKit documents treats input that services produce with imperfect clocks. An
 * immutable value: start from {@link #defaults()} and derive with {@code withX} methods, then give
 * it to {@link ConsentDocuments#readMember(String, ReadOptions)},
 * {@link NdjsonReader#members(java.io.Reader, ReadOptions)} or {@link ConsentModule#ConsentModule(ReadOptions)}.
 * The methods without options read with the defaults.
 *
 * <p><b>Clock skew.</b> A consent event is never recorded before it takes effect, but the service
 * that stamps {@code effectiveAt} (a settings page, a browser signal, an import) and the consent log
 * that stamps {@code recordedAt} run on different clocks. An event whose {@code effectiveAt} is after
 * its {@code recordedAt} by at most the {@linkplain #clockSkewTolerance() clock-skew tolerance} is read
 * as {@linkplain dev.consentkit.ConsentEvent#effectiveWhenRecorded counted from when it was recorded}:
 * its {@code effectiveAt} is its {@code recordedAt}, and it keeps the instant its document stated in
 * {@link dev.consentkit.ConsentEvent#statedEffectiveAt()}, which is what writing the event gives back.
 * A larger gap fails with a {@link ConsentDocumentException} at the event's {@code recordedAt} that names
 * the event, both instants, the gap and the tolerance. A tolerance of zero reads as strictly as the
 * core's rule: an event recorded even a nanosecond before it takes effect fails.
 *
 * <p>The consent event of a decision's evidence is read as it was decided, whatever the tolerance: the
 * tolerance was applied when the member was read.
 */
public final class ReadOptions implements Serializable {

    /** The clock-skew tolerance of {@link #defaults()}: five seconds, more than services kept by NTP drift. */
    public static final Duration DEFAULT_CLOCK_SKEW_TOLERANCE = Duration.ofSeconds(5);

    private static final long serialVersionUID = 1L;

    private static final ReadOptions DEFAULTS = new ReadOptions(DEFAULT_CLOCK_SKEW_TOLERANCE);

    /**
     * How long before it takes effect a consent event may be recorded and still be read, counted from
     * when it was recorded.
     */
    private final Duration clockSkewTolerance;

    private ReadOptions(Duration clockSkewTolerance) {
        this.clockSkewTolerance = clockSkewTolerance;
    }

    /** {@return the options every reader without options uses: a clock-skew tolerance of five seconds} */
    public static ReadOptions defaults() {
        return DEFAULTS;
    }

    /**
     * {@return these options with another clock-skew tolerance: how long before it takes effect a consent event
     * may be recorded and still be read, counted from when it was recorded}
     *
     * @param tolerance zero or more; {@link Duration#ZERO} rejects every event recorded before it takes effect
     * @throws NullPointerException if {@code tolerance} is null
     * @throws IllegalArgumentException if {@code tolerance} is negative
     */
    public ReadOptions withClockSkewTolerance(Duration tolerance) {
        Objects.requireNonNull(tolerance, "tolerance");
        if (tolerance.isNegative()) {
            throw new IllegalArgumentException("clock-skew tolerance " + tolerance
                    + " is negative; give zero (no event may be recorded before it takes effect) or more, such as PT5S");
        }
        return tolerance.equals(clockSkewTolerance) ? this : new ReadOptions(tolerance);
    }

    /**
     * {@return how long before it takes effect a consent event may be recorded and still be read, counted from
     * when it was recorded; {@link #DEFAULT_CLOCK_SKEW_TOLERANCE} unless set}
     */
    public Duration clockSkewTolerance() {
        return clockSkewTolerance;
    }

    /** Whether both options read every document alike. */
    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof ReadOptions other && other.clockSkewTolerance.equals(clockSkewTolerance);
    }

    @Override
    public int hashCode() {
        return clockSkewTolerance.hashCode();
    }

    /** The options as {@code ReadOptions[clockSkewTolerance=PT5S]}. */
    @Override
    public String toString() {
        return "ReadOptions[clockSkewTolerance=" + clockSkewTolerance + "]";
    }
}
