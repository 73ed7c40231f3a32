package dev.consentkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Shows the entry point's help, version, exit codes for usage errors, and errors without stack traces. */
class ConsentCliTest {

    @Test
    void shouldPrintTheVersionThisBuildMakes() {
        CliRun run = CliRun.inRepository("--version");

        assertEquals(0, run.exitCode());
        assertEquals("consent " + System.getProperty("consentkit.version") + "\n", run.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"demo", "evaluate", "test", "validate"})
    void shouldShowExamplesInTheHelpOfEveryCommand(String command) {
        CliRun run = CliRun.inRepository(command, "--help");

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("Usage: consent " + command), run.out());
        assertTrue(run.out().contains("\nExamples:\n  ./consent " + command), run.out());
    }

    @Test
    void shouldListTheCommandsAndExitCodesInTheTopLevelHelp() {
        CliRun run = CliRun.inRepository("--help");

        assertEquals(0, run.exitCode());
        assertTrue(Stream.of("demo", "evaluate", "test", "validate")
                .allMatch(command -> run.out().contains("\n  " + command + " ")), run.out());
        assertTrue(run.out().contains("Exit codes: 0 ok: all decided, valid or passed; 1 failures the command"),
                run.out());
        assertTrue(Stream.of("; 2 usage or input errors (", "3 stopped early (out of memory)", "130 interrupted (Ctrl-C)",
                "141 standard output closed early")
                .allMatch(run.out()::contains), run.out());
    }

    @Test
    void shouldShowTheUsageOnStandardErrorAndExitTwoWithoutACommand() {
        CliRun run = CliRun.inRepository();

        assertEquals(2, run.exitCode());
        assertEquals("", run.out());
        assertTrue(run.err().startsWith("Usage: consent "), run.err());
    }

    @Test
    void shouldExitTwoWithAHintForAnUnknownOption() {
        CliRun run = CliRun.inRepository("validate", "--strict", "examples/linkedin/policy.json");

        assertEquals(2, run.exitCode());
        assertEquals("", run.out());
        assertTrue(run.err().startsWith("consent: Unknown option: '--strict'\n"), run.err());
        assertTrue(run.err().endsWith("Try 'consent validate --help' for usage and examples.\n"), run.err());
    }

    @Test
    void shouldExitTwoNamingTheMissingOptions() {
        CliRun run = CliRun.inRepository("evaluate", "--policy", "examples/linkedin/policy.json");

        assertEquals(2, run.exitCode());
        assertTrue(run.err().startsWith("consent: Missing required options: '--members=MEMBERS.ndjson', "
                + "'--items=ITEMS.ndjson', '--as-of=INSTANT'\n"), run.err());
    }

    @Test
    void shouldPrintNoStackTraceForAnInputError() {
        CliRun run = CliRun.inRepository("validate", "examples/linkedin/nowhere.json");

        assertEquals(2, run.exitCode());
        assertEquals(1, run.err().lines().count(), run.err());
        assertFalse(run.err().contains("\tat "), run.err());
    }

    @Test
    void shouldPrintTheStackTraceOfAnErrorWithDebug() {
        CliRun run = CliRun.inRepository("evaluate", "--debug", "--policy", "examples/linkedin/nowhere.json",
                "--members", "examples/linkedin/members.ndjson", "--items", "examples/linkedin/items.ndjson",
                "--as-of", "2025-11-04");

        assertEquals(2, run.exitCode());
        assertTrue(run.err().startsWith("consent: cannot read the policy file examples/linkedin/nowhere.json: "), run.err());
        assertTrue(run.err().contains("\tat dev.consentkit.cli.EvaluateCommand"), run.err());
    }
}
