package dev.consentkit;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What decided a {@link Decision}: the consent event, policy rule, or fact about the item or the
 * member behind its primary reason, with the instant it dates from.
 *
 * <p>An auditor reads it as "denied because of <i>this</i>, which holds since <i>then</i>": for
 * {@link Reason#OPTED_OUT} it is the opt-out event; for {@link Reason#JURISDICTION_EXCLUDED} the
 * excluding rule; for {@link Reason#MINOR} the day the member comes of age.
 */
public final class Evidence {

    /** What kind of thing decided. */
    public enum Kind {
        /** A consent event of the member; {@link #consentEvent()} holds it. */
        CONSENT_EVENT,
        /** A rule of the policy version, or the absence of a version. */
        POLICY_RULE,
        /** A fact about the item: its creation, deletion or a reservation. */
        ITEM_FACT,
        /** A fact about the member: account closure, jurisdiction or age. */
        MEMBER_FACT
    }

    private final Kind kind;
    private final String description;
    private final @Nullable Instant at;
    private final @Nullable ConsentEvent consentEvent;

    private Evidence(Kind kind, String description, @Nullable Instant at, @Nullable ConsentEvent consentEvent) {
        this.kind = kind;
        this.description = description;
        this.at = at;
        this.consentEvent = consentEvent;
    }

    /**
     * Evidence that is a consent event; its instant is the event's {@code effectiveAt}.
     *
     * @throws NullPointerException if {@code event} is null
     */
    public static Evidence of(ConsentEvent event) {
        Objects.requireNonNull(event, "event");
        return new Evidence(Kind.CONSENT_EVENT, event.choice() + " event " + event.id() + " for " + event.purpose()
                + " via " + event.channel(), event.effectiveAt(), event);
    }

    /**
     * Evidence that is a policy rule or a fact.
     *
     * @param kind {@link Kind#POLICY_RULE}, {@link Kind#ITEM_FACT} or {@link Kind#MEMBER_FACT}
     * @param description what decided, in words
     * @param at the instant it dates from, or {@code null} for a fact with no instant (an unknown birth date)
     * @throws NullPointerException if {@code kind} or {@code description} is null
     * @throws IllegalArgumentException if {@code kind} is {@link Kind#CONSENT_EVENT} (use
     *     {@link #of(ConsentEvent)}) or {@code description} is blank
     */
    public static Evidence of(Kind kind, String description, @Nullable Instant at) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(description, "description");
        if (kind == Kind.CONSENT_EVENT) {
            throw new IllegalArgumentException("consent event evidence needs its event: use Evidence.of(ConsentEvent)");
        }
        if (description.isBlank()) {
            throw new IllegalArgumentException("evidence description is blank: '" + description + "'");
        }
        return new Evidence(kind, description, at, null);
    }

    /** What kind of thing decided. */
    public Kind kind() {
        return kind;
    }

    /** What decided, in words, such as "OPT_OUT event e-7 for ai-training.generative via SETTINGS_TOGGLE". */
    public String description() {
        return description;
    }

    /** The instant the evidence dates from, if it has one. */
    public Optional<Instant> at() {
        return Optional.ofNullable(at);
    }

    /** The consent event, when {@link #kind()} is {@link Kind#CONSENT_EVENT}. */
    public Optional<ConsentEvent> consentEvent() {
        return Optional.ofNullable(consentEvent);
    }

    /** Equal when kind, description, instant and event are equal. */
    @Override
    public boolean equals(@Nullable Object o) {
        if (!(o instanceof Evidence)) {
            return false;
        }
        Evidence e = (Evidence) o;
        return kind == e.kind && description.equals(e.description) && Objects.equals(at, e.at)
                && Objects.equals(consentEvent, e.consentEvent);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, description, at, consentEvent);
    }

    /**
     * The description and instant, such as
     * {@code OPT_OUT event e-7 for ai-training.generative via SETTINGS_TOGGLE at 2025-11-10T00:00:00Z}.
     */
    @Override
    public String toString() {
        return at == null ? description : description + " at " + at;
    }
}
