package dev.consentkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

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
}
