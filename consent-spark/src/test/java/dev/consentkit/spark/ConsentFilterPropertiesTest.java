package dev.consentkit.spark;

import static dev.consentkit.testkit.quicktheories.ConsentGenerators.batches;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.quicktheories.QuickTheory.qt;

import dev.consentkit.ContentItem;
import dev.consentkit.Member;
import dev.consentkit.Reason;
import dev.consentkit.testkit.quicktheories.Batch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * Shows that every answer on Spark equals {@link dev.consentkit.TrainingPolicy#evaluate}, row by row, for
 * generated batches: the generator puts the instant of use and the audit instant on or next to every
 * instant that matters (ties of consent events, moves, comings of age with 29 February birthdays,
 * deletions and closures, item scopes, the member's own choice), on a local[2] session in a time zone
 * of its own. Each batch is one Spark job, so the examples are fewer than in the core's properties,
 * which check the same kernel on many more.
 */
class ConsentFilterPropertiesTest {

    // The generator's events may be counted from when they were recorded, stated any time later: read
    // them with a tolerance that takes every such gap, as the member objects have them.
    private static final Duration ANY_GAP = Duration.ofDays(400 * 365);
    private static final long SEED = 20_251_103L;

    private final SparkSession spark = SparkSessions.shared();

    @Test
    void shouldDecideEveryItemOfMemberAndItemDocumentsAsThePolicyDoes() {
        qt().withFixedSeed(SEED).withExamples(40).withShrinkCycles(20).forAll(batches()).checkAssert(batch -> {
            Dataset<Row> decided = filter(batch).decide(SparkData.itemDocuments(spark, batch.items()),
                    MemberTables.nested(SparkData.memberDocuments(spark, batch.members())));

            assertDecidedAsThePolicy(batch, decided);
        });
    }

    @Test
    void shouldKeepExactlyTheItemsThePolicyFindsTrainable() {
        // trainable drops the items that fail a check of their own before it looks up their authors.
        qt().withFixedSeed(SEED + 2).withExamples(25).withShrinkCycles(20).forAll(batches()).checkAssert(batch -> {
            Dataset<Row> trainable = filter(batch).trainable(SparkData.itemDocuments(spark, batch.items()),
                    MemberTables.nested(SparkData.memberDocuments(spark, batch.members())));

            Set<String> expected = new TreeSet<>();
            for (ContentItem item : batch.items()) {
                if (batch.scenario(item).replay().trainable()) {
                    expected.add(item.id());
                }
            }
            List<String> kept = new ArrayList<>();
            for (Row row : trainable.select("id").collectAsList()) {
                kept.add(row.getString(0));
            }
            Collections.sort(kept);
            assertEquals(List.copyOf(expected), kept, () -> "at " + batch.asOf()
                    + batch.knownAt().map(k -> " known at " + k).orElse(""));
        });
    }

    @Test
    void shouldDecideEveryItemOfTimestampTablesAsThePolicyDoes() {
        qt().withFixedSeed(SEED + 1).withExamples(15).withShrinkCycles(10).forAll(batches()).checkAssert(drawn -> {
            // A TIMESTAMP keeps microseconds: the question is asked about the same data cut to them.
            List<Member> members = new ArrayList<>();
            for (Member m : drawn.members()) {
                members.add(SparkData.toMicros(m, ANY_GAP));
            }
            List<ContentItem> items = new ArrayList<>();
            for (ContentItem i : drawn.items()) {
                items.add(SparkData.toMicros(i));
            }
            Batch batch = Batch.of(drawn.policy(), members, items, drawn.asOf(), drawn.knownAt().orElse(null));
            List<Dataset<Row>> tables = SparkData.memberTables(spark, members);
            ColumnNames byMember = ColumnNames.defaults().map("memberId", "member_id");
            MemberTables memberTables = MemberTables.of(tables.get(0),
                            ColumnNames.defaults().map("id", "member_id").map("birthDate", "born"))
                    .withResidences(tables.get(1), byMember)
                    .withConsentEvents(tables.get(2), byMember)
                    .withClosures(tables.get(3), byMember);

            Dataset<Row> decided = filter(batch).decide(SparkData.timestamps(SparkData.itemDocuments(spark, items)),
                    memberTables);

            assertDecidedAsThePolicy(batch, decided);
        });
    }

    private static ConsentFilter.AsOf filter(Batch batch) {
        ConsentFilter filter = ConsentFilter.of(batch.policy()).withClockSkewTolerance(ANY_GAP);
        return (batch.knownAt().isPresent() ? filter.asKnownAt(batch.knownAt().get()) : filter).asOf(batch.asOf());
    }

    private static void assertDecidedAsThePolicy(Batch batch, Dataset<Row> decided) {
        Map<String, Row> rows = new HashMap<>();
        for (Row row : decided.collectAsList()) {
            rows.put(row.getAs("id"), row);
        }
        assertEquals(batch.items().size(), rows.size(), "one row per item");
        for (ContentItem item : batch.items()) {
            Row row = rows.get(item.id());
            Reason expected = batch.scenario(item).replay().reason();
            assertNull(row.getAs(ConsentFilter.CONSENT_ERROR), () -> item + " " + row);
            assertEquals(expected.name(), row.getAs(ConsentFilter.REASON), () -> item + " of " + batch.author(item)
                    + " at " + batch.asOf() + batch.knownAt().map(k -> " known at " + k).orElse(""));
            assertEquals(expected.isTrainable(), row.getAs(ConsentFilter.TRAINABLE), item::toString);
        }
    }
}
