package dev.consentkit.jackson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Shows that the JSON Schema (draft 2020-12) of each document ships at its documented resource path,
 * is itself a valid schema, accepts every fixture and every document the library writes, and rejects
 * what the reader rejects, checked with a maintained validator.
 */
class JsonSchemaTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final Map<String, Schema> SCHEMAS = new LinkedHashMap<>();

    static {
        for (String document : List.of("policy", "member", "item", "decision", "decision-v1")) {
            try (InputStream in = schemaResource(document).openStream()) {
                SCHEMAS.put(document, REGISTRY.getSchema(in));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** The schema file of a document this library writes ({@code decision} is v2), or of {@code decision-v1}. */
    private static String schemaName(String document) {
        return document.equals("decision") ? "decision-v2" : document.endsWith("-v1") ? document : document + "-v1";
    }

    private static URL schemaResource(String document) {
        return ConsentModule.class.getClassLoader().getResource("dev/consentkit/jackson/schema/" + schemaName(document)
                + ".schema.json");
    }

    private static JsonNode schemaNode(String document) throws IOException {
        try (InputStream in = schemaResource(document).openStream()) {
            return JSON.readTree(in);
        }
    }

    private static List<Error> errors(String document, String json) {
        return SCHEMAS.get(document).validate(json, InputFormat.JSON);
    }

    private static void assertValid(String document, String json) {
        List<Error> errors = errors(document, json);
        assertTrue(errors.isEmpty(), () -> errors + " in " + json);
    }

    /** A line of a stream as the document it stands for: with its format, which a line may leave out. */
    private static String asDocument(String document, String line) throws IOException {
        ObjectNode node = (ObjectNode) JSON.readTree(line);
        if (!node.has("format")) {
            // A line using a field added in minor version 1 stands for a document declaring it.
            String version = node.has("resumedAt") ? "/v1.1" : "/v1";
            ObjectNode withFormat = JSON.createObjectNode().put("format", "consentkit." + document + version);
            withFormat.setAll(node);
            return JSON.writeValueAsString(withFormat);
        }
        return line;
    }

    @ParameterizedTest
    @ValueSource(strings = {"policy", "member", "item", "decision", "decision-v1"})
    void shouldShipEachSchemaAtItsDocumentedResourcePath(String document) throws IOException {
        assertNotNull(schemaResource(document));

        JsonNode schema = schemaNode(document);

        assertEquals("https://json-schema.org/draft/2020-12/schema", schema.get("$schema").asText());
        assertEquals("https://raw.githubusercontent.com/consentkit/consentkit/main/consent-jackson/src/main/resources/"
                + "dev/consentkit/jackson/schema/" + schemaName(document) + ".schema.json", schema.get("$id").asText());
        assertFalse(schema.get("additionalProperties").asBoolean());
    }

    @ParameterizedTest
    @ValueSource(strings = {"policy", "member", "item", "decision", "decision-v1"})
    void shouldBeAValidDraft202012Schema(String document) throws IOException {
        Schema metaSchema = REGISTRY.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));

        List<Error> errors = metaSchema.validate(schemaNode(document));

        assertTrue(errors.isEmpty(), errors::toString);
    }

    @Test
    void shouldGiveSharedDefinitionsTheSameMeaningInEverySchema() throws IOException {
        Map<String, JsonNode> definitions = new LinkedHashMap<>();
        // The schemas this library writes to: the older decision-v1 keeps its own evidence.
        for (String document : List.of("policy", "member", "item", "decision")) {
            for (Map.Entry<String, JsonNode> def : schemaNode(document).get("$defs").properties()) {
                JsonNode earlier = definitions.putIfAbsent(def.getKey(), def.getValue());
                assertTrue(earlier == null || earlier.equals(def.getValue()), () -> def.getKey() + " differs in " + document);
            }
        }
    }

    @Test
    void shouldAcceptEveryFixture() throws IOException {
        Map<String, Integer> checked = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(ProgramFixture.resource("programs"))) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                String name = file.getFileName().toString();
                if (name.equals("policy.json")) {
                    assertValid("policy", Files.readString(file));
                    checked.merge("policy", 1, Integer::sum);
                } else if (name.endsWith(".ndjson")) {
                    String document = name.equals("members.ndjson") ? "member" : name.equals("items.ndjson") ? "item"
                            : "decision-v1";
                    for (String line : Files.readAllLines(file)) {
                        assertValid(document, asDocument(document.replace("-v1", ""), line));
                        checked.merge(document, 1, Integer::sum);
                    }
                }
            }
        }
        assertEquals(4, checked.get("policy"));
        assertEquals(Set.of("policy", "member", "item", "decision-v1"), checked.keySet());
    }

    @Test
    void shouldAcceptAMemberWithClosuresAsV11() throws IOException {
        assertValid("member", Files.readString(ProgramFixture.resource("members/reopened-v1.1.json")));
        assertValid("member", Files.readString(ProgramFixture.resource("members/closed-once-v1.json")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"closedAt\":\"2025-03-01T00:00:00Z\",\"closures\":[]",
        "\"closures\":[{\"reopenedAt\":\"2025-04-01T00:00:00Z\"}]",
        "\"closures\":[{\"closedAt\":\"2025-03-01T00:00:00Z\",\"until\":\"2025-04-01T00:00:00Z\"}]",
        "\"closures\":{\"closedAt\":\"2025-03-01T00:00:00Z\"}"})
    void shouldRejectClosuresTheReaderRejects(String closures) {
        String json = "{\"format\":\"consentkit.member/v1.1\",\"id\":\"m\",\"jurisdictions\":[]," + closures
                + ",\"consent\":[]}";

        assertFalse(errors("member", json).isEmpty(), json);
        assertThrows(ConsentDocumentException.class, () -> ConsentDocuments.readMember(json));
    }

    @Test
    void shouldAcceptEveryPolicyTheLibraryWrites() {
        qt().withExamples(100).forAll(CoreValues.policies()).checkAssert(p -> assertValid("policy", ConsentDocuments.writePolicy(p)));
    }

    @Test
    void shouldAcceptEveryMemberTheLibraryWrites() {
        qt().withExamples(100).forAll(CoreValues.members()).checkAssert(m -> assertValid("member", ConsentDocuments.writeMember(m)));
    }

    @Test
    void shouldAcceptEveryItemTheLibraryWrites() {
        qt().withExamples(100).forAll(CoreValues.items()).checkAssert(i -> assertValid("item", ConsentDocuments.writeItem(i)));
    }

    @Test
    void shouldAcceptEveryDecisionTheLibraryWrites() {
        qt().withExamples(100).forAll(CoreValues.decisions()).checkAssert(d -> assertValid("decision", ConsentDocuments.writeDecision(d)));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"format\":\"consentkit.item/v1\",\"id\":\"p\",\"authorId\":\"m\",\"category\":\"content.public\",\"createdAt\":\"2025-10-01T12:00:00Z\",\"reservations\":[],\"note\":1}",
        "{\"format\":\"consentkit.item/v1\",\"id\":\"p\",\"authorId\":\"m\",\"category\":\"content.public\",\"createdAt\":\"2025-10-01T12:00:00Z\"}",
        "{\"format\":\"consentkit.item/v2\",\"id\":\"p\",\"authorId\":\"m\",\"category\":\"content.public\",\"createdAt\":\"2025-10-01T12:00:00Z\",\"reservations\":[]}",
        "{\"id\":\"p\",\"authorId\":\"m\",\"category\":\"content.public\",\"createdAt\":\"2025-10-01T12:00:00Z\",\"reservations\":[]}",
        "{\"format\":\"consentkit.item/v1\",\"id\":\"p\",\"authorId\":\"m\",\"category\":\"Content.Public\",\"createdAt\":\"2025-10-01T12:00:00Z\",\"reservations\":[]}",
        "{\"format\":\"consentkit.item/v1\",\"id\":\"p\",\"authorId\":\"m\",\"category\":\"content..public\",\"createdAt\":\"2025-10-01T12:00:00Z\",\"reservations\":[]}",
        "{\"format\":\"consentkit.item/v1\",\"id\":\"p\",\"authorId\":\"m\",\"category\":\"content.public\",\"createdAt\":\"2025-10-01T12:00:00+01:00\",\"reservations\":[]}",
        "{\"format\":\"consentkit.item/v1\",\"id\":\" \",\"authorId\":\"m\",\"category\":\"content.public\",\"createdAt\":\"2025-10-01T12:00:00Z\",\"reservations\":[]}",
        "{\"format\":\"consentkit.item/v1\",\"id\":\"p\",\"authorId\":\"m\",\"category\":\"content.public\",\"createdAt\":\"2025-10-01T12:00:00Z\",\"reservations\":[{\"source\":\"ROBOTS_TXT\",\"effectiveFrom\":\"2025-10-01T12:00:00Z\"}]}"})
    void shouldRejectItemsTheReaderRejects(String json) {
        assertFalse(errors("item", json).isEmpty(), json);
        assertThrows(ConsentDocumentException.class, () -> ConsentDocuments.readItem(json));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"defaultBasis\":null", "\"excludedByDefault\":false", "\"defaultBasis\":\"CONSENT\",\"excludedByDefault\":true",
        "\"defaultBasis\":\"LEGITIMATE_INTEREST\"", "\"unknown\":1"})
    void shouldRejectPolicyDefaultsTheReaderRejects(String defaults) {
        String json = "{\"format\":\"consentkit.policy/v1\",\"id\":\"p\",\"purpose\":\"ai-training\",\"versions\":[{\"id\":\"v\","
                + "\"effectiveFrom\":\"2025-01-01T00:00:00Z\"," + defaults + ",\"jurisdictionRules\":[],\"allowedCategories\":[],"
                + "\"neverAllowedCategories\":[],\"minimumAge\":18,\"unknownAge\":\"DENY\"}]}";

        assertFalse(errors("policy", json).isEmpty(), json);
        assertThrows(ConsentDocumentException.class, () -> ConsentDocuments.readPolicy(json));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"jurisdiction\":\"UK\",\"excluded\":true}", "{\"jurisdiction\":\"de\",\"excluded\":true}",
        "{\"jurisdiction\":\"DE\"}", "{\"jurisdiction\":\"DE\",\"excluded\":true,\"basis\":\"CONSENT\"}",
        "{\"jurisdiction\":\"EU-FR\",\"excluded\":true}"})
    void shouldRejectJurisdictionRulesTheReaderRejects(String rule) {
        String json = "{\"format\":\"consentkit.policy/v1\",\"id\":\"p\",\"purpose\":\"ai-training\",\"versions\":[{\"id\":\"v\","
                + "\"effectiveFrom\":\"2025-01-01T00:00:00Z\",\"defaultBasis\":\"CONSENT\",\"jurisdictionRules\":[" + rule + "],"
                + "\"allowedCategories\":[],\"neverAllowedCategories\":[],\"minimumAge\":18,\"unknownAge\":\"DENY\"}]}";

        assertFalse(errors("policy", json).isEmpty(), json);
        assertThrows(ConsentDocumentException.class, () -> ConsentDocuments.readPolicy(json));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"trainable\":true,\"reason\":\"OPTED_OUT\",\"failedChecks\":[\"OPTED_OUT\"]",
        "\"trainable\":true,\"reason\":\"ALLOWED_BY_DEFAULT\",\"failedChecks\":[\"OPTED_OUT\"]",
        "\"trainable\":false,\"reason\":\"OPTED_OUT\",\"failedChecks\":[]"})
    void shouldRejectDecisionsThatContradictThemselves(String outcome) {
        String json = "{\"format\":\"consentkit.decision/v1\",\"itemId\":\"i\",\"memberId\":\"m\",\"asOf\":\"2025-01-01T00:00:00Z\","
                + outcome + ",\"policyId\":\"p\",\"policyVersion\":\"v\",\"evidence\":{\"kind\":\"POLICY_RULE\",\"description\":\"d\"}}";

        assertFalse(errors("decision-v1", json).isEmpty(), json);
        assertThrows(ConsentDocumentException.class, () -> ConsentDocuments.readDecision(json));
    }

    @Test
    void shouldRejectAMemberResidingInAGroup() {
        String json = "{\"format\":\"consentkit.member/v1\",\"id\":\"m\",\"jurisdictions\":[{\"jurisdiction\":\"EU\"}],\"consent\":[]}";

        assertFalse(errors("member", json).isEmpty());
        assertThrows(ConsentDocumentException.class, () -> ConsentDocuments.readMember(json));
    }
}
