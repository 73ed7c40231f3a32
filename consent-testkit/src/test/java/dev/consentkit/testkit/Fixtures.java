package dev.consentkit.testkit;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The suite files these tests turn into JUnit tests: consent-suite's own test fixtures, read in place
 * from that module's test resources, so that each suite lives in one place and is checked there. Here
 * they only show what the test kit adds: one dynamic test per case, located at its line, failing with
 * both answers. The LinkedIn suite has its policy inline, the Meta EU suite by relative path, and the
 * failing suite has wrong expectations on purpose.
 */
final class Fixtures {

    private static final Path SUITE_FIXTURES = Path.of("consent-suite", "src", "test", "resources");

    private Fixtures() {}

    /** A file of consent-suite's test resources, found from the module's directory or the repository's. */
    static Path resource(String path) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(SUITE_FIXTURES).resolve(path);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no test resource " + path + " of consent-suite above "
                + Path.of("").toAbsolutePath());
    }

    static Path linkedInSuite() {
        return resource("suites/linkedin.suite.json");
    }

    static Path metaEuSuite() {
        return resource("suites/meta-eu.suite.json");
    }

    static Path failingSuite() {
        return resource("failing/wrong-expectations.suite.json");
    }
}
