package dev.consentkit.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.consentkit.ConsentChannel;
import dev.consentkit.ConsentEvent;
import dev.consentkit.Purpose;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A load streams: each of its queries runs with a fetch size, outside autocommit, which is when
 * PostgreSQL's driver reads a result through a server-side cursor, a fetch at a time, instead of the
 * whole result at once.
 */
class StreamingTest {

    private static final Instant AT = Instant.parse("2025-11-03T09:00:00Z");
    private static DataSource database;

    @BeforeAll
    static void createLedger() throws SQLException {
        database = TestDatabases.withSchema(StreamingTest.class);
        LedgerBatch.Builder batch = LedgerBatch.builder();
        for (int m = 0; m < 50; m++) {
            batch.member("s-" + m, null)
                    .event("s-" + m, ConsentEvent.optOut("e", Purpose.AI_TRAINING, AT, AT, ConsentChannel.API));
        }
        ConsentLedger.on(database).append(batch.build());
    }

    /** What a query ran with. */
    record Execution(String sql, int fetchSize, boolean autoCommit) {}

    @Test
    void everyQueryOfALoadReadsThroughACursorAFetchAtATime() throws SQLException {
        List<Execution> executions = new ArrayList<>();
        ConsentLedger ledger = ConsentLedger.on(recording(database, executions)).withFetchSize(8);

        MemberSnapshot loaded = ledger.loadMembers();

        assertEquals(50, loaded.store().memberCount());
        List<Execution> reads = executions.stream().filter(e -> e.sql().startsWith("SELECT member_id")).toList();
        assertEquals(MemberReader.everyMemberQueries(), reads.stream().map(Execution::sql).toList());
        for (Execution read : reads) {
            assertEquals(8, read.fetchSize(), read::sql);
            assertFalse(read.autoCommit(), read::sql);
        }
        assertTrue(executions.stream().anyMatch(e -> e.sql().equals("SELECT pg_current_snapshot()::text")));
    }

    /** {@code database}, recording every query its prepared statements and statements execute. */
    private static DataSource recording(DataSource database, List<Execution> executions) {
        return (DataSource) Proxy.newProxyInstance(StreamingTest.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    Object result = invoke(database, method, args);
                    if (method.getName().equals("getConnection")) {
                        Connection connection = (Connection) result;
                        return Proxy.newProxyInstance(StreamingTest.class.getClassLoader(),
                                new Class<?>[] {Connection.class}, connectionHandler(connection, executions));
                    }
                    return result;
                });
    }

    private static InvocationHandler connectionHandler(Connection connection, List<Execution> executions) {
        return (proxy, method, args) -> {
            Object result = invoke(connection, method, args);
            if (result instanceof PreparedStatement statement && method.getName().equals("prepareStatement")) {
                String sql = (String) args[0];
                return Proxy.newProxyInstance(StreamingTest.class.getClassLoader(),
                        new Class<?>[] {PreparedStatement.class}, (p, m, a) -> {
                            if (m.getName().equals("executeQuery")) {
                                executions.add(new Execution(sql, statement.getFetchSize(), connection.getAutoCommit()));
                            }
                            return invoke(statement, m, a);
                        });
            }
            if (result instanceof java.sql.Statement statement && method.getName().equals("createStatement")) {
                return Proxy.newProxyInstance(StreamingTest.class.getClassLoader(),
                        new Class<?>[] {java.sql.Statement.class}, (p, m, a) -> {
                            if (m.getName().equals("executeQuery")) {
                                executions.add(new Execution((String) a[0], statement.getFetchSize(),
                                        connection.getAutoCommit()));
                            }
                            return invoke(statement, m, a);
                        });
            }
            return result;
        };
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
