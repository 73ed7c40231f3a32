package dev.consentkit.benchmarks.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Shows that the benchmark's check accepts equal outputs and names the first difference of others. */
class DecisionAgreementTest {

    private static final String CONSENT = """
            {"itemId":"i-1","memberId":"m-1","trainable":true,"reason":"ALLOWED_BY_DEFAULT"}
            {"itemId":"i-2","memberId":"m-1","trainable":false,"reason":"OPTED_OUT"}
            {"itemId":"i-3","memberId":"m-2","trainable":true,"reason":"ALLOWED_OPTED_IN"}
            """;

    @TempDir
    Path dir;

    @Test
    void shouldAcceptTheSameDecisions() throws IOException {
        List<String> problems = new ArrayList<>();

        String verdict = compare(CONSENT, CONSENT, problems);

        assertEquals(List.of(), problems);
        assertEquals("2 trainable items of 3, identical line by line; every item's reason agrees", verdict);
    }

    @Test
    void shouldNameATrainableItemOnlyOneSideFinds() throws IOException {
        List<String> problems = new ArrayList<>();

        compare(CONSENT, CONSENT.replace("true,\"reason\":\"ALLOWED_OPTED_IN\"", "false,\"reason\":\"MINOR\""), problems);

        assertTrue(problems.contains("consent evaluate finds 2 trainable items, DuckDB 1"), problems::toString);
        assertTrue(problems.contains("decision 3: consent evaluate i-3 ALLOWED_OPTED_IN, DuckDB i-3 MINOR"),
                problems::toString);
    }

    @Test
    void shouldNameTrainableItemsInAnotherOrder() throws IOException {
        List<String> problems = new ArrayList<>();
        String[] lines = CONSENT.split("\n");

        compare(CONSENT, lines[2] + "\n" + lines[1] + "\n" + lines[0] + "\n", problems);

        assertTrue(problems.contains("trainable item 1: consent evaluate i-1, DuckDB i-3"), problems::toString);
    }

    @Test
    void shouldReportAnErrorRecordOfConsentEvaluate() throws IOException {
        List<String> problems = new ArrayList<>();

        compare(CONSENT + "{\"line\":4,\"item\":\"i-4\",\"error\":\"no member m-404\"}\n", CONSENT, problems);

        assertEquals(List.of("consent evaluate, line 4: error no member m-404"), problems);
    }

    private String compare(String consent, String duckDb, List<String> problems) throws IOException {
        Path a = Files.writeString(dir.resolve("consent.ndjson"), consent);
        Path b = Files.writeString(dir.resolve("duckdb.ndjson"), duckDb);
        return DecisionAgreement.compare(DecisionAgreement.read(a), DecisionAgreement.read(b), problems);
    }
}
