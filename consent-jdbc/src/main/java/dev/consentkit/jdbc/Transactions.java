package dev.consentkit.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Runs work in one transaction on a connection of its own, and gives the connection back as it found it. */
final class Transactions {

    /** Work done in a transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Work done in a transaction for its effect. */
    @FunctionalInterface
    interface Step {
        void run(Connection connection) throws SQLException;
    }

    private Transactions() {}

    /** Runs {@code step} in one transaction, as {@link #run} runs work with a result. */
    static void execute(DataSource dataSource, int isolation, boolean readOnly, Step step) throws SQLException {
        run(dataSource, isolation, readOnly, connection -> {
            step.run(connection);
            return Boolean.TRUE;
        });
    }

    /**
     * Runs {@code work} in one transaction at {@code isolation}; commits when it returns, rolls back
     * when it throws. A connection lost meanwhile loses the transaction on the server, so nothing of
     * it remains.
     */
    static <T> T run(DataSource dataSource, int isolation, boolean readOnly, Work<T> work) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            int wasIsolation = connection.getTransactionIsolation();
            boolean wasReadOnly = connection.isReadOnly();
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(isolation);
            connection.setReadOnly(readOnly);
            T result;
            try {
                result = work.run(connection);
                connection.commit();
            } catch (SQLException | RuntimeException | Error e) {
                try {
                    if (!connection.isClosed()) {
                        connection.rollback();
                        restore(connection, wasReadOnly, wasIsolation, autoCommit);
                    }
                } catch (SQLException cleanupFailure) {
                    e.addSuppressed(cleanupFailure);
                }
                throw e;
            }
            restore(connection, wasReadOnly, wasIsolation, autoCommit);
            return result;
        }
    }

    private static void restore(Connection connection, boolean readOnly, int isolation, boolean autoCommit)
            throws SQLException {
        connection.setReadOnly(readOnly);
        connection.setTransactionIsolation(isolation);
        connection.setAutoCommit(autoCommit);
    }
}
