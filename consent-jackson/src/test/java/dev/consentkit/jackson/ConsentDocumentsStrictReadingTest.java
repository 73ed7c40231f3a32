package dev.consentkit.jackson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.consentkit.ContentItem;
import dev.consentkit.Decision;
import dev.consentkit.Member;
import dev.consentkit.TrainingPolicy;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Shows that reading is strict: every way a document can be wrong fails with a
 * {@link ConsentDocumentException} naming the field path, the bad value, the line and column and what
 * was expected, so that a typo never silently changes what is trained on.
 */
class ConsentDocumentsStrictReadingTest {

    private static final String ITEM = """
            {
              "format": "consentkit.item/v1",
              "id": "post-1",
              "authorId": "m-1",
              "category": "content.public",
              "createdAt": "2025-10-01T12:00:00Z",
              "reservations": []
            }
            """;

    private static final String POLICY = """
            {
              "format": "consentkit.policy/v1",
              "id": "linkedin-genai",
              "purpose": "ai-training.generative",
              "versions": [
                {
                  "id": "2024-09-18",
                  "effectiveFrom": "2024-09-18T00:00:00Z",
                  "defaultBasis": "LEGITIMATE_INTERESTS",
                  "jurisdictionRules": [
                    {"jurisdiction": "EU", "excluded": true}
                  ],
                  "allowedCategories": ["profile", "content.public"],
                  "neverAllowedCategories": ["messages.private"],
                  "minimumAge": 18,
                  "unknownAge": "DENY"
                },
                {
                  "id": "2025-11-03",
                  "effectiveFrom": "2025-11-03T00:00:00Z",
                  "defaultBasis": "LEGITIMATE_INTERESTS",
                  "jurisdictionRules": [],
                  "allowedCategories": ["profile", "content.public"],
                  "neverAllowedCategories": ["messages.private"],
                  "minimumAge": 18,
                  "unknownAge": "DENY"
                }
              ]
            }
            """;

    private static final String MEMBER = """
            {
              "format": "consentkit.member/v1",
              "id": "m-1",
              "birthDate": "1990-04-01",
              "jurisdictions": [{"jurisdiction": "DE"}, {"jurisdiction": "FR", "from": "2025-03-01T00:00:00Z"}],
              "consent": [
                {"id": "e-7", "purpose": "ai-training.generative", "choice": "OPT_OUT",
                 "effectiveAt": "2025-11-10T00:00:00Z", "recordedAt": "2025-11-10T00:00:05Z", "channel": "SETTINGS_TOGGLE"}
              ]
            }
            """;

    private static final String DECISION = """
            {
              "format": "consentkit.decision/v1",
              "itemId": "post-1",
              "memberId": "m-1",
              "asOf": "2025-11-12T00:00:00Z",
              "trainable": false,
              "reason": "OPTED_OUT",
              "failedChecks": ["OPTED_OUT"],
              "policyId": "linkedin-genai",
              "policyVersion": "2025-11-03",
              "evidence": {
                "kind": "CONSENT_EVENT",
                "description": "OPT_OUT event e-7 for ai-training.generative via SETTINGS_TOGGLE",
                "at": "2025-11-10T00:00:00Z",
                "consentEvent": {"id": "e-7", "purpose": "ai-training.generative", "choice": "OPT_OUT",
                  "effectiveAt": "2025-11-10T00:00:00Z", "recordedAt": "2025-11-10T00:00:05Z", "channel": "SETTINGS_TOGGLE"}
              }
            }
            """;

    private static ConsentDocumentException failure(Executable read) {
        return assertThrows(ConsentDocumentException.class, read);
    }

    private static void assertProblem(ConsentDocumentException e, String fieldPath, String badValue, long line, int column) {
        assertEquals(fieldPath, e.fieldPath(), e.getMessage());
        assertEquals(Optional.ofNullable(badValue), e.badValue(), e.getMessage());
        assertEquals(line, e.line(), e.getMessage());
        assertEquals(column, e.column(), e.getMessage());
    }

    private static void assertMentions(ConsentDocumentException e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), () -> "'" + part + "' not in: " + e.getMessage());
        }
    }

    @Test
    void shouldReadTheValidDocumentsTheseTestsBreak() throws ConsentDocumentException {
        ContentItem item = ConsentDocuments.readItem(ITEM);
        TrainingPolicy policy = ConsentDocuments.readPolicy(POLICY);
        Member member = ConsentDocuments.readMember(MEMBER);
        Decision decision = ConsentDocuments.readDecision(DECISION);

        // A v1 decision keeps its evidence as words: it comes to the same outcome as the engine's.
        assertTrue(decision.sameOutcome(policy.evaluate(item, member, decision.asOf())));
    }

    @Test
    void shouldRejectAnUnknownFieldNamingItAndTheFieldsItCouldBe() {
        ConsentDocumentException e = failure(() -> ConsentDocuments.readPolicy(
                POLICY.replace("\"allowedCategories\": [\"profile\", \"content.public\"],\n      \"neverAllowedCategories\": [\"messages.private\"],\n      \"minimumAge\": 18,\n      \"unknownAge\": \"DENY\"\n    },",
                        "\"allowedCategorys\": [\"profile\", \"content.public\"],\n      \"neverAllowedCategories\": [\"messages.private\"],\n      \"minimumAge\": 18,\n      \"unknownAge\": \"DENY\"\n    },")));

        // Located at the field's value, where reading meets it.
        assertProblem(e, "$.versions[0].allowedCategorys", "allowedCategorys", 13, 27);
        assertEquals("$.versions[0].allowedCategorys at line 13, column 27: unknown field \"allowedCategorys\"; expected one of"
                + " id, effectiveFrom, defaultBasis, excludedByDefault, jurisdictionRules, allowedCategories,"
                + " neverAllowedCategories, minimumAge, unknownAge, leapDayBirthday, gpcSignalsObject, itemsCreatedFrom,"
                + " itemsFromMembersChoice", e.getMessage());
    }

    @Test
    void shouldRejectAnUnknownEnumNameListingTheKnownOnes() {
        ConsentDocumentException e = failure(() -> ConsentDocuments.readPolicy(
                POLICY.replaceFirst("\"LEGITIMATE_INTERESTS\"", "\"LEGITIMATE_INTEREST\"")));

        assertProblem(e, "$.versions[0].defaultBasis", "LEGITIMATE_INTEREST", 9, 23);
        assertMentions(e, "unknown legal basis \"LEGITIMATE_INTEREST\"", "expected one of CONSENT, CONTRACT,"
                + " LEGAL_OBLIGATION, VITAL_INTERESTS, PUBLIC_TASK, LEGITIMATE_INTERESTS");
    }

    @Test
    void shouldRejectAnEnumNameInAnotherCase() {
        ConsentDocumentException e = failure(() -> ConsentDocuments.readMember(MEMBER.replace("\"OPT_OUT\"", "\"opt_out\"")));

        assertProblem(e, "$.consent[0].choice", "opt_out", 7, 66);
    }

    @Test
    void shouldRejectADuplicateKeyAtItsSecondOccurrence() {
        ConsentDocumentException e = failure(() -> ConsentDocuments.readItem(
                ITEM.replace("\"authorId\": \"m-1\",", "\"authorId\": \"m-1\", \"id\": \"post-2\",")));

        // Located where the parser has read the repeated name.
        assertProblem(e, "$.id", "id", 4, 26);
        assertMentions(e, "duplicate field \"id\"", "expected each field once");
    }

    @Test
    void shouldRejectADuplicateKeyInANestedObject() {
        ConsentDocumentException e = failure(() -> ConsentDocuments.readPolicy(
                POLICY.replace("{\"jurisdiction\": \"EU\", \"excluded\": true}",
                        "{\"jurisdiction\": \"EU\", \"excluded\": true, \"jurisdiction\": \"CH\"}")));

        assertEquals("$.versions[0].jurisdictionRules[0].jurisdiction", e.fieldPath());
        assertEquals(11, e.line());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-10-01 12:00:00Z", "2025-10-01T12:00:00+01:00", "2025-10-01T12:00Z", "2025-10-01t12:00:00z",
        "2025-02-30T12:00:00Z", "2025-10-01T24:00:00Z", "2016-12-31T23:59:60Z", "+2025-10-01T12:00:00Z",
        "2025-10-01T12:00:00.1234567890Z", "1759320000", ""})
    void shouldRejectAMalformedInstant(String instant) {
        ConsentDocumentException e = failure(() -> ConsentDocuments.readItem(ITEM.replace("2025-10-01T12:00:00Z", instant)));

        assertProblem(e, "$.createdAt", instant, 6, 16);
        assertMentions(e, "malformed instant \"" + instant + "\"", "expected an ISO-8601 UTC instant such as 2025-11-03T00:00:00Z");
    }

    @Test
    void shouldRejectAnInstantWrittenAsANumber() {
        ConsentDocumentException e = failure(() -> ConsentDocuments.readItem(
                ITEM.replace("\"2025-10-01T12:00:00Z\"", "1759320000")));

        assertProblem(e, "$.createdAt", "1759320000", 6, 16);
        assertMentions(e, "found a number 1759320000", "expected an ISO-8601 UTC instant");
    }

    @Test
    void shouldRejectAMalformedBirthDate() {
        ConsentDocumentException e = failure(() -> ConsentDocuments.readMember(MEMBER.replace("1990-04-01", "01.04.1990")));

        assertProblem(e, "$.birthDate", "01.04.1990", 4, 16);
        assertMentions(e, "malformed date", "expected an ISO-8601 date such as 1990-04-01");
    }

    @Test
    void shouldRejectAnInvalidCategoryKeyWithTheCoresExplanation() {
        ConsentDocumentException e = failure(() -> ConsentDocuments.readItem(ITEM.replace("content.public", "Content.Public")));

        assertProblem(e, "$.category", "Content.Public", 5, 15);
        assertMentions(e, "at line 5, column 15: data category key 'Content.Public' is malformed: segment 1"
                + " starts with 'C', not a lowercase letter; expected a data category key such as content.public");
    }

    @Test
    void shouldRejectAnInvalidPurposeKey() {
        ConsentDocumentException e = failure(() -> ConsentDocuments.readPolicy(
                POLICY.replace("\"ai-training.generative\"", "\"ai training\"")));

        assertProblem(e, "$.purpose", "ai training", 4, 14);
        assertMentions(e, "purpose key 'ai training' is malformed: character ' ' at index 2 is not allowed; expected a"
                + " purpose key such as ai-training.generative");
    }

    @ParameterizedTest
    @ValueSource(strings = {"UK", "XX", "EUR", "EU-FR", "U"})
    void shouldRejectAnUnknownJurisdictionCode(String code) {
        ConsentDocumentException e = failure(() -> ConsentDocuments.readPolicy(
                POLICY.replace("\"jurisdiction\": \"EU\"", "\"jurisdiction\": \"" + code + "\"")));

        assertProblem(e, "$.versions[0].jurisdictionRules[0].jurisdiction", code, 11, 26);
        assertMentions(e, "unknown jurisdiction code '" + code + "'");
        assertEquals(1, e.getMessage().split("expected", -1).length - 1, "one expectation in: " + e.getMessage());
    }

    @Test
    void shouldNameTheUnitedKingdomsCodeForUk() {
        ConsentDocumentException e = failure(() -> ConsentDocuments.readPolicy(
                POLICY.replace("\"jurisdiction\": \"EU\"", "\"jurisdiction\": \"UK\"")));

        assertMentions(e, "ISO 3166-1 codes the United Kingdom as 'GB'");
    }

    @Test
    void shouldRejectAJurisdictionCodeNotInUpperCase() {
        ConsentDocumentException e = failure(() -> ConsentDocuments.readMember(MEMBER.replace("\"DE\"", "\"de\"")));

        assertProblem(e, "$.jurisdictions[0].jurisdiction", "de", 5, 38);
        assertEquals("\"DE\"", e.expected());
    }

    @Test
    void shouldRejectAGroupAsWhereAMemberLives() {
        ConsentDocumentException e = failure(() -> ConsentDocuments.readMember(MEMBER.replace("\"DE\"", "\"EU\"")));

        assertProblem(e, "$.jurisdictions[0].jurisdiction", "EU", 5, 38);
        assertMentions(e, "a member resides in a country or subdivision, not in the group 'EU'");
    }

    @Test
    void shouldRejectPolicyVersionsOutOfOrderAlthoughTheCoreWouldSortThem() {
        ConsentDocumentException e = failure(() -> ConsentDocuments.readPolicy(
                POLICY.replace("2025-11-03T00:00:00Z", "2024-09-01T00:00:00Z")));

        assertProblem(e, "$.versions[1].effectiveFrom", "2024-09-01T00:00:00Z", 20, 24);
        assertMentions(e, "version 2025-11-03 takes effect at 2024-09-01T00:00:00Z, not after version 2024-09-18",
                "expected versions in the order they take effect");
    }

    @Test
    void shouldRejectTwoVersionsTakingEffectAtTheSameInstant() {
        ConsentDocumentException e = failure(() -> ConsentDocuments.readPolicy(
                POLICY.replace("2025-11-03T00:00:00Z", "2024-09-18T00:00:00Z")));

        assertEquals("$.versions[1].effectiveFrom", e.fieldPath());
    }

    @Test
    void shouldRejectTwoVersionsWithTheSameId() {
        ConsentDocumentException e = failure(() -> ConsentDocuments.readPolicy(
                POLICY.replace("\"id\": \"2025-11-03\"", "\"id\": \"2024-09-18\"")));

        assertProblem(e, "$.versions[1].id", "2024-09-18", 19, 13);
        assertMentions(e, "two versions with id 2024-09-18");
    }

    @Test
    void shouldRejectResidencesOutOfOrder() {
        ConsentDocumentException e = failure(() -> ConsentDocuments.readMember(MEMBER.replace(
                "[{\"jurisdiction\": \"DE\"}, {\"jurisdiction\": \"FR\", \"from\": \"2025-03-01T00:00:00Z\"}]",
                "[{\"jurisdiction\": \"FR\", \"from\": \"2025-03-01T00:00:00Z\"}, {\"jurisdiction\": \"DE\"}]")));

        assertProblem(e, "$.jurisdictions[1]", "{…}", 5, 77);
        assertMentions(e, "residence in DE has no start, not after the residence before it in FR from 2025-03-01T00:00:00Z");
    }

    @Test
    void shouldRejectAnUnsupportedMajorFormatVersionNamingTheSupportedOne() {
        ConsentDocumentException e = failure(() -> ConsentDocuments.readItem(ITEM.replace("item/v1", "item/v2")));

        assertProblem(e, "$.format", "consentkit.item/v2", 2, 13);
        assertEquals("$.format at line 2, column 13: unsupported major version 2 of consentkit.item; this library reads major"
                + " version 1 only; expected \"consentkit.item/v1\" or a minor version of it such as \"consentkit.item/v1.1\"",
                e.getMessage());
    }

    @Test
    void shouldCheckTheFormatBeforeAnyOtherFieldWhereverItIsWritten() {
        String newer = "{\"id\": \"post-1\", \"summary\": \"a v2 field\", \"format\": \"consentkit.item/v2\"}";

        ConsentDocumentException e = failure(() -> ConsentDocuments.readItem(newer));

        assertEquals("$.format", e.fieldPath());
        assertMentions(e, "unsupported major version 2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"consentkit.item/v1.0", "consentkit.item/v1.7", "consentkit.item/v1.123456789"})
    void shouldAcceptAMinorFormatVersion(String format) throws ConsentDocumentException {
        ContentItem item = ConsentDocuments.readItem(ITEM.replace("consentkit.item/v1", format));

        assertEquals("post-1", item.id());
    }

    @ParameterizedTest
    @ValueSource(strings = {"consentkit.item/1", "consentkit.item/v", "consentkit.item/v01", "consentkit.item/v1.",
        "consentkit.item/v1.1.1", "ConsentKit.item/v1", "consentkit.item/V1"})
    void shouldRejectAMalformedFormat(String format) {
        ConsentDocumentException e = failure(() -> ConsentDocuments.readItem(ITEM.replace("consentkit.item/v1", format)));

        assertProblem(e, "$.format", format, 2, 13);
        assertMentions(e, "malformed document format");
    }

    @Test
    void shouldRejectADocumentOfAnotherKind() {
        ConsentDocumentException e = failure(() -> ConsentDocuments.readPolicy(ITEM));

        assertProblem(e, "$.format", "consentkit.item/v1", 2, 13);
        assertMentions(e, "this is a consentkit.item document, not a consentkit.policy document",
                "expected \"consentkit.policy/v1\"");
    }

    @Test
    void shouldRejectASingleDocumentWithoutFormat() {
        ConsentDocumentException e = failure(() -> ConsentDocuments.readItem(
                ITEM.replace("  \"format\": \"consentkit.item/v1\",\n", "")));

        assertProblem(e, "$.format", null, 1, 1);
        assertMentions(e, "missing field \"format\"");
    }

    @Test
    void shouldRejectAMissingRequiredFieldNamingItsPathAndWhatItHolds() {
        ConsentDocumentException e = failure(() -> ConsentDocuments.readItem(ITEM.replace(",\n  \"reservations\": []", "")));

        assertProblem(e, "$.reservations", null, 1, 1);
        assertEquals("an array of reservations, possibly empty", e.expected());
    }

    @Test
    void shouldRejectANullWhereAValueIsRequired() {
        ConsentDocumentException e = failure(() -> ConsentDocuments.readItem(ITEM.replace("\"m-1\"", "null")));

        // A required field written as null is as missing as one left out.
        assertProblem(e, "$.authorId", null, 1, 1);
        assertMentions(e, "missing field \"authorId\"");
    }

    @Test
    void shouldRejectAVersionWithoutADefault() {
        ConsentDocumentException e = failure(() -> ConsentDocuments.readPolicy(
                POLICY.replaceFirst("\"defaultBasis\": \"LEGITIMATE_INTERESTS\",", "")));

        assertProblem(e, "$.versions[0].defaultBasis", null, 6, 5);
        assertEquals("either \"defaultBasis\" with a legal basis, or \"excludedByDefault\": true", e.expected());
    }

    @Test
    void shouldRejectANullDefaultBasisRatherThanGuessWhatItMeans() {
        ConsentDocumentException e = failure(() -> ConsentDocuments.readPolicy(
                POLICY.replaceFirst("\"LEGITIMATE_INTERESTS\"", "null")));

        // null is never a default: it reads as no default at all, located at the version.
        assertProblem(e, "$.versions[0].defaultBasis", null, 6, 5);
        assertMentions(e, "missing field \"defaultBasis\"", "either \"defaultBasis\" with a legal basis, or \"excludedByDefault\": true");
    }

    @Test
    void shouldRejectExcludedByDefaultFalse() {
        ConsentDocumentException e = failure(() -> ConsentDocuments.readPolicy(
                POLICY.replaceFirst("\"defaultBasis\": \"LEGITIMATE_INTERESTS\"", "\"excludedByDefault\": false")));

        assertProblem(e, "$.versions[0].excludedByDefault", "false", 9, 28);
    }

    @Test
    void shouldRejectBothADefaultBasisAndExcludedByDefault() {
        ConsentDocumentException e = failure(() -> ConsentDocuments.readPolicy(POLICY.replaceFirst(
                "\"defaultBasis\": \"LEGITIMATE_INTERESTS\"", "\"defaultBasis\": \"CONSENT\", \"excludedByDefault\": true")));

        assertEquals("$.versions[0].excludedByDefault", e.fieldPath());
        assertMentions(e, "not both");
    }

    @Test
    void shouldRejectARuleThatNeitherGivesABasisNorExcludes() {
        ConsentDocumentException e = failure(() -> ConsentDocuments.readPolicy(
                POLICY.replace(", \"excluded\": true}", "}")));

        assertProblem(e, "$.versions[0].jurisdictionRules[0].basis", null, 11, 9);
        assertEquals("either \"basis\" with a legal basis, or \"excluded\": true", e.expected());
    }

    @Test
    void shouldRejectTwoRulesForOneJurisdiction() {
        ConsentDocumentException e = failure(() -> ConsentDocuments.readPolicy(POLICY.replace(
                "{\"jurisdiction\": \"EU\", \"excluded\": true}",
                "{\"jurisdiction\": \"EU\", \"excluded\": true}, {\"jurisdiction\": \"EU\", \"basis\": \"CONSENT\"}")));

        assertProblem(e, "$.versions[0].jurisdictionRules[1].jurisdiction", "EU", 11, 68);
        assertMentions(e, "has two rules for EU");
    }

    @Test
    void shouldRejectACategoryListedTwice() {
        ConsentDocumentException e = failure(() -> ConsentDocuments.readPolicy(
                POLICY.replaceFirst("\\[\"profile\", \"content.public\"]", "[\"profile\", \"content.public\", \"profile\"]")));

        assertProblem(e, "$.versions[0].allowedCategories[2]", "profile", 13, 58);
        assertMentions(e, "category profile is listed twice (first at line 13, column 29)");
    }

    @Test
    void shouldReportACoreValidationErrorAtItsFieldWithTheCoresMessage() {
        ConsentDocumentException e = failure(() -> ConsentDocuments.readItem(
                ITEM.replace("\"reservations\"", "\"deletedAt\": \"2025-09-01T00:00:00Z\", \"reservations\"")));

        assertProblem(e, "$.deletedAt", "2025-09-01T00:00:00Z", 7, 16);
        assertMentions(e, "content item post-1 is deleted at 2025-09-01T00:00:00Z, before it was created at 2025-10-01T12:00:00Z",
                "expected deletedAt at or after createdAt");
    }

    @Test
    void shouldReportAConsentEventRecordedBeforeItTakesEffectAtItsRecordedAt() {
        ConsentDocumentException e = failure(() -> ConsentDocuments.readMember(
                MEMBER.replace("\"recordedAt\": \"2025-11-10T00:00:05Z\"", "\"recordedAt\": \"2025-11-09T00:00:00Z\"")));

        assertProblem(e, "$.consent[0].recordedAt", "2025-11-09T00:00:00Z", 8, 59);
        assertMentions(e, "consent event e-7 is recorded at 2025-11-09T00:00:00Z, before it takes effect at 2025-11-10T00:00:00Z");
    }

    @Test
    void shouldReportABlankIdWithTheCoresMessage() {
        ConsentDocumentException e = failure(() -> ConsentDocuments.readItem(ITEM.replace("\"post-1\"", "\"  \"")));

        assertProblem(e, "$.id", "  ", 3, 9);
        assertMentions(e, "content item id is blank");
    }

    @Test
    void shouldReportAMinimumAgeTheCoreRejects() {
        ConsentDocumentException e = failure(() -> ConsentDocuments.readPolicy(POLICY.replaceFirst("18,", "200,")));

        assertProblem(e, "$.versions[0].minimumAge", "200", 15, 21);
        assertMentions(e, "must be between 0 and 150 years, not 200");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"18\"", "18.0", "1.8e1", "true", "[18]", "{}"})
    void shouldRejectAValueOfTheWrongJsonType(String age) {
        ConsentDocumentException e = failure(() -> ConsentDocuments.readPolicy(POLICY.replaceFirst("18,", age + ",")));

        assertEquals("$.versions[0].minimumAge", e.fieldPath());
        assertEquals(15, e.line());
        assertEquals("a whole number", e.expected());
    }

    @Test
    void shouldRejectAWholeNumberTooLargeForAnAge() {
        ConsentDocumentException e = failure(() -> ConsentDocuments.readPolicy(POLICY.replaceFirst("18,", "99999999999999999999,")));

        assertMentions(e, "number 99999999999999999999 is out of range");
    }

    @Test
    void shouldRejectANumberLongerThanTheLimit() {
        String digits = "9".repeat(ConsentDocuments.MAX_NUMBER_LENGTH + 1);

        ConsentDocumentException e = failure(() -> ConsentDocuments.readPolicy(POLICY.replaceFirst("18,", digits + ",")));

        assertEquals(15, e.line());
        assertMentions(e, "Number value length", "expected a document within the limits");
    }

    @Test
    void shouldRejectNestingDeeperThanTheLimit() {
        int depth = ConsentDocuments.MAX_NESTING_DEPTH + 1;
        String deep = "[".repeat(depth) + "]".repeat(depth);

        ConsentDocumentException e = failure(() -> ConsentDocuments.readItem(ITEM.replace("[]", deep)));

        // Reading stops at the first level that cannot be a reservation, before the parser goes deeper.
        assertEquals("$.reservations[0]", e.fieldPath());
        assertEquals(7, e.line());
        assertMentions(e, "found an array", "expected a JSON object");
    }

    @Test
    void shouldRejectAStringLongerThanTheLimit() {
        String id = "p".repeat(ConsentDocuments.MAX_STRING_LENGTH + 1);

        ConsentDocumentException e = failure(() -> ConsentDocuments.readItem(ITEM.replace("post-1", id)));

        assertEquals(3, e.line());
        assertMentions(e, "String value length", "expected a document within the limits");
    }

    @Test
    void shouldRejectADocumentLongerThanTheLimit() {
        String padding = " ".repeat((int) ConsentDocuments.MAX_DOCUMENT_LENGTH);

        ConsentDocumentException e = failure(() -> ConsentDocuments.readItem(ITEM + padding));

        assertMentions(e, "the document is longer than 16777216 characters");
    }

    @Test
    void shouldStopReadingBytesThatNeverEndOneBytePastTheLimit() {
        long[] read = {0};
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                read[0]++;
                return ' ';
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                Arrays.fill(buffer, offset, offset + length, (byte) ' ');
                read[0] += length;
                return length;
            }
        };

        // readPolicy(Path), readMember(Path), readItem(Path), readDecision(Path) and readEmbedding(Path)
        // read their file through this same stream reading.
        ConsentDocumentException e = failure(() -> ConsentDocuments.readPolicy(endless));

        assertMentions(e, "the document is longer than 16777216 bytes",
                "expected a document of at most 16777216 bytes (ConsentDocuments.MAX_DOCUMENT_LENGTH)");
        assertEquals(ConsentDocuments.MAX_DOCUMENT_LENGTH + 1, read[0]);
    }

    @Test
    void shouldRejectContentAfterTheDocument() {
        ConsentDocumentException e = failure(() -> ConsentDocuments.readItem(ITEM + ITEM));

        assertProblem(e, "$", "{", 9, 1);
        assertMentions(e, "more content after the document");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   \n  ", "null", "[]", "\"consentkit.item/v1\""})
    void shouldRejectSomethingThatIsNotADocument(String text) {
        ConsentDocumentException e = failure(() -> ConsentDocuments.readItem(text));

        assertEquals("$", e.fieldPath());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"format\": \"consentkit.item/v1\",}", "{'format': 'consentkit.item/v1'}",
        "{\"format\": \"consentkit.item/v1\" /* a comment */}", "{\"format\" \"consentkit.item/v1\"}",
        "{\"format\": \"consentkit.item/v1\"", "{\"format\": NaN}"})
    void shouldRejectTextThatIsNotStrictJson(String text) {
        ConsentDocumentException e = failure(() -> ConsentDocuments.readItem(text));

        assertEquals(1, e.line());
        assertEquals("well-formed JSON (RFC 8259)", e.expected());
    }

    @Test
    void shouldRejectADecisionWhoseTrainableFlagContradictsItsReason() {
        ConsentDocumentException e = failure(() -> ConsentDocuments.readDecision(DECISION.replace("false", "true")));

        assertProblem(e, "$.trainable", "true", 6, 16);
        assertMentions(e, "\"trainable\" is true but reason OPTED_OUT is a denial");
    }

    @Test
    void shouldRejectADecisionWhoseFailedChecksContradictItsReason() {
        ConsentDocumentException e = failure(() -> ConsentDocuments.readDecision(
                DECISION.replace("[\"OPTED_OUT\"]", "[\"ITEM_DELETED\", \"OPTED_OUT\"]")));

        assertEquals("$.reason", e.fieldPath());
        assertMentions(e, "reason OPTED_OUT is not the first failed check of [ITEM_DELETED, OPTED_OUT]");
    }

    @Test
    void shouldRejectADecisionWithoutThePolicyVersionThatDecided() {
        ConsentDocumentException e = failure(() -> ConsentDocuments.readDecision(
                DECISION.replace("\"policyVersion\": \"2025-11-03\",", "")));

        assertEquals("$", e.fieldPath());
        assertMentions(e, "a decision names its policy version unless no version is in force");
    }

    @Test
    void shouldReadEvidenceWordedOtherwiseThanTheEngineWouldWordItNow() throws ConsentDocumentException {
        Decision decision = ConsentDocuments.readDecision(DECISION.replace("via SETTINGS_TOGGLE", "via API"));

        assertEquals("OPT_OUT event e-7 for ai-training.generative via API", decision.evidence().description());
        assertTrue(decision.evidence().isRecorded());
        assertEquals("e-7", decision.evidence().consentEvent().orElseThrow().id());
    }

    @Test
    void shouldRejectAConsentEventOnEvidenceOfAnotherKind() {
        ConsentDocumentException e = failure(() -> ConsentDocuments.readDecision(
                DECISION.replace("\"CONSENT_EVENT\"", "\"POLICY_RULE\"")));

        assertEquals("$.evidence.kind", e.fieldPath());
        assertMentions(e, "evidence of kind POLICY_RULE cannot explain OPTED_OUT");
    }

    @Test
    void shouldRejectTheSameEventIdForTwoDifferentEvents() {
        String twice = MEMBER.replace("\"channel\": \"SETTINGS_TOGGLE\"}", "\"channel\": \"SETTINGS_TOGGLE\"},\n"
                + "    {\"id\": \"e-7\", \"purpose\": \"ai-training\", \"choice\": \"OPT_IN\",\n"
                + "     \"effectiveAt\": \"2025-11-11T00:00:00Z\", \"recordedAt\": \"2025-11-11T00:00:00Z\", \"channel\": \"API\"}");

        ConsentDocumentException e = failure(() -> ConsentDocuments.readMember(twice));

        assertProblem(e, "$.consent[1]", "{…}", 9, 5);
        assertMentions(e, "consent event id e-7 is used for two different events");
    }

    @Test
    void shouldAcceptTheSameEventTwiceAsTheCoreDoes() throws ConsentDocumentException {
        String event = "{\"id\": \"e-7\", \"purpose\": \"ai-training.generative\", \"choice\": \"OPT_OUT\",\n"
                + "     \"effectiveAt\": \"2025-11-10T00:00:00Z\", \"recordedAt\": \"2025-11-10T00:00:05Z\", \"channel\": \"SETTINGS_TOGGLE\"}";
        String twice = MEMBER.replace("\"channel\": \"SETTINGS_TOGGLE\"}", "\"channel\": \"SETTINGS_TOGGLE\"},\n    " + event);

        assertEquals(ConsentDocuments.readMember(MEMBER), ConsentDocuments.readMember(twice));
    }
}
