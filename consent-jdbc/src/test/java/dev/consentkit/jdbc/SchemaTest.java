package dev.consentkit.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class SchemaTest {

    @Test
    void createSchemaFromSeveralProcessesAtOnceAndAgainChangesNothing() throws Exception {
        DataSource database = TestDatabases.fresh(SchemaTest.class);
        ConsentLedger ledger = ConsentLedger.on(database);
        List<Callable<Void>> creators = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            creators.add(() -> {
                ledger.createSchema();
                return null;
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (Future<Void> creator : pool.invokeAll(creators)) {
                creator.get();
            }
        } finally {
            pool.shutdownNow();
        }
        ledger.createSchema();
        assertEquals(List.of("consentkit_closure", "consentkit_consent_event", "consentkit_member",
                "consentkit_residence"), names(database, "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"));
    }

    @Test
    void everyTableAndIndexOfTheMigrationComesWithItsReason() {
        Matcher statement = Pattern.compile("(?m)^((?:--.*\\n)*)CREATE (?:TABLE|INDEX|OR REPLACE TRIGGER|OR REPLACE FUNCTION)")
                .matcher(ConsentLedger.migration());
        int tables = 0;
        while (statement.find()) {
            if (statement.group(0).contains("CREATE TABLE")) {
                tables++;
                assertTrue(!statement.group(1).isBlank(), () -> "no comment before " + statement.group(0));
            }
        }
        assertEquals(4, tables);
        assertTrue(ConsentLedger.migration().contains("-- The primary keys serve the loads"));
    }

    private static List<String> names(DataSource database, String query) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(query + " ORDER BY 1")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }
}
