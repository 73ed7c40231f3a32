package dev.consentkit.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.consentkit.ContentItem;
import dev.consentkit.Decision;
import dev.consentkit.Member;
import dev.consentkit.TrainingPolicy;
import dev.consentkit.jackson.ConsentDocuments;
import dev.consentkit.jackson.NdjsonReader;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The real programs (LinkedIn 2024 and 2025, Meta in the EU, Anthropic's consumer terms) on Spark: their
 * member and item files, read as NDJSON by Spark's own JSON reader, decided at every instant their cases
 * name, row for row as {@link TrainingPolicy#evaluate} decides the same files read by consent-jackson;
 * and one of them written to Parquet with TIMESTAMP columns and read back.
 */
class RealProgramsOnSparkTest {

    private static final Path PROGRAMS = Path.of("..", "consent-jackson", "src", "test", "resources", "programs");

    private final SparkSession spark = SparkSessions.shared();

    @ParameterizedTest
    @ValueSource(strings = {"linkedin-2024", "linkedin-2025", "meta-eu-2025", "anthropic-consumer-2025"})
    void shouldDecideEveryItemAtEveryInstantOfTheCasesAsThePolicyDoes(String program) throws IOException {
        Path dir = PROGRAMS.resolve(program);
        assertDecidedAsThePolicy(program, spark.read().json(dir.resolve("members.ndjson").toString()),
                spark.read().json(dir.resolve("items.ndjson").toString()));
    }

    @Test
    void shouldDecideFromParquetWithTimestampsAsFromTheDocuments(@TempDir Path parquet) throws IOException {
        Path dir = PROGRAMS.resolve("anthropic-consumer-2025");
        String members = parquet.resolve("members").toString();
        String items = parquet.resolve("items").toString();
        SparkData.timestamps(spark.read().json(dir.resolve("members.ndjson").toString())).write().parquet(members);
        SparkData.timestamps(spark.read().json(dir.resolve("items.ndjson").toString())).write().parquet(items);

        assertDecidedAsThePolicy("anthropic-consumer-2025", spark.read().parquet(members), spark.read().parquet(items));
    }

    private void assertDecidedAsThePolicy(String program, Dataset<Row> memberRows, Dataset<Row> itemRows)
            throws IOException {
        Path dir = PROGRAMS.resolve(program);
        TrainingPolicy policy = ConsentDocuments.readPolicy(dir.resolve("policy.json"));
        Map<String, Member> members = new HashMap<>();
        for (NdjsonReader.Line<Member> line : NdjsonReader.members(dir.resolve("members.ndjson"))) {
            members.put(line.value().id(), line.value());
        }
        List<ContentItem> items = new ArrayList<>();
        for (NdjsonReader.Line<ContentItem> line : NdjsonReader.items(dir.resolve("items.ndjson"))) {
            items.add(line.value());
        }

        TreeSet<Instant> instants = new TreeSet<>();
        for (JsonNode c : new ObjectMapper().readTree(dir.resolve("cases.json").toFile())) {
            instants.add(Instant.parse(c.get("asOf").asText()));
        }
        assertFalse(instants.isEmpty());
        // Every instant's decisions in one job: one branch of a union per instant.
        Dataset<Row> all = null;
        for (Instant asOf : instants) {
            Dataset<Row> decided = ConsentFilter.of(policy).asOf(asOf).decide(itemRows, MemberTables.nested(memberRows))
                    .withColumn("asOf", functions.lit(asOf.toString()));
            all = all == null ? decided : all.unionByName(decided);
        }
        Map<String, Row> decided = new HashMap<>();
        for (Row row : all.collectAsList()) {
            decided.put(row.getAs("asOf") + " " + row.getAs("id"), row);
        }
        assertEquals(items.size() * instants.size(), decided.size());
        for (Instant asOf : instants) {
            for (ContentItem item : items) {
                Decision expected = policy.evaluate(item, members.get(item.authorId()), asOf);
                Row row = decided.get(asOf + " " + item.id());
                assertNull(row.getAs(ConsentFilter.CONSENT_ERROR), () -> program + " " + item.id());
                assertEquals(expected.reason().name(), row.getAs(ConsentFilter.REASON),
                        () -> program + ": " + item.id() + " at " + asOf);
                assertEquals(expected.trainable(), row.getAs(ConsentFilter.TRAINABLE));
            }
        }
    }
}
