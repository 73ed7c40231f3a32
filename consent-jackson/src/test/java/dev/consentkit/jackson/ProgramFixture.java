package dev.consentkit.jackson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.consentkit.ContentItem;
import dev.consentkit.Decision;
import dev.consentkit.Member;
import dev.consentkit.Reason;
import dev.consentkit.TrainingPolicy;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * One real program as its fixture files in {@code src/test/resources/programs/<program>/}: the policy
 * document, the members and items as newline-delimited JSON, and {@code cases.json}, the decisions
 * the program makes (item, instant, optional audit instant, trainable and reason).
 */
final class ProgramFixture {

    final String name;
    final TrainingPolicy policy;
    final Map<String, Member> members = new LinkedHashMap<>();
    final Map<String, ContentItem> items = new LinkedHashMap<>();
    final List<JsonNode> cases = new ArrayList<>();

    private ProgramFixture(String name) throws IOException {
        this.name = name;
        this.policy = ConsentDocuments.readPolicy(file("policy.json"));
        try (NdjsonReader<Member> reader = NdjsonReader.members(file("members.ndjson"))) {
            for (NdjsonReader.Line<Member> line : reader) {
                members.put(line.value().id(), line.value());
            }
        }
        try (NdjsonReader<ContentItem> reader = NdjsonReader.items(file("items.ndjson"))) {
            for (NdjsonReader.Line<ContentItem> line : reader) {
                items.put(line.value().id(), line.value());
            }
        }
        new ObjectMapper().readTree(file("cases.json").toFile()).forEach(cases::add);
    }

    static ProgramFixture load(String name) {
        return Unchecked.get(() -> new ProgramFixture(name));
    }

    /** A fixture file of this program. */
    Path file(String fileName) {
        return resource("programs/" + name + "/" + fileName);
    }

    static Path resource(String path) {
        URL url = ProgramFixture.class.getResource("/" + path);
        if (url == null) {
            throw new IllegalStateException("no test resource " + path);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The item's author, as the members file has them. */
    Member authorOf(ContentItem item) {
        Member author = members.get(item.authorId());
        if (author == null) {
            throw new IllegalStateException("no member " + item.authorId() + " in " + name);
        }
        return author;
    }

    /** The decision of the policy for a case of {@code cases.json}. */
    Decision decide(JsonNode testCase) {
        ContentItem item = items.get(testCase.get("item").asText());
        if (item == null) {
            throw new IllegalStateException("no item " + testCase.get("item") + " in " + name);
        }
        Instant asOf = Instant.parse(testCase.get("asOf").asText());
        return testCase.has("knownAt")
                ? policy.asKnownAt(Instant.parse(testCase.get("knownAt").asText())).evaluate(item, authorOf(item), asOf)
                : policy.evaluate(item, authorOf(item), asOf);
    }

    /** One test per case: the decision is as the case says, and the fast path agrees with it. */
    Stream<DynamicTest> caseTests() {
        return cases.stream().map(testCase -> DynamicTest.dynamicTest(testCase.get("case").asText(), () -> {
            Decision decision = decide(testCase);
            assertEquals(Reason.valueOf(testCase.get("reason").asText()), decision.reason(), decision::toString);
            assertEquals(testCase.get("trainable").asBoolean(), decision.trainable(), decision::toString);
            if (!testCase.has("knownAt")) {
                ContentItem item = items.get(testCase.get("item").asText());
                assertEquals(decision.trainable(), policy.isTrainable(item, authorOf(item), decision.asOf()));
            }
        }));
    }

    /** Every item of the fixture is used by some case, so no fixture line goes unchecked. */
    void assertEveryItemHasACase() {
        for (String id : items.keySet()) {
            assertTrue(cases.stream().anyMatch(c -> c.get("item").asText().equals(id)), () -> id + " has no case in " + name);
        }
    }
}
