package dev.consentkit.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.consentkit.jackson.ConsentDocumentException;
import dev.consentkit.jackson.ConsentDocuments;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shows that a suite is read as strictly as every ConsentKit document: each way it can be wrong fails
 * with a {@link ConsentDocumentException} naming the field path, the bad value, the line and column in
 * the suite file and what was expected.
 */
class PolicySuiteStrictReadingTest {

    // Line numbers matter below: the cases are on lines 12 and 13.
    private static final String SUITE = """
            {
              "format": "consentkit.suite/v1",
              "policy": "policy.json",
              "members": [
                {"id": "m-1", "birthDate": "1990-04-01", "jurisdictions": [{"jurisdiction": "DE"}], "consent": []},
                {"id": "m-2", "jurisdictions": [], "consent": []}
              ],
              "items": [
                {"id": "post-1", "authorId": "m-1", "category": "content.public", "createdAt": "2025-10-01T12:00:00Z", "reservations": []}
              ],
              "cases": [
                {"name": "case 1", "item": "post-1", "member": "m-1", "asOf": "2025-11-04T00:00:00Z",
                 "expect": {"trainable": true, "reason": "ALLOWED_BY_DEFAULT"}}
              ]
            }
            """;

    @TempDir
    Path directory;

    @BeforeEach
    void writePolicy() throws IOException {
        Files.copy(Fixtures.resource("suites/policies/meta-eu.policy.json"), directory.resolve("policy.json"));
    }

    private PolicySuite read(String json) throws IOException {
        Path file = directory.resolve("test.suite.json");
        Files.writeString(file, json);
        return PolicySuite.read(file);
    }

    private ConsentDocumentException failure(String json) {
        return assertThrows(ConsentDocumentException.class, () -> read(json));
    }

    private ConsentDocumentException failure(String replaced, String replacement) {
        assertTrue(SUITE.contains(replaced), replaced);
        return failure(SUITE.replace(replaced, replacement));
    }

    private static void assertLocated(ConsentDocumentException e, String fieldPath, long line, int column) {
        assertEquals(fieldPath, e.fieldPath(), e::getMessage);
        assertEquals(line, e.line(), e::getMessage);
        assertEquals(column, e.column(), e::getMessage);
    }

    @Test
    void shouldReadTheTemplateItself() throws IOException {
        assertTrue(read(SUITE).run().allPassed());
    }

    @Test
    void shouldRejectAnUnknownFieldOfTheSuite() {
        ConsentDocumentException e = failure("\"policy\": \"policy.json\",", "\"policy\": \"policy.json\", \"owner\": \"legal\",");

        assertEquals("$.owner at line 3, column 37: unknown field \"owner\"; expected one of format, name, policy, members,"
                + " items, cases, $schema", e.getMessage());
    }

    @Test
    void shouldRejectAnUnknownFieldOfACase() {
        ConsentDocumentException e = failure("\"member\": \"m-1\",", "\"member\": \"m-1\", \"asof\": \"2025-11-04T00:00:00Z\",");

        assertLocated(e, "$.cases[0].asof", 12, 67);
        assertEquals(Optional.of("asof"), e.badValue());
        assertEquals("one of name, item, member, asOf, knownAt, expect", e.expected());
    }

    @Test
    void shouldRejectAnUnknownFieldOfAnExpectation() {
        ConsentDocumentException e = failure("\"reason\": \"ALLOWED_BY_DEFAULT\"", "\"reasons\": \"ALLOWED_BY_DEFAULT\"");

        assertLocated(e, "$.cases[0].expect.reasons", 13, 47);
        assertEquals("one of trainable, reason", e.expected());
    }

    @Test
    void shouldRequireTheFormat() {
        ConsentDocumentException e = failure("\"format\": \"consentkit.suite/v1\",", "");

        assertLocated(e, "$.format", 1, 1);
        assertEquals("missing field \"format\"", e.problem());
        assertEquals("\"consentkit.suite/v1\" or a minor version of it such as \"consentkit.suite/v1.1\"", e.expected());
    }

    @Test
    void shouldReadAMinorVersionOfTheFormat() throws IOException {
        assertEquals(1, read(SUITE.replace("consentkit.suite/v1", "consentkit.suite/v1.3")).cases().size());
    }

    @Test
    void shouldRejectAnotherMajorVersionBeforeLookingAtItsFields() {
        ConsentDocumentException e = failure(SUITE.replace("consentkit.suite/v1", "consentkit.suite/v2")
                .replace("\"policy\": \"policy.json\",", "\"policy\": \"policy.json\", \"fixtures\": [],"));

        assertLocated(e, "$.format", 2, 13);
        assertEquals("unsupported major version 2 of consentkit.suite; this library reads major version 1 only", e.problem());
    }

    @Test
    void shouldRejectAnotherKindOfDocument() throws IOException {
        ConsentDocumentException e = assertThrows(ConsentDocumentException.class,
                () -> PolicySuite.read(directory.resolve("policy.json")));

        assertLocated(e, "$.format", 2, 13);
        assertEquals("this is a consentkit.policy document, not a consentkit.suite document", e.problem());
    }

    @Test
    void shouldRejectADocumentThatIsNotAnObject() {
        ConsentDocumentException e = failure("[]");

        assertLocated(e, "$", 1, 1);
        assertEquals("found an array", e.problem());
    }

    @Test
    void shouldRejectADocumentThatIsNotJson() {
        ConsentDocumentException e = failure("consentkit.suite/v1", "consentkit.suite/v1\" \"");

        assertEquals(2, e.line());
        assertEquals("well-formed JSON (RFC 8259)", e.expected());
    }

    @Test
    void shouldRejectADuplicateKey() {
        ConsentDocumentException e = failure("\"asOf\": \"2025-11-04T00:00:00Z\",",
                "\"asOf\": \"2025-11-04T00:00:00Z\", \"asOf\": \"2025-11-05T00:00:00Z\",");

        assertLocated(e, "$.cases[0].asOf", 12, 97);
        assertEquals("duplicate field \"asOf\"", e.problem());
    }

    @Test
    void shouldRejectDuplicateCaseNames() {
        ConsentDocumentException e = failure(SUITE.replace("\"expect\": {\"trainable\": true, \"reason\": \"ALLOWED_BY_DEFAULT\"}}",
                "\"expect\": {\"trainable\": true, \"reason\": \"ALLOWED_BY_DEFAULT\"}},\n"
                        + "    {\"name\": \"case 1\", \"item\": \"post-1\", \"member\": \"m-1\", \"asOf\": \"2025-11-05T00:00:00Z\","
                        + " \"expect\": {\"trainable\": true}}"));

        assertLocated(e, "$.cases[1].name", 14, 14);
        assertEquals(Optional.of("case 1"), e.badValue());
        assertEquals("$.cases[1].name at line 14, column 14: duplicate case name \"case 1\" (first at line 12, column 14);"
                + " expected each case name once", e.getMessage());
    }

    @Test
    void shouldRejectDuplicateMemberIds() {
        ConsentDocumentException e = failure("{\"id\": \"m-2\",", "{\"id\": \"m-1\",");

        assertLocated(e, "$.members[1]", 6, 5);
        assertEquals("duplicate member id \"m-1\" (first at line 5, column 5)", e.problem());
    }

    @Test
    void shouldRejectDuplicateItemIds() {
        String item = "{\"id\": \"post-1\", \"authorId\": \"m-1\", \"category\": \"content.public\", \"createdAt\": \"2025-10-01T12:00:00Z\","
                + " \"reservations\": []}";
        ConsentDocumentException e = failure(item, item + ",\n    " + item);

        assertLocated(e, "$.items[1]", 10, 5);
        assertEquals("duplicate item id \"post-1\" (first at line 9, column 5)", e.problem());
    }

    @Test
    void shouldRejectACaseNamingAnUnknownItem() {
        ConsentDocumentException e = failure("\"item\": \"post-1\"", "\"item\": \"post-9\"");

        assertEquals("$.cases[0].item at line 12, column 32: unknown item id \"post-9\"; expected the id of an item of the"
                + " suite: one of post-1", e.getMessage());
    }

    @Test
    void shouldRejectACaseNamingAnUnknownMember() {
        ConsentDocumentException e = failure("\"member\": \"m-1\"", "\"member\": \"m-9\"");

        assertLocated(e, "$.cases[0].member", 12, 52);
        assertEquals("unknown member id \"m-9\"", e.problem());
        assertEquals("the id of a member of the suite: one of m-1, m-2", e.expected());
    }

    @Test
    void shouldRejectACaseWhoseMemberIsNotTheItemsAuthor() {
        ConsentDocumentException e = failure("\"member\": \"m-1\"", "\"member\": \"m-2\"");

        assertEquals("$.cases[0].member at line 12, column 52: item \"post-1\" is authored by member \"m-1\", not by \"m-2\";"
                + " expected the id of the item's author, \"m-1\"", e.getMessage());
    }

    @Test
    void shouldRejectATrainableReasonWhenTrainableIsFalse() {
        ConsentDocumentException e = failure("\"trainable\": true", "\"trainable\": false");

        assertLocated(e, "$.cases[0].expect.reason", 13, 47);
        assertEquals("reason ALLOWED_BY_DEFAULT is a reason for a decision that is trainable, but \"trainable\" is false",
                e.problem());
        assertTrue(e.expected().startsWith("a reason that agrees with \"trainable\": one of POLICY_NOT_IN_FORCE, "), e.expected());
    }

    @Test
    void shouldRejectADenyingReasonWhenTrainableIsTrue() {
        ConsentDocumentException e = failure("\"ALLOWED_BY_DEFAULT\"", "\"OPTED_OUT\"");

        assertEquals("$.cases[0].expect.reason at line 13, column 46: reason OPTED_OUT is a reason for a decision that is"
                + " not trainable, but \"trainable\" is true; expected a reason that agrees with \"trainable\": one of"
                + " ALLOWED_BY_DEFAULT, ALLOWED_OPTED_IN, or no reason", e.getMessage());
    }

    @Test
    void shouldRejectAnUnknownReason() {
        ConsentDocumentException e = failure("\"ALLOWED_BY_DEFAULT\"", "\"ALLOWED\"");

        assertLocated(e, "$.cases[0].expect.reason", 13, 46);
        assertEquals("unknown reason \"ALLOWED\"", e.problem());
    }

    @Test
    void shouldRequireTrainable() {
        ConsentDocumentException e = failure("\"trainable\": true, ", "");

        assertLocated(e, "$.cases[0].expect.trainable", 13, 16);
        assertEquals("missing field \"trainable\"", e.problem());
    }

    @Test
    void shouldRejectTrainableThatIsNotABoolean() {
        ConsentDocumentException e = failure("\"trainable\": true", "\"trainable\": \"yes\"");

        assertLocated(e, "$.cases[0].expect.trainable", 13, 30);
        assertEquals("found a string \"yes\"", e.problem());
        assertEquals("true or false", e.expected());
    }

    @Test
    void shouldRejectAMalformedAsOf() {
        ConsentDocumentException e = failure("\"asOf\": \"2025-11-04T00:00:00Z\"", "\"asOf\": \"2025-11-04\"");

        assertEquals("$.cases[0].asOf at line 12, column 67: malformed instant \"2025-11-04\"; expected an ISO-8601 UTC"
                + " instant such as 2025-11-03T00:00:00Z", e.getMessage());
    }

    @Test
    void shouldRejectAMalformedKnownAt() {
        ConsentDocumentException e = failure("\"asOf\": \"2025-11-04T00:00:00Z\",",
                "\"asOf\": \"2025-11-04T00:00:00Z\", \"knownAt\": \"2025-11-04T00:00:00+01:00\",");

        assertLocated(e, "$.cases[0].knownAt", 12, 102);
        assertEquals(Optional.of("2025-11-04T00:00:00+01:00"), e.badValue());
    }

    @Test
    void shouldReadAKnownAtOfNullAsAbsent() throws IOException {
        PolicySuite suite = read(SUITE.replace("\"asOf\": \"2025-11-04T00:00:00Z\",",
                "\"asOf\": \"2025-11-04T00:00:00Z\", \"knownAt\": null,"));

        assertEquals(Optional.empty(), suite.cases().get(0).knownAt());
    }

    @Test
    void shouldRejectASuiteWithoutCases() {
        ConsentDocumentException e = failure(SUITE.substring(0, SUITE.indexOf("\"cases\": [")) + "\"cases\": []\n}\n");

        assertLocated(e, "$.cases", 11, 12);
        assertEquals("the suite has no case", e.problem());
    }

    @Test
    void shouldRejectABlankCaseName() {
        ConsentDocumentException e = failure("\"name\": \"case 1\"", "\"name\": \" \"");

        assertLocated(e, "$.cases[0].name", 12, 14);
        assertEquals("the string is blank", e.problem());
    }

    @Test
    void shouldReadEmbeddedMembersAsStrictlyAsMemberDocumentsWithLocationsInTheSuite() {
        ConsentDocumentException e = failure("\"consent\": []},\n    {\"id\": \"m-2\"",
                "\"consent\": [{\"id\": \"e-1\", \"purpose\": \"ai-training\", \"choice\": \"OPT_OUT\", \"effectiveAt\": "
                        + "\"2025-11-10T00:00:00Z\", \"recordedAt\": \"2025-11-09T00:00:00Z\", \"channel\": \"API\"}]},\n    {\"id\": \"m-2\"");

        assertLocated(e, "$.members[0].consent[0].recordedAt", 5, 215);
        assertTrue(e.problem().startsWith("consent event e-1 is recorded at 2025-11-09T00:00:00Z, before it takes effect"),
                e.problem());
    }

    @Test
    void shouldCheckTheFormatOfAnEmbeddedMemberWhenGiven() {
        ConsentDocumentException e = failure("{\"id\": \"m-2\",", "{\"format\": \"consentkit.item/v1\", \"id\": \"m-2\",");

        assertLocated(e, "$.members[1].format", 6, 16);
        assertEquals("this is a consentkit.item document, not a consentkit.member document", e.problem());
    }

    @Test
    void shouldRejectAnUnknownFieldOfAnEmbeddedItem() {
        ConsentDocumentException e = failure("\"reservations\": []}", "\"reservations\": [], \"title\": \"Hello\"}");

        assertLocated(e, "$.items[0].title", 9, 137);
        assertTrue(e.expected().startsWith("one of format, id, authorId, category"), e.expected());
    }

    @Test
    void shouldRejectAMissingPolicyFileNamingWhereItLooked() {
        ConsentDocumentException e = failure("\"policy.json\"", "\"policies/missing.json\"");

        assertLocated(e, "$.policy", 3, 13);
        assertEquals("there is no policy file at " + directory.toAbsolutePath().resolve("policies/missing.json"), e.problem());
        assertInstanceOf(NoSuchFileException.class, e.getCause());
    }

    @Test
    void shouldRejectAnInvalidPolicyFileNamingTheProblemInIt() throws IOException {
        Path policy = directory.resolve("policy.json");
        Files.writeString(policy, Files.readString(policy).replace("\"minimumAge\": 18", "\"minimumAge\": \"18\""));

        ConsentDocumentException e = failure(SUITE);

        assertLocated(e, "$.policy", 3, 13);
        assertEquals("the policy file " + directory.toAbsolutePath().resolve("policy.json") + " is not a valid policy:"
                + " $.versions[0].minimumAge at line 15, column 21: found a string \"18\"; expected a whole number",
                e.problem());
        assertInstanceOf(ConsentDocumentException.class, e.getCause());
    }

    @Test
    void shouldRequireAPolicyFileToCarryItsFormat() throws IOException {
        Path policy = directory.resolve("policy.json");
        Files.writeString(policy, Files.readString(policy).replace("\"format\": \"consentkit.policy/v1.1\",", ""));

        ConsentDocumentException e = failure(SUITE);

        assertTrue(e.problem().endsWith("$.format at line 1, column 1: missing field \"format\"; expected"
                + " \"consentkit.policy/v1\" or a minor version of it such as \"consentkit.policy/v1.1\""), e.problem());
    }

    @Test
    void shouldReadAPolicyInlineWithoutItsFormat() throws IOException {
        String inline = Files.readString(directory.resolve("policy.json")).replace("\"format\": \"consentkit.policy/v1\",", "");

        PolicySuite suite = read(SUITE.replace("\"policy.json\"", inline));

        assertEquals("meta-eu-genai", suite.policy().id());
    }

    @Test
    void shouldReadAnInlinePolicyAsStrictlyAsAPolicyDocument() throws IOException {
        String inline = Files.readString(directory.resolve("policy.json")).replace("\"LEGITIMATE_INTERESTS\"", "\"LEGITIMATE_INTEREST\"");

        ConsentDocumentException e = failure(SUITE.replace("\"policy.json\"", inline));

        assertEquals("$.policy.versions[0].jurisdictionRules[0].basis", e.fieldPath());
        assertEquals(13, e.line());
        assertEquals("unknown legal basis \"LEGITIMATE_INTEREST\"", e.problem());
    }

    @Test
    void shouldRejectAPolicyThatIsNeitherAPathNorADocument() {
        ConsentDocumentException e = failure("\"policy\": \"policy.json\"", "\"policy\": 42");

        assertEquals("$.policy at line 3, column 13: found a number 42; expected a policy document, or the path of a policy"
                + " document file relative to the suite file's directory", e.getMessage());
    }

    @Test
    void shouldRejectABlankPolicyPath() {
        ConsentDocumentException e = failure("\"policy\": \"policy.json\"", "\"policy\": \"\"");

        assertLocated(e, "$.policy", 3, 13);
        assertEquals("the policy path is blank", e.problem());
    }

    @Test
    void shouldReportAFileThatCannotBeReadAsAnIoException() {
        IOException e = assertThrows(IOException.class, () -> PolicySuite.read(directory.resolve("absent.suite.json")));

        assertInstanceOf(NoSuchFileException.class, e);
    }

    @Test
    void shouldRejectASuiteOneByteLongerThanADocumentMayBe() throws IOException {
        byte[] suite = SUITE.getBytes(StandardCharsets.UTF_8);
        byte[] padded = Arrays.copyOf(suite, Math.toIntExact(ConsentDocuments.MAX_DOCUMENT_LENGTH) + 1);
        Arrays.fill(padded, suite.length, padded.length, (byte) ' ');
        Path file = Files.write(directory.resolve("big.suite.json"), padded);

        ConsentDocumentException e = assertThrows(ConsentDocumentException.class, () -> PolicySuite.read(file));

        assertEquals("the document is longer than 16777216 bytes", e.problem());
    }

    @Test
    @DisabledOnOs(value = OS.WINDOWS, disabledReason = "reads /dev/zero")
    void shouldStopReadingAFileThatNeverEndsAtTheLimitOfADocument() {
        // Neither reading the suite nor looking for its format afterwards may read the file whole.
        ConsentDocumentException e = assertThrows(ConsentDocumentException.class,
                () -> PolicySuite.read(Path.of("/dev/zero")));

        assertEquals("the document is longer than 16777216 bytes", e.problem());
    }
}
