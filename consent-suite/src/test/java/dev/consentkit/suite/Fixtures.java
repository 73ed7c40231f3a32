package dev.consentkit.suite;

import dev.consentkit.TrainingPolicy;
import dev.consentkit.jackson.ConsentDocuments;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/**
 * The test resources: suites under {@code suites/} (LinkedIn with its policy inline, Meta EU with its
 * policy by relative path), policies of the real programs under {@code suites/policies/}, and a suite
 * whose expectations are wrong on purpose under {@code failing/}.
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

    static Path anthropicConsumerSuite() {
        return resource("suites/anthropic-consumer.suite.json");
    }

    static Path failingSuite() {
        return resource("failing/wrong-expectations.suite.json");
    }

    /** LinkedIn's program, as its suite has it: three versions from 2024-09-18 to 2025-11-03. */
    static TrainingPolicy linkedIn() {
        try {
            return PolicySuite.read(linkedInSuite()).policy();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Anthropic's consumer program from 2025-08-28: consent, and only chats created or resumed at or
     * after the member's own choice ("new or resumed chats and coding sessions").
     */
    static TrainingPolicy anthropicConsumer() {
        return policy("suites/policies/anthropic-consumer.policy.json");
    }

    private static TrainingPolicy policy(String path) {
        try {
            return ConsentDocuments.readPolicy(resource(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
