package dev.consentkit.benchmarks.jdbc;

import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The baseline of a load: PostgreSQL streaming the same rows in its text {@code COPY} format through
 * the driver's {@link CopyManager#copyOut(String, OutputStream)}, {@code COPY (query) TO STDOUT} for each
 * of the queries a full load runs, in one read-only repeatable-read transaction as the load's, into a
 * stream that keeps nothing. It reads every byte of every row off the connection, and does nothing with
 * them: the least a client can do to get the rows.
 */
public final class CopyOut {

    private CopyOut() {}

    /**
     * Copies out the rows of every query to {@code out}.
     *
     * @param dataSource the database
     * @param queries the SELECT statements, without a trailing semicolon
     * @param out where the rows go
     * @return the rows copied, as the server counts them
     * @throws SQLException if the database fails
     * @throws IOException if {@code out} fails
     */
    public static long copy(DataSource dataSource, List<String> queries, OutputStream out)
            throws SQLException, IOException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection.setReadOnly(true);
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            long rows = 0;
            for (String query : queries) {
                rows += copy.copyOut("COPY (" + query + ") TO STDOUT", out);
            }
            connection.commit();
            return rows;
        }
    }

    /**
     * Copies out the rows of every query and drops them.
     *
     * @param dataSource the database
     * @param queries the SELECT statements
     * @return the rows copied
     * @throws SQLException if the database fails
     */
    public static long discard(DataSource dataSource, List<String> queries) throws SQLException {
        try {
            return copy(dataSource, queries, OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new AssertionError("the null output stream failed", e);
        }
    }
}
