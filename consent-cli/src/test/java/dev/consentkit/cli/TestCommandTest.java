package dev.consentkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.consentkit.jackson.ConsentDocuments;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Shows {@code consent test} passing a suite whose cases hold and failing one with a wrong expectation. */
class TestCommandTest {

    @Test
    void shouldExitZeroWhenEveryCaseOfTheExampleSuitePasses() {
        CliRun run = CliRun.inRepository("test", "examples/linkedin/suite.json");

        assertEquals(0, run.exitCode(), run.out() + run.err());
        List<String> lines = run.outLines();
        assertEquals("15 passed, 0 failed", lines.get(lines.size() - 1));
    }

    @Test
    void shouldExitOneAndSayWhatFailedWhenACaseFails() {
        CliRun run = CliRun.inFixtures("test", "failing-suite.json");

        assertEquals(1, run.exitCode(), run.err());
        List<String> lines = run.outLines();
        assertTrue(lines.contains("  pass  a public post is used"), run.out());
        assertTrue(lines.contains("  FAIL  private messages are used (wrong)"), run.out());
        assertEquals("1 passed, 1 failed", lines.get(lines.size() - 1));
    }

    @Test
    void shouldReadSuitesWithTheClockSkewToleranceGiven(@TempDir Path directory) throws IOException {
        Files.copy(CliRun.repositoryRoot().resolve("examples/linkedin/policy.json"), directory.resolve("policy.json"));
        // The example suite with one opt-out stated 3 s after it was recorded.
        String suite = Files.readString(CliRun.repositoryRoot().resolve("examples/linkedin/suite.json")).replace(
                "\"effectiveAt\":\"2024-10-01T18:30:00Z\",\"recordedAt\":\"2024-10-01T18:30:02Z\"",
                "\"effectiveAt\":\"2024-10-01T18:30:03Z\",\"recordedAt\":\"2024-10-01T18:30:00Z\"");
        assertTrue(suite.contains("18:30:03Z"));
        Files.writeString(directory.resolve("suite.json"), suite);

        CliRun tolerant = CliRun.of(directory, "test", "suite.json");
        CliRun strict = CliRun.of(directory, "test", "--clock-skew", "PT0S", "suite.json");

        assertEquals(0, tolerant.exitCode(), tolerant.out() + tolerant.err());
        assertEquals("15 passed, 0 failed", tolerant.outLines().get(tolerant.outLines().size() - 1));
        assertEquals(2, strict.exitCode(), strict.out() + strict.err());
        assertTrue(strict.err().startsWith("consent: consent event e-us-1 is recorded at 2024-10-01T18:30:00Z, before it "
                + "takes effect at 2024-10-01T18:30:03Z: PT3S before, more than the clock-skew tolerance of PT0S in the "
                + "suite suite.json or a file it names at line 7"), strict.err());
        assertEquals("0 passed, 0 failed\n", strict.out());
    }

    @Test
    void shouldExitTwoInOneLineForASuiteLongerThanADocumentMayBe(@TempDir Path directory) throws IOException {
        byte[] suite = new byte[Math.toIntExact(ConsentDocuments.MAX_DOCUMENT_LENGTH) + 1];
        Arrays.fill(suite, (byte) ' ');
        suite[0] = '{';
        Files.write(directory.resolve("big.suite.json"), suite);

        CliRun run = CliRun.of(directory, "test", "big.suite.json");

        assertEquals(2, run.exitCode());
        assertEquals("consent: the document is longer than 16777216 bytes in the suite big.suite.json or a file it "
                + "names at line 1, column 16777217 ($); expected a document of at most 16777216 bytes "
                + "(ConsentDocuments.MAX_DOCUMENT_LENGTH)\n", run.err());
        assertEquals("0 passed, 0 failed\n", run.out());
    }
}
