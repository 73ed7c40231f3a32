package dev.consentkit;

import dev.consentkit.internal.CalendarDays;
import dev.consentkit.internal.KernelTime;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A member of the platform, as far as training decisions need to know: where they are over time,
 * when they were born (if known), whether their account was closed, and their consent history.
 *
 * <p>Build one with {@link #builder(String)}; change one with the {@code with...} copies.
 */
public final class Member {

    private final String id;
    private final @Nullable LocalDate birthDate;
    private final JurisdictionTimeline jurisdictions;
    private final @Nullable Instant closedAt;
    private final ConsentHistory consent;
    // The kernel's view, so that deciding allocates nothing.
    private final int packedBirthDate;
    private final long closedNanos;

    private Member(Builder b) {
        this.id = Objects.requireNonNull(b.id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("member id is blank: '" + id + "'");
        }
        LocalDate birth = b.birthDate;
        if (birth != null && (birth.getYear() < CalendarDays.FIRST_BIRTH_YEAR || birth.getYear() > CalendarDays.LAST_BIRTH_YEAR)) {
            throw new IllegalArgumentException("birth date " + birth + " of member " + id + " is outside the years "
                    + CalendarDays.FIRST_BIRTH_YEAR + " to " + CalendarDays.LAST_BIRTH_YEAR);
        }
        Instant closed = b.closedAt;
        if (closed != null) {
            KernelTime.checkStored(closed, "account closure of member " + id);
        }
        this.birthDate = birth;
        this.jurisdictions = b.jurisdictions;
        this.closedAt = closed;
        this.consent = b.consent;
        this.packedBirthDate = birth == null ? CalendarDays.UNKNOWN_BIRTH : CalendarDays.pack(birth);
        this.closedNanos = closed == null ? KernelTime.NEVER : KernelTime.nanos(closed);
    }

    /**
     * Starts a member with this id, no known birth date, unknown jurisdiction, an open account and an
     * empty consent history.
     *
     * @throws NullPointerException if {@code id} is null
     */
    public static Builder builder(String id) {
        return new Builder(Objects.requireNonNull(id, "id"));
    }

    /** A builder holding this member's values, to change some of them. */
    public Builder toBuilder() {
        Builder b = new Builder(id);
        b.birthDate = birthDate;
        b.jurisdictions = jurisdictions;
        b.closedAt = closedAt;
        b.consent = consent;
        return b;
    }

    /** The member's id; every content item they author names it as its author. */
    public String id() {
        return id;
    }

    /** The birth date, if known. Ages are computed on UTC calendar dates. */
    public Optional<LocalDate> birthDate() {
        return Optional.ofNullable(birthDate);
    }

    /** Where the member was over time. */
    public JurisdictionTimeline jurisdictions() {
        return jurisdictions;
    }

    /** When the account was closed, if it was; from then on nothing of theirs is trainable. */
    public Optional<Instant> closedAt() {
        return Optional.ofNullable(closedAt);
    }

    /** The member's consent events. */
    public ConsentHistory consent() {
        return consent;
    }

    /** A copy with {@code event} added to the consent history (a no-op if it is already there). */
    public Member withConsentEvent(ConsentEvent event) {
        return toBuilder().consent(consent.with(event)).build();
    }

    /** A copy with this consent history instead of the current one. */
    public Member withConsent(ConsentHistory consent) {
        Builder b = toBuilder();
        b.consent = Objects.requireNonNull(consent, "consent");
        return b.build();
    }

    @Nullable LocalDate birthDateOrNull() {
        return birthDate;
    }

    @Nullable Instant closedAtOrNull() {
        return closedAt;
    }

    int packedBirthDate() {
        return packedBirthDate;
    }

    long closedNanos() {
        return closedNanos;
    }

    /** Equal when every value is equal. */
    @Override
    public boolean equals(@Nullable Object o) {
        if (!(o instanceof Member)) {
            return false;
        }
        Member m = (Member) o;
        return id.equals(m.id) && Objects.equals(birthDate, m.birthDate) && jurisdictions.equals(m.jurisdictions)
                && Objects.equals(closedAt, m.closedAt) && consent.equals(m.consent);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, birthDate, jurisdictions, closedAt, consent);
    }

    /** A one-line summary, such as {@code Member[m-1, born 1990-04-01, [DE], open, 2 consent events]}. */
    @Override
    public String toString() {
        return "Member[" + id + ", " + (birthDate == null ? "birth date unknown" : "born " + birthDate) + ", "
                + jurisdictions + ", " + (closedAt == null ? "open" : "closed " + closedAt) + ", "
                + consent.size() + " consent event" + (consent.size() == 1 ? "" : "s") + "]";
    }

    /** Collects a member's values; {@link #build()} validates them. Not thread-safe. */
    public static final class Builder {

        private final String id;
        private @Nullable LocalDate birthDate;
        private JurisdictionTimeline jurisdictions = JurisdictionTimeline.unknown();
        private @Nullable Instant closedAt;
        private ConsentHistory consent = ConsentHistory.empty();

        private Builder(String id) {
            this.id = id;
        }

        /** Sets the birth date; {@code null} means unknown. */
        public Builder birthDate(@Nullable LocalDate birthDate) {
            this.birthDate = birthDate;
            return this;
        }

        /**
         * Sets where the member has been as far back as we know: the start of the jurisdiction
         * timeline, replacing an earlier call of this method. Moves
         * ({@link #residentIn(Jurisdiction, Instant)}) come after it.
         *
         * @throws IllegalStateException if the builder already has moves, which this would silently
         *     discard; the message shows them
         */
        public Builder residentIn(Jurisdiction jurisdiction) {
            Objects.requireNonNull(jurisdiction, "jurisdiction");
            List<Residence> given = jurisdictions.residences();
            if (given.size() > 1 || given.size() == 1 && !given.get(0).from().equals(Instant.MIN)) {
                throw new IllegalStateException("residentIn(" + jurisdiction + ") would discard the moves "
                        + jurisdictions + " of member " + id + "; call it before any move, or set the whole "
                        + "timeline with jurisdictions(...)");
            }
            this.jurisdictions = JurisdictionTimeline.always(jurisdiction);
            return this;
        }

        /** Adds a move: from {@code from} on the member is in {@code jurisdiction}. */
        public Builder residentIn(Jurisdiction jurisdiction, Instant from) {
            this.jurisdictions = jurisdictions.movedTo(
                    Objects.requireNonNull(jurisdiction, "jurisdiction"), Objects.requireNonNull(from, "from"));
            return this;
        }

        /** Replaces the whole jurisdiction timeline. */
        public Builder jurisdictions(JurisdictionTimeline jurisdictions) {
            this.jurisdictions = Objects.requireNonNull(jurisdictions, "jurisdictions");
            return this;
        }

        /** Sets when the account was closed; {@code null} means it is open. */
        public Builder closedAt(@Nullable Instant closedAt) {
            this.closedAt = closedAt;
            return this;
        }

        /**
         * Adds the events of a consent history, as {@link #consent(ConsentEvent...)} adds events: every
         * {@code consent} call adds. To replace a member's history, use {@link Member#withConsent}.
         *
         * @throws IllegalArgumentException if an event reuses an id with different content
         */
        public Builder consent(ConsentHistory consent) {
            this.consent = this.consent.merge(Objects.requireNonNull(consent, "consent"));
            return this;
        }

        /**
         * Adds consent events to the history.
         *
         * @throws IllegalArgumentException if an event reuses an id with different content
         */
        public Builder consent(ConsentEvent... events) {
            this.consent = consent.merge(ConsentHistory.of(events));
            return this;
        }

        /**
         * Builds the member.
         *
         * @throws IllegalArgumentException if the id is blank, the birth date lies outside the years
         *     1 to 9999, or the account closure outside the span ConsentKit stores
         *     (1677-09-21T00:12:44Z to 2262-04-11T23:47:15.999999999Z); the message shows the value
         */
        public Member build() {
            return new Member(this);
        }
    }
}
