package dev.consentkit.benchmarks.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The JDBC half of a load without the rest: the same queries in the same kind of transaction, through
 * server-side cursors of the loader's fetch size (10,000 rows), each column read with the getter the
 * loader uses ({@code getObject(i, OffsetDateTime.class)} for a {@code timestamptz},
 * {@code getObject(i, LocalDate.class)} for a {@code date}), or every column as text. Nothing is built
 * from the values: the time is the driver's, and the difference to a load is the making of members and
 * of the store.
 */
public final class RowReader {

    /** The loader's fetch size. */
    public static final int FETCH_SIZE = 10_000;

    private RowReader() {}

    /**
     * What a read saw.
     *
     * @param rows the rows read
     * @param hash a hash of every value, so that no read can be left out
     */
    public record Read(long rows, int hash) {}

    /**
     * Reads every row of every query, each column as the loader reads it ({@code typed}) or as text.
     *
     * @param dataSource the database
     * @param queries the SELECT statements
     * @param typed whether dates and instants are read as {@link LocalDate} and {@link OffsetDateTime}
     * @return the rows read and a hash of their values
     * @throws SQLException if the database fails
     */
    public static Read read(DataSource dataSource, List<String> queries, boolean typed) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection.setReadOnly(true);
            List<PreparedStatement> statements = new ArrayList<>();
            long rows = 0;
            int hash = 0;
            try {
                for (String query : queries) {
                    PreparedStatement statement = connection.prepareStatement(query);
                    statements.add(statement);
                    statement.setFetchSize(FETCH_SIZE);
                }
                for (PreparedStatement statement : statements) {
                    try (ResultSet row = statement.executeQuery()) {
                        ResultSetMetaData columns = row.getMetaData();
                        int[] types = new int[columns.getColumnCount()];
                        for (int i = 0; i < types.length; i++) {
                            types[i] = typed ? columns.getColumnType(i + 1) : Types.VARCHAR;
                        }
                        while (row.next()) {
                            rows++;
                            for (int i = 0; i < types.length; i++) {
                                hash = 31 * hash + Objects.hashCode(value(row, i + 1, types[i]));
                            }
                        }
                    }
                }
            } finally {
                for (PreparedStatement statement : statements) {
                    statement.close();
                }
            }
            connection.commit();
            return new Read(rows, hash);
        }
    }

    private static Object value(ResultSet row, int column, int type) throws SQLException {
        return switch (type) {
            case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> row.getObject(column, OffsetDateTime.class);
            case Types.DATE -> row.getObject(column, LocalDate.class);
            case Types.BIT, Types.BOOLEAN -> row.getBoolean(column);
            default -> row.getString(column);
        };
    }
}
