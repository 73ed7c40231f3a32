package dev.consentkit.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.consentkit.AccountClosure;
import dev.consentkit.ConsentChannel;
import dev.consentkit.ConsentChoice;
import dev.consentkit.ConsentEvent;
import dev.consentkit.Jurisdiction;
import dev.consentkit.Member;
import dev.consentkit.Purpose;
import dev.consentkit.Residence;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AppendTest {

    private static final Instant OPT_OUT = Instant.parse("2025-11-03T09:00:00Z");
    private static DataSource database;
    private static ConsentLedger ledger;

    @BeforeAll
    static void createLedger() throws SQLException {
        database = TestDatabases.withSchema(AppendTest.class);
        ledger = ConsentLedger.on(database);
    }

    private static Member member(String id) {
        return Member.builder(id)
                .birthDate(LocalDate.of(1990, 2, 28))
                .residentIn(Jurisdiction.of("DE"))
                .residentIn(Jurisdiction.of("US-CA"), Instant.parse("2024-05-01T12:00:00.123456Z"))
                .closure(AccountClosure.between(Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2024-02-01T00:00:00Z")))
                .consent(ConsentEvent.optIn("e1", Purpose.AI_TRAINING, Instant.parse("2023-06-01T00:00:00Z"),
                                Instant.parse("2023-06-01T00:00:01Z"), ConsentChannel.SETTINGS_TOGGLE),
                        ConsentEvent.optOut("e2", Purpose.GENERATIVE_AI_TRAINING, OPT_OUT, OPT_OUT,
                                ConsentChannel.OBJECTION_FORM))
                .build();
    }

    @Test
    void aMemberReadsBackAsAppended() throws SQLException {
        Member member = member("reads-back");
        AppendResult result = ledger.append(LedgerBatch.of(List.of(member)));
        assertEquals(new AppendResult(LedgerBatch.of(List.of(member)).size(), 0), result);
        assertEquals(Optional.of(member), ledger.member("reads-back"));
    }

    @Test
    void theSameBatchAgainWritesNothing() throws SQLException {
        LedgerBatch batch = LedgerBatch.of(List.of(member("again")));
        ledger.append(batch);
        assertEquals(new AppendResult(0, batch.size()), ledger.append(batch));
        assertEquals(2, count("consentkit_consent_event WHERE member_id = 'again'"));
    }

    @Test
    void anEventIdWithOtherContentIsAConflictNamingBothAndTheBatchLeavesNothing() throws SQLException {
        ledger.append(LedgerBatch.of(List.of(member("conflicted"))));
        LedgerBatch contradicting = LedgerBatch.builder()
                .member("bystander", null)
                .event("bystander", ConsentEvent.optOut("b1", Purpose.AI_TRAINING, OPT_OUT, OPT_OUT, ConsentChannel.API))
                .event("conflicted", ConsentEvent.optIn("e2", Purpose.GENERATIVE_AI_TRAINING, OPT_OUT, OPT_OUT,
                        ConsentChannel.OBJECTION_FORM))
                .build();
        LedgerConflictException conflict = assertThrows(LedgerConflictException.class, () -> ledger.append(contradicting));
        assertTrue(conflict.getMessage().contains("consent event e2 of member conflicted"), conflict.getMessage());
        assertTrue(conflict.getMessage().contains("in the ledger as OPT_OUT"), conflict.getMessage());
        assertTrue(conflict.getMessage().contains("the batch gives it as OPT_IN"), conflict.getMessage());
        assertEquals(0, count("consentkit_member WHERE member_id = 'bystander'"));
        assertEquals(0, count("consentkit_consent_event WHERE member_id = 'bystander'"));
    }

    @Test
    void twoEventsWithOneIdInOneBatchAreAConflict() {
        LedgerBatch batch = LedgerBatch.builder()
                .member("twice", null)
                .event("twice", ConsentEvent.optOut("x", Purpose.AI_TRAINING, OPT_OUT, OPT_OUT, ConsentChannel.API))
                .event("twice", ConsentEvent.optIn("x", Purpose.AI_TRAINING, OPT_OUT, OPT_OUT, ConsentChannel.API))
                .build();
        assertThrows(LedgerConflictException.class, () -> ledger.append(batch));
    }

    @Test
    void anotherBirthDateIsAConflict() throws SQLException {
        ledger.append(LedgerBatch.builder().member("born", LocalDate.of(2000, 1, 1)).build());
        LedgerConflictException conflict = assertThrows(LedgerConflictException.class,
                () -> ledger.append(LedgerBatch.builder().member("born", null).build()));
        assertEquals("member born is in the ledger with birth date 2000-01-01, and the batch gives unknown",
                conflict.getMessage());
    }

    @Test
    void aMoveAtTheSameInstantToAnotherPlaceIsAConflict() throws SQLException {
        ledger.append(LedgerBatch.builder().member("mover", null).residence("mover", Residence.always(Jurisdiction.of("FR")))
                .build());
        LedgerConflictException conflict = assertThrows(LedgerConflictException.class, () -> ledger.append(
                LedgerBatch.builder().residence("mover", Residence.always(Jurisdiction.of("IT"))).build()));
        assertTrue(conflict.getMessage().contains("to FR in the ledger"), conflict.getMessage());
        assertTrue(conflict.getMessage().contains("to IT"), conflict.getMessage());
    }

    @Test
    void aClosureStillClosedTakesItsReopeningAndNoOtherChange() throws SQLException {
        Instant closed = Instant.parse("2025-01-01T00:00:00Z");
        Instant reopened = Instant.parse("2025-03-01T00:00:00Z");
        ledger.append(LedgerBatch.builder().member("closer", null).closure("closer", AccountClosure.from(closed)).build());
        AppendResult reopening = ledger.append(
                LedgerBatch.builder().closure("closer", AccountClosure.between(closed, reopened)).build());
        assertEquals(new AppendResult(1, 0), reopening);
        assertEquals(List.of(AccountClosure.between(closed, reopened)),
                ledger.member("closer").orElseThrow().closures());
        LedgerConflictException conflict = assertThrows(LedgerConflictException.class, () -> ledger.append(
                LedgerBatch.builder().closure("closer", AccountClosure.from(closed)).build()));
        assertTrue(conflict.getMessage().contains("reopened at 2025-03-01T00:00:00Z in the ledger"), conflict.getMessage());
    }

    @Test
    void factsAboutAMemberInNeitherTheLedgerNorTheBatchAreRefused() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> ledger.append(
                LedgerBatch.builder().event("nobody", ConsentEvent.optOut("n", Purpose.AI_TRAINING, OPT_OUT, OPT_OUT,
                        ConsentChannel.API)).build()));
        assertTrue(refused.getMessage().contains("member nobody, who is in neither the ledger nor the batch"),
                refused.getMessage());
    }

    @Test
    void instantsFinerThanAMicrosecondAreRefusedBeforeAnythingIsWritten() {
        Instant fine = Instant.parse("2025-11-03T09:00:00.000000001Z");
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> LedgerBatch.builder()
                .event("m", ConsentEvent.optOut("fine", Purpose.AI_TRAINING, fine, fine, ConsentChannel.API)));
        assertTrue(refused.getMessage().contains("2025-11-03T09:00:00.000000001Z has a part finer than a microsecond"),
                refused.getMessage());
    }

    @Test
    void anEventStatedAfterItsRecordingReadsBackWithinTheTolerance() throws SQLException {
        ConsentLedger tolerant = ledger.withClockSkewTolerance(Duration.ofSeconds(5));
        ConsentEvent skewed = ConsentEvent.asStated("s", Purpose.AI_TRAINING, ConsentChoice.OPT_OUT,
                OPT_OUT.plusSeconds(2), OPT_OUT, ConsentChannel.API, Duration.ofSeconds(5));
        tolerant.append(LedgerBatch.builder().member("skewed", null).event("skewed", skewed).build());
        assertEquals(List.of(skewed), tolerant.member("skewed").orElseThrow().consent().events());
        IllegalArgumentException beyond = assertThrows(IllegalArgumentException.class, () -> ledger.append(
                LedgerBatch.builder().event("skewed", skewed).build()));
        assertTrue(beyond.getMessage().contains("more than the clock-skew tolerance of PT0S of the ledger"), beyond.getMessage());
    }

    @Test
    void aMemberAsKnownAtAnInstantHasOnlyTheEventsRecordedByThen() throws SQLException {
        ledger.append(LedgerBatch.of(List.of(member("replayed"))));
        Member before = ledger.member("replayed", OPT_OUT.minusNanos(1000)).orElseThrow();
        assertEquals(List.of("e1"), before.consent().events().stream().map(ConsentEvent::id).toList());
        assertEquals(2, ledger.member("replayed", OPT_OUT).orElseThrow().consent().size());
        assertFalse(ledger.member("never-appended", OPT_OUT).isPresent());
    }

    static int count(String from) throws SQLException {
        return count(database, from);
    }

    static int count(DataSource database, String from) throws SQLException {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT count(*) FROM " + from)) {
            row.next();
            return row.getInt(1);
        }
    }
}
