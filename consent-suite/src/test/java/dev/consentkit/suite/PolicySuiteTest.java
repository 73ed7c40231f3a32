package dev.consentkit.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.consentkit.ConsentEvent;
import dev.consentkit.ContentItem;
import dev.consentkit.DataCategory;
import dev.consentkit.Member;
import dev.consentkit.Reason;
import dev.consentkit.TrainingPolicy;
import dev.consentkit.jackson.ConsentDocumentException;
import dev.consentkit.jackson.ConsentDocuments;
import dev.consentkit.jackson.ReadOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Shows how a suite document is read into its policy, members, items and cases, and how running it checks each case. */
class PolicySuiteTest {

    @TempDir
    Path directory;

    @Test
    void shouldReadTheSuitesNamePolicyMembersItemsAndCases() throws IOException {
        PolicySuite suite = PolicySuite.read(Fixtures.linkedInSuite());

        assertEquals("LinkedIn generative-AI training, 2024 to 2026", suite.name());
        assertEquals(Fixtures.linkedInSuite(), suite.source());
        assertEquals("TrainingPolicy[linkedin-genai for ai-training.generative, versions 2024-09, 2024-09-gb, 2025-11]",
                suite.policy().toString());
        assertEquals(List.of("m-de", "m-fr", "m-17", "m-gb"), suite.members().stream().map(Member::id).collect(Collectors.toList()));
        assertEquals(List.of("post-de", "post-fr", "dm-fr", "post-17", "post-18", "post-gb"),
                suite.items().stream().map(ContentItem::id).collect(Collectors.toList()));
        assertEquals(17, suite.cases().size());
    }

    @Test
    void shouldReadEachCaseWithItsItemMemberInstantsAndExpectation() throws IOException {
        PolicyCase audit = PolicySuite.read(Fixtures.linkedInSuite()).cases().get(6);

        assertEquals("audited later, use on 5 November stays allowed", audit.name());
        assertEquals("post-de", audit.item().id());
        assertEquals(DataCategory.PUBLIC_CONTENT, audit.item().category());
        assertEquals(Optional.of(LocalDate.of(1990, 4, 1)), audit.member().birthDate());
        assertEquals(Instant.parse("2025-11-05T00:00:00Z"), audit.asOf());
        assertEquals(Optional.of(Instant.parse("2025-11-20T00:00:00Z")), audit.knownAt());
        assertTrue(audit.expectedTrainable());
        assertEquals(Optional.of(Reason.ALLOWED_BY_DEFAULT), audit.expectedReason());
        assertEquals(103, audit.line());
    }

    @Test
    void shouldLeaveTheReasonOutWhenTheCaseChecksOnlyTrainable() throws IOException {
        PolicyCase beforeTheProgram = PolicySuite.read(Fixtures.linkedInSuite()).cases().get(16);

        assertFalse(beforeTheProgram.expectedTrainable());
        assertEquals(Optional.empty(), beforeTheProgram.expectedReason());
        assertEquals("not trainable", beforeTheProgram.expected());
    }

    @Test
    void shouldReplayACaseWithKnownAtAsTheAuditFormOfEvaluate() throws IOException {
        PolicySuite suite = PolicySuite.read(Fixtures.linkedInSuite());
        PolicyCase beforeRecording = suite.cases().get(7);

        assertEquals(Reason.ALLOWED_BY_DEFAULT, beforeRecording.decide(suite.policy()).reason());
        assertEquals(Reason.OPTED_OUT, suite.policy()
                .evaluate(beforeRecording.item(), beforeRecording.member(), beforeRecording.asOf()).reason());
    }

    @Test
    void shouldPassEveryCaseOfTheLinkedInTimeline() throws IOException {
        SuiteResult result = PolicySuite.read(Fixtures.linkedInSuite()).run();

        assertTrue(result.allPassed(), result.results()::toString);
        assertEquals(17, result.passed());
        assertEquals(0, result.failed());
    }

    @Test
    void shouldPassAnthropicsConsumerSuiteOfNewOrResumedChats() throws IOException {
        // Anthropic's consumer terms and privacy policy from 28 August 2025: the training setting applies to
        // "new or resumed chats and coding sessions", counted from the member's own choice.
        SuiteResult result = PolicySuite.read(Fixtures.anthropicConsumerSuite()).run();

        assertTrue(result.allPassed(), result.results()::toString);
        assertEquals(5, result.passed());
        assertEquals(Fixtures.anthropicConsumer(), PolicySuite.read(Fixtures.anthropicConsumerSuite()).policy());
    }

    @Test
    void shouldReadAPolicyGivenByAPathRelativeToTheSuiteFile() throws IOException {
        PolicySuite suite = PolicySuite.read(Fixtures.metaEuSuite());

        assertEquals(ConsentDocuments.readPolicy(Fixtures.resource("suites/policies/meta-eu.policy.json")), suite.policy());
        assertTrue(suite.run().allPassed(), () -> suite.run().results().toString());
    }

    @Test
    void shouldResolveThePolicyPathAgainstTheSuiteFileNotTheWorkingDirectory() throws IOException {
        Path nested = Files.createDirectories(directory.resolve("deep/er"));
        Files.copy(Fixtures.resource("suites/policies/meta-eu.policy.json"), nested.resolve("policy.json"));
        Path suiteFile = nested.resolve("suite.json");
        Files.writeString(suiteFile, Files.readString(Fixtures.metaEuSuite())
                .replace("\"policies/meta-eu.policy.json\"", "\"policy.json\""));

        assertEquals("meta-eu-genai", PolicySuite.read(suiteFile).policy().id());
    }

    @Test
    void shouldCountAnEventRecordedBeforeItsStatedInstantFromTheRecordingWithinTheTolerance() throws IOException {
        PolicySuite suite = PolicySuite.read(skewedMetaEuSuite());

        ConsentEvent objection = suite.members().get(2).consent().events().get(0);
        assertTrue(objection.isSkewAdjusted());
        assertEquals(Instant.parse("2025-06-10T14:00:00Z"), objection.effectiveAt());
        assertEquals(Instant.parse("2025-06-10T14:00:03Z"), objection.statedEffectiveAt());
        assertTrue(suite.run().allPassed(), () -> suite.run().results().toString());
        assertEquals(PolicySuite.read(skewedMetaEuSuite(), ReadOptions.defaults()).members(), suite.members());
    }

    @Test
    void shouldRefuseASuiteWhoseEventIsRecordedLongerBeforeThanTheToleranceNamingTheEvent() throws IOException {
        Path file = skewedMetaEuSuite();
        ReadOptions strict = ReadOptions.defaults().withClockSkewTolerance(Duration.ZERO);

        ConsentDocumentException e = assertThrows(ConsentDocumentException.class, () -> PolicySuite.read(file, strict));

        assertEquals(14, e.line());
        assertTrue(e.getMessage().contains("consent event objection-1 is recorded at 2025-06-10T14:00:00Z, before it "
                + "takes effect at 2025-06-10T14:00:03Z: PT3S before, more than the clock-skew tolerance of PT0S"),
                e::getMessage);
        assertTrue(PolicySuite.read(file, strict.withClockSkewTolerance(Duration.ofSeconds(3))).run().allPassed());
    }

    /** The Meta suite with its objection stated 3 s after the platform recorded it, and its policy beside it. */
    private Path skewedMetaEuSuite() throws IOException {
        Files.createDirectories(directory.resolve("policies"));
        Files.copy(Fixtures.resource("suites/policies/meta-eu.policy.json"),
                directory.resolve("policies/meta-eu.policy.json"), StandardCopyOption.REPLACE_EXISTING);
        String skewed = Files.readString(Fixtures.metaEuSuite()).replace(
                "\"effectiveAt\": \"2025-06-10T14:00:00Z\", \"recordedAt\": \"2025-06-10T14:00:01Z\"",
                "\"effectiveAt\": \"2025-06-10T14:00:03Z\", \"recordedAt\": \"2025-06-10T14:00:00Z\"");
        assertTrue(skewed.contains("14:00:03Z"));
        return Files.writeString(directory.resolve("skewed.suite.json"), skewed);
    }

    @Test
    void shouldNameTheSuiteAfterItsFileWhenTheDocumentHasNoName() throws IOException {
        Path file = directory.resolve("anonymous.suite.json");
        Files.writeString(file, Files.readString(Fixtures.failingSuite())
                .replace("\"name\": \"expectations that are wrong on purpose\",", ""));

        assertEquals("anonymous.suite.json", PolicySuite.read(file).name());
    }

    @Test
    void shouldCountThePassedAndFailedCasesInCaseOrder() throws IOException {
        SuiteResult result = PolicySuite.read(Fixtures.failingSuite()).run();

        assertEquals(1, result.passed());
        assertEquals(3, result.failed());
        assertFalse(result.allPassed());
        assertEquals(List.of(true, false, false, false), result.results().stream().map(CaseResult::passed).collect(Collectors.toList()));
        assertEquals(result.suite().cases(), result.results().stream().map(CaseResult::testCase).collect(Collectors.toList()));
        assertEquals("expectations that are wrong on purpose: 4 cases, 1 passed, 3 failed", result.toString());
    }

    @Test
    void shouldFailACaseWhoseReasonDiffersEvenWhenTrainableMatches() throws IOException {
        CaseResult wrongReason = PolicySuite.read(Fixtures.failingSuite()).run().results().get(2);

        assertFalse(wrongReason.decision().trainable());
        assertFalse(wrongReason.passed());
        assertEquals("not trainable (OPTED_OUT)", wrongReason.expected());
        assertEquals("not trainable (CATEGORY_EXCLUDED)", wrongReason.actual());
    }

    @Test
    void shouldRunOneCaseAsTheWholeSuiteRunsIt() throws IOException {
        PolicySuite suite = PolicySuite.read(Fixtures.failingSuite());
        SuiteResult whole = suite.run();

        for (int i = 0; i < suite.cases().size(); i++) {
            CaseResult one = suite.run(suite.cases().get(i));

            assertEquals(suite.cases().get(i), one.testCase());
            assertEquals(whole.results().get(i).passed(), one.passed());
            assertEquals(whole.results().get(i).explanation(), one.explanation());
        }
    }

    @Test
    void shouldAcceptTheFormatOfEmbeddedMembersAndItemsWhenGiven() throws IOException {
        PolicySuite suite = PolicySuite.read(Fixtures.metaEuSuite());

        assertEquals("m-fr", suite.members().get(0).id());
        assertEquals("photo-fr", suite.items().get(0).id());
    }

    @Test
    void shouldDescribeItselfByNameSourceAndCaseCount() throws IOException {
        PolicySuite suite = PolicySuite.read(Fixtures.failingSuite());

        assertEquals("PolicySuite[expectations that are wrong on purpose from " + Fixtures.failingSuite() + ", 4 cases]",
                suite.toString());
    }

    @Test
    void shouldDescribeACaseInOneLine() throws IOException {
        PolicyCase audit = PolicySuite.read(Fixtures.linkedInSuite()).cases().get(8);

        assertEquals("PolicyCase[\"as known once the opt-out was recorded, use is denied\": post-de of m-de at "
                + "2025-11-10T00:00:02Z as known at 2025-11-10T00:00:05Z, expected not trainable (OPTED_OUT)]", audit.toString());
    }

    @Test
    void shouldDecideWithTheSuitesPolicy() throws IOException {
        PolicySuite suite = PolicySuite.read(Fixtures.linkedInSuite());
        TrainingPolicy policy = suite.policy();
        PolicyCase minor = suite.cases().get(11);

        assertEquals(policy.evaluate(minor.item(), minor.member(), minor.asOf()), minor.decide(policy));
        assertEquals(List.of(Reason.MINOR, Reason.CREATED_WHILE_MINOR), minor.decide(policy).failedChecks());
    }
}
