package dev.consentkit.testkit;

import dev.consentkit.jackson.ConsentDocumentException;
import dev.consentkit.suite.CaseResult;
import dev.consentkit.suite.PolicyCase;
import dev.consentkit.suite.PolicySuite;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.opentest4j.AssertionFailedError;

/**
 * Turns a {@link PolicySuite} file into JUnit 5 dynamic tests, one per case, named by the case's name.
 * One line in a test class runs a whole suite:
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicTest> linkedInPolicy() {
 *     return PolicySuiteTests.from("src/test/resources/linkedin.suite.json");
 * }
 * }</pre>
 *
 * <p>A case that fails throws an {@link AssertionFailedError} whose message is the case's
 * {@link CaseResult#explanation() explanation} (expected and actual answer, the decision, its failed
 * checks and evidence) and whose expected and actual values are the two answers in words, so an IDE
 * shows them side by side. Each test's source is the suite file at the case's line, so an IDE can jump
 * to it.
 *
 * <p>A suite file that cannot be read does not fail the factory method, which would hide which file
 * and where: it becomes a single dynamic test, named after the file, that fails with an
 * {@link AssertionFailedError} whose message says why (the
 * {@link dev.consentkit.jackson.ConsentDocumentException}'s field path, line and column) and whose
 * cause is that exception. So the test method needs no {@code throws} clause.
 */
public final class PolicySuiteTests {

    private PolicySuiteTests() {}

    /**
     * {@return one dynamic test per case of the suite file at {@code path}}
     *
     * @param path the suite file's path; a relative path is resolved against the working directory,
     *     which Maven's and Gradle's test runners set to the module's directory
     * @throws NullPointerException if {@code path} is null
     * @throws java.nio.file.InvalidPathException if {@code path} cannot be a path
     */
    public static Stream<DynamicTest> from(String path) {
        return from(Path.of(Objects.requireNonNull(path, "path")));
    }

    /**
     * One dynamic test per case of the suite file {@code file}.
     *
     * @param file the suite file, a {@code consentkit.suite/v1} document
     * @return one dynamic test per case, named after the case; a single failing test when the file
     *     cannot be read
     * @throws NullPointerException if {@code file} is null
     */
    public static Stream<DynamicTest> from(Path file) {
        Objects.requireNonNull(file, "file");
        PolicySuite suite;
        try {
            suite = PolicySuite.read(file);
        } catch (IOException e) {
            // A document problem says where it is; any other failure, such as a missing file, says what it is.
            String why = e instanceof ConsentDocumentException ? e.getMessage() : e.toString();
            AssertionFailedError unreadable = new AssertionFailedError("cannot read policy suite " + file + ": " + why, e);
            return Stream.of(DynamicTest.dynamicTest(String.valueOf(file.getFileName()) + " cannot be read", file.toUri(), () -> {
                throw unreadable;
            }));
        }
        return from(suite);
    }

    /**
     * One dynamic test per case of a suite already read.
     *
     * @param suite the suite, already read
     * @return one dynamic test per case, named after the case, in the order of the suite
     */
    public static Stream<DynamicTest> from(PolicySuite suite) {
        Objects.requireNonNull(suite, "suite");
        URI file = suite.source().toAbsolutePath().toUri();
        return suite.cases().stream().map(c -> DynamicTest.dynamicTest(c.name(),
                URI.create(file + "?line=" + c.line()), () -> check(suite, c)));
    }

    private static void check(PolicySuite suite, PolicyCase testCase) {
        CaseResult result = suite.run(testCase);
        if (!result.passed()) {
            throw new AssertionFailedError(result.explanation(), result.expected(), result.actual());
        }
    }
}
