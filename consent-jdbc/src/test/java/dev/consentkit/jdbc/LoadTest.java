package dev.consentkit.jdbc;

import static dev.consentkit.testkit.quicktheories.ConsentGenerators.batches;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;

import dev.consentkit.ContentItem;
import dev.consentkit.Member;
import dev.consentkit.batch.BatchEvaluator;
import dev.consentkit.jackson.ConsentDocumentException;
import dev.consentkit.jackson.ConsentDocuments;
import dev.consentkit.jackson.ReadOptions;
import dev.consentkit.testkit.quicktheories.Batch;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Members appended and loaded back, one at a time and all into a store, decide every generated item as
 * the policy decides it about the members themselves: the generated edge cases (ties, replays as known
 * at an instant, moves, 29 February birthdays, closures reopened, GPC signals) survive the database.
 */
class LoadTest {

    private static final long SEED = 0x1edcL;
    // Generated events may be stated after their recording; the ledger is given room for all of them.
    private static final Duration TOLERANCE = Duration.ofDays(3650);
    private static DataSource database;
    private static ConsentLedger ledger;

    @BeforeAll
    static void createLedger() throws SQLException {
        database = TestDatabases.withSchema(LoadTest.class);
        ledger = ConsentLedger.on(database).withClockSkewTolerance(TOLERANCE).withFetchSize(7);
    }

    @Test
    void membersLoadBackAsAppendedAndDecideAsThePolicy() {
        qt().withFixedSeed(SEED).withExamples(40).withShrinkCycles(10).forAll(batches()).checkAssert(drawn -> {
            Batch batch = toMicros(drawn);
            emptyLedger();
            try {
                ledger.append(LedgerBatch.of(batch.members()));
                for (Member member : batch.members()) {
                    assertEquals(Optional.of(member), ledger.member(member.id()));
                }
                MemberSnapshot loaded = ledger.loadMembers();
                assertEquals(List.of(), loaded.problems());
                assertEquals(batch.members().size(), loaded.store().size());
                BatchEvaluator evaluator = batch.evaluator(loaded.store());
                for (ContentItem item : batch.items()) {
                    assertEquals(batch.scenario(item).replay().reason(), evaluator.reason(item), item::toString);
                }
            } catch (SQLException e) {
                throw new AssertionError(e);
            }
        });
    }

    private static void emptyLedger() {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("TRUNCATE consentkit_member CASCADE");
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    /** The batch with every instant of its members cut to the microsecond, what PostgreSQL keeps. */
    static Batch toMicros(Batch drawn) {
        List<Member> members = new ArrayList<>();
        for (Member member : drawn.members()) {
            String json = ConsentDocuments.writeMember(member).replaceAll("(\\.[0-9]{6})[0-9]{1,3}Z\"", "$1Z\"");
            try {
                members.add(ConsentDocuments.readMember(json, ReadOptions.defaults().withClockSkewTolerance(TOLERANCE)));
            } catch (ConsentDocumentException e) {
                throw new AssertionError(json, e);
            }
        }
        return Batch.of(drawn.policy(), members, drawn.items(), drawn.asOf(), drawn.knownAt().orElse(null));
    }
}
