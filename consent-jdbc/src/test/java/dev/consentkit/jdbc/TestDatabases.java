package dev.consentkit.jdbc;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * The PostgreSQL server the tests run against, and a fresh database per test class on it.
 *
 * <p>By default one embedded PostgreSQL 17 server (the binaries come from Maven Central with the test
 * dependencies) is started for the whole test run and stopped when the JVM ends. With the system
 * property {@value #SERVER_PROPERTY} set to the JDBC URL of an existing server's database, with user
 * and password in the URL (for example
 * {@code jdbc:postgresql://db.example:5432/postgres?user=ci&password=secret}), the tests run there
 * instead; the user must be allowed to create databases. Either way the tests run: none is skipped.
 */
final class TestDatabases {

    /** The system property that points the tests at an existing server. */
    static final String SERVER_PROPERTY = "consentkit.test.postgresql.url";

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static volatile Server server;

    private TestDatabases() {}

    /** A new, empty database for the test class, with the ledger's schema created. */
    static DataSource withSchema(Class<?> testClass) throws SQLException {
        DataSource database = fresh(testClass);
        ConsentLedger.on(database).createSchema();
        return database;
    }

    /** A new, empty database for the test class. */
    static DataSource fresh(Class<?> testClass) throws SQLException {
        Server on = server();
        String name = "ck_" + testClass.getSimpleName().toLowerCase(Locale.ROOT) + "_" + ProcessHandle.current().pid()
                + "_" + DATABASES.incrementAndGet();
        try (Connection admin = on.admin(); Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
        return on.database(name);
    }

    private static Server server() {
        Server started = server;
        if (started == null) {
            synchronized (TestDatabases.class) {
                started = server;
                if (started == null) {
                    String url = System.getProperty(SERVER_PROPERTY, "");
                    started = url.isBlank() ? Server.embedded() : Server.existing(url);
                    server = started;
                }
            }
        }
        return started;
    }

    /**
     * A server and how to reach its databases: {@code adminUrl} names a database to create others from,
     * as its last path segment, before any parameters.
     */
    private record Server(String adminUrl) {

        static Server embedded() {
            try {
                EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        postgres.close();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }, "embedded-postgresql-stop"));
                return new Server(postgres.getJdbcUrl("postgres", "postgres"));
            } catch (IOException e) {
                throw new UncheckedIOException("the embedded PostgreSQL server did not start", e);
            }
        }

        static Server existing(String url) {
            return new Server(url);
        }

        Connection admin() throws SQLException {
            return DriverManager.getConnection(adminUrl);
        }

        DataSource database(String name) {
            int parameters = adminUrl.indexOf('?');
            String path = parameters < 0 ? adminUrl : adminUrl.substring(0, parameters);
            String url = path.substring(0, path.lastIndexOf('/') + 1) + name
                    + (parameters < 0 ? "" : adminUrl.substring(parameters));
            return new UrlDataSource(url);
        }
    }
}
