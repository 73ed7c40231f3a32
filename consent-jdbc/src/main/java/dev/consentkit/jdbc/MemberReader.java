package dev.consentkit.jdbc;

import dev.consentkit.AccountClosure;
import dev.consentkit.ConsentChannel;
import dev.consentkit.ConsentChoice;
import dev.consentkit.ConsentEvent;
import dev.consentkit.ConsentHistory;
import dev.consentkit.Jurisdiction;
import dev.consentkit.Member;
import dev.consentkit.Purpose;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Streams members out of the ledger: one cursor per table, each in member order, read side by side, so
 * that one member's rows are at hand at a time whatever the number of members. The caller's
 * transaction gives the snapshot; the fetch size keeps a bounded number of rows in memory per cursor.
 *
 * <p>Each row becomes the core's value through the core's factories (the clock-skew rule of
 * {@link ConsentEvent#asStated}), so the ledger states no rule of its own. A member with a row that
 * does not make a valid fact is reported, not loaded.
 */
final class MemberReader {

    /** What the reader finds, member by member, in member order. */
    interface Sink {
        /** A member and every fact of theirs. */
        void member(Member member) throws SQLException;

        /** A member erased from the ledger: only the tombstone remains. */
        void erased(String memberId) throws SQLException;

        /** A member not loaded because of a row of theirs. */
        void malformed(LedgerProblem problem) throws SQLException;
    }

    /** A sink that keeps what it is given: the members, and the members left out with their problem. */
    static final class Collected implements Sink {

        final List<Member> members = new ArrayList<>();
        final List<LedgerProblem> problems = new ArrayList<>();

        @Override
        public void member(Member member) {
            members.add(member);
        }

        @Override
        public void erased(String memberId) {}

        @Override
        public void malformed(LedgerProblem problem) {
            problems.add(problem);
        }
    }

    static final String MEMBERS = "consentkit_member";
    static final String RESIDENCES = "consentkit_residence";
    static final String CLOSURES = "consentkit_closure";
    static final String EVENTS = "consentkit_consent_event";

    private static final String SELECT_MEMBERS =
            "SELECT member_id, birth_date, erased_at IS NOT NULL FROM consentkit_member";
    private static final String SELECT_RESIDENCES =
            "SELECT member_id, resident_from, jurisdiction FROM consentkit_residence";
    private static final String SELECT_CLOSURES = "SELECT member_id, closed_at, reopened_at FROM consentkit_closure";
    private static final String SELECT_EVENTS = "SELECT member_id, event_id, purpose, choice, effective_at, recorded_at,"
            + " channel FROM consentkit_consent_event";

    private final Duration clockSkewTolerance;
    private final int fetchSize;

    MemberReader(Duration clockSkewTolerance, int fetchSize) {
        this.clockSkewTolerance = clockSkewTolerance;
        this.fetchSize = fetchSize;
    }

    /** The queries that stream every member, in the order the reader reads them. */
    static List<String> everyMemberQueries() {
        return List.of(SELECT_MEMBERS + " ORDER BY member_id", SELECT_RESIDENCES + " ORDER BY member_id, resident_from",
                SELECT_CLOSURES + " ORDER BY member_id, closed_at", SELECT_EVENTS + " ORDER BY member_id, event_id");
    }

    /** Reads every member of the ledger. */
    void readAll(Connection connection, Sink sink) throws SQLException {
        read(connection, sink, everyMemberQueries(), null);
    }

    /** Reads the members with these ids (an id the ledger does not have is passed over). */
    void read(Connection connection, Sink sink, List<String> memberIds) throws SQLException {
        String where = " WHERE member_id = ANY (?::text[])";
        List<String> queries = List.of(SELECT_MEMBERS + where + " ORDER BY member_id",
                SELECT_RESIDENCES + where + " ORDER BY member_id, resident_from",
                SELECT_CLOSURES + where + " ORDER BY member_id, closed_at",
                SELECT_EVENTS + where + " ORDER BY member_id, event_id");
        read(connection, sink, queries, memberIds.toArray(new String[0]));
    }

    private void read(Connection connection, Sink sink, List<String> queries, String @Nullable [] ids)
            throws SQLException {
        try (Cursor members = open(connection, queries.get(0), ids);
                Cursor residences = open(connection, queries.get(1), ids);
                Cursor closures = open(connection, queries.get(2), ids);
                Cursor events = open(connection, queries.get(3), ids)) {
            ResultSet row = members.row;
            while (members.next()) {
                String id = row.getString(1);
                LocalDate birthDate = row.getObject(2, LocalDate.class);
                boolean erased = row.getBoolean(3);
                MemberRows rows = new MemberRows(id, birthDate);
                while (residences.at(id)) {
                    rows.residence(residences.row);
                }
                while (closures.at(id)) {
                    rows.closure(closures.row);
                }
                while (events.at(id)) {
                    rows.event(events.row);
                }
                if (erased) {
                    sink.erased(id);
                } else if (rows.problem != null) {
                    sink.malformed(rows.problem);
                } else {
                    try {
                        sink.member(rows.member());
                    } catch (IllegalArgumentException e) {
                        sink.malformed(new LedgerProblem(id, MEMBERS, id, String.valueOf(e.getMessage())));
                    }
                }
            }
        }
    }

    private Cursor open(Connection connection, String sql, String @Nullable [] ids) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
        try {
            statement.setFetchSize(fetchSize);
            if (ids != null) {
                statement.setArray(1, connection.createArrayOf("text", ids));
            }
            return new Cursor(statement, statement.executeQuery());
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }

    /** One table's rows in member order, read one member at a time. */
    private static final class Cursor implements AutoCloseable {

        private final PreparedStatement statement;
        private final ResultSet row;
        // Whether row is the next row not yet taken, or the end (onRow false).
        private boolean fetched;
        private boolean onRow;

        Cursor(PreparedStatement statement, ResultSet row) {
            this.statement = statement;
            this.row = row;
        }

        /** Moves to the next row; false at the end. */
        boolean next() throws SQLException {
            return row.next();
        }

        /**
         * Whether the next row not yet taken is the member's; if so it is taken and is the current row
         * until the next call. The tables are in the same member order and every row's member has a row
         * in the member table, so a row of a later member waits for that member.
         */
        boolean at(String memberId) throws SQLException {
            if (!fetched) {
                onRow = row.next();
                fetched = true;
            }
            if (onRow && memberId.equals(row.getString(1))) {
                fetched = false;
                return true;
            }
            return false;
        }

        @Override
        public void close() throws SQLException {
            statement.close();
        }
    }

    /** One member's rows, turned into the core's values as they come; the first bad row is kept. */
    private final class MemberRows {

        private final Member.Builder member;
        private final String id;
        private final List<AccountClosure> closures = new ArrayList<>();
        private final List<ConsentEvent> events = new ArrayList<>();
        private @Nullable LedgerProblem problem;

        MemberRows(String id, @Nullable LocalDate birthDate) {
            this.id = id;
            this.member = Member.builder(id).birthDate(birthDate);
        }

        void residence(ResultSet row) throws SQLException {
            Instant from = Rows.instant(row, 2);
            String code = row.getString(3);
            String key = from.equals(Instant.MIN) ? "-infinity" : from.toString();
            if (problem != null) {
                return;
            }
            try {
                Jurisdiction place = Jurisdiction.of(code);
                if (from.equals(Instant.MIN)) {
                    member.residentIn(place);
                } else {
                    member.residentIn(place, from);
                }
            } catch (IllegalArgumentException | IllegalStateException e) {
                problem = new LedgerProblem(id, RESIDENCES, key, String.valueOf(e.getMessage()));
            }
        }

        void closure(ResultSet row) throws SQLException {
            Instant closedAt = Rows.instant(row, 2);
            Instant reopenedAt = Rows.nullableInstant(row, 3);
            if (problem != null) {
                return;
            }
            try {
                closures.add(reopenedAt == null ? AccountClosure.from(closedAt)
                        : AccountClosure.between(closedAt, reopenedAt));
            } catch (IllegalArgumentException e) {
                problem = new LedgerProblem(id, CLOSURES, closedAt.toString(), String.valueOf(e.getMessage()));
            }
        }

        void event(ResultSet row) throws SQLException {
            String eventId = row.getString(2);
            String purpose = row.getString(3);
            String choice = row.getString(4);
            Instant effectiveAt = Rows.instant(row, 5);
            Instant recordedAt = Rows.instant(row, 6);
            String channel = row.getString(7);
            if (problem != null) {
                return;
            }
            try {
                events.add(ConsentEvent.asStated(eventId, Purpose.of(purpose), ConsentChoice.valueOf(choice),
                        effectiveAt, recordedAt, channel(channel), clockSkewTolerance));
            } catch (IllegalArgumentException e) {
                problem = new LedgerProblem(id, EVENTS, eventId, String.valueOf(e.getMessage()));
            }
        }

        Member member() {
            return member.closures(closures).consent(ConsentHistory.of(events)).build();
        }

        private ConsentChannel channel(String name) {
            try {
                return ConsentChannel.valueOf(name);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown consent channel '" + name + "'; one of "
                        + Arrays.toString(ConsentChannel.values()), e);
            }
        }
    }
}
