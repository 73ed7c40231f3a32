package dev.consentkit.jdbc;

import dev.consentkit.ConsentEvent;
import dev.consentkit.Member;
import dev.consentkit.batch.MemberStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;

/**
 * Members' consent histories in a PostgreSQL database (14 or later), through plain JDBC: the ledger a
 * service appends consent choices to, and loads members from for decisions.
 *
 * <ul>
 *   <li>{@link #append} writes a {@link LedgerBatch} in one transaction, all or nothing. A fact the
 *       ledger holds with the same content is passed over, so a batch can be sent again; a fact stated
 *       differently under the same key (member and event id for a consent event) is a
 *       {@link LedgerConflictException} naming both.
 *   <li>{@link #member(String, Instant)} loads one member as known at an instant, for an explained
 *       decision or an audit replay.
 *   <li>{@link #loadMembers()} streams every member into a {@link MemberStore} in one snapshot, through
 *       server-side cursors: memory holds the store and a fetch's worth of rows, never the tables.
 *   <li>{@link #changesSince} and {@link #update} bring a loaded store up to date: the members whose
 *       rows were written by transactions its snapshot did not see are read again, and the new store
 *       shares everything else with the old ({@link MemberStore#withChanges}).
 *   <li>{@link #erase} removes a member's personal data on request and keeps a tombstone.
 * </ul>
 *
 * <p>The schema is {@value #MIGRATION} in this jar, a plain SQL migration that {@link #createSchema()}
 * runs and that Flyway or Liquibase can run instead. Rows are turned into the core's values by the
 * core's factories: an event stated to take effect after it was recorded counts from when it was
 * recorded if the gap is within the {@linkplain #withClockSkewTolerance clock-skew tolerance}, as
 * {@link ConsentEvent#asStated} defines. Rows other software wrote that do not make valid facts are
 * reported with their key ({@link LedgerProblem}), never loaded.
 *
 * <p>Immutable and thread-safe: each call takes a connection of its own from the {@link DataSource}
 * and gives it back before it returns. Database failures are {@link SQLException}s, after which the
 * call's transaction is rolled back and the call can be made again.
 */
public final class ConsentLedger {

    /** The schema's migration in this jar, as a class-path resource name. */
    public static final String MIGRATION = "dev/consentkit/jdbc/migration/V1__consentkit_ledger.sql";

    private static final int DEFAULT_FETCH_SIZE = 10_000;
    // Appends that lose a deadlock or serialization race to another writer are tried again this often.
    private static final int APPEND_ATTEMPTS = 3;
    // Serializes createSchema calls on one database (pg_advisory_xact_lock's key).
    private static final long SCHEMA_LOCK = 0x436f6e73656e744bL;
    private static final String CURRENT_SNAPSHOT = "SELECT pg_current_snapshot()::text";
    private static final String CHANGED_MEMBERS;

    static {
        StringBuilder sql = new StringBuilder();
        for (String table : List.of(MemberReader.MEMBERS, MemberReader.RESIDENCES, MemberReader.CLOSURES,
                MemberReader.EVENTS)) {
            sql.append(sql.length() == 0 ? "" : " UNION ").append("SELECT member_id FROM ").append(table)
                    .append(" WHERE appended_by >= ?::xid8 AND NOT pg_visible_in_snapshot(appended_by, ?::pg_snapshot)");
        }
        CHANGED_MEMBERS = sql.toString();
    }

    private final DataSource dataSource;
    private final Duration clockSkewTolerance;
    private final int fetchSize;

    private ConsentLedger(DataSource dataSource, Duration clockSkewTolerance, int fetchSize) {
        this.dataSource = dataSource;
        this.clockSkewTolerance = clockSkewTolerance;
        this.fetchSize = fetchSize;
    }

    /**
     * The ledger in the database {@code dataSource} connects to, with no clock-skew tolerance: an event
     * recorded before its stated effective instant is refused.
     *
     * @param dataSource where the ledger's tables are, or are to be created
     * @return the ledger
     */
    public static ConsentLedger on(DataSource dataSource) {
        return new ConsentLedger(Objects.requireNonNull(dataSource, "dataSource"), Duration.ZERO, DEFAULT_FETCH_SIZE);
    }

    /**
     * This ledger, allowing the sources of consent events to state an effective instant up to
     * {@code tolerance} after the instant the event was recorded, as their clocks may run ahead. Such an
     * event counts from when it was recorded ({@link ConsentEvent#asStated}); an append beyond the
     * tolerance is refused, and a row beyond it, written by other software, is reported. Use the same
     * tolerance for every ledger object on one database.
     *
     * @param tolerance zero or more
     * @return a ledger with this tolerance
     * @throws IllegalArgumentException if the tolerance is negative
     */
    public ConsentLedger withClockSkewTolerance(Duration tolerance) {
        Objects.requireNonNull(tolerance, "tolerance");
        if (tolerance.isNegative()) {
            throw new IllegalArgumentException("the clock-skew tolerance is negative: " + tolerance);
        }
        return new ConsentLedger(dataSource, tolerance, fetchSize);
    }

    /**
     * This ledger, fetching {@code rows} rows per round trip when it streams a table: the rows a load
     * holds in memory per table besides the store it builds. The default is 10,000.
     *
     * @param rows one or more
     * @return a ledger with this fetch size
     * @throws IllegalArgumentException if {@code rows} is less than one
     */
    public ConsentLedger withFetchSize(int rows) {
        if (rows < 1) {
            throw new IllegalArgumentException("the fetch size must be at least 1, not " + rows);
        }
        return new ConsentLedger(dataSource, clockSkewTolerance, rows);
    }

    /** {@return the clock-skew tolerance: how long after its recording an event may be stated to take effect} */
    public Duration clockSkewTolerance() {
        return clockSkewTolerance;
    }

    /**
     * Creates the ledger's tables, indexes and triggers where they do not exist yet, by running the
     * migration {@value #MIGRATION} in one transaction. Safe to call on every start and from several
     * processes at once: the calls take turns, and a second changes nothing. A service whose schema
     * is managed by Flyway or Liquibase runs the migration there instead.
     *
     * @throws SQLException if the database refuses the migration (for example a PostgreSQL before 14,
     *     or a user without the right to create tables)
     */
    public void createSchema() throws SQLException {
        String migration = migration();
        Transactions.execute(dataSource, Connection.TRANSACTION_READ_COMMITTED, false, connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SELECT pg_advisory_xact_lock(" + SCHEMA_LOCK + ")");
                statement.execute(migration);
            }
        });
    }

    /** {@return the schema's migration script, {@value #MIGRATION}} */
    public static String migration() {
        try (InputStream in = ConsentLedger.class.getResourceAsStream("/" + MIGRATION)) {
            if (in == null) {
                throw new IllegalStateException("the resource " + MIGRATION + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + MIGRATION, e);
        }
    }

    /**
     * Appends a batch in one transaction: all of it or, when this throws, none of it. Facts the ledger
     * already holds with the same content are passed over; a batch whose outcome is unknown (a lost
     * connection) can be sent again. Writers whose batches overlap may append at the same time: each
     * fact ends up in the ledger once.
     *
     * @param batch the facts to append
     * @return how many facts were written and how many were already there
     * @throws LedgerConflictException if a fact contradicts the ledger (or another fact of the batch)
     *     under the same key, or concerns an erased member; the message names both
     * @throws IllegalArgumentException if a fact refers to a member in neither the ledger nor the
     *     batch, or an event is stated to take effect after it was recorded by more than the
     *     clock-skew tolerance
     * @throws SQLException if the database fails; nothing of the batch was written
     */
    public AppendResult append(LedgerBatch batch) throws SQLException {
        Objects.requireNonNull(batch, "batch");
        for (int attempt = 1; ; attempt++) {
            try {
                return Transactions.run(dataSource, Connection.TRANSACTION_READ_COMMITTED, false,
                        connection -> new Appender(connection, clockSkewTolerance).append(batch));
            } catch (SQLException e) {
                if (attempt == APPEND_ATTEMPTS || !lostRace(e)) {
                    throw e;
                }
            }
        }
    }

    // Deadlock detected, or a serialization failure: the transaction lost a race and may be tried again.
    private static boolean lostRace(SQLException e) {
        return "40P01".equals(e.getSQLState()) || "40001".equals(e.getSQLState());
    }

    /**
     * The member as the ledger holds them now, with every consent event it has.
     *
     * @param memberId the member's id
     * @return the member, or empty when the ledger has no such member or the member was erased
     * @throws MalformedLedgerRowException if a row of the member's does not make a valid fact
     * @throws SQLException if the database fails
     */
    public Optional<Member> member(String memberId) throws SQLException {
        Objects.requireNonNull(memberId, "memberId");
        List<Member> members = new ArrayList<>(1);
        MemberReader.Found found = new MemberReader.Found(members::add);
        Transactions.execute(dataSource, Connection.TRANSACTION_REPEATABLE_READ, true,
                connection -> reader().read(connection, found, List.of(memberId)));
        if (!found.problems.isEmpty()) {
            throw new MalformedLedgerRowException(found.problems.get(0));
        }
        return members.stream().findFirst();
    }

    /**
     * The member as known at {@code knownAt}: their consent history holds only the events recorded at
     * or before it ({@link dev.consentkit.ConsentHistory#knownAt}), so that a decision replays what the
     * platform could have answered then. Birth date, moves and closures are the ledger's current
     * ones, as the core's audit replays take them.
     *
     * @param memberId the member's id
     * @param knownAt the instant of the replay
     * @return the member, or empty when the ledger has no such member or the member was erased
     * @throws MalformedLedgerRowException if a row of the member's does not make a valid fact
     * @throws SQLException if the database fails
     */
    public Optional<Member> member(String memberId, Instant knownAt) throws SQLException {
        Objects.requireNonNull(knownAt, "knownAt");
        return member(memberId).map(m -> m.withConsent(m.consent().knownAt(knownAt)));
    }

    /**
     * Every member of the ledger in a {@link MemberStore}, from one snapshot: members appended while it
     * loads are either wholly in the store or wholly after its watermark. Rows stream through
     * server-side cursors in member order, {@linkplain #withFetchSize a fetch} at a time, read by the
     * calling thread while a second thread, started for the load and ended with it, turns them into
     * members and adds them to the store. With PostgreSQL's JDBC driver (pgjdbc) the load asks for the
     * rows in binary form from the first execution (the driver's {@code prepareThreshold} of -1 on its
     * statements), so that no instant is formatted as text and parsed back; each of its four
     * statements is then prepared on the server within the load's transaction. With another driver
     * the rows come as text.
     *
     * @return the store, its watermark, and the members left out because a row of theirs is malformed
     * @throws IllegalArgumentException if the members exceed a store's limits
     * @throws SQLException if the database fails
     */
    public MemberSnapshot loadMembers() throws SQLException {
        return Transactions.run(dataSource, Connection.TRANSACTION_REPEATABLE_READ, true, connection -> {
            Watermark watermark = currentSnapshot(connection);
            MemberStore.Builder store = MemberStore.builder();
            MemberReader.Found found = new MemberReader.Found(store::add);
            reader().readAll(connection, found);
            return new MemberSnapshot(store.build(), watermark, found.problems);
        });
    }

    /**
     * The members whose facts changed since {@code since}: written, reopened or erased by a transaction
     * the watermark's snapshot did not see, and committed now.
     *
     * @param since a watermark of this database
     * @return the members that changed, and the watermark to ask from next time
     * @throws SQLException if the database fails
     */
    public LedgerChanges changesSince(Watermark since) throws SQLException {
        Objects.requireNonNull(since, "since");
        return Transactions.run(dataSource, Connection.TRANSACTION_REPEATABLE_READ, true,
                connection -> new LedgerChanges(since, currentSnapshot(connection), changedMembers(connection, since)));
    }

    /**
     * Brings a snapshot up to date: the members that changed since its watermark are read again, in one
     * new snapshot (more than 2,048 of them as {@link #loadMembers()} reads, on two threads and in
     * binary), and the new store shares every other member with the old one. Members erased since
     * are removed; a member whose rows became malformed is removed and reported. The old snapshot is
     * unchanged.
     *
     * @param snapshot a snapshot from {@link #loadMembers()} or an earlier update, of this database
     * @return the snapshot brought up to date
     * @throws SQLException if the database fails
     */
    public MemberSnapshot update(MemberSnapshot snapshot) throws SQLException {
        Objects.requireNonNull(snapshot, "snapshot");
        return Transactions.run(dataSource, Connection.TRANSACTION_REPEATABLE_READ, true, connection -> {
            Watermark upTo = currentSnapshot(connection);
            Set<String> changed = changedMembers(connection, snapshot.watermark());
            if (changed.isEmpty()) {
                return new MemberSnapshot(snapshot.store(), upTo, snapshot.problems());
            }
            List<Member> reread = new ArrayList<>();
            MemberReader.Found found = new MemberReader.Found(reread::add);
            reader().read(connection, found, new ArrayList<>(new TreeSet<>(changed)));
            // Members erased, left out, or gone are removed; the others replace their earlier selves.
            Set<String> removed = new HashSet<>(changed);
            reread.forEach(member -> removed.remove(member.id()));
            List<LedgerProblem> problems = new ArrayList<>(found.problems);
            for (LedgerProblem problem : snapshot.problems()) {
                if (!changed.contains(problem.memberId())) {
                    problems.add(problem);
                }
            }
            return new MemberSnapshot(snapshot.store().withChanges(reread, removed), upTo, problems);
        });
    }

    /**
     * Erases a member on request (the right to erasure): their birth date, moves, closures and consent
     * events are deleted in one transaction, and a tombstone remains: the member id and the instant of
     * the erasure. The tombstone refuses later facts about the id, so that a batch sent again cannot
     * bring the data back, and it makes {@link #update} remove the member from every store loaded from
     * the ledger; it holds nothing else about the member. An append in progress for the member finishes
     * first. Erasing an id the ledger does not have leaves a tombstone too; erasing twice changes
     * nothing.
     *
     * @param memberId the member's id
     * @throws SQLException if the database fails; nothing was erased
     */
    public void erase(String memberId) throws SQLException {
        Objects.requireNonNull(memberId, "memberId");
        Transactions.execute(dataSource, Connection.TRANSACTION_READ_COMMITTED, false, connection -> {
            try (PreparedStatement tombstone = connection.prepareStatement("INSERT INTO consentkit_member"
                    + " (member_id, erased_at) VALUES (?, statement_timestamp()) ON CONFLICT (member_id) DO UPDATE"
                    + " SET birth_date = NULL, erased_at = coalesce(consentkit_member.erased_at, excluded.erased_at)")) {
                tombstone.setString(1, memberId);
                tombstone.executeUpdate();
            }
            for (String table : List.of(MemberReader.RESIDENCES, MemberReader.CLOSURES, MemberReader.EVENTS)) {
                try (PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM " + table + " WHERE member_id = ?")) {
                    delete.setString(1, memberId);
                    delete.executeUpdate();
                }
            }
        });
    }

    private MemberReader reader() {
        return new MemberReader(clockSkewTolerance, fetchSize);
    }

    private static Watermark currentSnapshot(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(CURRENT_SNAPSHOT)) {
            row.next();
            return new Watermark(row.getString(1));
        }
    }

    private static Set<String> changedMembers(Connection connection, Watermark since) throws SQLException {
        Set<String> ids = new HashSet<>();
        try (PreparedStatement query = connection.prepareStatement(CHANGED_MEMBERS)) {
            for (int table = 0; table < 4; table++) {
                query.setString(table * 2 + 1, since.xmin());
                query.setString(table * 2 + 2, since.snapshot());
            }
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    ids.add(row.getString(1));
                }
            }
        }
        return ids;
    }

    @Override
    public String toString() {
        return "ConsentLedger[clockSkewTolerance=" + clockSkewTolerance + ", fetchSize=" + fetchSize + "]";
    }
}
