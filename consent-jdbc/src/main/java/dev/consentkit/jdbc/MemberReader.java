package dev.consentkit.jdbc;

import dev.consentkit.AccountClosure;
import dev.consentkit.ConsentChannel;
import dev.consentkit.ConsentChoice;
import dev.consentkit.ConsentEvent;
import dev.consentkit.ConsentHistory;
import dev.consentkit.Jurisdiction;
import dev.consentkit.Member;
import dev.consentkit.Purpose;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
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

    /**
     * What a read finds, in member order: each member, handed to the consumer given, and each member
     * left out because of a row of theirs, with the problem; an erased member's tombstone is passed
     * over. Filled from one thread at a time, for a full load or a large read not the caller's (see
     * {@link MemberReader#readAll}); the caller sees all of it once the read returns.
     */
    static final class Found {

        final List<LedgerProblem> problems = new ArrayList<>();
        private final Consumer<Member> members;

        Found(Consumer<Member> members) {
            this.members = members;
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

    // Members per chunk handed from the reading thread to the converting one, and chunks at most in flight.
    private static final int CHUNK = 1024;
    private static final int CHUNKS_IN_FLIGHT = 4;

    private final Duration clockSkewTolerance;
    private final int fetchSize;
    // Used by one thread at a time: the one that turns rows into members.
    private final Map<String, Purpose> purposes = new HashMap<>();

    MemberReader(Duration clockSkewTolerance, int fetchSize) {
        this.clockSkewTolerance = clockSkewTolerance;
        this.fetchSize = fetchSize;
    }

    /** The queries that stream every member, in the order the reader reads them. */
    static List<String> everyMemberQueries() {
        return List.of(SELECT_MEMBERS + " ORDER BY member_id", SELECT_RESIDENCES + " ORDER BY member_id, resident_from",
                SELECT_CLOSURES + " ORDER BY member_id, closed_at", SELECT_EVENTS + " ORDER BY member_id, event_id");
    }

    /**
     * Reads every member of the ledger. The calling thread reads the rows; a second thread turns them
     * into members and hands them to {@code found}, in member order, a chunk of members behind: a load
     * takes about as long as the longer of the two halves instead of their sum. At most
     * {@value #CHUNKS_IN_FLIGHT} chunks of {@value #CHUNK} members wait between the two.
     */
    void readAll(Connection connection, Found found) throws SQLException {
        pipelined(connection, found, everyMemberQueries(), null);
    }

    /**
     * Reads the members with these ids (an id the ledger does not have is passed over). More than a
     * couple of chunks of members are read as {@link #readAll} reads, on two threads; fewer on the
     * calling thread alone, where a second thread would cost more than it saves.
     */
    void read(Connection connection, Found found, List<String> memberIds) throws SQLException {
        String where = " WHERE member_id = ANY (?::text[])";
        List<String> queries = List.of(SELECT_MEMBERS + where + " ORDER BY member_id",
                SELECT_RESIDENCES + where + " ORDER BY member_id, resident_from",
                SELECT_CLOSURES + where + " ORDER BY member_id, closed_at",
                SELECT_EVENTS + where + " ORDER BY member_id, event_id");
        String[] ids = memberIds.toArray(new String[0]);
        if (ids.length > 2 * CHUNK) {
            pipelined(connection, found, queries, ids);
        } else {
            read(connection, rows -> deliver(rows, found), queries, ids, false);
        }
    }

    private void pipelined(Connection connection, Found found, List<String> queries, String @Nullable [] ids)
            throws SQLException {
        try (Pipeline pipeline = new Pipeline(found)) {
            read(connection, pipeline::add, queries, ids, true);
            pipeline.finish();
        }
    }

    /** Receives each member's rows as they are read. */
    @FunctionalInterface
    private interface RowsSink {
        void accept(MemberRows rows) throws SQLException;
    }

    // A bulk read asks for rows in binary form (see BinaryRows): worth a round trip per query for many rows.
    // The ids, when given, are made into one SQL array that the four queries share.
    private void read(Connection connection, RowsSink sink, List<String> queries, String @Nullable [] ids, boolean bulk)
            throws SQLException {
        Array idArray = ids == null ? null : connection.createArrayOf("text", ids);
        try (Cursor members = open(connection, queries.get(0), idArray, bulk);
                Cursor residences = open(connection, queries.get(1), idArray, bulk);
                Cursor closures = open(connection, queries.get(2), idArray, bulk);
                Cursor events = open(connection, queries.get(3), idArray, bulk)) {
            ResultSet row = members.row;
            while (members.next()) {
                String id = row.getString(1);
                MemberRows rows = new MemberRows(id, row.getObject(2, LocalDate.class), row.getBoolean(3));
                while (residences.at(id)) {
                    rows.residences.add(new ResidenceRow(Rows.instant(residences.row, 2), residences.row.getString(3)));
                }
                while (closures.at(id)) {
                    rows.closures.add(new ClosureRow(Rows.instant(closures.row, 2), Rows.nullableInstant(closures.row, 3)));
                }
                while (events.at(id)) {
                    ResultSet e = events.row;
                    rows.events.add(new EventRow(e.getString(2), e.getString(3), e.getString(4), Rows.instant(e, 5),
                            Rows.instant(e, 6), e.getString(7)));
                }
                sink.accept(rows);
            }
        } finally {
            if (idArray != null) {
                idArray.free();
            }
        }
    }

    /** Turns one member's rows into the member, or the problem that keeps them out, for {@code found}. */
    private void deliver(MemberRows rows, Found found) {
        if (rows.erased) {
            return;
        }
        Member member;
        try {
            member = rows.member();
        } catch (MalformedLedgerRowException e) {
            found.problems.add(e.problem());
            return;
        }
        found.members.accept(member);
    }

    /**
     * Members' rows handed from the thread that reads them to a thread that turns them into members
     * for what the read found, in order, in chunks.
     */
    private final class Pipeline implements AutoCloseable {

        private final BlockingQueue<List<MemberRows>> chunks = new ArrayBlockingQueue<>(CHUNKS_IN_FLIGHT);
        private final Thread converter;
        private List<MemberRows> chunk = new ArrayList<>(CHUNK);
        private volatile @Nullable Throwable failure;

        Pipeline(Found found) {
            this.converter = new Thread(() -> convert(found), "consentkit-ledger-load");
            converter.setDaemon(true);
            converter.start();
        }

        private void convert(Found found) {
            try {
                for (List<MemberRows> next = chunks.take(); !next.isEmpty(); next = chunks.take()) {
                    for (MemberRows rows : next) {
                        deliver(rows, found);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException | Error e) {
                failure = e;
            }
        }

        void add(MemberRows rows) throws SQLException {
            chunk.add(rows);
            if (chunk.size() == CHUNK) {
                hand(chunk);
                chunk = new ArrayList<>(CHUNK);
            }
        }

        /** Hands the last chunk over, waits until every member reached what the read found, and rethrows its failure. */
        void finish() throws SQLException {
            if (!chunk.isEmpty()) {
                hand(chunk);
            }
            hand(List.of());
            try {
                converter.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted while members were loaded", e);
            }
            rethrowFailure();
        }

        // Waits for room, and gives up when the converter failed (it takes nothing more then).
        private void hand(List<MemberRows> next) throws SQLException {
            try {
                while (!chunks.offer(next, 100, TimeUnit.MILLISECONDS)) {
                    rethrowFailure();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted while members were loaded", e);
            }
            rethrowFailure();
        }

        private void rethrowFailure() {
            Throwable failed = failure;
            if (failed instanceof RuntimeException e) {
                throw e;
            } else if (failed instanceof Error e) {
                throw e;
            }
        }

        /** Stops the converter when the reading failed; after {@link #finish()} it has stopped already. */
        @Override
        public void close() {
            converter.interrupt();
            try {
                converter.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private Cursor open(Connection connection, String sql, @Nullable Array ids, boolean bulk) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
        try {
            statement.setFetchSize(fetchSize);
            if (bulk) {
                BinaryRows.request(statement);
            }
            if (ids != null) {
                statement.setArray(1, ids);
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
        // Whether row is the next row not yet taken, or the end (then rowMember is null), and its member.
        private boolean fetched;
        private @Nullable String rowMember;

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
         * in the member table, so a row of a later member waits for that member. Each row's member id
         * is read once.
         */
        boolean at(String memberId) throws SQLException {
            if (!fetched) {
                rowMember = row.next() ? row.getString(1) : null;
                fetched = true;
            }
            if (memberId.equals(rowMember)) {
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

    /** A move as the ledger holds it. */
    private record ResidenceRow(Instant from, String jurisdiction) {}

    /** A closure as the ledger holds it. */
    private record ClosureRow(Instant closedAt, @Nullable Instant reopenedAt) {}

    /** A consent event as the ledger holds it. */
    private record EventRow(String id, String purpose, String choice, Instant effectiveAt, Instant recordedAt,
            String channel) {}

    /** One member's rows as read, turned into the core's values by {@link #member()}. */
    private final class MemberRows {

        private final String id;
        private final @Nullable LocalDate birthDate;
        private final boolean erased;
        private final List<ResidenceRow> residences = new ArrayList<>(2);
        private final List<ClosureRow> closures = new ArrayList<>(0);
        private final List<EventRow> events = new ArrayList<>(4);

        MemberRows(String id, @Nullable LocalDate birthDate, boolean erased) {
            this.id = id;
            this.birthDate = birthDate;
            this.erased = erased;
        }

        /** The member, through the core's factories; the first row that makes no valid fact is thrown. */
        Member member() {
            Member.Builder member = Member.builder(id).birthDate(birthDate);
            for (ResidenceRow row : residences) {
                try {
                    Jurisdiction place = Jurisdiction.of(row.jurisdiction());
                    if (row.from().equals(Instant.MIN)) {
                        member.residentIn(place);
                    } else {
                        member.residentIn(place, row.from());
                    }
                } catch (IllegalArgumentException | IllegalStateException e) {
                    String key = row.from().equals(Instant.MIN) ? "-infinity" : row.from().toString();
                    throw problem(RESIDENCES, key, e);
                }
            }
            List<AccountClosure> accountClosures = new ArrayList<>(closures.size());
            for (ClosureRow row : closures) {
                try {
                    Instant reopened = row.reopenedAt();
                    accountClosures.add(reopened == null ? AccountClosure.from(row.closedAt())
                            : AccountClosure.between(row.closedAt(), reopened));
                } catch (IllegalArgumentException e) {
                    throw problem(CLOSURES, row.closedAt().toString(), e);
                }
            }
            List<ConsentEvent> consentEvents = new ArrayList<>(events.size());
            for (EventRow row : events) {
                try {
                    consentEvents.add(ConsentEvent.asStated(row.id(), purpose(row.purpose()), ConsentChoice.valueOf(row.choice()),
                            row.effectiveAt(), row.recordedAt(), channel(row.channel()), clockSkewTolerance));
                } catch (IllegalArgumentException e) {
                    throw problem(EVENTS, row.id(), e);
                }
            }
            try {
                return member.closures(accountClosures).consent(ConsentHistory.of(consentEvents)).build();
            } catch (IllegalArgumentException e) {
                throw problem(MEMBERS, id, e);
            }
        }

        private MalformedLedgerRowException problem(String table, String key, RuntimeException e) {
            return new MalformedLedgerRowException(new LedgerProblem(id, table, key, String.valueOf(e.getMessage())));
        }
    }

    // A few purposes serve millions of events: each key is parsed once per read.
    private Purpose purpose(String key) {
        Purpose purpose = purposes.get(key);
        if (purpose == null) {
            purpose = Purpose.of(key);
            purposes.put(key, purpose);
        }
        return purpose;
    }

    private static ConsentChannel channel(String name) {
        try {
            return ConsentChannel.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown consent channel '" + name + "'; one of "
                    + Arrays.toString(ConsentChannel.values()), e);
        }
    }
}
