package dev.consentkit.testkit;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/**
 * The test resources: suites under {@code suites/} (LinkedIn with its policy inline, Meta EU with its
 * policy by relative path, under {@code suites/policies/}) and a suite whose expectations are wrong on
 * purpose under {@code failing/}.
 */
final class Fixtures {

    private Fixtures() {}

    static Path resource(String path) {
        URL url = Fixtures.class.getResource("/" + path);
        if (url == null) {
            throw new IllegalStateException("no test resource " + path);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
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
