package dev.consentkit.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.consentkit.ConsentChannel;
import dev.consentkit.ConsentEvent;
import dev.consentkit.Jurisdiction;
import dev.consentkit.Purpose;
import dev.consentkit.Residence;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A connection lost mid-batch, and rows other software wrote that make no valid fact. */
class FaultTest {

    private static final Instant AT = Instant.parse("2025-11-03T09:00:00Z");
    private static DataSource database;
    private static ConsentLedger ledger;

    @BeforeAll
    static void createLedger() throws SQLException {
        database = TestDatabases.withSchema(FaultTest.class);
        ledger = ConsentLedger.on(database).withClockSkewTolerance(Duration.ofSeconds(5));
    }

    @Test
    void aConnectionKilledMidBatchLeavesNothingOfItAndARetrySucceeds() throws Exception {
        LedgerBatch batch = LedgerBatch.builder()
                .member("killed", null)
                .event("killed", ConsentEvent.optOut("k1", Purpose.AI_TRAINING, AT, AT, ConsentChannel.API))
                .build();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Connection blocker = database.getConnection(); Statement statement = blocker.createStatement();
                Connection observer = database.getConnection(); Statement watch = observer.createStatement()) {
            // Holding the events table makes the append stop there, after it wrote the member's row.
            blocker.setAutoCommit(false);
            statement.execute("LOCK TABLE consentkit_consent_event IN EXCLUSIVE MODE");
            Future<AppendResult> append = pool.submit(() -> ledger.append(batch));
            // pg_stat_activity is read once per transaction: the observer reads it outside the blocker's.
            int appender = waitForBlockedBackend(watch, append);
            statement.execute("SELECT pg_terminate_backend(" + appender + ")");
            blocker.commit();
            Exception lost = assertThrows(Exception.class, () -> append.get(30, TimeUnit.SECONDS));
            assertTrue(lost.getCause() instanceof SQLException, lost::toString);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(0, AppendTest.count(database, "consentkit_member WHERE member_id = 'killed'"));
        assertEquals(new AppendResult(2, 0), ledger.append(batch));
        assertEquals(1, AppendTest.count(database, "consentkit_consent_event WHERE member_id = 'killed'"));
    }

    private static int waitForBlockedBackend(Statement statement, Future<AppendResult> append)
            throws SQLException, InterruptedException {
        for (int tries = 0; tries < 300 && !append.isDone(); tries++) {
            try (ResultSet blocked = statement.executeQuery("SELECT pid FROM pg_stat_activity"
                    + " WHERE cardinality(pg_blocking_pids(pid)) > 0 AND query LIKE 'INSERT INTO consentkit_consent_event%'")) {
                if (blocked.next()) {
                    return blocked.getInt(1);
                }
            }
            Thread.sleep(100);
        }
        StringBuilder activity = new StringBuilder();
        try (ResultSet rows = statement.executeQuery("SELECT pid, state, wait_event_type, pg_blocking_pids(pid)::text, query"
                + " FROM pg_stat_activity WHERE datname = current_database()")) {
            while (rows.next()) {
                activity.append('\n').append(rows.getInt(1)).append(' ').append(rows.getString(2)).append(' ')
                        .append(rows.getString(3)).append(' ').append(rows.getString(4)).append(' ').append(rows.getString(5));
            }
        }
        AssertionError never = new AssertionError("the append never waited at the consent events:" + activity);
        if (append.isDone()) {
            try {
                never.addSuppressed(new AssertionError("the append ended with " + append.get()));
            } catch (java.util.concurrent.ExecutionException e) {
                never.addSuppressed(e.getCause());
            }
        }
        throw never;
    }

    @Test
    void rowsThatMakeNoValidFactAreReportedWithTheirKeyAndNeverLoaded() throws SQLException {
        ledger.append(LedgerBatch.builder().member("sound", null).member("bad-purpose", null).member("skewed", null)
                .event("sound", ConsentEvent.optOut("s1", Purpose.AI_TRAINING, AT, AT, ConsentChannel.API)).build());
        insertEvent("bad-purpose", "p1", "AI Training!", AT, AT);
        insertEvent("skewed", "k1", "ai-training", AT.plusSeconds(60), AT);

        MemberSnapshot loaded = ledger.loadMembers();

        assertTrue(loaded.store().contains("sound"));
        assertFalse(loaded.store().contains("bad-purpose"));
        assertFalse(loaded.store().contains("skewed"));
        List<LedgerProblem> problems = loaded.problems();
        assertEquals(2, problems.size(), problems::toString);
        assertEquals("bad-purpose", problems.get(0).memberId());
        assertEquals("consentkit_consent_event", problems.get(0).table());
        assertEquals("p1", problems.get(0).key());
        assertTrue(problems.get(0).message().contains("AI Training!"), problems.get(0)::message);
        assertEquals("k1", problems.get(1).key());
        assertTrue(problems.get(1).message().contains("more than the clock-skew tolerance of PT5S"),
                problems.get(1)::message);
        MalformedLedgerRowException thrown = assertThrows(MalformedLedgerRowException.class,
                () -> ledger.member("skewed"));
        assertEquals(problems.get(1), thrown.problem());

        // Repaired by other software, the member is loaded by the next update.
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("UPDATE consentkit_consent_event SET purpose = 'ai-training' WHERE event_id = 'p1'");
        }
        MemberSnapshot updated = ledger.update(loaded);
        assertTrue(updated.store().contains("bad-purpose"));
        assertEquals(List.of("skewed"), updated.problems().stream().map(LedgerProblem::memberId).toList());
    }

    @Test
    void aStoreLimitReachedWhileLoadingFailsTheLoadWithTheStoresMessage() throws SQLException {
        DataSource crowded = TestDatabases.withSchema(FaultTest.class);
        LedgerBatch.Builder batch = LedgerBatch.builder();
        String digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
        // One member in each of 32,768 subdivisions: one more jurisdiction than a store holds.
        for (int m = 0; m <= Short.MAX_VALUE; m++) {
            String subdivision = "" + digits.charAt(m / (36 * 36)) + digits.charAt(m / 36 % 36) + digits.charAt(m % 36);
            batch.member("c-" + m, null).residence("c-" + m, Residence.always(Jurisdiction.of("US-" + subdivision)));
        }
        ConsentLedger ledger = ConsentLedger.on(crowded);
        ledger.append(batch.build());

        IllegalArgumentException full = assertThrows(IllegalArgumentException.class, ledger::loadMembers);

        assertTrue(full.getMessage().contains("at most 32767 distinct jurisdictions"), full::getMessage);
    }

    private static void insertEvent(String member, String eventId, String purpose, Instant effectiveAt, Instant recordedAt)
            throws SQLException {
        try (Connection connection = database.getConnection(); PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO consentkit_consent_event (member_id, event_id, purpose, choice, effective_at, recorded_at,"
                        + " channel) VALUES (?, ?, ?, 'OPT_OUT', ?::timestamptz, ?::timestamptz, 'API')")) {
            insert.setString(1, member);
            insert.setString(2, eventId);
            insert.setString(3, purpose);
            insert.setString(4, effectiveAt.toString());
            insert.setString(5, recordedAt.toString());
            insert.executeUpdate();
        }
    }
}
