package dev.consentkit;

import dev.consentkit.internal.AccountClosures;
import dev.consentkit.internal.CalendarDays;
import dev.consentkit.internal.ConsentLookup;
import dev.consentkit.internal.KernelTime;
import dev.consentkit.internal.MemberFacts;
import dev.consentkit.internal.RuleKernel;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A member of the platform, as far as training decisions need to know: where they are over time,
 * when they were born (if known), when their account was closed (and reopened), and their consent
 * history.
 *
 * <h2>Closed and reopened accounts</h2>
 * An account may be closed and reopened any number of times. The member keeps every closure as an
 * {@link AccountClosure}, half-open {@code [closedAt, reopenedAt)}, in order and without overlaps;
 * only the last may stay closed ({@link #closures()}). At an instant inside a closure nothing of the
 * member's is trainable ({@link Reason#ACCOUNT_CLOSED}); at its {@code reopenedAt} and after, the
 * account is open again and the other checks decide. Keeping the past closures is what makes a replay
 * exact: a decision for an instant during an earlier closure stays {@code ACCOUNT_CLOSED} after the
 * account was reopened.
 *
 * <p>The rule is about the account at the instant of use, not about when an item was made. An item
 * created during a closure (imported, or written through a path that kept working) is not trainable
 * while the closure lasts, and is judged like any other item of the member once the account is
 * reopened; an item created before a closure is likewise trainable again after the reopening, unless
 * it was deleted. To keep such items out for good, delete them or reserve them.
 *
 * <p>Build one with {@link #builder(String)}; change one with the {@code with...} copies.
 */
public final class Member {

    private final String id;
    private final @Nullable LocalDate birthDate;
    private final JurisdictionTimeline jurisdictions;
    private final List<AccountClosure> closures;
    private final ConsentHistory consent;
    // The kernel's view, so that deciding allocates nothing. An account never closed, or closed once
    // and not reopened, is closedOnce (NEVER, or the closure's start: what the kernel's rule is given
    // at any asOf) with no arrays, as fast as a single field; any other has the closures' starts and
    // reopenings (NEVER for one not reopened), as AccountClosures reads them.
    private final int packedBirthDate;
    private final long closedOnce;
    private final long @Nullable [] closedFrom;
    private final long @Nullable [] closedUntil;
    // The place of a member with one residence and its start, so that most decisions read the place
    // from the member itself (null otherwise: the timeline answers); and the consent lookup's index,
    // one read nearer than through the history.
    private final @Nullable Jurisdiction onlyPlace;
    private final long onlyPlaceFrom;
    private final ConsentLookup.Index consentIndex;

    static {
        MemberFacts.register(member -> member.consentIndex);
    }

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
        Instant closedOnce = b.closedAt;
        this.closures = closedOnce == null ? checkedClosures(id, b.closures)
                : List.of(AccountClosure.from(KernelTime.checkStored(closedOnce, "account closure of member " + id)));
        this.birthDate = birth;
        this.jurisdictions = b.jurisdictions;
        this.consent = b.consent;
        this.packedBirthDate = birth == null ? CalendarDays.UNKNOWN_BIRTH : CalendarDays.pack(birth);
        List<Residence> residences = jurisdictions.residences();
        this.onlyPlace = residences.size() == 1 ? residences.get(0).jurisdiction() : null;
        this.onlyPlaceFrom = residences.size() == 1 ? KernelTime.startNanos(residences.get(0).from()) : KernelTime.NEVER;
        this.consentIndex = consent.index();
        if (closures.isEmpty() || (closures.size() == 1 && closures.get(0).isOpenEnded())) {
            this.closedOnce = closures.isEmpty() ? KernelTime.NEVER : KernelTime.nanos(closures.get(0).closedAt());
            this.closedFrom = null;
            this.closedUntil = null;
        } else {
            long[] from = new long[closures.size()];
            long[] until = new long[closures.size()];
            for (int i = 0; i < closures.size(); i++) {
                AccountClosure closure = closures.get(i);
                Instant reopened = closure.reopenedAtOrNull();
                from[i] = KernelTime.nanos(closure.closedAt());
                until[i] = reopened == null ? KernelTime.NEVER : KernelTime.nanos(reopened);
            }
            this.closedOnce = KernelTime.NEVER;
            this.closedFrom = from;
            this.closedUntil = until;
        }
    }

    private static List<AccountClosure> checkedClosures(String id, List<AccountClosure> given) {
        List<AccountClosure> closures = List.copyOf(given);
        for (int i = 1; i < closures.size(); i++) {
            AccountClosure previous = closures.get(i - 1);
            AccountClosure next = closures.get(i);
            Instant reopened = previous.reopenedAtOrNull();
            if (next.closedAt().isBefore(previous.closedAt())) {
                throw new IllegalArgumentException("account closure " + next + " of member " + id
                        + " is out of order: it comes after " + previous + "; list closures by closedAt");
            }
            if (reopened == null) {
                throw new IllegalArgumentException("account closure " + previous + " of member " + id
                        + " is not reopened, yet closure " + next
                        + " follows it; only the last closure may be left without a reopening");
            }
            if (next.closedAt().isBefore(reopened)) {
                throw new IllegalArgumentException("account closure " + next + " of member " + id
                        + " overlaps the closure " + previous + " before it");
            }
        }
        return closures;
    }

    /**
     * Starts a member with this id, no known birth date, unknown jurisdiction, an open account and an
     * empty consent history.
     *
     * @param id the member's id, the one their content items name as author
     * @return a builder for the member
     * @throws NullPointerException if {@code id} is null
     */
    public static Builder builder(String id) {
        return new Builder(Objects.requireNonNull(id, "id"));
    }

    /** {@return a builder holding this member's values, to change some of them} */
    public Builder toBuilder() {
        Builder b = new Builder(id);
        b.birthDate = birthDate;
        b.jurisdictions = jurisdictions;
        b.closures = new ArrayList<>(closures);
        b.consent = consent;
        return b;
    }

    /** {@return the member's id; every content item they author names it as its author} */
    public String id() {
        return id;
    }

    /** {@return the birth date, if known} Ages are computed on UTC calendar dates. */
    public Optional<LocalDate> birthDate() {
        return Optional.ofNullable(birthDate);
    }

    /** {@return where the member was over time} */
    public JurisdictionTimeline jurisdictions() {
        return jurisdictions;
    }

    /**
     * {@return when the account was closed for the last time, if it has not been reopened since: the start of
     * the last closure when it stays closed; from then on nothing of the member's is trainable} Empty
     * for an account never closed and for one reopened after its last closure; the earlier closures
     * are in {@link #closures()}.
     */
    public Optional<Instant> closedAt() {
        return Optional.ofNullable(closedAtOrNull());
    }

    /**
     * {@return every closure of the account, ordered by {@code closedAt}, not overlapping; only the last may stay
     * closed} Empty for an account never closed.
     */
    public List<AccountClosure> closures() {
        return closures;
    }

    /**
     * The closure in effect at {@code asOf}: the one with {@code closedAt <= asOf < reopenedAt}, the
     * closure {@link Reason#ACCOUNT_CLOSED} names; empty when the account is open then.
     *
     * @param asOf the instant to ask about, such as the instant of use
     * @return the closure in effect at {@code asOf}, or empty when the account is open then
     * @throws NullPointerException if {@code asOf} is null
     */
    public Optional<AccountClosure> closureAt(Instant asOf) {
        return Optional.ofNullable(closureAt(KernelTime.notAfterNanos(Objects.requireNonNull(asOf, "asOf"))));
    }

    /** {@return the member's consent events} */
    public ConsentHistory consent() {
        return consent;
    }

    /**
     * A copy with {@code event} added to the consent history (a no-op if it is already there).
     *
     * @param event the consent event to add
     * @return a copy of this member with the event in the consent history
     */
    public Member withConsentEvent(ConsentEvent event) {
        return toBuilder().consent(consent.with(event)).build();
    }

    /**
     * A copy with this consent history instead of the current one.
     *
     * @param consent the consent history that replaces the current one
     * @return a copy of this member with that history
     */
    public Member withConsent(ConsentHistory consent) {
        Builder b = toBuilder();
        b.consent = Objects.requireNonNull(consent, "consent");
        return b.build();
    }

    @Nullable LocalDate birthDateOrNull() {
        return birthDate;
    }

    @Nullable Instant closedAtOrNull() {
        int last = closures.size() - 1;
        return last < 0 || !closures.get(last).isOpenEnded() ? null : closures.get(last).closedAt();
    }

    int packedBirthDate() {
        return packedBirthDate;
    }

    /**
     * What the kernel's closure rule is given at {@code asOf} (kernel nanoseconds): the start of the
     * closure in effect, or an instant after {@code asOf} ({@link KernelTime#NEVER}, or the start of a
     * closure yet to come) when the account is open then.
     */
    long closedNanos(long asOf) {
        long[] from = closedFrom;
        long[] until = closedUntil;
        return from == null || until == null ? closedOnce : AccountClosures.closedAt(from, until, 0, from.length, asOf);
    }

    /**
     * The member's jurisdiction at {@code asOf} (kernel nanoseconds), {@code null} when unknown then:
     * {@link JurisdictionTimeline#at}, allocation-free, for the decision path.
     */
    @Nullable Jurisdiction placeAt(long asOf) {
        Jurisdiction only = onlyPlace;
        if (only != null) {
            return onlyPlaceFrom <= asOf ? only : null;
        }
        return jurisdictions.placeAt(asOf);
    }

    /**
     * The code of the member's choice in effect, as {@link ConsentHistory}'s {@code choiceCode} gives
     * it; allocation-free, for the decision path.
     */
    int choiceCode(Purpose[] covering, boolean gpcSignalsObject, long asOf, long knownAt) {
        return ConsentHistory.choiceCode(consentIndex, covering, gpcSignalsObject, asOf, knownAt);
    }

    /** The closure in effect at {@code asOf} (kernel nanoseconds), or null when open. */
    @Nullable AccountClosure closureAt(long asOf) {
        if (!RuleKernel.accountClosed(closedNanos(asOf), asOf)) {
            return null;
        }
        long[] from = closedFrom;
        long[] until = closedUntil;
        return from == null || until == null ? closures.get(0)
                : closures.get(AccountClosures.indexAt(from, until, 0, from.length, asOf));
    }

    /** Equal when every value is equal. */
    @Override
    public boolean equals(@Nullable Object o) {
        if (!(o instanceof Member m)) {
            return false;
        }
        return id.equals(m.id) && Objects.equals(birthDate, m.birthDate) && jurisdictions.equals(m.jurisdictions)
                && closures.equals(m.closures) && consent.equals(m.consent);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, birthDate, jurisdictions, closures, consent);
    }

    /**
     * A one-line summary, such as {@code Member[m-1, born 1990-04-01, [DE], open, 2 consent events]};
     * a closed account shows {@code closed 2025-01-01T00:00:00Z}, one with reopenings every closure, as
     * {@code closed [2025-01-01T00:00:00Z, 2025-03-01T00:00:00Z)}.
     */
    @Override
    public String toString() {
        return "Member[" + id + ", " + (birthDate == null ? "birth date unknown" : "born " + birthDate) + ", "
                + jurisdictions + ", " + closureSummary() + ", "
                + consent.size() + " consent event" + (consent.size() == 1 ? "" : "s") + "]";
    }

    private String closureSummary() {
        if (closures.isEmpty()) {
            return "open";
        }
        if (closures.size() == 1 && closures.get(0).isOpenEnded()) {
            return "closed " + closures.get(0).closedAt();
        }
        StringBuilder text = new StringBuilder("closed");
        for (AccountClosure closure : closures) {
            text.append(text.length() == 6 ? " " : ", ").append(closure);
        }
        return text.toString();
    }

    /** Collects a member's values; {@link #build()} validates them. Not thread-safe. */
    public static final class Builder {

        private final String id;
        private @Nullable LocalDate birthDate;
        private JurisdictionTimeline jurisdictions = JurisdictionTimeline.unknown();
        private List<AccountClosure> closures = new ArrayList<>();
        // Set by closedAt(...), checked by build() so that its message names the member.
        private @Nullable Instant closedAt;
        private ConsentHistory consent = ConsentHistory.empty();

        private Builder(String id) {
            this.id = id;
        }

        /**
         * Sets the birth date; {@code null} means unknown.
         *
         * @param birthDate the member's birth date, or {@code null} when it is not known
         * @return this builder, to chain further calls
         */
        public Builder birthDate(@Nullable LocalDate birthDate) {
            this.birthDate = birthDate;
            return this;
        }

        /**
         * Sets where the member has been as far back as we know: the start of the jurisdiction
         * timeline, replacing an earlier call of this method. Moves
         * ({@link #residentIn(Jurisdiction, Instant)}) come after it.
         *
         * @param jurisdiction the jurisdiction, a country or a subdivision, the member has been in
         * @return this builder, to chain further calls
         * @throws IllegalStateException if the builder already has moves, which this would silently
         *     discard; the message shows them
         */
        public Builder residentIn(Jurisdiction jurisdiction) {
            Objects.requireNonNull(jurisdiction, "jurisdiction");
            List<Residence> given = jurisdictions.residences();
            if (given.size() > 1 || (given.size() == 1 && !given.get(0).from().equals(Instant.MIN))) {
                throw new IllegalStateException("residentIn(" + jurisdiction + ") would discard the moves "
                        + jurisdictions + " of member " + id + "; call it before any move, or set the whole "
                        + "timeline with jurisdictions(...)");
            }
            this.jurisdictions = JurisdictionTimeline.always(jurisdiction);
            return this;
        }

        /**
         * Adds a move: from {@code from} on the member is in {@code jurisdiction}.
         *
         * @param jurisdiction the jurisdiction the member moves to
         * @param from the instant of the move, inclusive
         * @return this builder, to chain further calls
         */
        public Builder residentIn(Jurisdiction jurisdiction, Instant from) {
            this.jurisdictions = jurisdictions.movedTo(
                    Objects.requireNonNull(jurisdiction, "jurisdiction"), Objects.requireNonNull(from, "from"));
            return this;
        }

        /**
         * Replaces the whole jurisdiction timeline.
         *
         * @param jurisdictions the member's whole jurisdiction timeline
         * @return this builder, to chain further calls
         */
        public Builder jurisdictions(JurisdictionTimeline jurisdictions) {
            this.jurisdictions = Objects.requireNonNull(jurisdictions, "jurisdictions");
            return this;
        }

        /**
         * Sets when the account was closed, for an account closed once and not reopened: its closures
         * become this one closure, replacing any set before; {@code null} means never closed. For an
         * account closed and reopened, use {@link #closure(AccountClosure)} or {@link #closures(List)}.
         *
         * @param closedAt the instant the account was closed, or {@code null} for an account never
         *     closed
         * @return this builder, to chain further calls
         */
        public Builder closedAt(@Nullable Instant closedAt) {
            this.closures = new ArrayList<>();
            this.closedAt = closedAt;
            return this;
        }

        /**
         * Adds a closure after those added before: closures are given in order, and only the last may
         * stay closed ({@link #build()} checks).
         *
         * @param closure the closure to add, after every closure added before
         * @return this builder, to chain further calls
         * @throws NullPointerException if {@code closure} is null
         */
        public Builder closure(AccountClosure closure) {
            Objects.requireNonNull(closure, "closure");
            Instant closedOnce = closedAt;
            if (closedOnce != null) {
                closures.add(AccountClosure.from(closedOnce));
                closedAt = null;
            }
            closures.add(closure);
            return this;
        }

        /**
         * Replaces the account's closures with these, ordered by {@code closedAt}, not overlapping, only
         * the last staying closed ({@link #build()} checks); an empty list means never closed.
         *
         * @param closures the account's closures, in order
         * @return this builder, to chain further calls
         * @throws NullPointerException if the list or a closure is null
         */
        public Builder closures(List<AccountClosure> closures) {
            this.closures = new ArrayList<>(List.copyOf(Objects.requireNonNull(closures, "closures")));
            this.closedAt = null;
            return this;
        }

        /**
         * Adds the events of a consent history, as {@link #consent(ConsentEvent...)} adds events: every
         * {@code consent} call adds. To replace a member's history, use {@link Member#withConsent}.
         *
         * @param consent the consent history whose events to add
         * @return this builder, to chain further calls
         * @throws IllegalArgumentException if an event reuses an id with different content
         */
        public Builder consent(ConsentHistory consent) {
            this.consent = this.consent.merge(Objects.requireNonNull(consent, "consent"));
            return this;
        }

        /**
         * Adds consent events to the history.
         *
         * @param events the member's consent events to add, in any order
         * @return this builder, to chain further calls
         * @throws IllegalArgumentException if an event reuses an id with different content
         */
        public Builder consent(ConsentEvent... events) {
            this.consent = consent.merge(ConsentHistory.of(events));
            return this;
        }

        /**
         * Builds the member.
         *
         * @return the member
         * @throws IllegalArgumentException if the id is blank, the birth date lies outside the years
         *     1 to 9999, or the account closures are out of order, overlap, or one that stays closed is
         *     followed by another; the message names the member and shows the value or the interval
         */
        public Member build() {
            return new Member(this);
        }
    }
}
