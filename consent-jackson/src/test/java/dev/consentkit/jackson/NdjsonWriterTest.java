package dev.consentkit.jackson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.consentkit.ContentItem;
import dev.consentkit.DataCategory;
import dev.consentkit.Decision;
import dev.consentkit.Member;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shows that values are written one compact line each, without a format field, escaped so that no
 * value spans two lines, and that {@link NdjsonReader} reads back exactly what was written.
 */
class NdjsonWriterTest {

    @TempDir
    Path directory;

    private static List<ContentItem> readItems(String ndjson) throws IOException {
        List<ContentItem> items = new ArrayList<>();
        try (NdjsonReader<ContentItem> reader = NdjsonReader.items(new StringReader(ndjson))) {
            reader.forEach(line -> items.add(line.value()));
        }
        return items;
    }

    @Test
    void shouldWriteOneCompactLinePerValueWithoutFormat() throws IOException {
        StringWriter out = new StringWriter();
        ContentItem item = ContentItem.of("post-1", "m-1", DataCategory.PUBLIC_CONTENT, Instant.parse("2025-10-01T12:00:00Z"));

        try (NdjsonWriter<ContentItem> writer = NdjsonWriter.items(out)) {
            writer.write(item);
            writer.write(item.withDeletedAt(Instant.parse("2025-12-01T00:00:00Z")));
        }

        assertEquals("{\"id\":\"post-1\",\"authorId\":\"m-1\",\"category\":\"content.public\",\"createdAt\":\"2025-10-01T12:00:00Z\",\"reservations\":[]}\n"
                + "{\"id\":\"post-1\",\"authorId\":\"m-1\",\"category\":\"content.public\",\"createdAt\":\"2025-10-01T12:00:00Z\",\"deletedAt\":\"2025-12-01T00:00:00Z\",\"reservations\":[]}\n",
                out.toString());
    }

    @Test
    void shouldKeepEveryValueOnItsOwnLineWhateverItsText() throws IOException {
        StringWriter out = new StringWriter();
        ContentItem item = ContentItem.of("line\nbreak\r\u2028\u2029", "m-1", DataCategory.PUBLIC_CONTENT, Instant.EPOCH);

        try (NdjsonWriter<ContentItem> writer = NdjsonWriter.items(out)) {
            writer.write(item);
        }

        assertEquals(1, out.toString().split("\n", -1).length - 1);
        assertEquals(List.of(item), readItems(out.toString()));
    }

    @Test
    void shouldReadBackEveryWrittenItem() {
        qt().withExamples(100).forAll(lists().of(CoreValues.items()).ofSizeBetween(0, 20)).checkAssert(items -> {
            StringWriter out = new StringWriter();
            Unchecked.get(() -> {
                try (NdjsonWriter<ContentItem> writer = NdjsonWriter.items(out)) {
                    for (ContentItem item : items) {
                        writer.write(item);
                    }
                }
                return null;
            });
            assertEquals(items, Unchecked.get(() -> readItems(out.toString())));
        });
    }

    @Test
    void shouldReadBackEveryWrittenMemberInUtf8() {
        qt().withExamples(100).forAll(lists().of(CoreValues.members()).ofSizeBetween(0, 10)).checkAssert(members -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Unchecked.get(() -> {
                try (NdjsonWriter<Member> writer = NdjsonWriter.members(out)) {
                    for (Member member : members) {
                        writer.write(member);
                    }
                }
                return null;
            });
            List<Member> read = new ArrayList<>();
            Unchecked.get(() -> {
                try (NdjsonReader<Member> reader = NdjsonReader.members(new ByteArrayInputStream(out.toByteArray()))) {
                    reader.forEach(line -> read.add(line.value()));
                }
                return null;
            });
            assertEquals(members, read);
        });
    }

    @Test
    void shouldReadBackEveryWrittenDecisionFromAFile() {
        Path file = directory.resolve("decisions.ndjson");
        qt().withExamples(100).forAll(lists().of(CoreValues.decisions()).ofSizeBetween(0, 10)).checkAssert(decisions -> {
            List<Decision> read = new ArrayList<>();
            Unchecked.get(() -> {
                try (NdjsonWriter<Decision> writer = NdjsonWriter.decisions(file)) {
                    for (Decision decision : decisions) {
                        writer.write(decision);
                    }
                }
                try (NdjsonReader<Decision> reader = NdjsonReader.decisions(file)) {
                    reader.forEach(line -> read.add(line.value()));
                }
                return null;
            });
            assertEquals(decisions, read);
        });
    }

    @Test
    void shouldWriteEveryKindOfStreamToAFileAndAStream() throws IOException {
        ProgramFixture program = ProgramFixture.load("linkedin-2025");
        Path file = directory.resolve("members.ndjson");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        try (NdjsonWriter<Member> writer = NdjsonWriter.members(file)) {
            for (Member member : program.members.values()) {
                writer.write(member);
            }
        }
        try (NdjsonWriter<ContentItem> writer = NdjsonWriter.items(bytes)) {
            for (ContentItem item : program.items.values()) {
                writer.write(item);
            }
        }

        assertEquals(program.members.size(), Files.readAllLines(file).size());
        assertEquals(Files.readString(program.file("items.ndjson")), bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void shouldPushLinesOutOnFlush() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        NdjsonWriter<ContentItem> writer = NdjsonWriter.items(out);

        writer.write(ContentItem.of("post-1", "m-1", DataCategory.PUBLIC_CONTENT, Instant.EPOCH));
        writer.flush();

        assertTrue(out.toString(StandardCharsets.UTF_8).endsWith("}\n"));
        writer.close();
    }

    @Test
    void shouldCloseTheStreamItWrites() throws IOException {
        boolean[] closed = {false};
        StringWriter out = new StringWriter() {
            @Override
            public void close() {
                closed[0] = true;
            }
        };

        NdjsonWriter.decisions(out).close();

        assertTrue(closed[0]);
    }
}
