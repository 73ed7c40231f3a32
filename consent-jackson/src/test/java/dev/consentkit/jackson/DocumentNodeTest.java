package dev.consentkit.jackson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.consentkit.ConsentChoice;
import dev.consentkit.ContentItem;
import dev.consentkit.DataCategory;
import dev.consentkit.Decision;
import dev.consentkit.Member;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shows that a document of another format is read as strictly as ConsentKit's own, that the
 * ConsentKit documents embedded in it are bound as strictly as on their own with their format
 * optional, and that every problem, found by the embedded reader or by the embedding format, is
 * located in the outer document.
 */
class DocumentNodeTest {

    // Line numbers matter below.
    private static final String OUTER = """
            {
              "format": "acme.bundle/v1",
              "members": [
                {"id": "m-1", "birthDate": "1990-04-01", "jurisdictions": [{"jurisdiction": "DE"}], "consent": []},
                {"id": "m-2", "jurisdictions": [], "consent": [
                  {"id": "e-1", "purpose": "ai-training", "choice": "OPT_OUT",
                   "effectiveAt": "2025-11-10T00:00:00Z", "recordedAt": "2025-11-10T00:00:05Z", "channel": "API"}
                ]}
              ],
              "item": {"id": "post-1", "authorId": "m-1", "category": "content.public", "createdAt": "2025-10-01T12:00:00Z", "reservations": []},
              "when": "2025-11-04T00:00:00Z",
              "choice": "OPT_IN",
              "strict": true,
              "note": null
            }
            """;

    private static final List<String> FIELDS = List.of("format", "members", "item", "when", "choice", "strict", "note", "policy",
            "decision");

    @TempDir
    Path directory;

    private static DocumentNode outer() throws ConsentDocumentException {
        return DocumentNode.read(OUTER).object(FIELDS);
    }

    @Test
    void shouldKnowTheFieldPathLineAndColumnOfEveryValue() throws ConsentDocumentException {
        DocumentNode recordedAt = outer().required("members", "members").array("members").get(1)
                .required("consent", "events").array("events").get(0).required("recordedAt", "an instant");

        assertEquals("$.members[1].consent[0].recordedAt", recordedAt.fieldPath());
        assertEquals(7, recordedAt.line());
        assertEquals(61, recordedAt.column());
        assertEquals("$.members[1].consent[0].recordedAt at line 7, column 61", recordedAt.toString());
        assertEquals("$", outer().fieldPath());
    }

    @Test
    void shouldBindAnEmbeddedMemberWithoutItsFormatAsItsDocumentWouldBe() throws IOException {
        DocumentNode second = outer().required("members", "members").array("members").get(1);

        Member member = second.toMember();

        assertEquals(ConsentDocuments.readMember("{\"format\": \"consentkit.member/v1\", \"id\": \"m-2\", \"jurisdictions\": [],"
                + " \"consent\": [{\"id\": \"e-1\", \"purpose\": \"ai-training\", \"choice\": \"OPT_OUT\", \"effectiveAt\":"
                + " \"2025-11-10T00:00:00Z\", \"recordedAt\": \"2025-11-10T00:00:05Z\", \"channel\": \"API\"}]}"), member);
    }

    @Test
    void shouldBindAnEmbeddedItem() throws ConsentDocumentException {
        ContentItem item = outer().required("item", "an item").toItem();

        assertEquals(ContentItem.of("post-1", "m-1", DataCategory.PUBLIC_CONTENT, Instant.parse("2025-10-01T12:00:00Z")), item);
    }

    @Test
    void shouldBindEmbeddedPoliciesAndDecisionsAsTheLibraryWritesThem() throws IOException {
        ProgramFixture linkedIn = ProgramFixture.load("linkedin-2025");
        Decision decision;
        try (NdjsonReader<Decision> decisions = NdjsonReader.decisions(linkedIn.file("decisions.ndjson"))) {
            decision = decisions.read().value();
        }
        String outer = "{\"policy\": " + ConsentDocuments.writePolicy(linkedIn.policy) + ", \"decision\": "
                + ConsentDocuments.writeDecision(decision) + "}";

        DocumentNode root = DocumentNode.read(outer).object(FIELDS);

        assertEquals(linkedIn.policy, root.required("policy", "a policy").toPolicy());
        assertEquals(decision, root.required("decision", "a decision").toDecision());
    }

    @Test
    void shouldCheckTheFormatOfAnEmbeddedDocumentWhenGiven() {
        String outer = OUTER.replace("\"item\": {\"id\"", "\"item\": {\"format\": \"consentkit.item/v2\", \"id\"");

        ConsentDocumentException e = assertThrows(ConsentDocumentException.class,
                () -> DocumentNode.read(outer).object(FIELDS).required("item", "an item").toItem());

        assertEquals("$.item.format", e.fieldPath());
        assertEquals(10, e.line());
        assertEquals("unsupported major version 2 of consentkit.item; this library reads major version 1 only", e.problem());
    }

    @Test
    void shouldLocateAProblemInsideAnEmbeddedDocumentInTheOuterDocument() {
        String outer = OUTER.replace("\"recordedAt\": \"2025-11-10T00:00:05Z\"", "\"recordedAt\": \"2025-11-09T00:00:05Z\"");

        ConsentDocumentException e = assertThrows(ConsentDocumentException.class,
                () -> DocumentNode.read(outer).object(FIELDS).required("members", "members").array("members").get(1).toMember());

        assertEquals("$.members[1].consent[0].recordedAt", e.fieldPath());
        assertEquals(7, e.line());
        assertEquals(61, e.column());
        assertEquals(Optional.of("2025-11-09T00:00:05Z"), e.badValue());
    }

    @Test
    void shouldRejectAnUnknownFieldOfAnEmbeddedDocument() {
        String outer = OUTER.replace("\"reservations\": []}", "\"reservations\": [], \"title\": \"x\"}");

        ConsentDocumentException e = assertThrows(ConsentDocumentException.class,
                () -> DocumentNode.read(outer).object(FIELDS).required("item", "an item").toItem());

        assertEquals("$.item.title", e.fieldPath());
        assertEquals("one of format, id, authorId, category, createdAt, deletedAt, resumedAt, reservations", e.expected());
    }

    @Test
    void shouldRejectAnUnknownFieldListingTheKnownOnes() {
        ConsentDocumentException e = assertThrows(ConsentDocumentException.class,
                () -> DocumentNode.read(OUTER).object(List.of("format", "members", "item")));

        assertEquals("$.when at line 11, column 3: unknown field \"when\"; expected one of format, members, item", e.getMessage());
    }

    @Test
    void shouldRejectADuplicateKeyAnywhere() {
        ConsentDocumentException e = assertThrows(ConsentDocumentException.class,
                () -> DocumentNode.read(OUTER.replace("\"strict\": true,", "\"strict\": true, \"strict\": false,")));

        assertEquals("$.strict", e.fieldPath());
        assertEquals("duplicate field \"strict\" (first at line 13, column 3)", e.problem());
    }

    @Test
    void shouldRejectWhatIsNotJson() {
        ConsentDocumentException e = assertThrows(ConsentDocumentException.class, () -> DocumentNode.read("{\"a\": }"));

        assertEquals("well-formed JSON (RFC 8259)", e.expected());
    }

    @Test
    void shouldReportAMissingRequiredField() {
        ConsentDocumentException e = assertThrows(ConsentDocumentException.class,
                () -> outer().required("policy", "a policy document"));

        assertEquals("$.policy at line 1, column 1: missing field \"policy\"; expected a policy document", e.getMessage());
    }

    @Test
    void shouldReadAnAbsentOrNullOptionalFieldAsEmpty() throws ConsentDocumentException {
        assertEquals(Optional.empty(), outer().optional("note"));
        assertEquals(Optional.empty(), outer().optional("policy"));
        assertTrue(outer().optional("when").isPresent());
    }

    @Test
    void shouldReadScalarsStrictly() throws ConsentDocumentException {
        DocumentNode root = outer();

        assertEquals(Instant.parse("2025-11-04T00:00:00Z"), root.required("when", "an instant").instant());
        assertEquals(ConsentChoice.OPT_IN, root.required("choice", "a choice").enumValue(ConsentChoice.class, "consent choice"));
        assertTrue(root.required("strict", "a boolean").bool("true or false"));
        assertEquals("acme.bundle/v1", root.required("format", "a format").string("a format"));
    }

    @Test
    void shouldRejectAMalformedInstant() {
        ConsentDocumentException e = assertThrows(ConsentDocumentException.class,
                () -> DocumentNode.read(OUTER.replace("\"2025-11-04T00:00:00Z\"", "\"2025-11-04\"")).object(FIELDS)
                        .required("when", "an instant").instant());

        assertEquals("$.when at line 11, column 11: malformed instant \"2025-11-04\"; expected an ISO-8601 UTC instant such as"
                + " 2025-11-03T00:00:00Z", e.getMessage());
    }

    @Test
    void shouldRejectAValueOfTheWrongType() {
        ConsentDocumentException e = assertThrows(ConsentDocumentException.class,
                () -> outer().required("strict", "a boolean").string("a name"));

        assertEquals("$.strict at line 13, column 13: found a boolean true; expected a name", e.getMessage());
    }

    @Test
    void shouldRejectAnUnknownEnumNameListingTheKnownOnes() {
        ConsentDocumentException e = assertThrows(ConsentDocumentException.class,
                () -> DocumentNode.read(OUTER.replace("\"OPT_IN\"", "\"OPTIN\"")).object(FIELDS).required("choice", "a choice")
                        .enumValue(ConsentChoice.class, "consent choice"));

        assertEquals("unknown consent choice \"OPTIN\"", e.problem());
        assertEquals("one of OPT_IN, OPT_OUT", e.expected());
    }

    @Test
    void shouldLocateAProblemTheEmbeddingFormatFinds() throws ConsentDocumentException {
        DocumentNode id = outer().required("members", "members").array("members").get(0).required("id", "an id");

        ConsentDocumentException e = id.fail("unknown member id \"m-1\"", "the id of a member of the bundle");

        assertEquals("$.members[0].id at line 4, column 12: unknown member id \"m-1\"; expected the id of a member of the bundle",
                e.getMessage());
        assertEquals(Optional.of("m-1"), e.badValue());
    }

    @Test
    void shouldKeepTheCauseOfAProblemTheEmbeddingFormatFinds() throws ConsentDocumentException {
        IOException cause = new IOException("no such file");

        ConsentDocumentException e = outer().required("format", "a format").fail("cannot read", "a file", cause);

        assertSame(cause, e.getCause());
    }

    @Test
    void shouldTellObjectsAndStringsApart() throws ConsentDocumentException {
        assertTrue(outer().isObject());
        assertFalse(outer().isString());
        assertTrue(outer().required("when", "an instant").isString());
        assertFalse(outer().required("members", "members").isObject());
    }

    @Test
    void shouldRefuseToLookUpAFieldOfWhatIsNotAnObject() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> outer().required("when", "an instant").optional("x"));

        assertEquals("$.when is a string, not an object", e.getMessage());
    }

    @Test
    void shouldReadTheSameDocumentFromEverySource() throws IOException {
        Path file = directory.resolve("bundle.json");
        Files.writeString(file, OUTER);

        for (DocumentNode root : List.of(DocumentNode.read(file), DocumentNode.read(new StringReader(OUTER)),
                DocumentNode.read(new ByteArrayInputStream(OUTER.getBytes(StandardCharsets.UTF_8))))) {
            assertEquals(outer().required("item", "an item").toItem(), root.object(FIELDS).required("item", "an item").toItem());
        }
    }
}
