package dev.consentkit.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.consentkit.jackson.ConsentDocumentException;
import dev.consentkit.jackson.ConsentModule;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Shows that the suite's JSON Schema (draft 2020-12) ships at its documented resource path, is a valid
 * schema, accepts every suite fixture, describes embedded policies, members and items exactly as
 * consent-jackson's schemas do (their format optional), and rejects what the reader rejects.
 */
class SuiteSchemaTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final String PATH = "dev/consentkit/suite/schema/suite-v1.schema.json";

    @TempDir
    Path directory;

    private static URL resource(Class<?> type, String path) {
        URL url = type.getClassLoader().getResource(path);
        assertNotNull(url, path);
        return url;
    }

    private static JsonNode read(URL url) throws IOException {
        try (InputStream in = url.openStream()) {
            return JSON.readTree(in);
        }
    }

    private static JsonNode suiteSchema() throws IOException {
        return read(resource(PolicySuite.class, PATH));
    }

    private static JsonNode jacksonSchema(String document) throws IOException {
        return read(resource(ConsentModule.class, "dev/consentkit/jackson/schema/" + document + "-v1.schema.json"));
    }

    private static List<Error> errors(String json) throws IOException {
        try (InputStream in = resource(PolicySuite.class, PATH).openStream()) {
            return REGISTRY.getSchema(in).validate(json, InputFormat.JSON);
        }
    }

    private static List<Path> suiteFixtures() throws IOException {
        try (Stream<Path> files = Files.walk(Fixtures.resource("suites").getParent())) {
            return files.filter(f -> f.getFileName().toString().endsWith(".suite.json")).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void shouldShipAtItsDocumentedResourcePath() throws IOException {
        JsonNode schema = suiteSchema();

        assertEquals("https://json-schema.org/draft/2020-12/schema", schema.get("$schema").asText());
        assertEquals("https://raw.githubusercontent.com/consentkit/consentkit/main/consent-suite/src/main/resources/"
                + "dev/consentkit/suite/schema/suite-v1.schema.json", schema.get("$id").asText());
        assertFalse(schema.get("additionalProperties").asBoolean());
    }

    @Test
    void shouldBeAValidDraft202012Schema() throws IOException {
        Schema metaSchema = REGISTRY.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));

        List<Error> errors = metaSchema.validate(suiteSchema());

        assertTrue(errors.isEmpty(), errors::toString);
    }

    @Test
    void shouldAcceptEverySuiteFixture() throws IOException {
        List<Path> fixtures = suiteFixtures();

        for (Path fixture : fixtures) {
            List<Error> errors = errors(Files.readString(fixture));
            assertTrue(errors.isEmpty(), () -> errors + " in " + fixture);
        }
        assertEquals(List.of("wrong-expectations.suite.json", "anthropic-consumer.suite.json", "linkedin.suite.json",
                "meta-eu.suite.json"),
                fixtures.stream().map(f -> f.getFileName().toString()).collect(Collectors.toList()));
    }

    @Test
    void shouldShareEveryDefinitionWithTheDocumentSchemasUnchanged() throws IOException {
        JsonNode definitions = suiteSchema().get("$defs");
        int shared = 0;
        for (String document : List.of("policy", "member", "item")) {
            for (Map.Entry<String, JsonNode> definition : jacksonSchema(document).get("$defs").properties()) {
                assertEquals(definition.getValue(), definitions.get(definition.getKey()), definition.getKey());
                shared++;
            }
        }
        assertTrue(shared >= 10, "only " + shared + " definitions shared");
    }

    @ParameterizedTest
    @ValueSource(strings = {"policy", "member", "item"})
    void shouldDescribeAnEmbeddedDocumentAsItsOwnSchemaDoesWithTheFormatOptional(String document) throws IOException {
        ObjectNode expected = ((ObjectNode) jacksonSchema(document)).deepCopy();
        for (String field : List.of("$schema", "$id", "title", "description", "$defs")) {
            expected.remove(field);
        }
        ArrayNode required = JSON.createArrayNode();
        expected.get("required").forEach(field -> {
            if (!field.asText().equals("format")) {
                required.add(field);
            }
        });
        expected.set("required", required);
        ObjectNode embedded = ((ObjectNode) suiteSchema().get("$defs").get(document)).deepCopy();
        embedded.remove("description");
        assertEquals(expected.get("properties").get("format").get("pattern"),
                embedded.get("properties").get("format").get("pattern"));
        ((ObjectNode) expected.get("properties")).remove("format");
        ((ObjectNode) embedded.get("properties")).remove("format");

        assertEquals(expected, embedded);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "\"expect\": {\"trainable\": false, \"reason\": \"ALLOWED_BY_DEFAULT\"}",
        "\"expect\": {\"trainable\": true, \"reason\": \"OPTED_OUT\"}",
        "\"expect\": {\"trainable\": \"true\"}",
        "\"expect\": {\"reason\": \"OPTED_OUT\"}",
        "\"expect\": {\"trainable\": true}, \"note\": \"x\"",
        "\"expect\": {\"trainable\": true}, \"knownAt\": \"2025-11-04\""})
    void shouldRejectCasesTheReaderRejects(String expectation) throws IOException {
        String suite = Files.readString(Fixtures.failingSuite())
                .replace("\"expect\": {\"trainable\": true, \"reason\": \"ALLOWED_BY_DEFAULT\"}}", "X")
                .replaceFirst("X", expectation + "}")
                .replace("X", "\"expect\": {\"trainable\": true}}");
        Path file = directory.resolve("rejected.suite.json");
        Files.writeString(file, suite);

        assertFalse(errors(suite).isEmpty(), suite);
        assertThrows(ConsentDocumentException.class, () -> PolicySuite.read(file));
    }

    @Test
    void shouldRejectASuiteWithoutCasesAsTheReaderDoes() throws IOException {
        String suite = Files.readString(Fixtures.failingSuite());
        String empty = suite.substring(0, suite.indexOf("\"cases\": [")) + "\"cases\": []\n}\n";
        Path file = directory.resolve("empty.suite.json");
        Files.writeString(file, empty);

        assertFalse(errors(empty).isEmpty());
        assertThrows(ConsentDocumentException.class, () -> PolicySuite.read(file));
    }

    @Test
    void shouldAcceptEmbeddedDocumentsWithOrWithoutTheirFormatAsTheReaderDoes() throws IOException {
        List<String> accepted = new ArrayList<>();
        for (Path fixture : suiteFixtures()) {
            String suite = Files.readString(fixture);
            if (suite.contains("\"format\": \"consentkit.member/v1\"") && suite.contains("\"format\": \"consentkit.item/v1\"")) {
                assertTrue(errors(suite).isEmpty());
                PolicySuite.read(fixture);
                accepted.add(fixture.getFileName().toString());
            }
        }
        assertEquals(List.of("meta-eu.suite.json"), accepted);
    }
}
