package dev.consentkit.benchmarks;

import dev.consentkit.DataCategory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.BitSet;
import java.util.Locale;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * A {@link BatchSample} loaded into an in-memory DuckDB database, and the same decision in SQL: the
 * peer the columnar batch path is measured against.
 *
 * <p><b>Tables</b>, filled through DuckDB's appender (timed apart, {@link #loadNanos()}), hold the
 * sample's facts as a data team would keep them; timestamps are UTC {@code TIMESTAMP}s in
 * microseconds, and items refer to members and categories by number, as {@code ItemColumns} does:
 * <pre>
 * members(member_idx INTEGER, member_id VARCHAR, jurisdiction VARCHAR, birth_date DATE, closed_at TIMESTAMP)
 * consent_events(member_idx INTEGER, purpose VARCHAR, opt_out BOOLEAN, effective_at TIMESTAMP, recorded_at TIMESTAMP)
 * items(row_no INTEGER, member_idx INTEGER, category_id INTEGER, created_at TIMESTAMP, deleted_at TIMESTAMP)
 * categories(category_id INTEGER, category VARCHAR)
 * category_rules(category VARCHAR, never_allowed BOOLEAN)
 * jurisdiction_rules(code VARCHAR, excluded BOOLEAN, requires_opt_in BOOLEAN)
 * </pre>
 * The two rule tables are the policy written down by hand, per country and per category key, as the
 * peer engines' encodings are: the agreement test shows they say what the {@code TrainingPolicy} says.
 *
 * <p><b>The query</b> ({@link #trainableCount()}) decides per member first: the consent choice in
 * effect comes from an {@code ASOF LEFT JOIN} of the members on their choices for the policy's purpose
 * or a broader one, ordered by {@code effectiveAt} in microseconds times two plus one for an opt-out,
 * so that the last choice at or before {@code asOf} is the opt-out when two share an instant. Closure,
 * jurisdiction, unknown age and minority are checked there too; the coming-of-age day is
 * {@code birth_date + INTERVAL 18 YEAR}, which like {@code LocalDate.plusYears} turns 29 February into
 * 28 February in a common year. The items are then joined to the eligible members and filtered by
 * category (a rule on {@code content} covers {@code content.public}), creation, deletion and creation
 * while a minor (UTC calendar dates). DuckDB runs it on the threads given to {@link #load}.
 */
public final class DuckDbBatch implements AutoCloseable {

    private static final String DECISION = """
            WITH covering_choices AS (
                SELECT member_idx, opt_out, epoch_us(effective_at) * 2 + CAST(opt_out AS BIGINT) AS choice_order
                FROM consent_events
                WHERE purpose = '%1$s' OR starts_with('%1$s', purpose || '.')
            ),
            members_at AS (
                SELECT member_idx, jurisdiction, birth_date, closed_at,
                       epoch_us(TIMESTAMP '%2$s') * 2 + 1 AS as_of_order
                FROM members
            ),
            choices AS (
                SELECT m.member_idx, m.jurisdiction, m.birth_date, m.closed_at, c.opt_out
                FROM members_at m ASOF LEFT JOIN covering_choices c
                  ON m.member_idx = c.member_idx AND m.as_of_order >= c.choice_order
            ),
            eligible_members AS (
                SELECT ch.member_idx, CAST(ch.birth_date + INTERVAL %3$d YEAR AS DATE) AS adult_from
                FROM choices ch JOIN jurisdiction_rules j ON j.code = ch.jurisdiction
                WHERE NOT j.excluded
                  AND (ch.closed_at IS NULL OR ch.closed_at > TIMESTAMP '%2$s')
                  AND ch.birth_date IS NOT NULL
                  AND CAST(ch.birth_date + INTERVAL %3$d YEAR AS DATE) <= CAST(TIMESTAMP '%2$s' AS DATE)
                  AND CASE WHEN ch.opt_out IS NULL THEN NOT j.requires_opt_in ELSE NOT ch.opt_out END
            ),
            trainable_categories AS (
                SELECT c.category_id
                FROM categories c
                WHERE EXISTS (SELECT 1 FROM category_rules r WHERE NOT r.never_allowed
                                AND (c.category = r.category OR starts_with(c.category, r.category || '.')))
                  AND NOT EXISTS (SELECT 1 FROM category_rules r WHERE r.never_allowed
                                AND (c.category = r.category OR starts_with(c.category, r.category || '.')))
            )
            SELECT %4$s
            FROM items i JOIN eligible_members e ON i.member_idx = e.member_idx
            WHERE i.category_id IN (SELECT category_id FROM trainable_categories)
              AND i.created_at <= TIMESTAMP '%2$s'
              AND (i.deleted_at IS NULL OR i.deleted_at > TIMESTAMP '%2$s')
              AND CAST(i.created_at AS DATE) >= e.adult_from
            """;

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final Connection connection;
    private final long loadNanos;
    private final String countQuery;
    private final String rowsQuery;

    private DuckDbBatch(Connection connection, long loadNanos, BatchSample sample) {
        this.connection = connection;
        this.loadNanos = loadNanos;
        String purpose = sample.policy().purpose().key();
        String asOf = sqlTimestamp(sample.asOf());
        this.countQuery = String.format(DECISION, purpose, asOf, BatchSample.MINIMUM_AGE, "count(*)");
        this.rowsQuery = String.format(DECISION, purpose, asOf, BatchSample.MINIMUM_AGE, "i.row_no");
    }

    /**
     * Creates an in-memory database running queries on {@code threads} threads, and loads the sample
     * into it.
     *
     * @throws SQLException if DuckDB fails
     */
    public static DuckDbBatch load(BatchSample sample, int threads) throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        try {
            DuckDBConnection duckDb = connection.unwrap(DuckDBConnection.class);
            execute(connection, "SET threads = " + threads);
            long start = System.nanoTime();
            createTables(connection);
            appendMembers(duckDb, sample);
            appendConsentEvents(duckDb, sample);
            appendItems(duckDb, sample);
            appendRules(duckDb);
            return new DuckDbBatch(connection, System.nanoTime() - start, sample);
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** How long creating the tables and appending the sample took, in nanoseconds. */
    public long loadNanos() {
        return loadNanos;
    }

    /**
     * The number of items trainable at the sample's {@code asOf}.
     *
     * @throws SQLException if DuckDB fails
     */
    public long trainableCount() throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(countQuery)) {
            result.next();
            return result.getLong(1);
        }
    }

    /**
     * The rows of the items trainable at the sample's {@code asOf}, as {@code BatchEvaluator} returns them.
     *
     * @throws SQLException if DuckDB fails
     */
    public BitSet trainableRows() throws SQLException {
        BitSet rows = new BitSet();
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(rowsQuery)) {
            while (result.next()) {
                rows.set(result.getInt(1));
            }
        }
        return rows;
    }

    /** Closes the database, freeing its memory. */
    @Override
    public void close() throws SQLException {
        connection.close();
    }

    private static void createTables(Connection connection) throws SQLException {
        execute(connection, "CREATE TABLE members (member_idx INTEGER NOT NULL, member_id VARCHAR NOT NULL, "
                + "jurisdiction VARCHAR, birth_date DATE, closed_at TIMESTAMP)");
        execute(connection, "CREATE TABLE consent_events (member_idx INTEGER NOT NULL, purpose VARCHAR NOT NULL, "
                + "opt_out BOOLEAN NOT NULL, effective_at TIMESTAMP NOT NULL, recorded_at TIMESTAMP NOT NULL)");
        execute(connection, "CREATE TABLE items (row_no INTEGER NOT NULL, member_idx INTEGER NOT NULL, "
                + "category_id INTEGER NOT NULL, created_at TIMESTAMP NOT NULL, deleted_at TIMESTAMP)");
        execute(connection, "CREATE TABLE categories (category_id INTEGER NOT NULL, category VARCHAR NOT NULL)");
        execute(connection, "CREATE TABLE category_rules (category VARCHAR NOT NULL, never_allowed BOOLEAN NOT NULL)");
        execute(connection, "CREATE TABLE jurisdiction_rules (code VARCHAR NOT NULL, excluded BOOLEAN NOT NULL, "
                + "requires_opt_in BOOLEAN NOT NULL)");
    }

    private static void appendMembers(DuckDBConnection duckDb, BatchSample sample) throws SQLException {
        try (DuckDBAppender members = duckDb.createAppender("members")) {
            for (int m = 0; m < sample.memberCount(); m++) {
                members.beginRow().append(m).append(BatchSample.memberId(m));
                String country = sample.country(m);
                if (country == null) {
                    members.appendNull();
                } else {
                    members.append(country);
                }
                LocalDate birthDate = sample.birthDate(m);
                if (birthDate == null) {
                    members.appendNull();
                } else {
                    members.appendEpochDays((int) birthDate.toEpochDay());
                }
                appendInstantOrNull(members, sample.closedAtMicros(m));
                members.endRow();
            }
        }
    }

    private static void appendConsentEvents(DuckDBConnection duckDb, BatchSample sample) throws SQLException {
        int[] starts = sample.eventStarts();
        try (DuckDBAppender events = duckDb.createAppender("consent_events")) {
            for (int m = 0; m < sample.memberCount(); m++) {
                for (int e = starts[m]; e < starts[m + 1]; e++) {
                    events.beginRow()
                            .append(m)
                            .append(sample.eventPurpose(e).key())
                            .append(sample.isOptOut(e))
                            .appendEpochMicros(sample.effectiveAtMicros(e))
                            .appendEpochMicros(sample.recordedAtMicros(e))
                            .endRow();
                }
            }
        }
    }

    private static void appendItems(DuckDBConnection duckDb, BatchSample sample) throws SQLException {
        try (DuckDBAppender items = duckDb.createAppender("items")) {
            for (int row = 0; row < sample.itemCount(); row++) {
                items.beginRow()
                        .append(row)
                        .append(sample.itemMember(row))
                        .append(sample.itemCategory(row))
                        .appendEpochMicros(sample.createdAtMicros(row));
                appendInstantOrNull(items, sample.deletedAtMicros(row));
                items.endRow();
            }
        }
    }

    private static void appendRules(DuckDBConnection duckDb) throws SQLException {
        try (DuckDBAppender categories = duckDb.createAppender("categories")) {
            for (int c = 0; c < BatchSample.CATEGORIES.size(); c++) {
                categories.beginRow().append(c).append(BatchSample.CATEGORIES.get(c).key()).endRow();
            }
        }
        try (DuckDBAppender rules = duckDb.createAppender("category_rules")) {
            for (DataCategory allowed : BatchSample.ALLOWED) {
                rules.beginRow().append(allowed.key()).append(false).endRow();
            }
            for (DataCategory never : BatchSample.NEVER_ALLOWED) {
                rules.beginRow().append(never.key()).append(true).endRow();
            }
        }
        try (DuckDBAppender rules = duckDb.createAppender("jurisdiction_rules")) {
            for (String code : BatchSample.COUNTRIES) {
                rules.beginRow()
                        .append(code)
                        .append(BatchSample.EXCLUDED_COUNTRIES.contains(code))
                        .append(BatchSample.OPT_IN_COUNTRIES.contains(code))
                        .endRow();
            }
        }
    }

    private static void appendInstantOrNull(DuckDBAppender appender, long micros) throws SQLException {
        if (micros == Long.MAX_VALUE) {
            appender.appendNull();
        } else {
            appender.appendEpochMicros(micros);
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** An instant as a SQL {@code TIMESTAMP} literal on the UTC clock, to the microsecond. */
    static String sqlTimestamp(Instant instant) {
        return TIMESTAMP.format(instant);
    }
}
