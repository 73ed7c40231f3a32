package dev.consentkit.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.consentkit.TrainingPolicy;
import dev.consentkit.jackson.ConsentDocuments;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Shows the policy review on policy documents: each finding at the line and column where its part starts,
 * other parts named by their place, and the checks only a document can fail.
 */
class PolicyReviewDocumentTest {

    private static List<Finding> review(String fixture) throws IOException {
        String json = Files.readString(Fixtures.resource("review/" + fixture));
        TrainingPolicy policy = ConsentDocuments.readPolicy(json);
        return PolicyReview.review(policy, PolicyLocations.read(json));
    }

    private static List<String> lines(String fixture) throws IOException {
        return review(fixture).stream().map(Finding::toString).collect(Collectors.toList());
    }

    @Test
    void shouldPointEachFindingAtItsPartAndNameThePlaceOfTheRuleOrCategoryItRepeats() throws IOException {
        assertEquals(List.of(
                "line 12, column 26: warning: the rule for EU says what the rule for EEA at line 11, column 26 already"
                        + " says for it: excluded (remove it; it changes no decision)",
                "line 13, column 26: warning: the rule for FR says what the rule for EU at line 12, column 26 already"
                        + " says for it: excluded (remove it; it changes no decision within EU)",
                "line 14, column 26: warning: the rule for US-CA says what the rule for US at line 15, column 26"
                        + " already says for it: under CONSENT (remove it; it changes no decision)",
                "line 16, column 26: warning: the rule for GB says what the default of version v1 already says: under"
                        + " LEGITIMATE_INTERESTS (remove it; it changes no decision)",
                "line 18, column 40: warning: allowed category content.public is already allowed through content, at"
                        + " line 18, column 29 (remove it; allowing content allows everything under it)",
                "line 18, column 58: error: allowed category jobs.saved can never be used: it is under never-allowed"
                        + " category jobs, at line 19, column 34 (remove it from allowedCategories, or never-allow only"
                        + " the categories under jobs that must stay out)",
                "line 19, column 54: warning: never-allowed category messages.private is already never allowed through"
                        + " messages, at line 19, column 42 (remove it; never allowing messages covers everything under"
                        + " it)"),
                lines("overlapping-rules.policy.json"));
    }

    @Test
    void shouldKeepThePartAndTheJsonPathOfEachFinding() throws IOException {
        Finding fr = review("overlapping-rules.policy.json").get(1);

        assertEquals("the rule for FR of version v1", fr.part());
        assertEquals(Optional.of(new Location(13, 26, "$.versions[0].jurisdictionRules[2].jurisdiction")), fr.location());
    }

    @Test
    void shouldWarnThatAVersionWithoutALeapDayReadingMeans28February() throws IOException {
        assertEquals(List.of("line 13, column 21: warning: version v1 does not say when a member born on 29 February"
                + " comes of age, so a document of this form means 28 February in a common year, a day before the law"
                + " of the United Kingdom and Hong Kong counts (add \"leapDayBirthday\": \"MARCH_1\", the safe reading,"
                + " or \"FEBRUARY_28\" to keep this one)"), lines("document-only.policy.json"));
    }

    @Test
    void shouldNotAskAboutTheLeapDayReadingWithoutTheDocument() throws IOException {
        String json = Files.readString(Fixtures.resource("review/document-only.policy.json"));

        assertEquals(List.of(), PolicyReview.review(ConsentDocuments.readPolicy(json)));
    }

    @Test
    void shouldWarnAboutAnExplicitItemsFromMembersChoiceFalse() throws IOException {
        assertEquals(List.of("line 16, column 33: warning: \"itemsFromMembersChoice\": false says what leaving it out"
                + " says (remove it; items then count whenever they were created)"),
                lines("members-choice-false.policy.json"));
    }

    @Test
    void shouldFindNothingInTheRealProgramsPolicies() throws IOException {
        for (String file : List.of("suites/policies/anthropic-consumer.policy.json",
                "suites/policies/meta-eu.policy.json")) {
            String json = Files.readString(Fixtures.resource(file));

            assertEquals(List.of(), PolicyReview.review(ConsentDocuments.readPolicy(json), PolicyLocations.read(json)),
                    file);
        }
    }
}
