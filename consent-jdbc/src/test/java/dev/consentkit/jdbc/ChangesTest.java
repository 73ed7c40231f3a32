package dev.consentkit.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.consentkit.ConsentChannel;
import dev.consentkit.ConsentEvent;
import dev.consentkit.ContentItem;
import dev.consentkit.DataCategory;
import dev.consentkit.Jurisdiction;
import dev.consentkit.Member;
import dev.consentkit.LegalBasis;
import dev.consentkit.PolicyVersion;
import dev.consentkit.Purpose;
import dev.consentkit.TrainingPolicy;
import dev.consentkit.UnknownAge;
import dev.consentkit.batch.BatchEvaluator;
import dev.consentkit.batch.MemberStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What changed since a watermark, with transactions that commit out of order, and stores brought up to date. */
class ChangesTest {

    private static final Instant AT = Instant.parse("2025-11-03T09:00:00Z");
    private static DataSource database;
    private static ConsentLedger ledger;

    @BeforeAll
    static void createLedger() throws SQLException {
        database = TestDatabases.withSchema(ChangesTest.class);
        ledger = ConsentLedger.on(database);
    }

    static Member optedOut(String id, String eventId) {
        return Member.builder(id).residentIn(Jurisdiction.of("DE"))
                .consent(ConsentEvent.optOut(eventId, Purpose.AI_TRAINING, AT, AT, ConsentChannel.API)).build();
    }

    @Test
    void aTransactionOpenWhenTheWatermarkWasTakenIsReportedAfterItCommitsThoughALaterOneCommittedFirst()
            throws SQLException {
        ledger.append(LedgerBatch.of(List.of(optedOut("early", "e0"), optedOut("late", "l0"))));
        try (Connection slow = database.getConnection()) {
            slow.setAutoCommit(false);
            // The slow writer takes its transaction id first and stays open...
            insertEvent(slow, "early", "e1");
            // ...a fast one commits after it started...
            ledger.append(LedgerBatch.builder().event("late", ConsentEvent.optIn("l1", Purpose.AI_TRAINING, AT, AT,
                    ConsentChannel.API)).build());
            // ...a reader takes its watermark now: it sees the fast writer, not the slow one.
            Watermark seen = ledger.loadMembers().watermark();
            slow.commit();
            LedgerChanges changes = ledger.changesSince(seen);
            // An increasing sequence would put e1 before the watermark (it was numbered first) and miss it.
            assertEquals(Set.of("early"), changes.memberIds());
            assertEquals(Set.of(), ledger.changesSince(changes.upTo()).memberIds());
        }
    }

    @Test
    void anUpdatedStoreDecidesAsAStoreLoadedAfresh() throws SQLException {
        ledger.append(LedgerBatch.of(List.of(optedOut("kept", "k0"), optedOut("changed", "c0"), optedOut("erased", "x0"))));
        MemberSnapshot before = ledger.loadMembers();
        ledger.append(LedgerBatch.builder()
                .event("changed", ConsentEvent.optIn("c1", Purpose.AI_TRAINING, AT.plusSeconds(60), AT.plusSeconds(60),
                        ConsentChannel.SETTINGS_TOGGLE))
                .add(optedOut("added", "a0"))
                .build());
        ledger.erase("erased");
        MemberSnapshot updated = ledger.update(before);
        MemberSnapshot fresh = ledger.loadMembers();
        assertDecideAlike(fresh.store(), updated.store(), List.of("kept", "changed", "added"));
        assertTrue(updated.store().indexOf("erased") < 0);
        assertFalse(before.store().indexOf("erased") < 0, "the old store is unchanged");
        assertEquals(2, ledger.member("changed").orElseThrow().consent().size());
        assertEquals(Set.of(), ledger.changesSince(updated.watermark()).memberIds());
    }

    @Test
    void manyChangedMembersAreReadAgainAsAFreshLoadReadsThem() throws SQLException {
        // More members than the reader reads on the calling thread alone: the update reads them as a full
        // load does, on two threads, and keeps reporting a member whose rows became malformed.
        List<Member> many = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            many.add(optedOut(String.format("many-%04d", i), "m0"));
        }
        ledger.append(LedgerBatch.of(many));
        MemberSnapshot before = ledger.loadMembers();
        LedgerBatch.Builder changes = LedgerBatch.builder();
        for (int i = 0; i < 2_500; i++) {
            changes.event(String.format("many-%04d", i), ConsentEvent.optIn("m1", Purpose.AI_TRAINING,
                    AT.plusSeconds(i), AT.plusSeconds(i), ConsentChannel.SETTINGS_TOGGLE));
        }
        ledger.append(changes.build());
        try (Connection connection = database.getConnection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO consentkit_consent_event"
                        + " (member_id, event_id, purpose, choice, effective_at, recorded_at, channel)"
                        + " VALUES ('many-0007', 'skewed', 'ai-training', 'OPT_IN', now() + interval '1 day', now(), 'API')")) {
            insert.executeUpdate();
        }

        MemberSnapshot updated = ledger.update(before);
        MemberSnapshot fresh = ledger.loadMembers();

        assertEquals(List.of("many-0007"), updated.problems().stream().map(LedgerProblem::memberId).toList());
        assertEquals(fresh.problems(), updated.problems());
        assertTrue(updated.store().indexOf("many-0007") < 0);
        List<String> ids = many.stream().map(Member::id).filter(id -> !id.equals("many-0007")).toList();
        assertDecideAlike(fresh.store(), updated.store(), ids);
    }

    /** Both stores hold the same members and events and decide alike for each of the members' posts. */
    private static void assertDecideAlike(MemberStore expectedStore, MemberStore actualStore, List<String> ids) {
        assertEquals(storeMembers(expectedStore), storeMembers(actualStore));
        assertEquals(expectedStore.consentEventCount(), actualStore.consentEventCount());
        TrainingPolicy policy = TrainingPolicy.builder("changes", Purpose.AI_TRAINING)
                .version(PolicyVersion.builder("v1", AT.minusSeconds(86_400))
                        .defaultBasis(LegalBasis.CONSENT)
                        .allow(DataCategory.PUBLIC_CONTENT)
                        .unknownAge(UnknownAge.TREAT_AS_ADULT)
                        .build())
                .build();
        for (Instant asOf : List.of(AT.minusSeconds(1), AT, AT.plusSeconds(60), AT.plusSeconds(3600))) {
            BatchEvaluator expected = BatchEvaluator.of(policy, expectedStore, asOf);
            BatchEvaluator actual = BatchEvaluator.of(policy, actualStore, asOf);
            for (String id : ids) {
                ContentItem item = ContentItem.of("post-" + id, id, DataCategory.PUBLIC_CONTENT, AT.minusSeconds(3600));
                assertEquals(expected.reason(item), actual.reason(item), id + " at " + asOf);
            }
        }
    }

    private static Set<String> storeMembers(MemberStore store) {
        java.util.Set<String> ids = new java.util.TreeSet<>();
        for (int m = 0; m < store.size(); m++) {
            try {
                ids.add(store.memberId(m));
            } catch (IllegalArgumentException vacated) {
                // an index whose member was replaced or removed
            }
        }
        return ids;
    }

    private static void insertEvent(Connection connection, String memberId, String eventId) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO consentkit_consent_event"
                + " (member_id, event_id, purpose, choice, effective_at, recorded_at, channel)"
                + " VALUES (?, ?, 'ai-training', 'OPT_IN', now(), now(), 'API')")) {
            insert.setString(1, memberId);
            insert.setString(2, eventId);
            insert.executeUpdate();
        }
    }
}
