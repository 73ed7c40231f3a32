package dev.consentkit.jackson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.consentkit.ContentItem;
import dev.consentkit.Member;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * The speed paths for the common shape of item and member lines ({@link CommonShape})
 * and of times ({@link TimeForms}) answer exactly as the databinding does whenever they answer at all:
 * on lines the library writes, and on those lines broken in every way a mutation can break them.
 */
class CommonLinesTest {

    /** Ways to break a line: each takes the line and a position in it. */
    private static final List<Mutation> MUTATIONS = List.of(
            (line, at) -> line.substring(0, at) + line.substring(at + 1),
            (line, at) -> line.substring(0, at) + "null" + line.substring(at),
            (line, at) -> line.substring(0, at) + "," + line.substring(at),
            (line, at) -> line.substring(0, at) + "\"" + line.substring(at),
            (line, at) -> line.substring(0, at) + " " + line.substring(at),
            (line, at) -> line.substring(0, at) + "{\"x\":1}" + line.substring(at),
            (line, at) -> line.substring(0, at) + Character.toUpperCase(line.charAt(at)) + line.substring(at + 1),
            (line, at) -> line.substring(0, at) + Character.toLowerCase(line.charAt(at)) + line.substring(at + 1),
            (line, at) -> line.substring(0, at) + (char) (line.charAt(at) + 1) + line.substring(at + 1),
            (line, at) -> line.substring(0, at) + (char) (line.charAt(at) - 1) + line.substring(at + 1),
            (line, at) -> line.substring(0, at) + "9" + line.substring(at + 1),
            (line, at) -> line + line.substring(at),
            (line, at) -> line.replace("\"reservations\":[]", "\"reservations\":[],\"reservations\":[]"),
            (line, at) -> line.replace("\"consent\":[", "\"consent\":[{\"id\":\"e\"},"),
            (line, at) -> line.replaceFirst("Z\"", "+00:00\""),
            (line, at) -> line.replaceFirst("T", "t"),
            (line, at) -> line.replaceFirst("T[0-9][0-9]", "T24"),
            (line, at) -> line.replaceFirst(":[0-9][0-9]Z", ":60Z"),
            (line, at) -> line.replaceFirst("-[0-9][0-9]T", "-31T"),
            (line, at) -> line.replaceFirst("-[0-9][0-9]-", "-02-").replaceFirst("-[0-9][0-9]T", "-29T"),
            (line, at) -> line.replaceFirst("\\{", "{\"format\":\"consentkit.item/v1\","),
            (line, at) -> line.replaceFirst("\"jurisdiction\":\"([A-Z-]+)\"", "\"jurisdiction\":\"eu\""));

    @Test
    void itemLinesReadAsTheDatabindingDoes() {
        qt().withExamples(3_000).forAll(CoreValues.items(), Generate.range(0, MUTATIONS.size() - 1), Generate.range(0, 10_000))
                .checkAssert((item, mutation, at) -> {
                    String line = line(item, NdjsonWriter::items);
                    agrees(line, CommonLinesTest::item, ContentItem.class);
                    agrees(mutate(line, mutation, at), CommonLinesTest::item, ContentItem.class);
                });
    }

    @Test
    void memberLinesReadAsTheDatabindingDoes() {
        qt().withExamples(3_000).forAll(CoreValues.members(), Generate.range(0, MUTATIONS.size() - 1), Generate.range(0, 10_000))
                .checkAssert((member, mutation, at) -> {
                    String line = line(member, NdjsonWriter::members);
                    agrees(line, CommonLinesTest::member, Member.class);
                    agrees(mutate(line, mutation, at), CommonLinesTest::member, Member.class);
                });
    }

    @Test
    void batchesOfBrokenAndWholeLinesReadAsLineByLine() {
        Gen<String> itemLine = CoreValues.items().zip(Generate.range(0, MUTATIONS.size() - 1), Generate.range(0, 10_000),
                Generate.range(0, 3), (item, mutation, at, broken) -> {
                    String line = line(item, NdjsonWriter::items);
                    return broken == 0 ? mutate(line, mutation, at) : line;
                });
        Gen<String> memberLine = CoreValues.members().zip(Generate.range(0, MUTATIONS.size() - 1), Generate.range(0, 10_000),
                Generate.range(0, 3), (member, mutation, at, broken) -> {
                    String line = line(member, NdjsonWriter::members);
                    return broken == 0 ? mutate(line, mutation, at) : line;
                });
        qt().withExamples(200).forAll(lists().of(itemLine).ofSizeBetween(1, 40), lists().of(memberLine).ofSizeBetween(1, 20))
                .checkAssert((items, members) -> {
                    String itemStream = String.join("\n", items) + "\n \n" + String.join("  \r\n", items);
                    assertEquals(oneByOne(NdjsonReader::items, itemStream), inBatches(NdjsonReader::items, itemStream));
                    String memberStream = String.join("\n", members) + "\n\n" + String.join("\t\n", members);
                    assertEquals(oneByOne(NdjsonReader::members, memberStream),
                            inBatches(NdjsonReader::members, memberStream));
                });
    }

    private static <T> List<String> oneByOne(Function<InputStream, NdjsonReader<T>> open, String stream) {
        List<String> lines = new ArrayList<>();
        try (NdjsonReader<T> reader = open.apply(new ByteArrayInputStream(stream.getBytes(StandardCharsets.UTF_8)))) {
            for (NdjsonReader.Line<T> line = reader.read(); line != null; line = reader.read()) {
                lines.add(line.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }

    private static <T> List<String> inBatches(Function<InputStream, NdjsonReader<T>> open, String stream) {
        List<String> lines = new ArrayList<>();
        try (NdjsonReader<T> reader = open.apply(new ByteArrayInputStream(stream.getBytes(StandardCharsets.UTF_8)))) {
            reader.readInBatches(7, 2, Runnable::run, batch -> batch.stream().map(NdjsonReader.Line::toString).toList(),
                    lines::addAll);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }

    @Test
    void theExamplesTakeTheSpeedPathButForReservationsAndMistakes() throws IOException {
        Path examples = Path.of("..", "examples", "linkedin");
        long fast = 0;
        List<String> items = Files.readAllLines(examples.resolve("items.ndjson"));
        for (String line : items) {
            agrees(line, CommonLinesTest::item, ContentItem.class);
            fast += item(line) == null ? 0 : 1;
        }
        assertTrue(fast >= items.size() - 4, fast + " of " + items.size());
        for (String line : Files.readAllLines(examples.resolve("members.ndjson"))) {
            assertEquals(databinding(line, Member.class), member(line), line);
        }
    }

    @Test
    void linesOutsideTheCommonShapeGoToTheDatabinding() {
        assertNull(item("{\"format\":\"consentkit.item/v1\",\"id\":\"p\",\"authorId\":\"m\",\"category\":\"profile\","
                + "\"createdAt\":\"2025-01-01T00:00:00Z\",\"reservations\":[]}"));
        assertNull(item("{\"id\":\"p\",\"authorId\":\"m\",\"category\":\"profile\","
                + "\"createdAt\":\"2025-01-01T00:00:00Z\",\"deletedAt\":null,\"reservations\":[]}"));
        assertNull(member("{\"id\":\"m\",\"jurisdictions\":[],\"consent\":[{\"id\":\"e\",\"purpose\":\"ai-training\","
                + "\"choice\":\"OPT_OUT\",\"effectiveAt\":\"2025-01-01T00:00:02Z\",\"recordedAt\":\"2025-01-01T00:00:00Z\","
                + "\"channel\":\"API\"}]}"), "recorded before it takes effect: the clock-skew tolerance decides");
        assertNotNull(member("{\"id\":\"m\",\"jurisdictions\":[],\"consent\":[{\"id\":\"e\",\"purpose\":\"ai-training\","
                + "\"choice\":\"OPT_OUT\",\"effectiveAt\":\"2025-01-01T00:00:00Z\",\"recordedAt\":\"2025-01-01T00:00:02Z\","
                + "\"channel\":\"API\"}]}"));
    }

    @Test
    void instantsInTheCommonFormAreTheInstantsTheyName() {
        Gen<Instant> anyYear = Generate.longRange(Instant.parse("0000-01-01T00:00:00Z").getEpochSecond(),
                Instant.parse("9999-12-31T23:59:59Z").getEpochSecond()).zip(Generate.range(0, 999_999_999),
                (seconds, nanos) -> Instant.ofEpochSecond(seconds, nanos % 3 == 0 ? 0 : nanos % 3 == 1 ? nanos / 1000 * 1000 : nanos));
        qt().withExamples(5_000).forAll(anyYear).checkAssert(instant -> {
            assertEquals(instant, TimeForms.instant(instant.toString()));
            LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(instant.getEpochSecond(), 86_400));
            assertEquals(day, TimeForms.date(day.toString()));
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-11-04T24:00:00Z", "2025-11-04T23:59:60Z", "2025-11-04t00:00:00Z", "2025-11-04T00:00:00z",
        "2025-11-04T00:00:00+00:00", "2025-11-04T00:00Z", "2025-11-04T00:00:00.Z", "2025-11-04T00:00:00.1234567890Z",
        "2025-02-29T00:00:00Z", "2025-13-01T00:00:00Z", "+12025-11-04T00:00:00Z", "2025-11-4T00:00:00Z", "2025-11-04 00:00:00Z",
        "２025-11-04T00:00:00Z"})
    void otherTextIsNotAnInstantInTheCommonForm(String text) {
        assertThrows(DateTimeException.class, () -> TimeForms.instant(text));
    }

    private static @Nullable ContentItem item(String line) {
        return (ContentItem) CommonShape.ITEMS.line(line);
    }

    private static @Nullable Member member(String line) {
        return (Member) CommonShape.MEMBERS.line(line);
    }

    /** Whenever the speed path reads a line, the databinding reads it to the same value. */
    private static <T> void agrees(String line, Function<String, @Nullable T> speedPath, Class<T> type) {
        T fast = speedPath.apply(line);
        if (fast != null) {
            assertEquals(databinding(line, type), fast, line);
        }
    }

    private static @Nullable Object databinding(String line, Class<?> type) {
        try (NdjsonReader<?> reader = type == Member.class ? NdjsonReader.members(new StringReader(line))
                : NdjsonReader.items(new StringReader(line))) {
            NdjsonReader.Line<?> read = reader.read();
            assertTrue(read != null && read.hasValue(), () -> "the databinding refuses what the speed path reads: " + line
                    + (read == null ? "" : ": " + read.error().orElseThrow().getMessage()));
            return read.value();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String mutate(String line, int mutation, int at) {
        return MUTATIONS.get(mutation).apply(line, at % line.length());
    }

    private static <T> String line(T value, Writing<T> writing) {
        StringWriter out = new StringWriter();
        try (NdjsonWriter<T> writer = writing.to(out)) {
            writer.write(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String written = out.toString();
        return written.substring(0, written.length() - 1);
    }

    @FunctionalInterface
    private interface Writing<T> {
        NdjsonWriter<T> to(StringWriter out) throws IOException;
    }

    @FunctionalInterface
    private interface Mutation {
        String apply(String line, int at);
    }
}
