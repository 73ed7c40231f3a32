/**
 * ConsentKit on PostgreSQL: a consent ledger through plain JDBC ({@link dev.consentkit.jdbc.ConsentLedger}).
 * It needs {@code java.sql} and no driver of its own: the application brings PostgreSQL's JDBC driver.
 * The schema's migration is a resource of this module, {@code dev/consentkit/jdbc/migration/V1__consentkit_ledger.sql}.
 */
module dev.consentkit.jdbc {
    requires transitive dev.consentkit.core;
    requires transitive java.sql;
    requires static org.jspecify;

    exports dev.consentkit.jdbc;
}
