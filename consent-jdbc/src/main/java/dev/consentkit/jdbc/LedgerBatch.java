package dev.consentkit.jdbc;

import dev.consentkit.AccountClosure;
import dev.consentkit.ConsentEvent;
import dev.consentkit.Member;
import dev.consentkit.Residence;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Facts to append to the ledger in one transaction ({@link ConsentLedger#append}): members with their
 * birth dates, moves between jurisdictions, account closures and consent events. Either all of a batch
 * is written or none of it.
 *
 * <p>A fact already in the ledger with the same content is passed over, so a batch can be sent again
 * after a failure whose outcome is unknown. Every fact refers to a member that is in the ledger or in
 * the same batch. Instants are kept to the microsecond, PostgreSQL's precision: an instant with a finer
 * part is refused here, rather than rounded into a different fact.
 *
 * <p>Build one with {@link #builder()}; a batch is immutable.
 */
public final class LedgerBatch {

    /** A member and their birth date, or null when it is not known. */
    record MemberFact(String memberId, @Nullable LocalDate birthDate) {}

    /** A member's move. */
    record ResidenceFact(String memberId, Residence residence) {}

    /** A member's account closure. */
    record ClosureFact(String memberId, AccountClosure closure) {}

    /** A member's consent event. */
    record EventFact(String memberId, ConsentEvent event) {}

    private final List<MemberFact> members;
    private final List<ResidenceFact> residences;
    private final List<ClosureFact> closures;
    private final List<EventFact> events;

    private LedgerBatch(Builder b) {
        this.members = List.copyOf(b.members);
        this.residences = List.copyOf(b.residences);
        this.closures = List.copyOf(b.closures);
        this.events = List.copyOf(b.events);
    }

    /** {@return a builder for an empty batch} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A batch of every fact these members state: each member, their moves, closures and consent
     * events.
     *
     * @param members the members to append
     * @return the batch
     * @throws IllegalArgumentException if an instant has a part finer than a microsecond
     */
    public static LedgerBatch of(Iterable<Member> members) {
        Builder builder = builder();
        for (Member member : Objects.requireNonNull(members, "members")) {
            builder.add(member);
        }
        return builder.build();
    }

    /** {@return the number of facts in the batch: members, moves, closures and consent events} */
    public int size() {
        return members.size() + residences.size() + closures.size() + events.size();
    }

    List<MemberFact> members() {
        return members;
    }

    List<ResidenceFact> residences() {
        return residences;
    }

    List<ClosureFact> closures() {
        return closures;
    }

    List<EventFact> events() {
        return events;
    }

    @Override
    public String toString() {
        return "LedgerBatch[" + members.size() + " members, " + residences.size() + " moves, " + closures.size()
                + " closures, " + events.size() + " consent events]";
    }

    /** Collects the facts of a batch. Not thread-safe. */
    public static final class Builder {

        private final List<MemberFact> members = new ArrayList<>();
        private final List<ResidenceFact> residences = new ArrayList<>();
        private final List<ClosureFact> closures = new ArrayList<>();
        private final List<EventFact> events = new ArrayList<>();

        private Builder() {}

        /**
         * Adds a member to the ledger, with their birth date.
         *
         * @param memberId the member's id
         * @param birthDate the member's birth date, or {@code null} when it is not known
         * @return this builder, to chain further calls
         * @throws IllegalArgumentException if the id is blank
         */
        public Builder member(String memberId, @Nullable LocalDate birthDate) {
            members.add(new MemberFact(checkedId(memberId), birthDate));
            return this;
        }

        /**
         * Adds a member's move: from {@code residence.from()} on they live in its jurisdiction.
         * {@link Residence#always} states where they have lived as far back as known.
         *
         * @param memberId the member's id
         * @param residence the move
         * @return this builder, to chain further calls
         * @throws IllegalArgumentException if the id is blank or the instant has a part finer than a
         *     microsecond
         */
        public Builder residence(String memberId, Residence residence) {
            Objects.requireNonNull(residence, "residence");
            if (!residence.from().equals(Instant.MIN)) {
                checkMicros(residence.from(), "move of member " + memberId + " to " + residence.jurisdiction());
            }
            residences.add(new ResidenceFact(checkedId(memberId), residence));
            return this;
        }

        /**
         * Adds a member's account closure, or the reopening of one the ledger holds as still closed:
         * the same {@code closedAt} with a {@code reopenedAt}.
         *
         * @param memberId the member's id
         * @param closure the closure
         * @return this builder, to chain further calls
         * @throws IllegalArgumentException if the id is blank or an instant has a part finer than a
         *     microsecond
         */
        public Builder closure(String memberId, AccountClosure closure) {
            Objects.requireNonNull(closure, "closure");
            checkMicros(closure.closedAt(), "closure of member " + memberId);
            Instant reopened = closure.reopenedAt().orElse(null);
            if (reopened != null) {
                checkMicros(reopened, "reopening of member " + memberId);
            }
            closures.add(new ClosureFact(checkedId(memberId), closure));
            return this;
        }

        /**
         * Adds a member's consent event.
         *
         * @param memberId the member's id
         * @param event the consent event
         * @return this builder, to chain further calls
         * @throws IllegalArgumentException if the id is blank or an instant has a part finer than a
         *     microsecond
         */
        public Builder event(String memberId, ConsentEvent event) {
            Objects.requireNonNull(event, "event");
            String where = "consent event " + event.id() + " of member " + memberId;
            checkMicros(event.statedEffectiveAt(), where);
            checkMicros(event.recordedAt(), where);
            events.add(new EventFact(checkedId(memberId), event));
            return this;
        }

        /**
         * Adds every fact a member states: the member with their birth date, their moves, closures and
         * consent events.
         *
         * @param member the member
         * @return this builder, to chain further calls
         * @throws IllegalArgumentException if an instant has a part finer than a microsecond
         */
        public Builder add(Member member) {
            Objects.requireNonNull(member, "member");
            String id = member.id();
            member(id, member.birthDate().orElse(null));
            for (Residence residence : member.jurisdictions().residences()) {
                residence(id, residence);
            }
            for (AccountClosure closure : member.closures()) {
                closure(id, closure);
            }
            for (ConsentEvent event : member.consent().events()) {
                event(id, event);
            }
            return this;
        }

        /** {@return the batch of the facts added so far} */
        public LedgerBatch build() {
            return new LedgerBatch(this);
        }

        private static String checkedId(String memberId) {
            Objects.requireNonNull(memberId, "memberId");
            if (memberId.isBlank()) {
                throw new IllegalArgumentException("member id is blank: '" + memberId + "'");
            }
            return memberId;
        }

        private static void checkMicros(Instant instant, String where) {
            if (instant.truncatedTo(ChronoUnit.MICROS).compareTo(instant) != 0) {
                throw new IllegalArgumentException(where + ": " + instant
                        + " has a part finer than a microsecond, which the ledger (PostgreSQL timestamptz) cannot keep");
            }
        }
    }
}
