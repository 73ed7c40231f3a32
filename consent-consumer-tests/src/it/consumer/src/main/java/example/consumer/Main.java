package example.consumer;

import dev.consentkit.ConsentChannel;
import dev.consentkit.ConsentEvent;
import dev.consentkit.ContentItem;
import dev.consentkit.DataCategory;
import dev.consentkit.Decision;
import dev.consentkit.Jurisdiction;
import dev.consentkit.LegalBasis;
import dev.consentkit.Member;
import dev.consentkit.PolicyVersion;
import dev.consentkit.Purpose;
import dev.consentkit.Reason;
import dev.consentkit.TrainingPolicy;
import dev.consentkit.jackson.ConsentDocuments;
import dev.consentkit.suite.PolicySuite;
import dev.consentkit.suite.SuiteResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Uses each published module once: builds a policy with the core, sends it through its JSON document
 * with consent-jackson, decides with the policy read back, and runs a policy suite with the test kit.
 * Exits with status 1 on any answer other than the one expected.
 */
public final class Main {

    private Main() {}

    public static void main(String[] args) throws Exception {
        Instant launch = Instant.parse("2024-09-18T00:00:00Z");
        TrainingPolicy policy = TrainingPolicy.builder("consumer-genai", Purpose.GENERATIVE_AI_TRAINING)
                .version(PolicyVersion.builder("2024-09", launch)
                        .defaultBasis(LegalBasis.LEGITIMATE_INTERESTS)
                        .allow(DataCategory.PUBLIC_CONTENT)
                        .neverAllow(DataCategory.PRIVATE_MESSAGES)
                        .minimumAge(18)
                        .build())
                .build();
        String policyJson = ConsentDocuments.writePolicy(policy);
        TrainingPolicy readBack = ConsentDocuments.readPolicy(policyJson);

        Member member = Member.builder("m-1")
                .birthDate(LocalDate.of(1990, 4, 1))
                .residentIn(Jurisdiction.of("US"))
                .consent(ConsentEvent.optOut("e-1", Purpose.GENERATIVE_AI_TRAINING,
                        Instant.parse("2025-11-10T00:00:00Z"), Instant.parse("2025-11-10T00:00:05Z"),
                        ConsentChannel.SETTINGS_TOGGLE))
                .build();
        ContentItem post = ContentItem.of("post-1", "m-1", DataCategory.PUBLIC_CONTENT,
                Instant.parse("2025-10-01T12:00:00Z"));

        expect("trainable before the opt-out",
                readBack.isTrainable(post, member, Instant.parse("2025-11-01T00:00:00Z")), true);
        Decision after = readBack.evaluate(post, member, Instant.parse("2025-11-12T00:00:00Z"));
        expect("reason after the opt-out", after.reason(), Reason.OPTED_OUT);

        Path directory = Files.createTempDirectory("consumer-suite");
        Files.writeString(directory.resolve("policy.json"), policyJson);
        Path suiteFile = Files.writeString(directory.resolve("suite.json"), """
                {
                  "format": "consentkit.suite/v1",
                  "name": "consumer",
                  "policy": "policy.json",
                  "members": [
                    {"id": "m-1", "birthDate": "1990-04-01", "jurisdictions": [{"jurisdiction": "US"}],
                     "consent": []}
                  ],
                  "items": [
                    {"id": "dm-1", "authorId": "m-1", "category": "messages.private",
                     "createdAt": "2025-10-01T12:00:00Z", "reservations": []}
                  ],
                  "cases": [
                    {"name": "private messages never", "item": "dm-1", "member": "m-1",
                     "asOf": "2025-11-01T00:00:00Z",
                     "expect": {"trainable": false, "reason": "CATEGORY_EXCLUDED"}}
                  ]
                }
                """);
        SuiteResult result = PolicySuite.read(suiteFile).run();
        expect("suite result", result.allPassed() ? "all passed" : result.toString(), "all passed");

        Module module = Main.class.getModule();
        System.out.println("consumer OK on the " + (module.isNamed() ? "module path as " + module.getName()
                : "class path") + ": " + after.reason() + ", suite " + result.passed() + "/"
                + result.results().size());
    }

    private static void expect(String what, Object actual, Object expected) {
        if (!expected.equals(actual)) {
            System.err.println("consumer FAILED: " + what + ": expected " + expected + ", got " + actual);
            System.exit(1);
        }
    }
}
