package dev.consentkit.benchmarks.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.consentkit.ContentItem;
import dev.consentkit.Decision;
import dev.consentkit.Member;
import dev.consentkit.Reason;
import dev.consentkit.TrainingPolicy;
import dev.consentkit.jackson.ConsentDocuments;
import dev.consentkit.jackson.NdjsonReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Shows that the committed SQL, run by DuckDB on a generated export, decides every item as
 * {@link TrainingPolicy#evaluate} does: the same trainable flag and the same reason, item by item, in
 * the items' order. It asks the LinkedIn policy the benchmark uses, at instants before it, under each
 * of its versions and after the last (also on 28 February 2026, when members born on 29 February 2008
 * are 18 by one reading and not by the other), and a second policy with the rules the LinkedIn one leaves out
 * (a basis of consent, a country rule over a group rule, a subdivision rule over both, exclusion by
 * default, an item scope, unknown ages treated as adult, 29 February read as 28 February, and Global
 * Privacy Control signals counted as objections).
 */
class DuckDbEvaluateTest {

    private static final Path SQL = Path.of("evaluate-vs-duckdb", "evaluate.sql");
    private static final Path LINKEDIN = Path.of("..", "examples", "linkedin", "policy.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path export;

    private static Map<String, Member> members;
    private static List<ContentItem> items;

    @BeforeAll
    static void generate() throws IOException {
        ExportGenerator.write(export, 2_000, 20_000, ExportGenerator.DEFAULT_SEED, LINKEDIN);
        members = new HashMap<>();
        try (NdjsonReader<Member> reader = NdjsonReader.members(export.resolve("members.ndjson"))) {
            for (NdjsonReader.Line<Member> line : reader) {
                members.put(line.value().id(), line.value());
            }
        }
        items = new ArrayList<>();
        try (NdjsonReader<ContentItem> reader = NdjsonReader.items(export.resolve("items.ndjson"))) {
            for (NdjsonReader.Line<ContentItem> line : reader) {
                items.add(line.value());
            }
        }
    }

    static Stream<Arguments> questions() {
        return Stream.of(
                Arguments.of("linkedin", "2024-01-01T00:00:00Z"),
                Arguments.of("linkedin", "2024-09-19T00:00:00Z"),
                Arguments.of("linkedin", "2025-06-01T00:00:00Z"),
                Arguments.of("linkedin", "2025-11-04T00:00:00Z"),
                Arguments.of("linkedin", "2026-01-15T12:00:00Z"),
                Arguments.of("linkedin", "2026-02-28T12:00:00Z"),
                Arguments.of("variants", "2024-10-01T00:00:00Z"),
                Arguments.of("variants", "2025-05-31T00:00:00Z"),
                Arguments.of("variants", "2025-11-04T00:00:00Z"),
                Arguments.of("variants", "2026-02-28T12:00:00Z"));
    }

    @ParameterizedTest(name = "{0} policy at {1}")
    @MethodSource("questions")
    void shouldDecideEveryItemAsTrainingPolicyDoes(String policyName, String asOfText)
            throws IOException, SQLException, URISyntaxException {
        Path policyFile = policyName.equals("linkedin") ? export.resolve("policy.json") : variantsPolicy();
        TrainingPolicy policy = ConsentDocuments.readPolicy(policyFile);
        Instant asOf = Instant.parse(asOfText);
        Path output = export.resolve("decisions-" + policyName + "-" + asOfText.replace(':', '-') + ".ndjson");

        DuckDbEvaluate.evaluate(new DuckDbEvaluate.Inputs(SQL, policyFile, export.resolve("members.ndjson"),
                export.resolve("items.ndjson"), asOf), output);

        List<JsonNode> records = readRecords(output);
        assertEquals(items.size(), records.size(), "one record per item");
        List<String> differences = new ArrayList<>();
        int trainable = 0;
        for (int k = 0; k < items.size(); k++) {
            ContentItem item = items.get(k);
            Decision expected = policy.evaluate(item, Objects.requireNonNull(members.get(item.authorId())), asOf);
            JsonNode actual = records.get(k);
            trainable += expected.trainable() ? 1 : 0;
            boolean same = actual.path("itemId").asText().equals(item.id())
                    && actual.path("memberId").asText().equals(item.authorId())
                    && actual.path("trainable").asBoolean() == expected.trainable()
                    && actual.path("reason").asText().equals(expected.reason().name());
            if (!same) {
                differences.add("line " + (k + 1) + ": DuckDB " + actual + "\n    ConsentKit " + expected);
            }
        }
        int differing = differences.size();
        assertTrue(differences.isEmpty(), () -> differing + " of " + items.size() + " decisions differ, such as\n  "
                + String.join("\n  ", differences.subList(0, Math.min(10, differing))));
        if (!asOfText.startsWith("2024-01-01")) {
            int count = trainable;
            assertTrue(count > 0 && count < items.size(), () -> count + " trainable items");
        }
    }

    @Test
    void shouldAskQuestionsThatReachEveryReasonTheSqlGives() throws IOException, URISyntaxException {
        Set<Reason> reached = EnumSet.noneOf(Reason.class);
        for (Arguments question : questions().toList()) {
            String policyName = (String) question.get()[0];
            TrainingPolicy policy = ConsentDocuments.readPolicy(
                    policyName.equals("linkedin") ? export.resolve("policy.json") : variantsPolicy());
            Instant asOf = Instant.parse((String) question.get()[1]);
            for (ContentItem item : items) {
                reached.add(policy.evaluate(item, Objects.requireNonNull(members.get(item.authorId())), asOf).reason());
            }
        }

        Set<Reason> missing = EnumSet.complementOf(EnumSet.copyOf(reached));
        missing.remove(Reason.ITEM_BEFORE_CHOICE);
        assertTrue(missing.isEmpty(), () -> "no question reaches " + missing);
    }

    @Test
    void shouldWriteTheSameExportForTheSameSeed(@TempDir Path again) throws IOException {
        ExportGenerator.write(again, 2_000, 20_000, ExportGenerator.DEFAULT_SEED, LINKEDIN);

        for (String file : new String[] {"policy.json", "members.ndjson", "items.ndjson"}) {
            assertEquals(-1L, Files.mismatch(export.resolve(file), again.resolve(file)), file);
        }
    }

    private static Path variantsPolicy() throws URISyntaxException {
        return Path.of(Objects.requireNonNull(DuckDbEvaluateTest.class.getResource("policy-variants.json")).toURI());
    }

    private static List<JsonNode> readRecords(Path file) throws IOException {
        List<JsonNode> records = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                records.add(JSON.readTree(line));
            }
        }
        return records;
    }
}
