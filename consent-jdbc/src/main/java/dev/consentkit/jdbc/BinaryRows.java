package dev.consentkit.jdbc;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Asks PostgreSQL's JDBC driver (pgjdbc) to send a statement's rows in PostgreSQL's binary format from
 * its first execution.
 *
 * <p>Until a statement has run {@code prepareThreshold} times (5 by default) the driver receives its
 * rows as text, so a statement run once, as a load's are, always does: the server formats every
 * {@code timestamptz} and {@code date} as text and the driver parses it back, a large share of the
 * work of a load on both sides. In binary an instant is 8 bytes that neither side formats or parses.
 * The driver's documented way to get binary rows at once is a {@code prepareThreshold} of -1
 * ({@code PGStatement.setPrepareThreshold}): the statement is prepared on the server and described
 * first, one more round trip, within the caller's transaction.
 *
 * <p>The module does not depend on the driver: the setting is made through the driver's public
 * {@code org.postgresql.PGStatement} interface, found through the statement's class loader and
 * {@link Statement#unwrap}, so it reaches the driver's statements behind a connection pool's wrappers
 * too. With another driver, or where the interface cannot be reached, nothing changes: the rows come
 * as text and read the same, only slower.
 */
final class BinaryRows {

    private static final String PG_STATEMENT = "org.postgresql.PGStatement";
    private static final int BINARY_FROM_THE_FIRST_EXECUTION = -1;

    private BinaryRows() {}

    /** Asks for binary rows when {@code statement} is, or wraps, one of pgjdbc's; otherwise does nothing. */
    static void request(Statement statement) throws SQLException {
        Class<?> pgStatement;
        try {
            pgStatement = Class.forName(PG_STATEMENT, false, statement.getClass().getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return;
        }
        if (!statement.isWrapperFor(pgStatement)) {
            return;
        }
        Object driverStatement = statement.unwrap(pgStatement);
        try {
            Method setPrepareThreshold = pgStatement.getMethod("setPrepareThreshold", int.class);
            setPrepareThreshold.invoke(driverStatement, BINARY_FROM_THE_FIRST_EXECUTION);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof SQLException failure) {
                throw failure;
            }
            // A driver that refuses the setting reads the rows as text.
        } catch (ReflectiveOperationException | RuntimeException e) {
            // An interface of another shape, or not accessible here: the rows come as text.
        }
    }
}
