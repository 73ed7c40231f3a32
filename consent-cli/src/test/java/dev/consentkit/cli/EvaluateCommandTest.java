package dev.consentkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.consentkit.ContentItem;
import dev.consentkit.Decision;
import dev.consentkit.Member;
import dev.consentkit.TrainingPolicy;
import dev.consentkit.jackson.ConsentDocuments;
import dev.consentkit.jackson.NdjsonReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Shows {@code consent evaluate} deciding NDJSON exports, reporting bad lines, and failing cleanly on bad input. */
class EvaluateCommandTest {

    private static final String POLICY = "examples/linkedin/policy.json";
    private static final String MEMBERS = "examples/linkedin/members.ndjson";

    private static String fixture(String name) {
        return CliRun.fixtures().resolve(name).toString();
    }

    private static CliRun evaluate(String items, String... more) {
        return evaluateAt(items, "2025-11-04T00:00:00Z", more);
    }

    private static CliRun evaluateAt(String items, String asOf, String... more) {
        List<String> args = new ArrayList<>(List.of("evaluate", "--policy", POLICY, "--members", MEMBERS,
                "--items", items, "--as-of", asOf));
        args.addAll(List.of(more));
        return CliRun.inRepository(args.toArray(new String[0]));
    }

    private static String compact(String item, String member, boolean trainable, String reason) {
        return "{\"itemId\":\"" + item + "\",\"memberId\":\"" + member + "\",\"trainable\":" + trainable + ",\"reason\":\""
                + reason + "\"}";
    }

    @Test
    void shouldWriteOneCompactDecisionPerItemAndExitZeroWhenEveryItemIsDecided() {
        CliRun run = evaluate(fixture("items-clean.ndjson"));

        assertEquals(0, run.exitCode(), run.err());
        assertEquals(List.of(
                compact("post-us-1", "m-us", true, "ALLOWED_BY_DEFAULT"),
                compact("dm-us-1", "m-us", false, "CATEGORY_EXCLUDED"),
                compact("post-us-out-1", "m-us-out", false, "OPTED_OUT"),
                compact("post-de-1", "m-de", true, "ALLOWED_BY_DEFAULT"),
                compact("post-fr-1", "m-fr", true, "ALLOWED_BY_DEFAULT")), run.outLines());
    }

    @Test
    void shouldWriteTheFullDecisionsOfTheEngineWithExplain() throws IOException {
        CliRun run = evaluate(fixture("items-clean.ndjson"), "--explain");

        assertEquals(0, run.exitCode(), run.err());
        assertEquals(directDecisions(Instant.parse("2025-11-04T00:00:00Z"), null), readDecisions(run.out()));
    }

    @Test
    void shouldIgnoreConsentEventsRecordedAfterKnownAt() throws IOException {
        // m-fr opted out on 10 November; the platform recorded it on 20 November.
        CliRun run = evaluateAt(fixture("items-clean.ndjson"), "2025-11-12", "--explain", "--known-at", "2025-11-15");

        assertEquals(0, run.exitCode(), run.err());
        List<Decision> decisions = readDecisions(run.out());
        assertEquals(directDecisions(Instant.parse("2025-11-12T00:00:00Z"), Instant.parse("2025-11-15T00:00:00Z")),
                decisions);
        assertTrue(decisions.get(4).trainable(), decisions.get(4).toString());
    }

    @Test
    void shouldReadAPlainDateAsMidnightUtc() {
        CliRun date = evaluateAt(fixture("items-clean.ndjson"), "2025-11-10", "--explain");
        CliRun instant = evaluateAt(fixture("items-clean.ndjson"), "2025-11-10T00:00:00Z", "--explain");

        assertEquals(instant.out(), date.out());
        assertTrue(date.out().contains("\"asOf\":\"2025-11-10T00:00:00Z\""), date.out());
    }

    @Test
    void shouldWriteAnErrorRecordForAnItemWhoseAuthorIsMissingAndGoOn() {
        CliRun run = evaluate(fixture("items-missing-author.ndjson"));

        assertEquals(1, run.exitCode(), run.err());
        assertEquals(List.of(
                compact("post-us-1", "m-us", true, "ALLOWED_BY_DEFAULT"),
                "{\"line\":2,\"itemId\":\"post-nobody-1\",\"memberId\":\"m-nobody\",\"error\":\"member m-nobody, the author "
                        + "of item post-nobody-1, is not in the members file " + MEMBERS
                        + "; add the member to it, or leave the item out\"}",
                compact("post-de-1", "m-de", true, "ALLOWED_BY_DEFAULT")), run.outLines());
    }

    @Test
    void shouldReportAMalformedLineInTheMiddleWithItsLineNumberAndDecideTheOthers() {
        CliRun run = evaluate(fixture("items-malformed-line.ndjson"));

        assertEquals(1, run.exitCode(), run.err());
        List<String> lines = run.outLines();
        assertEquals(5, lines.size(), run.out());
        assertEquals(compact("post-us-1", "m-us", true, "ALLOWED_BY_DEFAULT"), lines.get(0));
        assertEquals(compact("dm-us-1", "m-us", false, "CATEGORY_EXCLUDED"), lines.get(1));
        assertTrue(lines.get(2).startsWith("{\"line\":3,\"error\":\"$.category at line 3, column "), lines.get(2));
        assertTrue(lines.get(2).contains("Content Public"), lines.get(2));
        assertEquals(compact("post-de-1", "m-de", true, "ALLOWED_BY_DEFAULT"), lines.get(3));
        assertEquals(compact("post-fr-1", "m-fr", true, "ALLOWED_BY_DEFAULT"), lines.get(4));
        assertTrue(run.err().contains("1 error (line 3)"), run.err());
    }

    @Test
    void shouldKeepErrorRecordsInLineOrderAmongFullDecisions() {
        CliRun run = evaluate(fixture("items-missing-author.ndjson"), "--explain");

        List<String> lines = run.outLines();
        assertEquals(3, lines.size(), run.out());
        assertTrue(lines.get(0).startsWith("{\"itemId\":\"post-us-1\","), lines.get(0));
        assertTrue(lines.get(1).startsWith("{\"line\":2,\"itemId\":\"post-nobody-1\","), lines.get(1));
        assertTrue(lines.get(2).startsWith("{\"itemId\":\"post-de-1\","), lines.get(2));
    }

    @Test
    void shouldReadItemsFromStandardInputGivenADash() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        InputStream items = Files.newInputStream(CliRun.fixtures().resolve("items-clean.ndjson"));

        int code = ConsentCli.execute(new Invocation(CliRun.repositoryRoot(), items, out, err, false), new String[] {
                "evaluate", "--policy", POLICY, "--members", MEMBERS, "--items", "-", "--as-of", "2025-11-04"});

        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        assertEquals(evaluate(fixture("items-clean.ndjson")).out(), out.toString(StandardCharsets.UTF_8));
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a hang fails
    void shouldReportALineOverTheLimitAndEndTheRunWithExitTwoAtALineThatNeverEnds() throws IOException {
        String first = Files.readAllLines(CliRun.fixtures().resolve("items-clean.ndjson")).get(0) + "\n";
        InputStream zeros = new InputStream() {
            @Override
            public int read() {
                return 0;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                Arrays.fill(buffer, offset, offset + length, (byte) 0);
                return length;
            }
        };
        InputStream items = new SequenceInputStream(new ByteArrayInputStream(first.getBytes(StandardCharsets.UTF_8)), zeros);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = ConsentCli.execute(new Invocation(CliRun.repositoryRoot(), items, out, err, false),
                new String[] {"evaluate", "--policy", POLICY, "--members", MEMBERS, "--items", "-", "--as-of", "2025-11-04"});

        assertEquals(2, code);
        assertEquals(List.of(compact("post-us-1", "m-us", true, "ALLOWED_BY_DEFAULT"),
                "{\"line\":2,\"error\":\"$ at line 2, column 16777217: the line is longer than 16777216 bytes; expected a "
                        + "line of at most 16777216 bytes (ConsentDocuments.MAX_DOCUMENT_LENGTH)\"}"),
                out.toString(StandardCharsets.UTF_8).lines().toList());
        assertEquals("consent: the line goes on past 67108864 bytes without ending in the items file - at line 2, column "
                + "67108865 ($); expected lines of at most 16777216 bytes, each ending with a newline; a line still going "
                + "past 67108864 bytes stops the reading (ConsentDocuments.MAX_SKIPPED_LINE_LENGTH)\n",
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a hang fails
    void shouldEndTheRunWithExitTwoOnItemsFromDevZero() {
        assumeTrue(Files.isReadable(Path.of("/dev/zero")), "no /dev/zero here");

        CliRun run = evaluate("/dev/zero");

        assertEquals(2, run.exitCode());
        assertTrue(run.out().startsWith("{\"line\":1,\"error\":\"$ at line 1, column 16777217: the line is longer than"),
                run.out());
        assertTrue(run.err().startsWith("consent: the line goes on past 67108864 bytes without ending in the items file "
                + "/dev/zero at line 1, column 67108865 ($)"), run.err());
    }

    @Test
    void shouldSummarizeCountsByReasonAndSpeedOnStandardError() {
        CliRun run = evaluate(fixture("items-clean.ndjson"));

        List<String> summary = run.err().lines().toList();
        assertEquals("5 items: 3 trainable, 2 not trainable, 0 errors", summary.get(0));
        assertEquals(List.of(
                "  CATEGORY_EXCLUDED              1",
                "  OPTED_OUT                      1",
                "  ALLOWED_BY_DEFAULT             3"), summary.subList(1, 4));
        assertTrue(summary.get(4).matches("as of 2025-11-04T00:00:00Z under linkedin-genai@2025-11-03, "
                + "in [0-9.]+ s \\([0-9,]+ items/s\\)"), summary.get(4));
    }

    @Test
    void shouldWriteOnlyExcludedDecisionsWithOnlyExcluded() {
        CliRun run = evaluate(fixture("items-clean.ndjson"), "--only", "excluded");

        assertEquals(List.of(
                compact("dm-us-1", "m-us", false, "CATEGORY_EXCLUDED"),
                compact("post-us-out-1", "m-us-out", false, "OPTED_OUT")), run.outLines());
    }

    @Test
    void shouldKeepErrorRecordsWithOnlyTrainable() {
        CliRun run = evaluate(fixture("items-missing-author.ndjson"), "--only", "trainable");

        assertEquals(3, run.outLines().size(), run.out());
        assertTrue(run.outLines().get(1).startsWith("{\"line\":2,"), run.out());
    }

    @Test
    void shouldExitTwoWithTheLocationOfTheProblemWhenThePolicyIsInvalid() {
        CliRun run = CliRun.inFixtures("evaluate", "--policy", "bad-policy.json", "--members",
                CliRun.repositoryRoot().resolve(MEMBERS).toString(), "--items", "items-clean.ndjson", "--as-of", "2025-11-04");

        assertEquals(2, run.exitCode());
        assertEquals("", run.out());
        assertEquals("consent: unknown field \"neverAllowedCategory\" in the policy file bad-policy.json at line 12, "
                + "column 31 ($.versions[0].neverAllowedCategory); expected one of id, effectiveFrom, defaultBasis, "
                + "excludedByDefault, jurisdictionRules, allowedCategories, neverAllowedCategories, minimumAge, "
                + "unknownAge, leapDayBirthday, gpcSignalsObject, itemsCreatedFrom, itemsFromMembersChoice; consent "
                + "validate bad-policy.json checks its form and meaning\n", run.err());
    }

    @Test
    void shouldExitTwoNamingTheMissingMembersFileAndHowToFixIt() {
        CliRun run = CliRun.inRepository("evaluate", "--policy", POLICY, "--members", "examples/linkedin/nobody.ndjson",
                "--items", fixture("items-clean.ndjson"), "--as-of", "2025-11-04");

        assertEquals(2, run.exitCode());
        assertEquals("consent: cannot read the members file examples/linkedin/nobody.ndjson: no such file; check the "
                + "path; a relative path is resolved against the current directory\n", run.err());
    }

    @Test
    void shouldSkipAMalformedMemberLineSayingWhyAndExitOne() {
        CliRun run = CliRun.inFixtures("evaluate", "--policy", "policy.json", "--members", "members-malformed-line.ndjson",
                "--items", "items-missing-author.ndjson", "--as-of", "2025-11-04");

        assertEquals(1, run.exitCode());
        assertTrue(run.err().startsWith("consent: skipped line 2 of the members file members-malformed-line.ndjson: "
                + "$.jurisdictions[0].jurisdiction at line 2, column "), run.err());
        assertTrue(run.outLines().get(2).startsWith("{\"line\":3,\"itemId\":\"post-de-1\",\"memberId\":\"m-de\""), run.out());
    }

    @Test
    void shouldCountAnEventRecordedWithinTheClockSkewToleranceFromWhenItWasRecorded() {
        CliRun run = CliRun.inFixtures("evaluate", "--policy", "policy.json", "--members", "members-clock-skew.ndjson",
                "--items", "items-clock-skew.ndjson", "--as-of", "2025-11-10T00:00:00Z");

        assertEquals(1, run.exitCode(), run.err());
        assertEquals(List.of(
                "{\"itemId\":\"post-api-1\",\"memberId\":\"m-api\",\"trainable\":false,\"reason\":\"OPTED_OUT\"}",
                "{\"itemId\":\"post-us-1\",\"memberId\":\"m-us\",\"trainable\":true,\"reason\":\"ALLOWED_BY_DEFAULT\"}"),
                run.outLines());
        assertTrue(run.err().startsWith("consent: skipped line 2 of the members file members-clock-skew.ndjson: "
                + "$.consent[0].recordedAt at line 2, column 213: consent event e-late-1 is recorded at "
                + "2025-11-10T00:00:00Z, before it takes effect at 2025-11-10T00:01:00Z: PT1M before, more than the "
                + "clock-skew tolerance of PT5S"), run.err());
        assertTrue(run.err().contains("consent: 1 consent event of the members file members-clock-skew.ndjson recorded "
                + "before taking effect, within the clock-skew tolerance of PT5S, counts from when it was recorded; "
                + "consent validate --members members-clock-skew.ndjson lists them\n"),
                run.err());
    }

    @Test
    void shouldStopAtOnceWhenTheMembersFileIsAPolicyDocument() {
        CliRun run = CliRun.inRepository("evaluate", "--policy", "examples/linkedin/policy.json", "--members",
                "examples/linkedin/policy.json", "--items", "examples/linkedin/items.ndjson", "--as-of", "2025-11-04");

        assertEquals(2, run.exitCode());
        assertEquals("", run.out());
        assertEquals("consent: the members file examples/linkedin/policy.json is not a members file: it looks like a JSON "
                + "document over several lines, not one member per line; give --members a file of members, one JSON "
                + "object per line\n", run.err());
    }

    @Test
    void shouldStopAtOnceWhenTheMembersFileHoldsDecisions() throws IOException {
        Path decisions = Files.createTempFile("decisions", ".ndjson");
        try {
            CliRun explained = CliRun.inRepository("evaluate", "--policy", "examples/linkedin/policy.json", "--members",
                    "examples/linkedin/members.ndjson", "--items", "examples/linkedin/items.ndjson", "--as-of", "2025-11-04",
                    "--explain", "--only", "trainable");
            Files.writeString(decisions, explained.out());
            CliRun run = CliRun.inRepository("evaluate", "--policy", "examples/linkedin/policy.json", "--members", decisions.toString(),
                    "--items", "examples/linkedin/items.ndjson", "--as-of", "2025-11-04");

            assertEquals(2, run.exitCode(), run.err());
            assertTrue(run.err().contains("is not a members file: it looks like a decisions file: its line 1 is a decision"),
                    run.err());
        } finally {
            Files.delete(decisions);
        }
    }

    @Test
    void shouldSkipTheMemberOfAnEventRecordedBeforeItTakesEffectWithZeroClockSkew() {
        CliRun run = CliRun.inFixtures("evaluate", "--policy", "policy.json", "--members", "members-clock-skew.ndjson",
                "--items", "items-clock-skew.ndjson", "--as-of", "2025-11-10T00:00:00Z", "--clock-skew", "PT0S");

        assertEquals(1, run.exitCode());
        assertTrue(run.outLines().get(0).startsWith("{\"line\":1,\"itemId\":\"post-api-1\",\"memberId\":\"m-api\","
                + "\"error\":\"member m-api, the author of item post-api-1, is not in the members file"), run.out());
        assertTrue(run.err().startsWith("consent: skipped line 1 of the members file members-clock-skew.ndjson: "), run.err());
    }

    @Test
    void shouldRejectAnInstantItCannotReadAsAUsageError() {
        CliRun run = evaluateAt(fixture("items-clean.ndjson"), "4 November 2025");

        assertEquals(2, run.exitCode());
        assertEquals("", run.out());
        assertTrue(run.err().startsWith("consent: Invalid value for option '--as-of': '4 November 2025' is not an "
                + "instant: it is in neither accepted form; " + InstantConverter.FORMS + "\n"), run.err());
        assertTrue(run.err().endsWith("Try 'consent evaluate --help' for usage and examples.\n"), run.err());
    }

    @Test
    void shouldResolveRelativePathsAgainstTheWorkingDirectory() {
        CliRun run = CliRun.of(CliRun.repositoryRoot().resolve("examples/linkedin"), "evaluate", "--policy", "policy.json",
                "--members", "members.ndjson", "--items", fixture("items-clean.ndjson"), "--as-of", "2025-11-04");

        assertEquals(0, run.exitCode(), run.err());
        assertEquals(5, run.outLines().size());
    }

    private static List<Decision> readDecisions(String ndjson) throws IOException {
        List<Decision> decisions = new ArrayList<>();
        try (NdjsonReader<Decision> reader = NdjsonReader.decisions(new StringReader(ndjson))) {
            for (NdjsonReader.Line<Decision> line : reader) {
                decisions.add(line.value());
            }
        }
        return decisions;
    }

    private static List<Decision> directDecisions(Instant asOf, Instant knownAt) throws IOException {
        Path root = CliRun.repositoryRoot();
        TrainingPolicy policy = ConsentDocuments.readPolicy(root.resolve(POLICY));
        Map<String, Member> members = new HashMap<>();
        try (NdjsonReader<Member> reader = NdjsonReader.members(root.resolve(MEMBERS))) {
            for (NdjsonReader.Line<Member> line : reader) {
                members.put(line.value().id(), line.value());
            }
        }
        List<Decision> decisions = new ArrayList<>();
        try (NdjsonReader<ContentItem> reader = NdjsonReader.items(CliRun.fixtures().resolve("items-clean.ndjson"))) {
            for (NdjsonReader.Line<ContentItem> line : reader) {
                Member author = members.get(line.value().authorId());
                decisions.add(knownAt == null ? policy.evaluate(line.value(), author, asOf)
                        : policy.asKnownAt(knownAt).evaluate(line.value(), author, asOf));
            }
        }
        assertFalse(decisions.isEmpty());
        return decisions;
    }
}
