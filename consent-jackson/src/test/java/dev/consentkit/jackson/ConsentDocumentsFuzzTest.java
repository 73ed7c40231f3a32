package dev.consentkit.jackson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.quicktheories.QuickTheory.qt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.consentkit.ContentItem;
import dev.consentkit.Decision;
import dev.consentkit.Member;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Shows that whatever is done to a valid document (characters deleted, duplicated or inserted,
 * tokens swapped, the text cut at any point, values replaced by other JSON types, huge numbers,
 * nesting beyond the limit), reading it either gives a value or fails with
 * {@link ConsentDocumentException}: never another exception, never a hang; and that the order of an
 * object's members never changes what is read.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ConsentDocumentsFuzzTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> INSERTS = List.of("{", "}", "[", "]", ":", ",", "\"", "\\", " ", "\n", "0", "9", "-",
            "+", ".", "e", "E", "t", "n", "\u0000", "\u001f", "\uFFFF", "\uD800", "é", "\uD83D\uDCA1", "null", "true", "1e999",
            "\"format\":\"consentkit.item/v2\",", "\"x\":1,");
    private static final Pattern TOKEN = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|[{}\\[\\]:,]|[^\\s{}\\[\\]:,\"]+");

    /** A valid document and what reading it means. */
    private static final class Seed {
        final String kind;
        final String text;

        Seed(String kind, String text) {
            this.kind = kind;
            this.text = text;
        }

        Object read(String json) throws IOException {
            switch (kind) {
                case "policy":
                    return ConsentDocuments.readPolicy(json);
                case "member":
                    return ConsentDocuments.readMember(json);
                case "item":
                    return ConsentDocuments.readItem(json);
                default:
                    return ConsentDocuments.readDecision(json);
            }
        }

        @Override
        public String toString() {
            return kind;
        }
    }

    private static final List<Seed> SEEDS = seeds();

    private static List<Seed> seeds() {
        List<Seed> seeds = new ArrayList<>();
        for (String program : List.of("linkedin-2024", "linkedin-2025", "meta-eu-2025", "anthropic-consumer-2025")) {
            ProgramFixture fixture = ProgramFixture.load(program);
            seeds.add(new Seed("policy", Unchecked.get(() -> Files.readString(fixture.file("policy.json")))));
            for (Member member : fixture.members.values()) {
                seeds.add(new Seed("member", ConsentDocuments.writeMember(member)));
            }
            fixture.items.values().stream().limit(4).forEach(item -> seeds.add(new Seed("item", ConsentDocuments.writeItem(item))));
        }
        ProgramFixture audited = ProgramFixture.load("linkedin-2025");
        for (JsonNode testCase : audited.cases) {
            seeds.add(new Seed("decision", ConsentDocuments.writeDecision(audited.decide(testCase))));
        }
        return List.copyOf(seeds);
    }

    /** Reads the text, failing the test on anything but a value or a {@link ConsentDocumentException}. */
    private static void assertReadsOrFailsCleanly(Seed seed, String text) {
        try {
            seed.read(text);
        } catch (ConsentDocumentException expected) {
            assertTrue(expected.line() >= 1 && expected.column() >= 1, expected::getMessage);
            assertTrue(expected.fieldPath().startsWith("$"), expected::getMessage);
        } catch (Throwable unexpected) {
            fail("reading a mutated " + seed.kind + " threw " + unexpected + " for:\n" + text, unexpected);
        }
    }

    /** A seed of any kind, each kind as likely as any other whatever the number of seeds of each. */
    private static Gen<Seed> anySeed() {
        Gen<String> kind = Generate.pick(List.of("policy", "member", "item", "decision"));
        Map<String, Gen<Seed>> byKind = new LinkedHashMap<>();
        for (String k : List.of("policy", "member", "item", "decision")) {
            byKind.put(k, Generate.pick(SEEDS.stream().filter(seed -> seed.kind.equals(k)).toList()));
        }
        return in -> byKind.get(kind.generate(in)).generate(in);
    }

    /** A seed and a text made from it by one change driven by the random source. */
    private static final class Mutant {
        final Seed seed;
        final String text;

        Mutant(Seed seed, String text) {
            this.seed = seed;
            this.text = text;
        }

        @Override
        public String toString() {
            return seed.kind + ":\n" + text;
        }
    }

    private static Gen<Mutant> characterMutants() {
        Gen<Seed> seed = anySeed();
        Gen<Integer> operation = Generate.range(0, 3);
        Gen<Integer> fraction = Generate.range(0, 1_000_000);
        Gen<Integer> width = Generate.range(1, 8);
        Gen<String> insert = Generate.pick(INSERTS);
        return in -> {
            Seed s = seed.generate(in);
            String text = s.text;
            int at = (int) ((long) fraction.generate(in) * text.length() / 1_000_001);
            int end = Math.min(text.length(), at + width.generate(in));
            switch (operation.generate(in)) {
                case 0:
                    return new Mutant(s, text.substring(0, at) + text.substring(end));
                case 1:
                    return new Mutant(s, text.substring(0, end) + text.substring(at, end) + text.substring(end));
                case 2:
                    return new Mutant(s, text.substring(0, at) + insert.generate(in) + text.substring(at));
                default:
                    return new Mutant(s, text.substring(0, at));
            }
        };
    }

    private static Gen<Mutant> tokenSwaps() {
        Gen<Seed> seed = anySeed();
        Gen<Integer> fraction = Generate.range(0, 1_000_000);
        return in -> {
            Seed s = seed.generate(in);
            List<int[]> tokens = new ArrayList<>();
            Matcher m = TOKEN.matcher(s.text);
            while (m.find()) {
                tokens.add(new int[] {m.start(), m.end()});
            }
            int[] a = tokens.get((int) ((long) fraction.generate(in) * tokens.size() / 1_000_001));
            int[] b = tokens.get((int) ((long) fraction.generate(in) * tokens.size() / 1_000_001));
            int[] first = a[0] <= b[0] ? a : b;
            int[] second = a[0] <= b[0] ? b : a;
            if (first == second || first[1] > second[0]) {
                return new Mutant(s, s.text);
            }
            String t = s.text;
            return new Mutant(s, t.substring(0, first[0]) + t.substring(second[0], second[1]) + t.substring(first[1], second[0])
                    + t.substring(first[0], first[1]) + t.substring(second[1]));
        };
    }

    /**
     * Every value and container of a JSON tree, with a way to replace it, grouped by the name of the
     * field it is in ({@code reservations[]} for an array's elements), so that each field is hit as
     * often as any other however many times it occurs.
     */
    private static Map<String, List<Runnable>> replacements(JsonNode node, String name, JsonNode replacement,
            Map<String, List<Runnable>> byField) {
        if (node instanceof ObjectNode) {
            ObjectNode object = (ObjectNode) node;
            for (String field : object.properties().stream().map(Map.Entry::getKey).toList()) {
                byField.computeIfAbsent(field, k -> new ArrayList<>()).add(() -> object.set(field, replacement));
                replacements(object.get(field), field, replacement, byField);
            }
        } else if (node instanceof ArrayNode) {
            ArrayNode array = (ArrayNode) node;
            for (int i = 0; i < array.size(); i++) {
                int index = i;
                byField.computeIfAbsent(name + "[]", k -> new ArrayList<>()).add(() -> array.set(index, replacement));
                replacements(array.get(i), name + "[]", replacement, byField);
            }
        }
        return byField;
    }

    private static JsonNode nested(int depth) {
        ArrayNode root = JsonNodeFactory.instance.arrayNode();
        ArrayNode current = root;
        for (int i = 1; i < depth; i++) {
            current = current.addArray();
        }
        return root;
    }

    private static Gen<Mutant> valueReplacements() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        List<JsonNode> others = List.of(f.nullNode(), f.booleanNode(true), f.booleanNode(false), f.numberNode(0), f.numberNode(-1),
                f.numberNode(1.5), f.numberNode(1e308), f.numberNode(new BigInteger("9".repeat(30))),
                f.numberNode(new BigInteger("9".repeat(ConsentDocuments.MAX_NUMBER_LENGTH + 5))), f.textNode(""), f.textNode(" "),
                f.textNode("x"), f.textNode("2025-01-01T00:00:00Z"), f.textNode("2025-13-45T00:00:00Z"), f.textNode("2025-02-30"),
                f.textNode("+9999999999-01-01T00:00:00Z"), f.textNode("DE"), f.textNode("UK"), f.textNode("content..public"), f.textNode("CONSENT"), f.arrayNode(),
                f.objectNode(), nested(ConsentDocuments.MAX_NESTING_DEPTH + 8), f.textNode("x".repeat(ConsentDocuments.MAX_STRING_LENGTH + 1)));
        Gen<Seed> seed = anySeed();
        Gen<JsonNode> other = Generate.pick(others);
        Gen<Integer> fraction = Generate.range(0, 1_000_000);
        return in -> {
            Seed s = seed.generate(in);
            JsonNode tree = Unchecked.get(() -> JSON.readTree(s.text));
            List<List<Runnable>> fields = List.copyOf(replacements(tree, "$", other.generate(in), new LinkedHashMap<>()).values());
            List<Runnable> places = fields.get((int) ((long) fraction.generate(in) * fields.size() / 1_000_001));
            places.get((int) ((long) fraction.generate(in) * places.size() / 1_000_001)).run();
            return new Mutant(s, Unchecked.get(() -> JSON.writeValueAsString(tree)));
        };
    }

    private static JsonNode shuffled(JsonNode node, Random random) {
        if (node instanceof ObjectNode) {
            List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(node.properties());
            Collections.shuffle(fields, random);
            Map<String, JsonNode> reordered = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> field : fields) {
                reordered.put(field.getKey(), shuffled(field.getValue(), random));
            }
            ObjectNode object = JsonNodeFactory.instance.objectNode();
            object.setAll(reordered);
            return object;
        }
        if (node instanceof ArrayNode) {
            ArrayNode array = JsonNodeFactory.instance.arrayNode();
            node.forEach(element -> array.add(shuffled(element, random)));
            return array;
        }
        return node;
    }

    @Test
    void shouldReadOrRejectCleanlyWhateverCharactersAreDeletedDuplicatedInsertedOrCut() {
        qt().withExamples(8000).forAll(characterMutants()).checkAssert(m -> assertReadsOrFailsCleanly(m.seed, m.text));
    }

    @Test
    void shouldReadOrRejectCleanlyWhateverTokensAreSwapped() {
        qt().withExamples(2000).forAll(tokenSwaps()).checkAssert(m -> assertReadsOrFailsCleanly(m.seed, m.text));
    }

    @Test
    void shouldReadOrRejectCleanlyWhateverValueIsReplacedByAnotherJsonType() {
        qt().withExamples(8000).forAll(valueReplacements()).checkAssert(m -> assertReadsOrFailsCleanly(m.seed, m.text));
    }

    @Test
    void shouldRejectADocumentCutAtAnyPosition() {
        for (Seed seed : List.of(SEEDS.stream().filter(s -> s.kind.equals("item")).findFirst().orElseThrow(),
                SEEDS.stream().filter(s -> s.kind.equals("member")).findFirst().orElseThrow())) {
            String text = seed.text.strip();
            for (int end = 0; end < text.length(); end++) {
                String cut = text.substring(0, end);
                try {
                    seed.read(cut);
                    fail("read a " + seed.kind + " cut after " + end + " characters: " + cut);
                } catch (ConsentDocumentException expected) {
                    assertTrue(expected.line() >= 1, expected::getMessage);
                } catch (Throwable unexpected) {
                    fail("reading a " + seed.kind + " cut after " + end + " characters threw " + unexpected, unexpected);
                }
            }
        }
    }

    @Test
    void shouldReadTheSameValueWhateverTheOrderOfObjectMembers() {
        Gen<Seed> seed = anySeed();
        Gen<Long> randomSeed = Generate.longRange(0, Long.MAX_VALUE);
        qt().withExamples(500).forAll(seed, randomSeed).checkAssert((s, r) -> {
            String reordered = Unchecked.get(() -> JSON.writeValueAsString(shuffled(JSON.readTree(s.text), new Random(r))));
            assertEquals(Unchecked.get(() -> s.read(s.text)), Unchecked.get(() -> s.read(reordered)), reordered);
        });
    }

    @Test
    void shouldRejectNestingBeyondTheLimitWhereverItIs() {
        String deep = "[".repeat(10_000) + "]".repeat(10_000);
        for (Seed seed : SEEDS.subList(0, 8)) {
            for (String text : List.of(deep, seed.text.replaceFirst("\\[", deep.substring(0, 5000) + "["), "{\"format\":" + deep + "}")) {
                assertReadsOrFailsCleanly(seed, text);
            }
        }
    }

    @Test
    void shouldReportEveryMutatedLineOfAStreamAndReadTheRest() {
        Gen<Mutant> mutants = characterMutants().mix(valueReplacements()).mix(tokenSwaps());
        qt().withExamples(300).forAll(SourceLists.of(mutants, 1, 12)).checkAssert(lines -> {
            StringBuilder stream = new StringBuilder();
            for (Mutant line : lines) {
                stream.append(line.text.replace('\n', ' ')).append('\n');
            }
            int read = 0;
            try (NdjsonReader<Member> members = NdjsonReader.members(new StringReader(stream.toString()));
                    NdjsonReader<ContentItem> items = NdjsonReader.items(new StringReader(stream.toString()));
                    NdjsonReader<Decision> decisions = NdjsonReader.decisions(new StringReader(stream.toString()))) {
                for (NdjsonReader<?> reader : List.of(members, items, decisions)) {
                    for (NdjsonReader.Line<?> line = reader.read(); line != null; line = reader.read()) {
                        assertTrue(line.hasValue() || line.error().orElseThrow().line() == line.number(), line::toString);
                        read++;
                    }
                }
            } catch (Throwable unexpected) {
                fail("reading a mutated stream threw " + unexpected + " for:\n" + stream, unexpected);
            }
            long nonBlank = Pattern.compile("\n").splitAsStream(stream).filter(l -> !l.matches("[ \t\r]*")).count();
            assertEquals(3 * nonBlank, read);
        });
    }

    /** Lists of generated values, for streams of mutated lines. */
    private static final class SourceLists {
        private SourceLists() {}

        static <T> Gen<List<T>> of(Gen<T> values, int min, int max) {
            Gen<Integer> size = Generate.range(min, max);
            return in -> {
                List<T> list = new ArrayList<>();
                for (int i = size.generate(in); i > 0; i--) {
                    list.add(values.generate(in));
                }
                return list;
            };
        }
    }
}
