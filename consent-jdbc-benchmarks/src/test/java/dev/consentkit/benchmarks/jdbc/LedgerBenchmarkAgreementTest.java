package dev.consentkit.benchmarks.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.consentkit.Member;
import dev.consentkit.batch.MemberStore;
import dev.consentkit.jdbc.AppendResult;
import dev.consentkit.jdbc.ConsentLedger;
import dev.consentkit.jdbc.MemberSnapshot;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * On a small ledger, that the benchmarks measure what they say: the generator's shape, that the copy
 * baseline streams exactly the rows a load reads (the same four queries, the same row count), that an
 * update after changes gives the store a fresh load gives, and that every benchmark method runs.
 */
class LedgerBenchmarkAgreementTest {

    private static final int MEMBERS = 2_000;
    private static final int CHANGES = 500;
    private static final LedgerDataGenerator GENERATOR = new LedgerDataGenerator(LedgerDataGenerator.DEFAULT_SEED);

    private static LedgerServer server;
    private static DataSource database;
    private static LedgerDataGenerator.Fill fill;
    private static int databases;

    @BeforeAll
    static void fill() throws Exception {
        server = LedgerServer.start();
        database = filledDatabase();
        fill = GENERATOR.fill(ConsentLedger.on(database), MEMBERS, 300);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static DataSource filledDatabase() throws SQLException {
        DataSource created = server.newDatabase("ledger_" + ++databases);
        ConsentLedger.on(created).createSchema();
        return created;
    }

    @Test
    void theGeneratorMakesTheIntendedShape() throws SQLException {
        LedgerDataGenerator.Counts counts = fill.counts();
        assertEquals(MEMBERS, counts.members());
        assertTrue(counts.events() > 1.35 * MEMBERS && counts.events() < 1.65 * MEMBERS, "about 1.5 events per member: " + counts);
        assertTrue(counts.residences() > 1.1 * MEMBERS && counts.residences() < 1.3 * MEMBERS, "about 1.2 residences per member: " + counts);
        assertTrue(counts.closures() > 0.02 * MEMBERS && counts.closures() < 0.06 * MEMBERS, "about 4% closed: " + counts);

        List<Member> members = GENERATOR.members(0, MEMBERS);
        long unknownBirthDates = members.stream().filter(m -> m.birthDate().isEmpty()).count();
        assertTrue(unknownBirthDates > 0.05 * MEMBERS && unknownBirthDates < 0.15 * MEMBERS, "about 10% unknown: " + unknownBirthDates);
        for (int events = 0; events <= 3; events++) {
            int n = events;
            assertTrue(members.stream().anyMatch(m -> m.consent().events().size() == n), "a member with " + n + " events");
        }
        assertEquals(members.get(1234), new LedgerDataGenerator(LedgerDataGenerator.DEFAULT_SEED).member(1234), "the same seed, the same member");
        assertNotEquals(members.get(1234), new LedgerDataGenerator(7).member(1234), "another seed, another member");
        assertEquals("m00001234", LedgerDataGenerator.memberId(1234));

        assertEquals(Map.of("consentkit_member", counts.members(), "consentkit_residence", counts.residences(),
                "consentkit_closure", counts.closures(), "consentkit_consent_event", counts.events()), rowCounts(database));
    }

    @Test
    void theCopyRunsTheLoadersOwnQueries() throws SQLException {
        List<String> prepared = new ArrayList<>();
        ConsentLedger.on(recording(database, prepared)).loadMembers();
        assertEquals(LedgerQueries.EVERY_MEMBER, prepared);
    }

    @Test
    void theCopyStreamsExactlyTheRowsTheLoadReads() throws Exception {
        MemberSnapshot loaded = ConsentLedger.on(database).loadMembers();
        assertEquals(List.of(), loaded.problems());
        assertEquals(MEMBERS, loaded.store().memberCount());
        assertEquals(fill.counts().events(), loaded.store().consentEventCount());

        assertEquals(fill.counts().rows(), CopyOut.discard(database, LedgerQueries.EVERY_MEMBER));
        ByteArrayOutputStream copied = new ByteArrayOutputStream();
        long rows = CopyOut.copy(database, LedgerQueries.EVERY_MEMBER, copied);
        String text = copied.toString(StandardCharsets.UTF_8);
        assertEquals(rows, text.chars().filter(c -> c == '\n').count(), "one line per row");
        assertTrue(text.contains("m00000000\t"), "the member rows");
        assertTrue(text.contains("-infinity"), "the residences as far back as known");
    }

    @Test
    void anUpdateAfterChangesDecidesLikeAFreshLoad() throws SQLException {
        DataSource changing = filledDatabase();
        ConsentLedger ledger = ConsentLedger.on(changing);
        GENERATOR.fill(ledger, MEMBERS, 1_000);
        MemberSnapshot snapshot = ledger.loadMembers();
        long events = snapshot.store().consentEventCount();
        for (int round = 0; round < 5; round++) {
            // The last rounds wrap around to the first members, who then have two new events.
            AppendResult appended = ledger.append(LedgerDataGenerator.newEvents("u" + round, round * CHANGES, CHANGES, MEMBERS, round));
            assertEquals(CHANGES, appended.written());
            assertEquals(CHANGES, ledger.changesSince(snapshot.watermark()).memberIds().size());
            snapshot = ledger.update(snapshot);
            events += CHANGES;
            assertSameMembers(ledger.loadMembers().store(), snapshot.store());
            assertEquals(events, snapshot.store().consentEventCount());
        }
    }

    @Test
    void everyBenchmarkRunsOnce() throws Exception {
        ConsentLedgerBenchmark benchmark = new ConsentLedgerBenchmark();
        ConsentLedgerBenchmark.Ledger ledger = new ConsentLedgerBenchmark.Ledger();
        ledger.members = MEMBERS;
        ledger.seed = LedgerDataGenerator.DEFAULT_SEED;
        ledger.start();
        try {
            assertEquals(MEMBERS, benchmark.loadMembers(ledger).store().memberCount());
            assertEquals(fill.counts().rows(), benchmark.copyOut(ledger), "the same seed fills the same rows");
            LoadBreakdownBenchmark breakdown = new LoadBreakdownBenchmark();
            RowReader.Read typed = breakdown.readRows(ledger);
            RowReader.Read text = breakdown.readRowsAsText(ledger);
            assertEquals(fill.counts().rows(), typed.rows());
            assertEquals(fill.counts().rows(), text.rows());
            assertNotEquals(typed.hash(), text.hash(), "instants read as values, not as text");

            ConsentLedgerBenchmark.Changes changes = new ConsentLedgerBenchmark.Changes();
            changes.changes = CHANGES;
            changes.load(ledger);
            for (int round = 0; round < 2; round++) {
                changes.change(ledger);
                MemberSnapshot updated = benchmark.update(ledger, changes);
                assertEquals(fill.counts().events() + (round + 1) * CHANGES, updated.store().consentEventCount());
            }

            ConsentLedgerBenchmark.Appends appends = new ConsentLedgerBenchmark.Appends();
            appends.prepare(ledger);
            assertEquals(ConsentLedgerBenchmark.APPEND_BATCH, benchmark.append(ledger, appends).written());
        } finally {
            ledger.stop();
        }
    }

    private static void assertSameMembers(MemberStore expected, MemberStore actual) {
        assertEquals(expected.memberCount(), actual.memberCount());
        assertEquals(expected.consentEventCount(), actual.consentEventCount());
        for (int index = 0; index < MEMBERS + 10; index++) {
            String id = LedgerDataGenerator.memberId(index);
            assertEquals(expected.contains(id), actual.contains(id), id);
        }
    }

    private static Map<String, Long> rowCounts(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT (SELECT count(*) FROM consentkit_member),"
                        + " (SELECT count(*) FROM consentkit_residence), (SELECT count(*) FROM consentkit_closure),"
                        + " (SELECT count(*) FROM consentkit_consent_event)")) {
            row.next();
            return Map.of("consentkit_member", row.getLong(1), "consentkit_residence", row.getLong(2),
                    "consentkit_closure", row.getLong(3), "consentkit_consent_event", row.getLong(4));
        }
    }

    /** A data source whose connections record the SQL of every statement prepared on them. */
    private static DataSource recording(DataSource dataSource, List<String> prepared) {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    Object result = invoke(method, dataSource, args);
                    if (result instanceof Connection connection) {
                        return Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                                (p, m, a) -> {
                                    if (m.getName().equals("prepareStatement")) {
                                        prepared.add((String) a[0]);
                                    }
                                    return invoke(m, connection, a);
                                });
                    }
                    return result;
                });
    }

    private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
