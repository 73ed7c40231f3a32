package dev.consentkit.testkit.quicktheories;

import dev.consentkit.DataCategory;
import dev.consentkit.LegalBasis;
import dev.consentkit.PolicyVersion;
import dev.consentkit.Purpose;
import dev.consentkit.TrainingPolicy;
import dev.consentkit.jackson.ConsentDocuments;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The policies the generators and invariants are tested around: the real programs under
 * {@code policies/} (the same policies as the test kit's suites hold), and a policy at the edges of
 * time.
 */
final class Fixtures {

    private Fixtures() {}

    /** LinkedIn's program: three versions from 2024-09-18 to 2025-11-03. */
    static TrainingPolicy linkedIn() {
        return policy("policies/linkedin.policy.json");
    }

    /** Meta's EU program: the EU only, from 2025-05-27. */
    static TrainingPolicy metaEu() {
        return policy("policies/meta-eu.policy.json");
    }

    /**
     * Anthropic's consumer program from 2025-08-28: consent, and only chats created or resumed at or
     * after the member's own choice ("new or resumed chats and coding sessions").
     */
    static TrainingPolicy anthropicConsumer() {
        return policy("policies/anthropic-consumer.policy.json");
    }

    /**
     * A policy made to break code that assumes sane values: in force since {@link Instant#MIN} with a
     * minimum age of 150 and an item scope from {@link Instant#MAX}, replaced at {@link Instant#MAX},
     * for a purpose three levels deep, allowing a category whose key is as long as keys get.
     */
    static TrainingPolicy edgesOfTime() {
        String longKey = "a" + ".b".repeat(99);
        return TrainingPolicy.builder("edges", Purpose.of("ai-training.generative.images"))
                .version(PolicyVersion.builder("since-ever", Instant.MIN)
                        .defaultBasis(LegalBasis.CONSENT)
                        .allow(DataCategory.of(longKey))
                        .neverAllow(DataCategory.of(longKey.substring(0, 197)))
                        .minimumAge(150)
                        .itemsCreatedFrom(Instant.MAX)
                        .build())
                .version(PolicyVersion.builder("at-the-end", Instant.MAX)
                        .excludedByDefault()
                        .allow(DataCategory.of(longKey))
                        .minimumAge(0)
                        .itemsCreatedFrom(Instant.MIN)
                        .build())
                .build();
    }

    private static TrainingPolicy policy(String path) {
        URL url = Fixtures.class.getResource("/" + path);
        if (url == null) {
            throw new IllegalStateException("no test resource " + path);
        }
        try {
            return ConsentDocuments.readPolicy(Path.of(url.toURI()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
