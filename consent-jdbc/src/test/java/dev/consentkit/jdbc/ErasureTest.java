package dev.consentkit.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.consentkit.AccountClosure;
import dev.consentkit.ConsentChannel;
import dev.consentkit.ConsentEvent;
import dev.consentkit.Jurisdiction;
import dev.consentkit.Member;
import dev.consentkit.Purpose;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The right to erasure: a member's data goes, a tombstone stays, everyone else is untouched. */
class ErasureTest {

    private static final Instant AT = Instant.parse("2025-11-03T09:00:00Z");
    private static DataSource database;
    private static ConsentLedger ledger;

    @BeforeAll
    static void createLedger() throws SQLException {
        database = TestDatabases.withSchema(ErasureTest.class);
        ledger = ConsentLedger.on(database);
    }

    private static Member member(String id) {
        return Member.builder(id).birthDate(LocalDate.of(2001, 2, 3)).residentIn(Jurisdiction.of("FR"))
                .closure(AccountClosure.from(AT))
                .consent(ConsentEvent.optIn("e1", Purpose.AI_TRAINING, AT.minusSeconds(60), AT.minusSeconds(60),
                        ConsentChannel.SETTINGS_TOGGLE))
                .build();
    }

    @Test
    void anErasedMemberLeavesOnlyATombstoneAndTheLedgerRefusesTheirDataAgain() throws SQLException {
        ledger.append(LedgerBatch.of(List.of(member("gone"), member("stays"))));
        MemberSnapshot before = ledger.loadMembers();

        ledger.erase("gone");

        assertEquals(Optional.empty(), ledger.member("gone"));
        assertEquals(Optional.of(member("stays")), ledger.member("stays"));
        for (String table : List.of("consentkit_residence", "consentkit_closure", "consentkit_consent_event")) {
            assertEquals(0, AppendTest.count(database, table + " WHERE member_id = 'gone'"), table);
        }
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
                ResultSet tombstone = statement.executeQuery(
                        "SELECT birth_date, erased_at IS NOT NULL FROM consentkit_member WHERE member_id = 'gone'")) {
            assertTrue(tombstone.next());
            assertEquals(null, tombstone.getObject(1));
            assertTrue(tombstone.getBoolean(2));
        }
        LedgerConflictException refused = assertThrows(LedgerConflictException.class,
                () -> ledger.append(LedgerBatch.of(List.of(member("gone")))));
        assertTrue(refused.getMessage().startsWith("member gone was erased at "), refused.getMessage());

        MemberSnapshot after = ledger.update(before);
        assertFalse(after.store().contains("gone"));
        assertTrue(after.store().contains("stays"));
        assertFalse(ledger.loadMembers().store().contains("gone"));
    }

    @Test
    void erasingTwiceOrAnUnknownIdChangesNothingMore() throws SQLException {
        ledger.erase("never-here");
        ledger.erase("never-here");
        assertEquals(1, AppendTest.count(database, "consentkit_member WHERE member_id = 'never-here'"));
        assertEquals(Optional.empty(), ledger.member("never-here"));
    }
}
