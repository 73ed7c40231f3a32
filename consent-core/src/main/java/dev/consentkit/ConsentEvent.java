package dev.consentkit;

import dev.consentkit.internal.KernelTime;
import java.time.Instant;
import java.util.Objects;

/**
 * One member choice about one purpose, as recorded in an append-only consent log.
 *
 * <p>Two clocks: {@code effectiveAt} is when the member made the choice and when it starts to count;
 * {@code recordedAt} is when the platform learned of it, never earlier. An audit "as known at
 * {@code k}" ignores events recorded after {@code k}.
 *
 * @param id the event's identifier, unique within the member's history
 * @param purpose the purpose the choice is about; it also covers every narrower purpose
 * @param choice opt in or opt out
 * @param effectiveAt when the choice takes effect, inclusive
 * @param recordedAt when the platform recorded the choice; not before {@code effectiveAt}
 * @param channel how the choice arrived
 */
public record ConsentEvent(
        String id, Purpose purpose, ConsentChoice choice, Instant effectiveAt, Instant recordedAt, ConsentChannel channel) {

    /**
     * Validates the event.
     *
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code id} is blank, {@code recordedAt} is before
     *     {@code effectiveAt}, or an instant is outside the span ConsentKit stores
     *     (1677-09-21T00:12:44Z to 2262-04-11T23:47:15.999999999Z); the message shows the values
     */
    public ConsentEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(choice, "choice");
        Objects.requireNonNull(effectiveAt, "effectiveAt");
        Objects.requireNonNull(recordedAt, "recordedAt");
        Objects.requireNonNull(channel, "channel");
        if (id.isBlank()) {
            throw new IllegalArgumentException("consent event id is blank: '" + id + "'");
        }
        KernelTime.checkStored(effectiveAt, "effectiveAt of consent event " + id);
        KernelTime.checkStored(recordedAt, "recordedAt of consent event " + id);
        if (recordedAt.isBefore(effectiveAt)) {
            throw new IllegalArgumentException("consent event " + id + " is recorded at " + recordedAt
                    + ", before it takes effect at " + effectiveAt + "; recordedAt must not be before effectiveAt");
        }
    }

    /**
     * An opt-out (withdrawal of consent, or objection) effective at {@code effectiveAt} and recorded
     * at {@code recordedAt}.
     *
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
     * @throws IllegalArgumentException as the canonical constructor
     */
    public static ConsentEvent optIn(
            String id, Purpose purpose, Instant effectiveAt, Instant recordedAt, ConsentChannel channel) {
        return new ConsentEvent(id, purpose, ConsentChoice.OPT_IN, effectiveAt, recordedAt, channel);
    }

    /** Whether this is an opt-out. */
    /**
     * An opt-out the platform recorded as it took effect: {@code recordedAt} is {@code at}. The common
     * case of a choice made in the platform's own settings.
     *
     * @throws IllegalArgumentException as the canonical constructor
     */
    public static ConsentEvent optOut(String id, Purpose purpose, Instant at, ConsentChannel channel) {
        Objects.requireNonNull(at, "at");
        return new ConsentEvent(id, purpose, ConsentChoice.OPT_OUT, at, at, channel);
    }

    /**
     * An opt-in the platform recorded as it took effect: {@code recordedAt} is {@code at}.
     *
     * @throws IllegalArgumentException as the canonical constructor
     */
    public static ConsentEvent optIn(String id, Purpose purpose, Instant at, ConsentChannel channel) {
        Objects.requireNonNull(at, "at");
        return new ConsentEvent(id, purpose, ConsentChoice.OPT_IN, at, at, channel);
    }

    public boolean isOptOut() {
        return choice == ConsentChoice.OPT_OUT;
    }
}
