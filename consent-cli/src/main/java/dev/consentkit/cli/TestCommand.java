package dev.consentkit.cli;

import dev.consentkit.jackson.ConsentDocumentException;
import dev.consentkit.jackson.ReadOptions;
import dev.consentkit.suite.CaseResult;
import dev.consentkit.suite.PolicySuite;
import dev.consentkit.suite.SuiteResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code consent test}: runs policy test suites ({@code consentkit.suite/v1}) and prints pass or fail
 * per case, the reason of each failure, and a closing {@code N passed, N failed} line.
 */
@Command(name = "test",
        sortOptions = false,
        description = {
                "Runs policy test suites.",
                "",
                "A suite (format consentkit.suite/v1) names a policy, members, items, and cases that say what "
                        + "the policy must decide for an item at an instant. Prints pass or fail per case, with "
                        + "what was expected and the decision made for each failure, then the line "
                        + "'N passed, N failed'.",
                "",
                "A consent event of a suite's members recorded up to --clock-skew before it takes effect counts "
                        + "from when it was recorded; one recorded longer before makes the suite unreadable.",
                "",
                "Exit code 0 when every case passed, 1 when a case failed, 2 when a suite cannot be read "
                        + "(the other suites still run).",
                ""},
        footerHeading = "%nExamples:%n",
        footer = {
                "  ./consent test examples/linkedin/suite.json",
                "  ./consent test --clock-skew PT0S examples/linkedin/suite.json",
                "  ./consent test policies/*.suite.json"})
final class TestCommand implements Callable<Integer> {

    private static final String DETAIL_INDENT = "        ";

    private final Invocation invocation;

    @SuppressWarnings("UnusedVariable") // picocli reads and sets it by reflection
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    @Parameters(arity = "1..*", paramLabel = "SUITE.json", description = "The suite files to run.")
    private List<Path> suites;

    @Option(names = "--clock-skew", paramLabel = "DURATION", converter = ClockSkewConverter.class,
            defaultValue = ClockSkewConverter.DEFAULT, description = ClockSkewConverter.DESCRIPTION)
    private ReadOptions readOptions;

    TestCommand(Invocation invocation) {
        this.invocation = invocation;
    }

    @Override
    public Integer call() {
        PrintWriter out = invocation.out();
        int passed = 0;
        int failed = 0;
        boolean unreadable = false;
        for (Path file : suites) {
            SuiteResult result = run(file);
            if (result == null) {
                unreadable = true;
                continue;
            }
            out.println(file + ": " + result.suite().name());
            for (CaseResult c : result.results()) {
                out.println((c.passed() ? "  pass  " : "  FAIL  ") + c.testCase().name());
                if (!c.passed()) {
                    for (String line : c.explanation().split("\n", -1)) {
                        out.println(DETAIL_INDENT + line);
                    }
                }
            }
            passed += result.passed();
            failed += result.failed();
        }
        out.println(passed + " passed, " + failed + " failed");
        return unreadable ? CliException.USAGE : failed > 0 ? 1 : 0;
    }

    /** Reads and runs one suite; reports why on standard error and returns null when it cannot be read. */
    private SuiteResult run(Path file) {
        String problem;
        try {
            return PolicySuite.read(invocation.resolve(file), readOptions).run();
        } catch (ConsentDocumentException e) {
            problem = CliException.describe(e, "suite " + file + " or a file it names");
        } catch (IOException e) {
            problem = CliException.unreadable("suite", file.toString(), e).getMessage();
        } catch (IllegalArgumentException e) {
            problem = "the suite " + file + " cannot run: " + e.getMessage() + "; fix the suite";
        }
        invocation.err().println("consent: " + problem);
        return null;
    }
}
