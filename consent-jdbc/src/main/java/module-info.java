module dev.consentkit.jdbc {
    requires transitive dev.consentkit.core;
    requires transitive java.sql;
    requires static org.jspecify;

    exports dev.consentkit.jdbc;
}
