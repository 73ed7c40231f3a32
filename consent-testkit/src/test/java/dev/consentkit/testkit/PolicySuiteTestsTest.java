package dev.consentkit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.consentkit.jackson.ConsentDocumentException;
import dev.consentkit.suite.PolicyCase;
import dev.consentkit.suite.PolicySuite;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

/**
 * Shows that a suite file becomes one dynamic test per case, named by the case and located at its
 * line, that a failing case fails with the expected and actual answer and the whole decision, and
 * that a suite that cannot be read becomes one failing test saying why.
 */
class PolicySuiteTestsTest {

    @TempDir
    Path directory;

    private static List<DynamicTest> tests(Path file) {
        return PolicySuiteTests.from(file).collect(Collectors.toList());
    }

    @Test
    void shouldMakeOneTestPerCaseNamedByTheCase() throws IOException {
        List<DynamicTest> tests = tests(Fixtures.linkedInSuite());

        assertEquals(PolicySuite.read(Fixtures.linkedInSuite()).cases().stream().map(PolicyCase::name).collect(Collectors.toList()),
                tests.stream().map(DynamicTest::getDisplayName).collect(Collectors.toList()));
    }

    @Test
    void shouldPassEveryTestOfASuiteWhosePolicyDecidesAsExpected() throws Throwable {
        for (DynamicTest test : tests(Fixtures.linkedInSuite())) {
            test.getExecutable().execute();
        }
    }

    @Test
    void shouldLocateEachTestAtItsCasesLineInTheSuiteFile() {
        DynamicTest second = tests(Fixtures.failingSuite()).get(1);

        assertEquals(URI.create(Fixtures.failingSuite().toAbsolutePath().toUri() + "?line=38"), second.getTestSourceUri().orElseThrow());
    }

    @Test
    void shouldFailACaseWithItsExplanationAndTheTwoAnswersForADiff() {
        DynamicTest wrong = tests(Fixtures.failingSuite()).get(1);

        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> wrong.getExecutable().execute());

        assertTrue(e.getMessage().startsWith("\"wrong: still trainable after the opt-out\" at line 38 failed\n"
                + "  expected: trainable (ALLOWED_BY_DEFAULT)\n  actual:   not trainable (OPTED_OUT)\n  decision: post-1 of m-1"),
                e.getMessage());
        assertTrue(e.getMessage().contains("\n  evidence: CONSENT_EVENT OPT_OUT event e-7"), e.getMessage());
        assertEquals("trainable (ALLOWED_BY_DEFAULT)", e.getExpected().getValue());
        assertEquals("not trainable (OPTED_OUT)", e.getActual().getValue());
    }

    @Test
    void shouldFailEveryCaseWithAWrongExpectationAndPassTheOthers() {
        List<DynamicTest> tests = tests(Fixtures.failingSuite());
        List<Boolean> passed = tests.stream().map(test -> {
            try {
                test.getExecutable().execute();
                return true;
            } catch (AssertionFailedError e) {
                return false;
            } catch (Throwable e) {
                throw new AssertionError(e);
            }
        }).collect(Collectors.toList());

        assertEquals(List.of(true, false, false, false), passed);
    }

    @Test
    void shouldTurnASuiteThatCannotBeReadIntoOneFailingTestSayingWhy() throws IOException {
        Path broken = directory.resolve("broken.suite.json");
        Files.writeString(broken, Files.readString(Fixtures.failingSuite()).replace("\"asOf\": \"2025-11-12T00:00:00Z\"",
                "\"asOf\": \"12 November\""));

        List<DynamicTest> tests = tests(broken);

        assertEquals(1, tests.size());
        assertEquals("broken.suite.json cannot be read", tests.get(0).getDisplayName());
        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> tests.get(0).getExecutable().execute());
        assertEquals("cannot read policy suite " + broken + ": $.cases[1].asOf at line 39, column 14: malformed instant"
                + " \"12 November\"; expected an ISO-8601 UTC instant such as 2025-11-03T00:00:00Z", e.getMessage());
        assertInstanceOf(ConsentDocumentException.class, e.getCause());
    }

    @Test
    void shouldTurnAMissingSuiteFileIntoOneFailingTest() {
        List<DynamicTest> tests = tests(directory.resolve("missing.suite.json"));

        assertEquals(1, tests.size());
        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> tests.get(0).getExecutable().execute());
        assertEquals("cannot read policy suite " + directory.resolve("missing.suite.json") + ": java.nio.file.NoSuchFileException: "
                + directory.resolve("missing.suite.json"), e.getMessage());
    }

    @Test
    void shouldReadAPathGivenAsAString() {
        assertEquals(tests(Fixtures.linkedInSuite()).stream().map(DynamicTest::getDisplayName).collect(Collectors.toList()),
                PolicySuiteTests.from(Fixtures.linkedInSuite().toString()).map(DynamicTest::getDisplayName)
                        .collect(Collectors.toList()));
    }

    @Test
    void shouldMakeTestsOfASuiteAlreadyRead() throws IOException {
        PolicySuite suite = PolicySuite.read(Fixtures.metaEuSuite());

        assertEquals(suite.cases().size(), PolicySuiteTests.from(suite).count());
    }
}
