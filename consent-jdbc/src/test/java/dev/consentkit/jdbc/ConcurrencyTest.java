package dev.consentkit.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.consentkit.ConsentChannel;
import dev.consentkit.ConsentEvent;
import dev.consentkit.Purpose;
import dev.consentkit.batch.MemberStore;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Several writers and readers at once, on a real server. */
class ConcurrencyTest {

    private static final Instant AT = Instant.parse("2025-11-03T09:00:00Z");
    private static final int WRITERS = 4;
    private static DataSource database;
    private static ConsentLedger ledger;

    @BeforeAll
    static void createLedger() throws SQLException {
        database = TestDatabases.withSchema(ConcurrencyTest.class);
        ledger = ConsentLedger.on(database);
    }

    @Test
    void writersAppendingOverlappingBatchesAtOnceLeaveEveryEventExactlyOnce() throws Exception {
        int members = 40;
        int eventsPerMember = 5;
        LedgerBatch.Builder setup = LedgerBatch.builder();
        for (int m = 0; m < members; m++) {
            setup.member("w-" + m, null);
        }
        ledger.append(setup.build());
        // Every writer appends every event, in its own order and batches: each event is in four writers' batches.
        List<Callable<Integer>> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            Random random = new Random(w);
            List<int[]> keys = new ArrayList<>();
            for (int m = 0; m < members; m++) {
                for (int e = 0; e < eventsPerMember; e++) {
                    keys.add(new int[] {m, e});
                }
            }
            Collections.shuffle(keys, random);
            writers.add(() -> {
                int written = 0;
                for (int from = 0; from < keys.size(); from += 17) {
                    LedgerBatch.Builder batch = LedgerBatch.builder();
                    for (int[] key : keys.subList(from, Math.min(keys.size(), from + 17))) {
                        batch.event("w-" + key[0], event(key[1]));
                    }
                    written += ledger.append(batch.build()).written();
                }
                return written;
            });
        }
        int written = 0;
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        try {
            for (Future<Integer> writer : pool.invokeAll(writers)) {
                written += writer.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(members * eventsPerMember, written, "each event written by exactly one writer");
        assertEquals(members * eventsPerMember, AppendTest.count(database, "consentkit_consent_event"));
        MemberStore store = ledger.loadMembers().store();
        assertEquals(members * eventsPerMember, store.consentEventCount());
    }

    @Test
    void aReaderLoadingWhileWritersAppendSeesEachBatchWhollyOrNotAtAll() throws Exception {
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Integer> writer = pool.submit(() -> {
                int pairs = 0;
                while (writing.get() || pairs < 20) {
                    // A pair of members per batch: a consistent snapshot has both or neither.
                    ledger.append(LedgerBatch.builder().member("pair-" + pairs + "-a", null)
                            .member("pair-" + pairs + "-b", null)
                            .event("pair-" + pairs + "-a", event(0))
                            .event("pair-" + pairs + "-b", event(0))
                            .build());
                    pairs++;
                }
                return pairs;
            });
            int loads = 0;
            int largest = 0;
            while (loads < 30) {
                MemberStore store = ledger.loadMembers().store();
                int pairs = 0;
                for (int p = 0; ; p++) {
                    boolean a = store.contains("pair-" + p + "-a");
                    boolean b = store.contains("pair-" + p + "-b");
                    assertEquals(a, b, "pair " + p + " half loaded");
                    if (!a) {
                        break;
                    }
                    pairs++;
                }
                largest = Math.max(largest, pairs);
                loads++;
            }
            writing.set(false);
            int appended = writer.get();
            assertTrue(appended >= 20);
            MemberSnapshot last = ledger.loadMembers();
            assertEquals(List.of(), last.problems());
            assertTrue(last.store().contains("pair-" + (appended - 1) + "-b"));
            assertTrue(largest <= appended);
        } finally {
            writing.set(false);
            pool.shutdownNow();
        }
    }

    private static ConsentEvent event(int e) {
        return ConsentEvent.optOut("e" + e, Purpose.AI_TRAINING, AT.plusSeconds(e), AT.plusSeconds(e),
                ConsentChannel.API);
    }
}
