package dev.consentkit;

import dev.consentkit.internal.KernelTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One member choice about one purpose, as recorded in an append-only consent log.
 *
 * <p>Two clocks: {@code effectiveAt} is when the member made the choice and when it starts to count;
 * {@code recordedAt} is when the platform learned of it, never earlier. An audit "as known at
 * {@code k}" ignores events recorded after {@code k}.
 *
 * <p>Clocks of different services drift, so a source may state a choice as taking effect a moment
 * after the platform recorded it. A reader or store that accepts such an event within its clock-skew
 * tolerance builds it with {@link #effectiveWhenRecorded effectiveWhenRecorded}: the choice counts from
 * {@code recordedAt}, which is also its {@code effectiveAt}, and {@code statedEffectiveAt} keeps the
 * instant the source stated, for audit and for telling a repeated event from a different one. For
 * every other event {@code statedEffectiveAt} is {@code effectiveAt}. Decisions use
 * {@code effectiveAt} only; the tolerance is the reader's or store's option, never the core's.
 *
 * @param id the event's identifier, unique within the member's history
 * @param purpose the purpose the choice is about; it also covers every narrower purpose
 * @param choice opt in or opt out
 * @param effectiveAt when the choice takes effect, inclusive
 * @param recordedAt when the platform recorded the choice; not before {@code effectiveAt}
 * @param channel how the choice arrived
 * @param statedEffectiveAt when the source said the choice takes effect: {@code effectiveAt}, or, for
 *     an event {@linkplain #isSkewAdjusted() counted from when it was recorded}, an instant after
 *     {@code recordedAt}
 */
public record ConsentEvent(
        String id, Purpose purpose, ConsentChoice choice, Instant effectiveAt, Instant recordedAt, ConsentChannel channel,
        Instant statedEffectiveAt) {

    /**
     * Validates the event.
     *
     * @param id the event's id, unique within the member's consent history
     * @param purpose the purpose the choice is for; it also counts for every narrower purpose
     * @param choice whether the member opted in or out
     * @param effectiveAt the instant the choice takes effect
     * @param recordedAt the instant the platform recorded the choice; not before
     *     {@code effectiveAt}
     * @param channel how the choice reached the platform, kept for audit
     * @param statedEffectiveAt the instant the source stated the choice takes effect;
     *     {@code effectiveAt} unless the event is counted from when it was recorded
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code id} is blank, {@code recordedAt} is before
     *     {@code effectiveAt}, {@code statedEffectiveAt} differs from {@code effectiveAt} while it is
     *     not after {@code recordedAt} or {@code effectiveAt} is not {@code recordedAt}, or an instant
     *     is outside the span ConsentKit stores (1677-09-21T00:12:44Z to
     *     2262-04-11T23:47:15.999999999Z); the message shows the values
     */
    public ConsentEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(choice, "choice");
        Objects.requireNonNull(effectiveAt, "effectiveAt");
        Objects.requireNonNull(recordedAt, "recordedAt");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(statedEffectiveAt, "statedEffectiveAt");
        if (id.isBlank()) {
            throw new IllegalArgumentException("consent event id is blank: '" + id + "'");
        }
        KernelTime.checkStored(effectiveAt, "effectiveAt of consent event " + id);
        KernelTime.checkStored(recordedAt, "recordedAt of consent event " + id);
        if (recordedAt.isBefore(effectiveAt)) {
            throw new IllegalArgumentException("consent event " + id + " is recorded at " + recordedAt
                    + ", before it takes effect at " + effectiveAt + "; recordedAt must not be before effectiveAt");
        }
        if (!statedEffectiveAt.equals(effectiveAt)) {
            KernelTime.checkStored(statedEffectiveAt, "statedEffectiveAt of consent event " + id);
            if (!statedEffectiveAt.isAfter(recordedAt) || !effectiveAt.equals(recordedAt)) {
                throw new IllegalArgumentException("consent event " + id + " is stated to take effect at "
                        + statedEffectiveAt + " but takes effect at " + effectiveAt + " and is recorded at " + recordedAt
                        + "; a stated effective instant other than effectiveAt is kept only for an event stated after"
                        + " it was recorded and counted from when it was recorded (effectiveAt equal to recordedAt)");
            }
        }
    }

    /**
     * An event that takes effect when its source says: {@code statedEffectiveAt} is
     * {@code effectiveAt}. This is the form of every event that is not counted from when it was
     * recorded.
     *
     * @param id the event's id, unique within the member's consent history
     * @param purpose the purpose the choice is for; it also counts for every narrower purpose
     * @param choice whether the member opted in or out
     * @param effectiveAt the instant the choice takes effect, as its source states
     * @param recordedAt the instant the platform recorded the choice; not before
     *     {@code effectiveAt}
     * @param channel how the choice reached the platform, kept for audit
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException as the canonical constructor
     */
    public ConsentEvent(
            String id, Purpose purpose, ConsentChoice choice, Instant effectiveAt, Instant recordedAt, ConsentChannel channel) {
        this(id, purpose, choice, effectiveAt, recordedAt, channel, effectiveAt);
    }

    /**
     * An event whose source states it takes effect after the platform recorded it, counted from when
     * it was recorded: {@code effectiveAt} is {@code recordedAt}, and {@code statedEffectiveAt} keeps
     * the stated instant. Readers and stores build such an event when the gap is within their
     * clock-skew tolerance, and reject the event otherwise; this factory does not judge the gap.
     *
     * <p>For example, an opt-out an API service stated at {@code 2025-11-10T00:00:02Z} that the consent
     * log recorded at {@code 2025-11-10T00:00:00Z} denies from {@code 2025-11-10T00:00:00Z}.
     *
     * @param id the event's id, unique within the member's consent history
     * @param purpose the purpose the choice is for; it also counts for every narrower purpose
     * @param choice whether the member opted in or out
     * @param statedEffectiveAt the instant the source stated the choice takes effect; after
     *     {@code recordedAt}
     * @param recordedAt the instant the platform recorded the choice, from which the event counts
     * @param channel how the choice reached the platform, kept for audit
     * @return an event effective at {@code recordedAt} that keeps {@code statedEffectiveAt} for
     *     audit
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code statedEffectiveAt} is not after {@code recordedAt}
     *     (build such an event with the six-argument constructor), or as the canonical constructor
     */
    public static ConsentEvent effectiveWhenRecorded(String id, Purpose purpose, ConsentChoice choice,
            Instant statedEffectiveAt, Instant recordedAt, ConsentChannel channel) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(choice, "choice");
        Objects.requireNonNull(statedEffectiveAt, "statedEffectiveAt");
        Objects.requireNonNull(recordedAt, "recordedAt");
        Objects.requireNonNull(channel, "channel");
        if (!statedEffectiveAt.isAfter(recordedAt)) {
            throw new IllegalArgumentException("consent event " + id + " is stated to take effect at " + statedEffectiveAt
                    + ", not after it is recorded at " + recordedAt + "; only an event stated after it was recorded is"
                    + " counted from when it was recorded");
        }
        return new ConsentEvent(id, purpose, choice, recordedAt, recordedAt, channel, statedEffectiveAt);
    }

    /**
     * The event a reader or a store builds from what its source states, allowing the source's clock to
     * run ahead of the recording one by up to {@code clockSkewTolerance}: an event recorded at or after
     * it takes effect is built as stated; one recorded before its stated effective instant, by at most
     * the tolerance, is counted from when it was recorded ({@link #effectiveWhenRecorded}); a larger gap
     * is refused, since the source then states something the platform cannot have recorded. Every
     * ConsentKit reader of consent events outside JSON documents applies this rule through this factory.
     *
     * @param id the event's id, unique within the member's consent history
     * @param purpose the purpose the choice is for; it also counts for every narrower purpose
     * @param choice whether the member opted in or out
     * @param statedEffectiveAt the instant the source states the choice takes effect
     * @param recordedAt the instant the platform recorded the choice
     * @param channel how the choice reached the platform, kept for audit
     * @param clockSkewTolerance how much later than {@code recordedAt} the source may state
     *     {@code statedEffectiveAt}; zero or more
     * @return the event
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the event is recorded more than {@code clockSkewTolerance}
     *     before its stated effective instant, the tolerance is negative, or as the canonical
     *     constructor; the message shows the instants and the tolerance
     */
    public static ConsentEvent asStated(String id, Purpose purpose, ConsentChoice choice, Instant statedEffectiveAt,
            Instant recordedAt, ConsentChannel channel, Duration clockSkewTolerance) {
        Objects.requireNonNull(statedEffectiveAt, "statedEffectiveAt");
        Objects.requireNonNull(recordedAt, "recordedAt");
        Objects.requireNonNull(clockSkewTolerance, "clockSkewTolerance");
        if (clockSkewTolerance.isNegative()) {
            throw new IllegalArgumentException("the clock-skew tolerance is negative: " + clockSkewTolerance);
        }
        if (!recordedAt.isBefore(statedEffectiveAt)) {
            return new ConsentEvent(id, purpose, choice, statedEffectiveAt, recordedAt, channel);
        }
        Duration gap = Duration.between(recordedAt, statedEffectiveAt);
        if (gap.compareTo(clockSkewTolerance) > 0) {
            throw new IllegalArgumentException("consent event " + id + " is recorded at " + recordedAt
                    + ", before it takes effect at " + statedEffectiveAt + ": " + gap
                    + " before, more than the clock-skew tolerance of " + clockSkewTolerance);
        }
        return effectiveWhenRecorded(id, purpose, choice, statedEffectiveAt, recordedAt, channel);
    }

    /**
     * An opt-out (withdrawal of consent, or objection) effective at {@code effectiveAt} and recorded
     * at {@code recordedAt}.
     *
     * @param id the event's id, unique within the member's consent history
     * @param purpose the purpose the member objects to; the opt-out also covers every narrower
     *     purpose
     * @param effectiveAt the instant the opt-out takes effect
     * @param recordedAt the instant the platform recorded it; not before {@code effectiveAt}
     * @param channel how the opt-out reached the platform, kept for audit
     * @return the opt-out event
     * @throws IllegalArgumentException as the canonical constructor
     */
    public static ConsentEvent optOut(
            String id, Purpose purpose, Instant effectiveAt, Instant recordedAt, ConsentChannel channel) {
        return new ConsentEvent(id, purpose, ConsentChoice.OPT_OUT, effectiveAt, recordedAt, channel);
    }

    /**
     * An opt-in (grant of consent, or lifting of an objection) effective at {@code effectiveAt} and
     * recorded at {@code recordedAt}.
     *
     * @param id the event's id, unique within the member's consent history
     * @param purpose the purpose the member consents to; the opt-in also covers every narrower
     *     purpose
     * @param effectiveAt the instant the opt-in takes effect
     * @param recordedAt the instant the platform recorded it; not before {@code effectiveAt}
     * @param channel how the opt-in reached the platform, kept for audit
     * @return the opt-in event
     * @throws IllegalArgumentException as the canonical constructor
     */
    public static ConsentEvent optIn(
            String id, Purpose purpose, Instant effectiveAt, Instant recordedAt, ConsentChannel channel) {
        return new ConsentEvent(id, purpose, ConsentChoice.OPT_IN, effectiveAt, recordedAt, channel);
    }

    /**
     * An opt-out the platform recorded as it took effect: {@code recordedAt} is {@code at}. The common
     * case of a choice made in the platform's own settings.
     *
     * @param id the event's id, unique within the member's consent history
     * @param purpose the purpose the member objects to; the opt-out also covers every narrower
     *     purpose
     * @param at the instant the opt-out was made, recorded and effective
     * @param channel how the opt-out reached the platform, kept for audit
     * @return the opt-out event
     * @throws IllegalArgumentException as the canonical constructor
     */
    public static ConsentEvent optOut(String id, Purpose purpose, Instant at, ConsentChannel channel) {
        Objects.requireNonNull(at, "at");
        return new ConsentEvent(id, purpose, ConsentChoice.OPT_OUT, at, at, channel);
    }

    /**
     * An opt-in the platform recorded as it took effect: {@code recordedAt} is {@code at}.
     *
     * @param id the event's id, unique within the member's consent history
     * @param purpose the purpose the member consents to; the opt-in also covers every narrower
     *     purpose
     * @param at the instant the opt-in was made, recorded and effective
     * @param channel how the opt-in reached the platform, kept for audit
     * @return the opt-in event
     * @throws IllegalArgumentException as the canonical constructor
     */
    public static ConsentEvent optIn(String id, Purpose purpose, Instant at, ConsentChannel channel) {
        Objects.requireNonNull(at, "at");
        return new ConsentEvent(id, purpose, ConsentChoice.OPT_IN, at, at, channel);
    }

    /** {@return whether this is an opt-out} */
    public boolean isOptOut() {
        return choice == ConsentChoice.OPT_OUT;
    }

    /**
     * {@return whether a reader or store counted this event from when it was recorded because its source
     * stated it to take effect later, within a clock-skew tolerance: then {@code statedEffectiveAt} is
     * after {@code recordedAt}, and {@code effectiveAt} is {@code recordedAt}}
     */
    public boolean isSkewAdjusted() {
        return !statedEffectiveAt.equals(effectiveAt);
    }
}
