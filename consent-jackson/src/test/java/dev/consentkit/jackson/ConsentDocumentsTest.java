package dev.consentkit.jackson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.consentkit.ConsentChannel;
import dev.consentkit.ConsentEvent;
import dev.consentkit.ContentItem;
import dev.consentkit.DataCategory;
import dev.consentkit.Decision;
import dev.consentkit.Jurisdiction;
import dev.consentkit.LeapDayBirthday;
import dev.consentkit.LegalBasis;
import dev.consentkit.Member;
import dev.consentkit.PolicyVersion;
import dev.consentkit.Purpose;
import dev.consentkit.Reservation;
import dev.consentkit.ReservationSource;
import dev.consentkit.TrainingPolicy;
import dev.consentkit.UnknownAge;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Shows that every document is written in one pinned form and read back to an equal value from every kind of source. */
class ConsentDocumentsTest {

    private static final TrainingPolicy POLICY = TrainingPolicy.builder("linkedin-genai", Purpose.GENERATIVE_AI_TRAINING)
            .version(PolicyVersion.builder("2024-09-18", Instant.parse("2024-09-18T00:00:00Z"))
                    .defaultBasis(LegalBasis.LEGITIMATE_INTERESTS)
                    .exclude(Jurisdiction.EU)
                    .basis(Jurisdiction.of("US-CA"), LegalBasis.CONSENT)
                    .allow(DataCategory.PUBLIC_CONTENT)
                    .neverAllow(DataCategory.PRIVATE_MESSAGES)
                    .build())
            .version(PolicyVersion.builder("2025-05-27", Instant.parse("2025-05-27T00:00:00Z"))
                    .excludedByDefault()
                    .minimumAge(16)
                    .unknownAge(UnknownAge.TREAT_AS_ADULT)
                    .leapDayBirthday(LeapDayBirthday.FEBRUARY_28)
                    .gpcSignalsObject(true)
                    .itemsCreatedFrom(Instant.parse("2025-05-27T00:00:00Z"))
                    .build())
            .build();

    private static final String POLICY_JSON = """
            {
              "format": "consentkit.policy/v1.1",
              "id": "linkedin-genai",
              "purpose": "ai-training.generative",
              "versions": [
                {
                  "id": "2024-09-18",
                  "effectiveFrom": "2024-09-18T00:00:00Z",
                  "defaultBasis": "LEGITIMATE_INTERESTS",
                  "jurisdictionRules": [
                    {
                      "jurisdiction": "EU",
                      "excluded": true
                    },
                    {
                      "jurisdiction": "US-CA",
                      "basis": "CONSENT"
                    }
                  ],
                  "allowedCategories": [
                    "content.public"
                  ],
                  "neverAllowedCategories": [
                    "messages.private"
                  ],
                  "minimumAge": 18,
                  "unknownAge": "DENY",
                  "leapDayBirthday": "MARCH_1",
                  "gpcSignalsObject": false
                },
                {
                  "id": "2025-05-27",
                  "effectiveFrom": "2025-05-27T00:00:00Z",
                  "excludedByDefault": true,
                  "jurisdictionRules": [],
                  "allowedCategories": [],
                  "neverAllowedCategories": [],
                  "minimumAge": 16,
                  "unknownAge": "TREAT_AS_ADULT",
                  "leapDayBirthday": "FEBRUARY_28",
                  "gpcSignalsObject": true,
                  "itemsCreatedFrom": "2025-05-27T00:00:00Z"
                }
              ]
            }
            """;

    private static final Member MEMBER = Member.builder("m-1")
            .birthDate(LocalDate.of(1990, 4, 1))
            .residentIn(Jurisdiction.of("DE"))
            .residentIn(Jurisdiction.of("FR"), Instant.parse("2025-03-01T00:00:00Z"))
            .consent(ConsentEvent.optOut("e-7", Purpose.GENERATIVE_AI_TRAINING, Instant.parse("2025-11-10T00:00:00Z"),
                    Instant.parse("2025-11-10T00:00:05.250Z"), ConsentChannel.SETTINGS_TOGGLE))
            .build();

    private static final String MEMBER_JSON = """
            {
              "format": "consentkit.member/v1",
              "id": "m-1",
              "birthDate": "1990-04-01",
              "jurisdictions": [
                {
                  "jurisdiction": "DE"
                },
                {
                  "jurisdiction": "FR",
                  "from": "2025-03-01T00:00:00Z"
                }
              ],
              "consent": [
                {
                  "id": "e-7",
                  "purpose": "ai-training.generative",
                  "choice": "OPT_OUT",
                  "effectiveAt": "2025-11-10T00:00:00Z",
                  "recordedAt": "2025-11-10T00:00:05.250Z",
                  "channel": "SETTINGS_TOGGLE"
                }
              ]
            }
            """;

    private static final ContentItem ITEM = ContentItem.of("post-1", "m-1", DataCategory.PUBLIC_CONTENT,
            Instant.parse("2025-10-01T12:00:00Z"));

    private static final String ITEM_JSON = """
            {
              "format": "consentkit.item/v1",
              "id": "post-1",
              "authorId": "m-1",
              "category": "content.public",
              "createdAt": "2025-10-01T12:00:00Z",
              "reservations": []
            }
            """;

    @TempDir
    Path directory;

    @Test
    void shouldReadBackEveryWrittenPolicy() {
        qt().withExamples(300).forAll(CoreValues.policies()).checkAssert(policy ->
                assertEquals(policy, Unchecked.get(() -> ConsentDocuments.readPolicy(ConsentDocuments.writePolicy(policy)))));
    }

    @Test
    void shouldReadBackEveryWrittenMember() {
        qt().withExamples(300).forAll(CoreValues.members()).checkAssert(member ->
                assertEquals(member, Unchecked.get(() -> ConsentDocuments.readMember(ConsentDocuments.writeMember(member)))));
    }

    @Test
    void shouldReadBackEveryWrittenItem() {
        qt().withExamples(300).forAll(CoreValues.items()).checkAssert(item ->
                assertEquals(item, Unchecked.get(() -> ConsentDocuments.readItem(ConsentDocuments.writeItem(item)))));
    }

    @Test
    void shouldReadBackEveryWrittenDecision() {
        qt().withExamples(300).forAll(CoreValues.decisions()).checkAssert(decision ->
                assertEquals(decision, Unchecked.get(() -> ConsentDocuments.readDecision(ConsentDocuments.writeDecision(decision)))));
    }

    @Test
    void shouldReadBackTheComingOfAgeOfAMemberBornOn29FebruaryUnderEitherReading() throws IOException {
        Member leapling = Member.builder("m-leap").birthDate(LocalDate.of(2008, 2, 29)).residentIn(Jurisdiction.of("DE"))
                .build();
        ContentItem post = ContentItem.of("post-leap", "m-leap", DataCategory.PUBLIC_CONTENT,
                Instant.parse("2025-10-01T12:00:00Z"));
        for (LeapDayBirthday leapDay : LeapDayBirthday.values()) {
            TrainingPolicy policy = TrainingPolicy.builder("p", Purpose.GENERATIVE_AI_TRAINING)
                    .version(PolicyVersion.builder("v1", Instant.parse("2024-01-01T00:00:00Z"))
                            .defaultBasis(LegalBasis.LEGITIMATE_INTERESTS).allow(DataCategory.CONTENT)
                            .leapDayBirthday(leapDay).build())
                    .build();
            Decision minor = policy.evaluate(post, leapling, Instant.parse("2026-02-28T12:00:00Z"));
            Decision createdWhileMinor = policy.evaluate(post, leapling, Instant.parse("2026-03-01T12:00:00Z"));

            for (Decision decision : List.of(minor, createdWhileMinor)) {
                String written = ConsentDocuments.writeDecision(decision);
                assertEquals(decision, ConsentDocuments.readDecision(written), written);
                assertTrue(written.contains(leapDay == LeapDayBirthday.MARCH_1 ? "\"comingOfAge\": \"2026-03-01\""
                        : "\"comingOfAge\": \"2026-02-28\""), written);
            }
        }
    }

    @Test
    void shouldWriteAPolicyInItsPinnedReadableForm() {
        assertEquals(POLICY_JSON, ConsentDocuments.writePolicy(POLICY));
    }

    @Test
    void shouldWriteAMemberInItsPinnedReadableFormWithoutAbsentValues() {
        assertEquals(MEMBER_JSON, ConsentDocuments.writeMember(MEMBER));
    }

    @Test
    void shouldWriteAnItemInItsPinnedReadableFormWithoutAbsentValues() {
        assertEquals(ITEM_JSON, ConsentDocuments.writeItem(ITEM));
    }

    @Test
    void shouldReadAPinnedPolicy() throws IOException {
        assertEquals(POLICY, ConsentDocuments.readPolicy(POLICY_JSON));
    }

    @Test
    void shouldReadAPolicyWrittenBeforeFormat11AsItWasDecided() throws IOException {
        String beforeTheOptions = POLICY_JSON.replace("consentkit.policy/v1.1", "consentkit.policy/v1")
                .replace(",\n      \"leapDayBirthday\": \"MARCH_1\",\n      \"gpcSignalsObject\": false", "")
                .replace("\n      \"leapDayBirthday\": \"FEBRUARY_28\",\n      \"gpcSignalsObject\": true,", "");

        TrainingPolicy read = ConsentDocuments.readPolicy(beforeTheOptions);

        assertFalse(beforeTheOptions.contains("leapDayBirthday"), beforeTheOptions);
        assertFalse(beforeTheOptions.contains("gpcSignalsObject"), beforeTheOptions);
        for (PolicyVersion version : read.versions()) {
            assertEquals(LeapDayBirthday.FEBRUARY_28, version.leapDayBirthday(), version.id());
            assertFalse(version.gpcSignalsObject(), version.id());
        }
    }

    @Test
    void shouldRejectAGpcChoiceThatIsNotABooleanNamingItAndWhere() {
        String quoted = POLICY_JSON.replace("\"gpcSignalsObject\": true", "\"gpcSignalsObject\": \"yes\"");

        ConsentDocumentException e = assertThrows(ConsentDocumentException.class,
                () -> ConsentDocuments.readPolicy(quoted));

        assertTrue(e.getMessage().startsWith("$.versions[1].gpcSignalsObject at line 41, column 27: found a string"),
                e.getMessage());
    }

    @Test
    void shouldRejectAnUnknownLeapDayReadingNamingItAndWhere() {
        String misspelt = POLICY_JSON.replace("\"MARCH_1\"", "\"MARCH_FIRST\"");

        ConsentDocumentException e = assertThrows(ConsentDocumentException.class,
                () -> ConsentDocuments.readPolicy(misspelt));

        assertEquals("$.versions[0].leapDayBirthday at line 28, column 26: unknown leap-day birthday reading "
                + "\"MARCH_FIRST\"; expected one of FEBRUARY_28, MARCH_1", e.getMessage());
    }

    @Test
    void shouldReadAbsentAndNullOptionalValuesAlike() throws IOException {
        String withNulls = MEMBER_JSON.replace("\"id\": \"m-1\",", "\"id\": \"m-1\", \"closedAt\": null,")
                .replace("\"birthDate\": \"1990-04-01\"", "\"birthDate\": null");

        assertEquals(MEMBER.toBuilder().birthDate(null).build(), ConsentDocuments.readMember(withNulls));
    }

    @Test
    void shouldReadTheSameDocumentFromAStringAReaderAStreamAndAFile() throws IOException {
        Path file = Files.writeString(directory.resolve("member.json"), MEMBER_JSON);

        assertEquals(MEMBER, ConsentDocuments.readMember(MEMBER_JSON));
        assertEquals(MEMBER, ConsentDocuments.readMember(new StringReader(MEMBER_JSON)));
        assertEquals(MEMBER, ConsentDocuments.readMember(new ByteArrayInputStream(MEMBER_JSON.getBytes(StandardCharsets.UTF_8))));
        assertEquals(MEMBER, ConsentDocuments.readMember(file));
    }

    @Test
    void shouldWriteTheSameDocumentToAStringAWriterAStreamAndAFile() throws IOException {
        StringWriter writer = new StringWriter();
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        Path file = directory.resolve("policy.json");

        ConsentDocuments.writePolicy(POLICY, writer);
        ConsentDocuments.writePolicy(POLICY, stream);
        ConsentDocuments.writePolicy(POLICY, file);

        assertEquals(POLICY_JSON, writer.toString());
        assertEquals(POLICY_JSON, stream.toString(StandardCharsets.UTF_8));
        assertEquals(POLICY_JSON, Files.readString(file));
    }

    @Test
    void shouldReadEveryKindOfDocumentFromAFile() throws IOException {
        Path file = directory.resolve("document.json");
        ContentItem item = ITEM.withReservation(new Reservation(ReservationSource.TDM_REP, Instant.parse("2025-10-02T00:00:00Z")));
        Decision decision = POLICY.evaluate(item, MEMBER, Instant.parse("2025-01-01T00:00:00Z"));

        ConsentDocuments.writeItem(item, file);
        assertEquals(item, ConsentDocuments.readItem(file));
        ConsentDocuments.writeMember(MEMBER, file);
        assertEquals(MEMBER, ConsentDocuments.readMember(file));
        ConsentDocuments.writeDecision(decision, file);
        assertEquals(decision, ConsentDocuments.readDecision(file));
        ConsentDocuments.writePolicy(POLICY, file);
        assertEquals(POLICY, ConsentDocuments.readPolicy(file));
    }

    @Test
    void shouldSkipALeadingByteOrderMark() throws IOException {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] json = ITEM_JSON.getBytes(StandardCharsets.UTF_8);
        byte[] marked = new byte[bom.length + json.length];
        System.arraycopy(bom, 0, marked, 0, bom.length);
        System.arraycopy(json, 0, marked, bom.length, json.length);

        assertEquals(ITEM, ConsentDocuments.readItem(new ByteArrayInputStream(marked)));
        assertEquals(ITEM, ConsentDocuments.readItem("\uFEFF" + ITEM_JSON));
        assertEquals(ITEM, ConsentDocuments.readItem(new StringReader("\uFEFF" + ITEM_JSON)));
    }

    @Test
    void shouldDropOneByteOrderMarkAtTheStartAndReadAnyOtherAsContentWhateverTheInput() throws IOException {
        String[] rejected = {"\uFEFF\uFEFF" + ITEM_JSON, " \uFEFF" + ITEM_JSON};
        String[] where = {"$ at line 1, column 1: Unexpected character ('\uFEFF' (code 65279 / 0xfeff))",
            "$ at line 1, column 2: Unexpected character ('\uFEFF' (code 65279 / 0xfeff))"};
        Path file = directory.resolve("item.json");

        for (int i = 0; i < rejected.length; i++) {
            String text = rejected[i];
            Files.writeString(file, text);
            List<ConsentDocumentException> errors = List.of(
                    assertThrows(ConsentDocumentException.class, () -> ConsentDocuments.readItem(text)),
                    assertThrows(ConsentDocumentException.class, () -> ConsentDocuments.readItem(new StringReader(text))),
                    assertThrows(ConsentDocumentException.class, () -> ConsentDocuments.readItem(
                            new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)))),
                    assertThrows(ConsentDocumentException.class, () -> ConsentDocuments.readItem(file)));

            for (ConsentDocumentException e : errors) {
                assertTrue(e.getMessage().startsWith(where[i]), e.getMessage());
            }
        }
        assertEquals("\uFEFFpost-1", ConsentDocuments.readItem(ITEM_JSON.replace("\"post-1\"", "\"\uFEFFpost-1\"")).id());
    }

    @Test
    void shouldReportBytesThatAreNotUtf8AtTheirLineAndColumn() {
        byte[] latin1 = ITEM_JSON.replace("post-1", "pöst-1").getBytes(StandardCharsets.ISO_8859_1);

        ConsentDocumentException e = assertThrows(ConsentDocumentException.class,
                () -> ConsentDocuments.readItem(new ByteArrayInputStream(latin1)));

        assertEquals(3, e.line());
        assertEquals(11, e.column());
        assertTrue(e.getMessage().contains("malformed UTF-8"), e.getMessage());
    }

    @Test
    void shouldLeaveTheCallersStreamOpen() throws IOException {
        boolean[] closed = {false};
        InputStream in = new FilterInputStream(new ByteArrayInputStream(ITEM_JSON.getBytes(StandardCharsets.UTF_8))) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };

        ConsentDocuments.readItem(in);

        assertFalse(closed[0]);
    }

    @Test
    void shouldReadBackInstantsAndDatesAtTheEdgesOfTheirRange() throws IOException {
        // The span every stored instant lies in, and the years a birth date may lie in.
        Instant first = Instant.parse("1677-09-21T00:12:44Z");
        Instant last = Instant.parse("2262-04-11T23:47:15.999999999Z");
        ContentItem item = ContentItem.of("edge", "m-1", DataCategory.PUBLIC_CONTENT, first, last, List.of());
        Member member = Member.builder("edge").birthDate(LocalDate.of(1, 1, 1)).closedAt(last).build();
        Member born9999 = Member.builder("edge").birthDate(LocalDate.of(9999, 12, 31)).closedAt(first).build();

        assertEquals(item, ConsentDocuments.readItem(ConsentDocuments.writeItem(item)));
        assertEquals(member, ConsentDocuments.readMember(ConsentDocuments.writeMember(member)));
        assertEquals(born9999, ConsentDocuments.readMember(ConsentDocuments.writeMember(born9999)));
    }

    @Test
    void shouldRejectAnInstantOutsideTheStoredSpanNamingTheField() {
        String json = "{\"format\":\"consentkit.item/v1\",\"id\":\"post-1\",\"authorId\":\"m-1\","
                + "\"category\":\"content.public\",\"createdAt\":\"2300-01-01T00:00:00Z\",\"reservations\":[]}";

        ConsentDocumentException e = assertThrows(ConsentDocumentException.class, () -> ConsentDocuments.readItem(json));

        assertTrue(e.getMessage().contains("2300-01-01T00:00:00Z"), e.getMessage());
        assertTrue(e.getMessage().contains("outside the span ConsentKit stores"), e.getMessage());
    }

    @Test
    void shouldWriteAResumedItemAsMinorVersionOneAndReadItBack() throws IOException {
        ContentItem resumed = ITEM.withResumedAt(Instant.parse("2025-11-02T09:30:00Z"));

        String json = ConsentDocuments.writeItem(resumed);

        assertEquals(ITEM_JSON.replace("consentkit.item/v1", "consentkit.item/v1.1").replace(
                "\"createdAt\": \"2025-10-01T12:00:00Z\",\n",
                "\"createdAt\": \"2025-10-01T12:00:00Z\",\n  \"resumedAt\": \"2025-11-02T09:30:00Z\",\n"), json);
        assertEquals(resumed, ConsentDocuments.readItem(json));
        assertTrue(ConsentDocuments.writeItem(ITEM).contains("\"consentkit.item/v1\""));
    }

    @Test
    void shouldRejectAResumptionBeforeTheCreationNamingTheField() {
        String json = "{\"format\":\"consentkit.item/v1.1\",\"id\":\"post-1\",\"authorId\":\"m-1\","
                + "\"category\":\"content.public\",\"createdAt\":\"2025-10-01T12:00:00Z\","
                + "\"resumedAt\":\"2025-09-01T00:00:00Z\",\"reservations\":[]}";

        ConsentDocumentException e = assertThrows(ConsentDocumentException.class, () -> ConsentDocuments.readItem(json));

        assertEquals("$.resumedAt", e.fieldPath());
        assertTrue(e.getMessage().contains("is resumed at 2025-09-01T00:00:00Z, before it was created at"), e.getMessage());
    }

    /** A consumer program that counts a member's items only from that member's own opt-in on. */
    private static TrainingPolicy perMemberScopedPolicy() {
        return TrainingPolicy.builder("anthropic-consumer", Purpose.AI_TRAINING)
                .version(PolicyVersion.builder("2025-08", Instant.parse("2025-08-28T00:00:00Z"))
                        .defaultBasis(LegalBasis.CONSENT)
                        .allow(DataCategory.AI_INTERACTIONS)
                        .itemsFromMembersChoice(true)
                        .build())
                .build();
    }

    @Test
    void shouldWriteAPolicyScopingItemsPerMemberAsMinorVersionOneAndReadItBack() throws IOException {
        TrainingPolicy perMember = perMemberScopedPolicy();

        String json = ConsentDocuments.writePolicy(perMember);

        assertTrue(json.contains("\"format\": \"consentkit.policy/v1.1\""), json);
        assertTrue(json.contains("\"itemsFromMembersChoice\": true"), json);
        assertEquals(perMember, ConsentDocuments.readPolicy(json));
        assertFalse(ConsentDocuments.writePolicy(POLICY).contains("itemsFromMembersChoice"));
    }

    @Test
    void shouldReadAMissingOrNullPerMemberScopeAsOff() throws IOException {
        String version = "{\"format\":\"consentkit.policy/v1.1\",\"id\":\"p\",\"purpose\":\"ai-training\",\"versions\":[{"
                + "\"id\":\"v\",\"effectiveFrom\":\"2025-01-01T00:00:00Z\",\"defaultBasis\":\"CONSENT\","
                + "\"jurisdictionRules\":[],\"allowedCategories\":[],\"neverAllowedCategories\":[],\"minimumAge\":18,"
                + "\"unknownAge\":\"DENY\"%s}]}";

        assertFalse(ConsentDocuments.readPolicy(String.format(version, "")).versions().get(0).itemsFromMembersChoice());
        assertFalse(ConsentDocuments.readPolicy(String.format(version, ",\"itemsFromMembersChoice\":null")).versions()
                .get(0).itemsFromMembersChoice());
        assertTrue(ConsentDocuments.readPolicy(String.format(version, ",\"itemsFromMembersChoice\":true")).versions()
                .get(0).itemsFromMembersChoice());
        assertThrows(ConsentDocumentException.class,
                () -> ConsentDocuments.readPolicy(String.format(version, ",\"itemsFromMembersChoice\":\"yes\"")));
    }

    @Test
    void shouldWriteADecisionBeforeTheMembersChoiceAsMinorVersionTwoOneAndReadItBack() throws IOException {
        TrainingPolicy perMember = perMemberScopedPolicy();
        ConsentEvent optIn = ConsentEvent.optIn("c-1", Purpose.AI_TRAINING, Instant.parse("2025-09-02T10:00:00Z"),
                ConsentChannel.SETTINGS_TOGGLE);
        Member member = Member.builder("u-1").birthDate(LocalDate.of(1990, 1, 1)).residentIn(Jurisdiction.of("US"))
                .consent(optIn).build();
        ContentItem chat = ContentItem.of("chat-1", "u-1", DataCategory.AI_INTERACTIONS,
                Instant.parse("2025-09-01T00:00:00Z"));
        Decision decision = perMember.evaluate(chat, member, Instant.parse("2025-10-01T00:00:00Z"));

        String json = ConsentDocuments.writeDecision(decision);
        Decision read = ConsentDocuments.readDecision(json);

        assertTrue(json.contains("\"format\": \"consentkit.decision/v2.1\""), json);
        assertEquals(decision, read);
        assertEquals(decision.evidence(), read.evidence());
        assertTrue(read.sameOutcome(decision));
    }

    @Test
    void shouldExposeTheDocumentedLimitsAsStreamReadConstraints() {
        StreamReadConstraints limits = ConsentDocuments.streamReadConstraints();

        assertEquals(ConsentDocuments.MAX_DOCUMENT_LENGTH, limits.getMaxDocumentLength());
        assertEquals(ConsentDocuments.MAX_NESTING_DEPTH, limits.getMaxNestingDepth());
        assertEquals(ConsentDocuments.MAX_STRING_LENGTH, limits.getMaxStringLength());
        assertEquals(ConsentDocuments.MAX_NAME_LENGTH, limits.getMaxNameLength());
        assertEquals(ConsentDocuments.MAX_NUMBER_LENGTH, limits.getMaxNumberLength());
    }

    @Test
    void shouldReadInstantsAndDatesOutsideADocumentAsDocumentsWriteThem() {
        assertEquals(Instant.parse("2025-11-03T09:30:15.123456789Z"),
                ConsentDocuments.readInstant("2025-11-03T09:30:15.123456789Z"));
        assertEquals(LocalDate.of(2024, 2, 29), ConsentDocuments.readDate("2024-02-29"));
    }

    @Test
    void shouldRefuseInstantsAndDatesOutsideADocumentThatDocumentsRefuse() {
        for (String text : List.of("2025-11-03T09:30:15+01:00", "2025-11-03t09:30:15z", "2025-11-03T24:00:00Z",
                "2025-11-03T09:30Z", "2025-11-03")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ConsentDocuments.readInstant(text));
            assertTrue(e.getMessage().startsWith("malformed instant \"" + text + "\""), e::getMessage);
            assertNull(e.getCause(), text);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConsentDocuments.readDate("2025-02-29"));
        assertTrue(e.getMessage().startsWith("malformed date \"2025-02-29\""), e::getMessage);
        assertInstanceOf(DateTimeException.class, e.getCause());
        assertInstanceOf(DateTimeException.class, assertThrows(IllegalArgumentException.class,
                () -> ConsentDocuments.readInstant("2025-02-30T00:00:00Z")).getCause());
        assertNull(assertThrows(IllegalArgumentException.class, () -> ConsentDocuments.readDate("2025-2-28")).getCause());
    }
}
