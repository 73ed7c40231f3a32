package dev.consentkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.consentkit.jackson.ConsentDocuments;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Shows {@code consent validate} finding problems of form and meaning in policies, each with its line and column. */
class ValidateCommandTest {

    @Test
    void shouldAcceptTheExamplePolicyAndExitZero() {
        CliRun run = CliRun.inRepository("validate", "examples/linkedin/policy.json");

        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertEquals("examples/linkedin/policy.json: valid; policy linkedin-genai with 3 versions, no warnings\n",
                run.out());
    }

    @Test
    void shouldPointAtTheAllowedEntryThatANeverAllowedCategoryMakesUnreachable() {
        CliRun run = CliRun.inFixtures("validate", "unreachable-category.json");

        assertEquals(1, run.exitCode());
        assertEquals(List.of(
                "unreachable-category.json:11:40: error: allowed category content.group can never be used: it is under "
                        + "never-allowed category content, at line 12, column 34 (remove it from allowedCategories, or "
                        + "never-allow only the categories under content that must stay out)",
                "unreachable-category.json: invalid; 1 error, no warnings"), run.outLines());
    }

    @Test
    void shouldExitTwoWithTheFirstUnknownJurisdictionCodeAsReadingReportsIt() {
        CliRun run = CliRun.inFixtures("validate", "unknown-codes.json");

        assertEquals(2, run.exitCode());
        assertEquals(List.of(
                "unknown-codes.json:10:46: error: unknown jurisdiction code 'UK': ISO 3166-1 codes the United Kingdom "
                        + "as 'GB' at $.versions[0].jurisdictionRules[0].jurisdiction (expected an ISO 3166-1 alpha-2 "
                        + "country such as DE, a subdivision such as US-CA, or EU or EEA)",
                "unknown-codes.json: invalid; 1 error, no warnings"), run.outLines());
    }

    @Test
    void shouldExitTwoAtTheLaterVersionOfTwoOutOfOrderAsReadingReportsIt() {
        CliRun run = CliRun.inFixtures("validate", "versions-out-of-order.json");

        assertEquals(2, run.exitCode());
        assertEquals(List.of(
                "versions-out-of-order.json:18:24: error: version v1 takes effect at 2025-01-01T00:00:00Z, not after "
                        + "version v2 before it, which takes effect at 2025-06-01T00:00:00Z at "
                        + "$.versions[1].effectiveFrom (expected versions in the order they take effect, each "
                        + "effectiveFrom later than the one before)",
                "versions-out-of-order.json: invalid; 1 error, no warnings"), run.outLines());
    }

    @Test
    void shouldReportOnlyTheFirstProblemOfTheDraftPolicyWhichDoesNotRead() {
        CliRun run = CliRun.inRepository("validate", "examples/linkedin/policy-draft.json");

        assertEquals(2, run.exitCode());
        assertEquals(List.of(
                "examples/linkedin/policy-draft.json:13:26: error: unknown jurisdiction code 'UK': ISO 3166-1 codes "
                        + "the United Kingdom as 'GB' at $.versions[0].jurisdictionRules[2].jurisdiction (expected an "
                        + "ISO 3166-1 alpha-2 country such as DE, a subdivision such as US-CA, or EU or EEA)",
                "examples/linkedin/policy-draft.json: invalid; 1 error, no warnings"), run.outLines());
    }

    @Test
    void shouldReviewAPolicyThatReadsListingEveryFindingByPlace() {
        CliRun run = CliRun.inRepository("validate", "examples/linkedin/policy-redundant.json");

        assertEquals(1, run.exitCode(), run.err());
        List<String> lines = run.outLines();
        assertEquals(7, lines.size(), run.out());
        assertEquals("examples/linkedin/policy-redundant.json:12:26: warning: the rule for EU says what the rule for EEA at "
                + "line 11, column 26 already says for it: excluded (remove it; it changes no decision)", lines.get(0));
        assertEquals("examples/linkedin/policy-redundant.json:13:26: warning: the rule for FR says what the rule for EU at "
                + "line 12, column 26 already says for it: excluded (remove it; it changes no decision within EU)",
                lines.get(1));
        assertTrue(lines.get(3).startsWith("examples/linkedin/policy-redundant.json:16:69: error: allowed category "
                + "jobs.saved can never be used"), run.out());
        // The EU rule of 2025-11-03 gives the default's basis, but overrides the EEA rule: no finding.
        assertTrue(lines.stream().noneMatch(line -> line.contains(":27:")), run.out());
        assertEquals("examples/linkedin/policy-redundant.json: invalid; 1 error, 5 warnings", lines.get(6));
    }

    @Test
    void shouldExitTwoWithTheLocationOfAFieldThePolicyFormDoesNotHave() {
        CliRun run = CliRun.inFixtures("validate", "bad-policy.json");

        assertEquals(2, run.exitCode());
        assertEquals(List.of(
                "bad-policy.json:12:31: error: unknown field \"neverAllowedCategory\" at "
                        + "$.versions[0].neverAllowedCategory (expected one of id, effectiveFrom, defaultBasis, "
                        + "excludedByDefault, jurisdictionRules, allowedCategories, neverAllowedCategories, minimumAge, "
                        + "unknownAge, leapDayBirthday, gpcSignalsObject, itemsCreatedFrom, itemsFromMembersChoice)",
                "bad-policy.json: invalid; 1 error, no warnings"), run.outLines());
    }

    @Test
    void shouldExitTwoWithTheLocationOfBrokenJson() {
        CliRun run = CliRun.inFixtures("validate", "not-json.json");

        assertEquals(2, run.exitCode());
        assertTrue(run.outLines().get(0).startsWith("not-json.json:4:3: error: not JSON: "), run.out());
        assertEquals("not-json.json: not a policy or member document", run.outLines().get(1));
    }

    @Test
    void shouldExitTwoForAnotherKindOfDocument() {
        CliRun run = CliRun.inFixtures("validate", "item.json");

        assertEquals(2, run.exitCode());
        assertEquals(List.of(
                "item.json:2:13: error: this is a \"consentkit.item/v1\" document, not a policy or a member (validate "
                        + "checks policies, whose format is consentkit.policy/v1, and members, consentkit.member/v1)",
                "item.json: not a policy or member document"), run.outLines());
    }

    @Test
    void shouldExitTwoForJsonThatIsNotAnObject() {
        CliRun run = CliRun.inFixtures("validate", "array.json");

        assertEquals(2, run.exitCode());
        assertEquals(List.of(
                "array.json:1:1: error: a policy document is a JSON object, not array (write the policy as an object "
                        + "with \"format\": \"consentkit.policy/v1\")",
                "array.json: not a policy or member document"), run.outLines());
    }

    // ---- members and their account closures

    @Test
    void shouldAcceptAMemberAndExitZero() {
        CliRun run = CliRun.inFixtures("validate", "member.json");

        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertEquals("member.json: valid; member m-us with no account closures, no warnings\n", run.out());
    }

    @Test
    void shouldAcceptAMemberWhoseAccountWasClosedAndReopened() {
        CliRun run = CliRun.inFixtures("validate", "member-reopened.json");

        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertEquals("member-reopened.json: valid; member m-de with 2 account closures, no warnings\n", run.out());
    }

    @Test
    void shouldExitTwoAtTheFirstClosureThatContradictsAnotherAsReadingReportsIt() {
        CliRun run = CliRun.inFixtures("validate", "member-closures-overlap.json");

        assertEquals(2, run.exitCode(), run.out() + run.err());
        assertEquals(List.of(
                "member-closures-overlap.json:7:56: error: account closure [2025-03-15T00:00:00Z, 2025-03-10T00:00:00Z) "
                        + "is reopened before it is closed; reopenedAt must be after closedAt at $.closures[1].reopenedAt "
                        + "(expected reopenedAt after closedAt 2025-03-15T00:00:00Z)",
                "member-closures-overlap.json: invalid; 1 error, no warnings"), run.outLines());
    }

    @Test
    void shouldWarnAboutClosuresInAV1DocumentAndClosuresThatTouch() {
        CliRun run = CliRun.inFixtures("validate", "member-closures-v1.json");

        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertEquals(List.of(
                "member-closures-v1.json:5:15: warning: closures were added in consentkit.member/v1.1; a reader of "
                        + "consentkit.member/v1 rejects this document (declare \"format\": \"consentkit.member/v1.1\")",
                "member-closures-v1.json:7:18: warning: the closure from 2025-04-01T00:00:00Z starts the instant the "
                        + "closure from 2025-03-01T00:00:00Z at line 6, column 18 is reopened, so the account is never "
                        + "open between them (merge them into one closure from 2025-03-01T00:00:00Z)",
                "member-closures-v1.json: valid; member m-de with 2 account closures, 2 warnings"), run.outLines());
    }

    @Test
    void shouldExitTwoNamingAMissingFile() {
        CliRun run = CliRun.inFixtures("validate", "nowhere.json");

        assertEquals(2, run.exitCode());
        assertEquals("consent: cannot read the file nowhere.json: no such file; check the path; a relative path "
                + "is resolved against the current directory\n", run.err());
    }

    @Test
    void shouldWarnAboutRulesAndCategoriesThatChangeNothingAndStillExitZero() {
        CliRun run = CliRun.inFixtures("validate", "warnings-only.json");

        assertEquals(0, run.exitCode(), run.out());
        List<String> lines = run.outLines();
        assertTrue(lines.contains("warnings-only.json:12:26: warning: the rule for FR says what the rule for EU at "
                + "line 11, column 26 already says for it: excluded (remove it; it changes no decision within EU)"), run.out());
        assertTrue(lines.contains("warnings-only.json:13:26: warning: the rule for US says what the default of version "
                + "v1 already says: under LEGITIMATE_INTERESTS (remove it; it changes no decision)"), run.out());
        assertTrue(lines.contains("warnings-only.json:15:40: warning: allowed category content.public is already allowed "
                + "through content, at line 15, column 29 (remove it; allowing content allows everything under it)"),
                run.out());
        assertEquals("warnings-only.json: valid; policy redundant with 3 versions, 13 warnings", lines.get(lines.size() - 1));
    }

    @Test
    void shouldWarnWhereAPerMemberItemScopeMeetsAnOptOutBasisAProgramWideScopeOrSaysNothing() {
        CliRun run = CliRun.inFixtures("validate", "members-choice.json");

        assertEquals(0, run.exitCode(), run.out());
        assertEquals(List.of(
                "members-choice.json:15:27: warning: version v1 counts items from each member's own choice, and "
                        + "itemsCreatedFrom judges an item by its creation alone: an item created before "
                        + "2025-08-28T00:00:00Z stays out even when the member resumes it after their choice (remove "
                        + "itemsCreatedFrom, unless items created before it must stay out even when resumed)",
                "members-choice.json:16:33: warning: version v1 counts items only from each member's own opt-in, but "
                        + "runs without one in GB (LEGITIMATE_INTERESTS): there nothing of a member who never chose is "
                        + "trainable (ITEM_BEFORE_CHOICE), not even by default (give those places a consent basis, or "
                        + "leave itemsFromMembersChoice out if members who never chose should count)",
                "members-choice.json:27:33: warning: \"itemsFromMembersChoice\": false says what leaving it out says "
                        + "(remove it; items then count whenever they were created)",
                "members-choice.json: valid; policy chats-from-choice with 3 versions, 3 warnings"), run.outLines());
    }

    @Test
    void shouldAcceptAnthropicsConsumerPolicyWithItsPerMemberScopeWithoutWarnings() {
        String file = "consent-jackson/src/test/resources/programs/anthropic-consumer-2025/policy.json";

        CliRun run = CliRun.inRepository("validate", file);

        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertEquals(file + ": valid; policy anthropic-consumer with 1 version, no warnings\n", run.out());
    }

    @Test
    void shouldWarnAboutAVersionThatChangesNothing() {
        CliRun run = CliRun.inFixtures("validate", "warnings-only.json");

        assertTrue(run.outLines().contains("warnings-only.json:21:13: warning: version v2 changes nothing from the version "
                + "before it (remove it, or make the change it was meant to make)"), run.out());
    }

    @Test
    void shouldWarnAboutAVersionUnderWhichNothingIsTrainable() {
        CliRun run = CliRun.inFixtures("validate", "warnings-only.json");

        assertTrue(run.outLines().contains("warnings-only.json:39:28: warning: version v3 allows no category, so nothing "
                + "is trainable under it (list the categories it may use, such as profile and content.public, unless the "
                + "version pauses the program)"), run.out());
    }

    @Test
    void shouldWarnThatAVersionWrittenBeforeLeapDayReadingsCounts28February() {
        CliRun run = CliRun.inFixtures("validate", "without-leap-day-reading.json");

        assertEquals(0, run.exitCode());
        assertEquals(List.of("without-leap-day-reading.json:13:21: warning: version 2025-11-03 does not say when a "
                + "member born on 29 February comes of age, so a document of this form means 28 February in a common "
                + "year, a day before the law of the United Kingdom and Hong Kong counts (add \"leapDayBirthday\": "
                + "\"MARCH_1\", the safe reading, or \"FEBRUARY_28\" to keep this one)",
                "without-leap-day-reading.json: valid; policy linkedin-genai with 1 version, 1 warning"), run.outLines());
    }

    @Test
    void shouldWarnAboutAnEventOfAMemberDocumentCountedFromWhenItWasRecorded() {
        CliRun run = CliRun.inFixtures("validate", "member-clock-skew.json");

        assertEquals(0, run.exitCode(), run.err());
        assertEquals(List.of("member-clock-skew.json:7:21: warning: consent event e-1 of member m-skew is recorded at "
                + "2025-11-10T00:00:00Z, PT2S before it takes effect at 2025-11-10T00:00:02Z: within the clock-skew "
                + "tolerance of PT5S, it counts from when it was recorded (check the clocks of the services that stamp "
                + "effectiveAt and recordedAt)",
                "member-clock-skew.json: valid; member m-skew with no account closures, 1 warning"), run.outLines());
    }

    @Test
    void shouldRejectAMemberDocumentWhoseClockSkewExceedsTheTolerance() {
        CliRun run = CliRun.inFixtures("validate", "--clock-skew", "PT1S", "member-clock-skew.json");

        assertEquals(2, run.exitCode(), run.out());
        assertTrue(run.out().contains("e-1"), run.out());
    }

    @Test
    void shouldNotCallAVersionThatStartsCountingGpcSignalsAChangeOfNothing() {
        CliRun run = CliRun.inFixtures("validate", "gpc-only-change.json");

        assertEquals(0, run.exitCode(), run.err());
        assertEquals(List.of("gpc-only-change.json: valid; policy gpc-later with 2 versions, no warnings"),
                run.outLines());
    }

    @Test
    void shouldExitWithTheWorstCodeOfSeveralFiles() {
        CliRun run = CliRun.inFixtures("validate", "policy.json", "unreachable-category.json");

        assertEquals(1, run.exitCode());
        assertEquals("policy.json: valid; policy linkedin-genai with 1 version, no warnings", run.outLines().get(0));
    }

    @Test
    void shouldWarnAboutEachEventCountedFromWhenItWasRecordedAndRejectOneBeyondTheTolerance() {
        CliRun run = CliRun.inFixtures("validate", "--members", "members-clock-skew.ndjson");

        assertEquals(1, run.exitCode(), run.err());
        assertEquals(List.of(
                "members-clock-skew.ndjson:1:1: warning: consent event e-api-1 of member m-api is recorded at "
                        + "2025-11-10T00:00:00Z, PT0.001S before it takes effect at 2025-11-10T00:00:00.001Z: within the "
                        + "clock-skew tolerance of PT5S, it counts from when it was recorded (check the clocks of the "
                        + "services that stamp effectiveAt and recordedAt)",
                "members-clock-skew.ndjson:2:213: error: consent event e-late-1 is recorded at 2025-11-10T00:00:00Z, "
                        + "before it takes effect at 2025-11-10T00:01:00Z: PT1M before, more than the clock-skew tolerance "
                        + "of PT5S at $.consent[0].recordedAt (expected recordedAt at or after effectiveAt "
                        + "2025-11-10T00:01:00Z, or at most PT5S before it (the reader's clock-skew tolerance))",
                "members-clock-skew.ndjson: invalid; 1 error, 1 warning"), run.outLines());
    }

    @Test
    void shouldTakeTheClockSkewToleranceFromTheOption() {
        CliRun wide = CliRun.inFixtures("validate", "--members", "members-clock-skew.ndjson", "--clock-skew", "PT1M");
        CliRun none = CliRun.inFixtures("validate", "--clock-skew=PT0S", "--members", "members-clock-skew.ndjson");

        assertEquals(0, wide.exitCode(), wide.out() + wide.err());
        assertEquals("members-clock-skew.ndjson: valid; 3 members, 2 warnings", wide.outLines().get(2));
        assertTrue(wide.outLines().get(1).startsWith("members-clock-skew.ndjson:2:1: warning: consent event e-late-1 "
                + "of member m-late is recorded at 2025-11-10T00:00:00Z, PT1M before"), wide.out());
        assertEquals(1, none.exitCode());
        assertEquals("members-clock-skew.ndjson: invalid; 2 errors, no warnings", none.outLines().get(2));
        assertTrue(none.outLines().get(0).startsWith("members-clock-skew.ndjson:1:"), none.out());
        assertTrue(none.outLines().get(0).contains(": error: consent event e-api-1 is recorded at 2025-11-10T00:00:00Z, "
                + "before it takes effect at 2025-11-10T00:00:00.001Z"), none.out());
    }

    @Test
    void shouldAcceptAMembersFileWithoutEventsRecordedBeforeTheyTakeEffect() {
        CliRun run = CliRun.inRepository("validate", "--members", "examples/linkedin/members.ndjson");

        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().matches("examples/linkedin/members.ndjson: valid; [0-9]+ members, no warnings\n"), run.out());
    }

    @Test
    void shouldRejectANegativeOrMalformedClockSkewAsAUsageError() {
        CliRun negative = CliRun.inFixtures("validate", "--members", "members-clock-skew.ndjson", "--clock-skew", "-PT1S");
        CliRun malformed = CliRun.inFixtures("validate", "--members", "members-clock-skew.ndjson", "--clock-skew", "5s");

        assertEquals(2, negative.exitCode());
        assertTrue(negative.err().startsWith("consent: Invalid value for option '--clock-skew': '-PT1S' is negative; give "
                + "zero (PT0S) or more, such as PT5S\n"), negative.err());
        assertEquals(2, malformed.exitCode());
        assertTrue(malformed.err().startsWith("consent: Invalid value for option '--clock-skew': '5s' is not a duration; "
                + "give an ISO-8601 duration such as PT5S (five seconds), PT0.5S or PT0S (no clock skew accepted)\n"),
                malformed.err());
    }

    @Test
    void shouldExitTwoWhenGivenNothingToValidate() {
        CliRun run = CliRun.inFixtures("validate");

        assertEquals(2, run.exitCode());
        assertTrue(run.err().startsWith("consent: nothing to validate; give policy or member documents, or members files with --members"),
                run.err());
    }

    // ---- size limits

    @TempDir
    Path directory;

    /** The fixture policy followed by spaces up to {@code length} bytes. */
    private Path paddedPolicy(String name, long length) throws IOException {
        byte[] policy = Files.readAllBytes(CliRun.fixtures().resolve("policy.json"));
        byte[] padded = Arrays.copyOf(policy, Math.toIntExact(length));
        Arrays.fill(padded, policy.length, padded.length, (byte) ' ');
        return Files.write(directory.resolve(name), padded);
    }

    @Test
    void shouldAcceptAPolicyOfExactlyTheLongestDocumentLength() throws IOException {
        paddedPolicy("at-limit.json", ConsentDocuments.MAX_DOCUMENT_LENGTH);

        CliRun run = CliRun.of(directory, "validate", "at-limit.json");

        assertEquals(0, run.exitCode(), run.err());
        assertEquals("at-limit.json: valid; policy linkedin-genai with 1 version, no warnings\n", run.out());
    }

    @Test
    void shouldExitTwoInOneLineForAFileOneByteLongerThanADocumentMayBe() throws IOException {
        paddedPolicy("over-limit.json", ConsentDocuments.MAX_DOCUMENT_LENGTH + 1);

        CliRun run = CliRun.of(directory, "validate", "over-limit.json", "--members", "members.ndjson");

        assertEquals(2, run.exitCode());
        assertEquals("consent: cannot read the file over-limit.json: it is longer than 16777216 bytes (16 MiB), the "
                + "limit of a document (ConsentDocuments.MAX_DOCUMENT_LENGTH); check that it is the document you meant\n"
                + "consent: cannot read the members file members.ndjson: no such file; check the path; a relative path "
                + "is resolved against the current directory\n", run.err());
        assertEquals("", run.out());
    }

    @Test
    void shouldReportAMembersLineLongerThanADocumentMayBeAndGoOn() throws IOException {
        byte[] line = new byte[Math.toIntExact(ConsentDocuments.MAX_DOCUMENT_LENGTH) + 1];
        Arrays.fill(line, (byte) ' ');
        String member = Files.readString(CliRun.repositoryRoot().resolve("examples/linkedin/members.ndjson"))
                .lines().findFirst().orElseThrow();
        Path file = directory.resolve("members.ndjson");
        Files.write(file, line);
        Files.writeString(file, "\n" + member + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        CliRun run = CliRun.of(directory, "validate", "--members", "members.ndjson");

        assertEquals(1, run.exitCode(), run.err());
        assertEquals(List.of("members.ndjson:1:16777217: error: the line is longer than 16777216 bytes at $ (expected a "
                        + "line of at most 16777216 bytes (ConsentDocuments.MAX_DOCUMENT_LENGTH))",
                "members.ndjson: invalid; 1 error, no warnings"), run.outLines());
        assertEquals("", run.err());
    }
}
