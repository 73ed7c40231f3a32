package dev.consentkit.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.consentkit.AccountClosure;
import dev.consentkit.ConsentChannel;
import dev.consentkit.ConsentEvent;
import dev.consentkit.Jurisdiction;
import dev.consentkit.Member;
import dev.consentkit.Purpose;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.postgresql.PGResultSetMetaData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A load streams: each of its queries runs with a fetch size, outside autocommit, which is when
 * PostgreSQL's driver reads a result through a server-side cursor, a fetch at a time, instead of the
 * whole result at once; and asks the driver for binary rows, through the wrappers a pool puts around
 * its statements (here a recording proxy).
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
        batch.add(Member.builder("rich").birthDate(LocalDate.of(2008, 2, 29))
                .residentIn(Jurisdiction.of("DE"))
                .residentIn(Jurisdiction.of("FR"), AT.minusSeconds(86_400).plusNanos(123_456_000))
                .closures(List.of(AccountClosure.between(AT, AT.plusSeconds(60)), AccountClosure.from(AT.plusSeconds(3_600))))
                .consent(ConsentEvent.optIn("i", Purpose.GENERATIVE_AI_TRAINING, AT.minusSeconds(7), AT.minusSeconds(7),
                                ConsentChannel.SETTINGS_TOGGLE),
                        ConsentEvent.optOut("o", Purpose.AI_TRAINING, AT.minusNanos(1_000), AT, ConsentChannel.API))
                .build());
        ConsentLedger.on(database).append(batch.build());
    }

    @Test
    void aMemberReadInBinaryIsTheMemberReadAsText() throws SQLException {
        // A full read takes binary rows; one member's read, text: the driver decodes both, and the
        // beginning of time (-infinity), microseconds and open closures must come out the same.
        List<Member> binary = new ArrayList<>();
        MemberReader.Found found = new MemberReader.Found(binary::add);
        try (Connection connection = database.getConnection()) {
            connection.setAutoCommit(false);
            new MemberReader(Duration.ZERO, 16).readAll(connection, found);
            connection.rollback();
        }
        assertEquals(List.of(), found.problems);
        Member rich = binary.stream().filter(m -> m.id().equals("rich")).findFirst().orElseThrow();

        assertEquals(Instant.MIN, rich.jurisdictions().residences().get(0).from());
        assertEquals(ConsentLedger.on(database).member("rich").orElseThrow(), rich);
        assertEquals(51, binary.size());
    }

    /** What a query ran with; {@code binaryRows} when PostgreSQL's driver received columns in binary. */
    record Execution(String sql, int fetchSize, boolean autoCommit, boolean binaryRows) {}

    @Test
    void everyQueryOfALoadReadsThroughACursorAFetchAtATime() throws SQLException {
        List<Execution> executions = new ArrayList<>();
        ConsentLedger ledger = ConsentLedger.on(recording(database, executions)).withFetchSize(8);

        MemberSnapshot loaded = ledger.loadMembers();

        assertEquals(51, loaded.store().memberCount());
        List<Execution> reads = executions.stream().filter(e -> e.sql().startsWith("SELECT member_id")).toList();
        assertEquals(MemberReader.everyMemberQueries(), reads.stream().map(Execution::sql).toList());
        for (Execution read : reads) {
            assertEquals(8, read.fetchSize(), read::sql);
            assertFalse(read.autoCommit(), read::sql);
            assertTrue(read.binaryRows(), read::sql);
        }
        assertTrue(executions.stream().anyMatch(e -> e.sql().equals("SELECT pg_current_snapshot()::text")));
    }

    @Test
    void oneMemberIsReadInTheDriversDefaultFormatWithoutTheRoundTripBinaryRowsCost() throws SQLException {
        List<Execution> executions = new ArrayList<>();
        ConsentLedger ledger = ConsentLedger.on(recording(database, executions));

        assertTrue(ledger.member("s-7").isPresent());

        List<Execution> reads = executions.stream().filter(e -> e.sql().startsWith("SELECT member_id")).toList();
        assertEquals(4, reads.size());
        assertTrue(reads.stream().noneMatch(Execution::binaryRows), reads::toString);
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
                            Object returned = invoke(statement, m, a);
                            if (m.getName().equals("executeQuery")) {
                                executions.add(new Execution(sql, statement.getFetchSize(), connection.getAutoCommit(),
                                        anyBinaryColumn((ResultSet) returned)));
                            }
                            return returned;
                        });
            }
            if (result instanceof java.sql.Statement statement && method.getName().equals("createStatement")) {
                return Proxy.newProxyInstance(StreamingTest.class.getClassLoader(),
                        new Class<?>[] {java.sql.Statement.class}, (p, m, a) -> {
                            if (m.getName().equals("executeQuery")) {
                                executions.add(new Execution((String) a[0], statement.getFetchSize(),
                                        connection.getAutoCommit(), false));
                            }
                            return invoke(statement, m, a);
                        });
            }
            return result;
        };
    }

    /** Whether the driver receives any of the result's columns in PostgreSQL's binary format. */
    private static boolean anyBinaryColumn(ResultSet result) throws SQLException {
        PGResultSetMetaData columns = result.getMetaData().unwrap(PGResultSetMetaData.class);
        for (int column = 1; column <= result.getMetaData().getColumnCount(); column++) {
            if (columns.getFormat(column) == 1) {
                return true;
            }
        }
        return false;
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
