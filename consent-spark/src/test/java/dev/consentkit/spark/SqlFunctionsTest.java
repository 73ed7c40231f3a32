package dev.consentkit.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.consentkit.TrainingPolicy;
import dev.consentkit.jackson.ConsentDocuments;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;

/** The same decisions from Spark SQL, through the functions a question registers, as from {@link ConsentFilter.AsOf#decide}. */
class SqlFunctionsTest {

    private static final Path LINKEDIN = Path.of("..", "consent-jackson", "src", "test", "resources", "programs",
            "linkedin-2025");
    private static final Instant AS_OF = Instant.parse("2025-11-04T00:00:00Z");

    private final SparkSession spark = SparkSessions.shared();

    @Test
    void shouldDecideInSqlAsTheDataSetFormDoes() throws IOException {
        TrainingPolicy policy = ConsentDocuments.readPolicy(LINKEDIN.resolve("policy.json"));
        Dataset<Row> members = spark.read().json(LINKEDIN.resolve("members.ndjson").toString());
        Dataset<Row> read = spark.read().json(LINKEDIN.resolve("items.ndjson").toString());
        Dataset<Row> items = read.union(read.limit(1).withColumn("id", functions.lit("ghost-item"))
                .withColumn("authorId", functions.lit("orphan")));
        ConsentFilter.AsOf question = ConsentFilter.of(policy).asOf(AS_OF);
        question.registerFunctions(spark, "consent");
        members.createOrReplaceTempView("members");
        items.createOrReplaceTempView("items");

        List<Row> sql = spark.sql("""
                WITH verdicts AS (SELECT id, consent_member_verdict(struct(m.*)) AS verdict FROM members m),
                     decided AS (SELECT i.id, consent_decide(v.verdict, struct(i.*)) AS d
                                 FROM items i LEFT JOIN verdicts v ON i.authorId = v.id)
                SELECT id, d.trainable, d.reason, d.consentError FROM decided ORDER BY id
                """).collectAsList();
        List<Row> dataSet = question.decide(items, MemberTables.nested(members))
                .select("id", ConsentFilter.TRAINABLE, ConsentFilter.REASON, ConsentFilter.CONSENT_ERROR)
                .orderBy("id").collectAsList();

        assertEquals(dataSet.size(), sql.size());
        assertEquals(dataSet.toString(), sql.toString());
        assertEquals("item ghost-item of member orphan: the member has no member row",
                sql.stream().filter(r -> r.getString(0).equals("ghost-item")).findFirst().orElseThrow().getString(3));
    }

    @Test
    void shouldDecideNothingFromAVerdictThatCarriesAnErrorBesideItsNumbers() throws IOException {
        TrainingPolicy policy = ConsentDocuments.readPolicy(LINKEDIN.resolve("policy.json"));
        ConsentFilter.of(policy).asOf(AS_OF).registerFunctions(spark, "consent");
        spark.read().json(LINKEDIN.resolve("members.ndjson").toString()).createOrReplaceTempView("members");
        spark.read().json(LINKEDIN.resolve("items.ndjson").toString()).createOrReplaceTempView("items");
        String decided = """
                WITH verdicts AS (SELECT id, consent_member_verdict(struct(m.*)) AS verdict FROM members m)
                SELECT i.id, consent_decide(%s, struct(i.*)) AS d FROM items i JOIN verdicts v ON i.authorId = v.id
                """;

        List<Row> asRead = spark.sql(decided.formatted("v.verdict")).where("d.trainable").collectAsList();
        List<Row> withError = spark.sql(decided.formatted("named_struct('verdict', v.verdict.verdict,"
                + " 'choiceScope', v.verdict.choiceScope, 'error', 'made by hand')")).collectAsList();

        // The same numbers let some items train a model; beside an error, they decide none.
        assertTrue(!asRead.isEmpty(), "no item of the program is trainable as read");
        for (Row row : withError) {
            Row d = row.getStruct(1);
            assertEquals(false, d.getAs("trainable"), row.toString());
            assertNull(d.getAs("reason"), row.toString());
            assertTrue(d.<String>getAs("consentError").endsWith(": the member row is refused: made by hand"),
                    row.toString());
        }
    }

    @Test
    void shouldRefuseAPrefixThatIsNoIdentifier() throws IOException {
        ConsentFilter.AsOf question = ConsentFilter.of(ConsentDocuments.readPolicy(LINKEDIN.resolve("policy.json")))
                .asOf(AS_OF);

        assertThrows(IllegalArgumentException.class, () -> question.registerFunctions(spark, "consent-kit"));
    }
}
