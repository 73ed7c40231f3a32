package dev.consentkit.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

/** Reads the ledger's columns as the core's values. */
final class Rows {

    private Rows() {}

    /** A {@code timestamptz} column that is never null; {@code -infinity} reads as {@link Instant#MIN}. */
    static Instant instant(ResultSet row, int column) throws SQLException {
        Instant instant = nullableInstant(row, column);
        if (instant == null) {
            throw new SQLException("column " + row.getMetaData().getColumnName(column) + " is null");
        }
        return instant;
    }

    /** A {@code timestamptz} column, or null; {@code -infinity} reads as {@link Instant#MIN}. */
    static @Nullable Instant nullableInstant(ResultSet row, int column) throws SQLException {
        OffsetDateTime time = row.getObject(column, OffsetDateTime.class);
        if (time == null) {
            return null;
        }
        if (time.equals(OffsetDateTime.MIN)) {
            return Instant.MIN;
        }
        return time.toInstant();
    }
}
