package dev.consentkit.jackson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.consentkit.ContentItem;
import dev.consentkit.Decision;
import dev.consentkit.Member;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shows that a newline-delimited stream is read one line at a time, that a bad line is reported
 * with its line number and column while reading goes on with the next line, and that the reader
 * never reads far ahead of the line it returns.
 */
class NdjsonReaderTest {

    private static final String POST = "{\"id\":\"post-%d\",\"authorId\":\"m-1\",\"category\":\"content.public\","
            + "\"createdAt\":\"2025-10-01T12:00:00Z\",\"reservations\":[]}";

    @TempDir
    Path directory;

    private static String post(int n) {
        return String.format(POST, n);
    }

    private static List<NdjsonReader.Line<ContentItem>> readAll(NdjsonReader<ContentItem> reader) throws IOException {
        List<NdjsonReader.Line<ContentItem>> lines = new ArrayList<>();
        try (reader) {
            for (NdjsonReader.Line<ContentItem> line = reader.read(); line != null; line = reader.read()) {
                lines.add(line);
            }
        }
        return lines;
    }

    @Test
    void shouldReadOneValuePerLineWithItsLineNumber() throws IOException {
        List<NdjsonReader.Line<ContentItem>> lines = readAll(NdjsonReader.items(new StringReader(post(1) + "\n" + post(2) + "\n")));

        assertEquals(2, lines.size());
        assertEquals("post-1", lines.get(0).value().id());
        assertEquals(2, lines.get(1).number());
    }

    @Test
    void shouldReportAMalformedLineWithItsLineNumberAndGoOnWithTheNext() throws IOException {
        String stream = String.join("\n", post(1), "{\"id\":\"post-2\",", post(3),
                post(4).replace("2025-10-01T12:00:00Z", "2025-10-01"), post(5)) + "\n";

        List<NdjsonReader.Line<ContentItem>> lines = readAll(NdjsonReader.items(new StringReader(stream)));

        assertEquals(5, lines.size());
        assertEquals(List.of(true, false, true, false, true), lines.stream().map(NdjsonReader.Line::hasValue).toList());
        assertEquals(2, lines.get(1).error().orElseThrow().line());
        ConsentDocumentException badInstant = lines.get(3).error().orElseThrow();
        assertEquals(4, badInstant.line());
        assertEquals(73, badInstant.column());
        assertEquals("$.createdAt", badInstant.fieldPath());
        assertTrue(badInstant.getMessage().startsWith("$.createdAt at line 4, column 73: malformed instant"), badInstant.getMessage());
        assertEquals("post-5", lines.get(4).value().id());
    }

    @Test
    void shouldLocateAnErrorAfterABareCarriageReturnOnTheLineOfTheStream() throws IOException {
        // Only \n ends a line; a \r inside one is whitespace there, though Jackson starts a new line at it.
        String stream = String.join("\n", post(1), "{\"id\":\r\r\"post-2\" ]", post(3)) + "\n";

        List<NdjsonReader.Line<ContentItem>> lines = readAll(NdjsonReader.items(new StringReader(stream)));

        ConsentDocumentException e = lines.get(1).error().orElseThrow();
        assertEquals(2, lines.get(1).number());
        assertEquals(2, e.line());
        assertEquals(18, e.column());
        assertTrue(e.getMessage().startsWith("$.id at line 2, column 18: Unexpected close marker ']'"), e.getMessage());
        assertEquals("post-3", lines.get(2).value().id());
    }

    @Test
    void shouldLocateAFieldAfterABareCarriageReturnOnTheLineOfTheStream() throws IOException {
        String unknown = post(2).replace("\"reservations\"", "\r\"reservation\"");
        String duplicate = post(3).replace("\"authorId\"", "\r\r\"id\":\"again\",\r\"authorId\"");
        byte[] stream = String.join("\n", post(1), unknown, duplicate).getBytes(StandardCharsets.UTF_8);

        List<NdjsonReader.Line<ContentItem>> lines = readAll(NdjsonReader.items(new ByteArrayInputStream(stream)));

        ConsentDocumentException unknownField = lines.get(1).error().orElseThrow();
        assertEquals(2, unknownField.line());
        assertEquals(unknown.indexOf("\"reservation\":") + "\"reservation\":".length() + 1, unknownField.column());
        ConsentDocumentException duplicateField = lines.get(2).error().orElseThrow();
        assertEquals(3, duplicateField.line());
        assertEquals(duplicate.indexOf("\"id\":\"again\"") + "\"id\"".length() + 1, duplicateField.column());
        assertEquals("duplicate field \"id\"", duplicateField.problem());
    }

    @Test
    void shouldSkipBlankLinesButCountThem() throws IOException {
        List<NdjsonReader.Line<ContentItem>> lines = readAll(NdjsonReader.items(new StringReader("\n" + post(1) + "\n \t\n\n" + post(2))));

        assertEquals(List.of(2L, 5L), lines.stream().map(NdjsonReader.Line::number).toList());
    }

    @Test
    void shouldReadALastLineWithoutNewline() throws IOException {
        List<NdjsonReader.Line<ContentItem>> lines = readAll(NdjsonReader.items(new StringReader(post(1))));

        assertEquals("post-1", lines.get(0).value().id());
    }

    @Test
    void shouldAcceptWindowsLineEndings() throws IOException {
        byte[] crlf = (post(1) + "\r\n" + post(2) + "\r\n").getBytes(StandardCharsets.UTF_8);

        List<NdjsonReader.Line<ContentItem>> lines = readAll(NdjsonReader.items(new ByteArrayInputStream(crlf)));

        assertTrue(lines.stream().allMatch(NdjsonReader.Line::hasValue), lines::toString);
        assertEquals(2, lines.size());
    }

    @Test
    void shouldSkipAByteOrderMarkAtTheStartOfTheStream() throws IOException {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(bom);
        bytes.write(post(1).getBytes(StandardCharsets.UTF_8));

        assertTrue(readAll(NdjsonReader.items(new ByteArrayInputStream(bytes.toByteArray()))).get(0).hasValue());
        assertTrue(readAll(NdjsonReader.items(new StringReader("\uFEFF" + post(1)))).get(0).hasValue());
    }

    @Test
    void shouldReadAnyOtherByteOrderMarkAsContentWhateverTheInput() throws IOException {
        String stream = "\uFEFF\uFEFF" + post(1) + "\n\uFEFF" + post(2) + "\n" + post(3) + "\n";
        Path file = Files.writeString(directory.resolve("items.ndjson"), stream);

        for (NdjsonReader<ContentItem> reader : List.of(NdjsonReader.items(new StringReader(stream)),
                NdjsonReader.items(new ByteArrayInputStream(stream.getBytes(StandardCharsets.UTF_8))),
                NdjsonReader.items(file))) {
            List<NdjsonReader.Line<ContentItem>> lines = readAll(reader);

            assertTrue(lines.get(0).toString().startsWith("line 1: $ at line 1, column 1: Unexpected character ('\uFEFF'"),
                    lines.get(0).toString());
            assertTrue(lines.get(1).toString().startsWith("line 2: $ at line 2, column 1: Unexpected character ('\uFEFF'"),
                    lines.get(1).toString());
            assertEquals("post-3", lines.get(2).value().id());
        }
    }

    @Test
    void shouldAcceptALineWithoutFormatAndCheckTheFormatWhenPresent() throws IOException {
        String stream = String.join("\n", post(1), post(2).replace("{\"id\"", "{\"format\":\"consentkit.item/v1.2\",\"id\""),
                post(3).replace("{\"id\"", "{\"format\":\"consentkit.item/v2\",\"id\""),
                post(4).replace("{\"id\"", "{\"format\":\"consentkit.member/v1\",\"id\""));

        List<NdjsonReader.Line<ContentItem>> lines = readAll(NdjsonReader.items(new StringReader(stream)));

        assertTrue(lines.get(0).hasValue());
        assertTrue(lines.get(1).hasValue());
        assertTrue(lines.get(2).error().orElseThrow().getMessage().contains("unsupported major version 2"));
        assertTrue(lines.get(3).error().orElseThrow().getMessage().contains("not a consentkit.item document"));
    }

    @Test
    void shouldReportALineThatIsNotUtf8AndGoOn() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write((post(1) + "\n").getBytes(StandardCharsets.UTF_8));
        bytes.write(post(2).replace("post-2", "p\u00f6st-2").getBytes(StandardCharsets.ISO_8859_1));
        bytes.write(("\n" + post(3) + "\n").getBytes(StandardCharsets.UTF_8));

        List<NdjsonReader.Line<ContentItem>> lines = readAll(NdjsonReader.items(new ByteArrayInputStream(bytes.toByteArray())));

        ConsentDocumentException e = lines.get(1).error().orElseThrow();
        assertEquals(2, e.line());
        assertEquals(9, e.column());
        assertTrue(e.getMessage().contains("malformed UTF-8"), e.getMessage());
        assertEquals("post-3", lines.get(2).value().id());
    }

    @Test
    void shouldReportALineLongerThanTheLimitWithoutHoldingItAndGoOn() throws IOException {
        long limit = ConsentDocuments.MAX_DOCUMENT_LENGTH;
        Reader stream = new GeneratedReader(post(1) + "\n", limit + 10, "\n" + post(3) + "\n");

        List<NdjsonReader.Line<ContentItem>> lines = readAll(NdjsonReader.items(stream));

        assertEquals(3, lines.size());
        ConsentDocumentException tooLong = lines.get(1).error().orElseThrow();
        assertEquals(2, tooLong.line());
        assertTrue(tooLong.getMessage().contains("the line is longer than 16777216 characters"), tooLong.getMessage());
        assertEquals("post-3", lines.get(2).value().id());
    }

    @Test
    void shouldReportALineOfBytesLongerThanTheLimitAndGoOn() throws IOException {
        int limit = (int) ConsentDocuments.MAX_DOCUMENT_LENGTH;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(limit + 1000);
        bytes.write(" ".repeat(limit + 1).getBytes(StandardCharsets.US_ASCII));
        bytes.write(("\n" + post(2) + "\n").getBytes(StandardCharsets.UTF_8));

        List<NdjsonReader.Line<ContentItem>> lines = readAll(NdjsonReader.items(new ByteArrayInputStream(bytes.toByteArray())));

        assertTrue(lines.get(0).error().orElseThrow().getMessage().contains("the line is longer than 16777216 bytes"));
        assertEquals("post-2", lines.get(1).value().id());
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a hang fails
    void shouldStopAtALineThatNeverEndsNamingTheLineAndTheBound() throws IOException {
        EndlessZeros zeros = new EndlessZeros((post(1) + "\n").getBytes(StandardCharsets.UTF_8));
        NdjsonReader<ContentItem> reader = NdjsonReader.items(zeros);
        assertEquals("post-1", reader.read().value().id());
        NdjsonReader.Line<ContentItem> tooLong = reader.read();

        ConsentDocumentException stop = assertThrows(ConsentDocumentException.class, reader::read);

        assertEquals(2, tooLong.number());
        assertEquals("the line is longer than 16777216 bytes", tooLong.error().orElseThrow().problem());
        assertEquals(2, stop.line());
        assertEquals("$ at line 2, column 67108865: the line goes on past 67108864 bytes without ending; expected "
                + "lines of at most 16777216 bytes, each ending with a newline; a line still going past 67108864 bytes "
                + "stops the reading (ConsentDocuments.MAX_SKIPPED_LINE_LENGTH)", stop.getMessage());
        long lineStart = post(1).length() + 1;
        assertTrue(zeros.served() <= lineStart + ConsentDocuments.MAX_SKIPPED_LINE_LENGTH + 8192, () -> "read " + zeros.served());
        assertSame(stop, assertThrows(ConsentDocumentException.class, reader::read));
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a hang fails
    void shouldStopAtALineOfCharactersThatNeverEndsWhenIterating() {
        Reader endless = new Reader() {
            @Override
            public int read(char[] buffer, int offset, int length) {
                Arrays.fill(buffer, offset, offset + length, ' ');
                return length;
            }

            @Override
            public void close() {}
        };
        Iterator<NdjsonReader.Line<ContentItem>> lines = NdjsonReader.items(endless).iterator();
        assertTrue(lines.next().error().orElseThrow().problem().endsWith("16777216 characters"));

        UncheckedIOException e = assertThrows(UncheckedIOException.class, lines::hasNext);

        ConsentDocumentException stop = (ConsentDocumentException) e.getCause();
        assertEquals(1, stop.line());
        assertTrue(stop.problem().startsWith("the line goes on past 67108864 characters without ending"), stop.problem());
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a hang fails
    void shouldStopReadingDevZero() throws IOException {
        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.isReadable(zero), "no /dev/zero here");

        try (NdjsonReader<ContentItem> reader = NdjsonReader.items(zero)) {
            assertEquals(1, reader.read().error().orElseThrow().line());

            ConsentDocumentException stop = assertThrows(ConsentDocumentException.class, reader::read);

            assertEquals(1, stop.line());
            assertTrue(stop.getMessage().contains("(ConsentDocuments.MAX_SKIPPED_LINE_LENGTH)"), stop.getMessage());
        }
    }

    @Test
    void shouldStreamAnEndlessSourceReadingOnlyAsFarAsTheLinesItReturns() throws IOException {
        GeneratedReader endless = GeneratedReader.endlessLines(NdjsonReaderTest::post);
        int wanted = 20_000;

        try (NdjsonReader<ContentItem> reader = NdjsonReader.items(endless)) {
            Iterator<NdjsonReader.Line<ContentItem>> lines = reader.iterator();
            for (int i = 1; i <= wanted; i++) {
                assertEquals("post-" + i, lines.next().value().id());
            }
        }

        long consumed = endless.lengthOfLines(wanted);
        assertTrue(endless.served() - consumed <= 2 * 8192, () -> "read " + endless.served() + " characters for " + consumed);
    }

    @Test
    void shouldReadMembersAndDecisionsToo() throws IOException {
        ProgramFixture program = ProgramFixture.load("linkedin-2025");
        List<Member> members = new ArrayList<>();
        List<Decision> decisions = new ArrayList<>();

        try (NdjsonReader<Member> reader = NdjsonReader.members(Files.newBufferedReader(program.file("members.ndjson")))) {
            reader.forEach(line -> members.add(line.value()));
        }
        try (NdjsonReader<Decision> reader = NdjsonReader.decisions(Files.newInputStream(program.file("decisions.ndjson")))) {
            reader.forEach(line -> decisions.add(line.value()));
        }

        assertEquals(List.copyOf(program.members.values()), members);
        assertEquals("post-de-1", decisions.get(0).itemId());
    }

    @Test
    void shouldReadEveryKindOfStreamFromAFile() throws IOException {
        Path file = Files.writeString(directory.resolve("items.ndjson"), post(1) + "\n");

        try (NdjsonReader<ContentItem> reader = NdjsonReader.items(file)) {
            assertEquals("post-1", reader.read().value().id());
            assertNull(reader.read());
        }
        try (NdjsonReader<Member> reader = NdjsonReader.members(file)) {
            assertEquals("$.authorId", reader.read().error().orElseThrow().fieldPath());
        }
        try (NdjsonReader<Decision> reader = NdjsonReader.decisions(file)) {
            assertFalse(reader.read().hasValue());
        }
    }

    @Test
    void shouldRefuseTheValueOfALineThatCouldNotBeRead() throws IOException {
        NdjsonReader.Line<ContentItem> bad = readAll(NdjsonReader.items(new StringReader("{"))).get(0);

        IllegalStateException e = assertThrows(IllegalStateException.class, bad::value);

        assertSame(bad.error().orElseThrow(), e.getCause());
    }

    @Test
    void shouldBeIterableOnce() throws IOException {
        try (NdjsonReader<ContentItem> reader = NdjsonReader.items(new StringReader(post(1)))) {
            reader.iterator();

            assertThrows(IllegalStateException.class, reader::iterator);
        }
    }

    @Test
    void shouldSurfaceAFailingSourceAsAnUncheckedIoExceptionWhenIterating() {
        InputStream failing = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("disk gone");
            }
        };
        NdjsonReader<ContentItem> reader = NdjsonReader.items(failing);

        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> reader.iterator().hasNext());

        assertEquals("disk gone", e.getCause().getMessage());
    }

    @Test
    void shouldCloseTheStreamItReads() throws IOException {
        boolean[] closed = {false};
        Reader source = new StringReader(post(1)) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };

        NdjsonReader.items(source).close();

        assertTrue(closed[0]);
    }

    /** A head, then zero bytes forever, as {@code /dev/zero} gives them; it counts what it has served. */
    static final class EndlessZeros extends InputStream {
        private final byte[] head;
        private long served;

        EndlessZeros(byte[] head) {
            this.head = head;
        }

        long served() {
            return served;
        }

        @Override
        public int read() {
            int b = served < head.length ? head[(int) served] & 0xFF : 0;
            served++;
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            int n = 0;
            while (served < head.length && n < length) {
                buffer[offset + n++] = head[(int) served++];
            }
            Arrays.fill(buffer, offset + n, offset + length, (byte) 0);
            served += length - n;
            return length;
        }
    }

    /**
     * A character stream made up as it is read: a head, a run of spaces, a tail; or endless lines.
     * It counts what it has served, so a test can tell how far a reader has read ahead.
     */
    private static final class GeneratedReader extends Reader {
        private final String head;
        private final long spaces;
        private final String tail;
        private final IntFunction<String> lines;
        private long served;
        private StringBuilder pending = new StringBuilder();
        private int next = 1;
        private long position;

        GeneratedReader(String head, long spaces, String tail) {
            this.head = head;
            this.spaces = spaces;
            this.tail = tail;
            this.lines = null;
        }

        private GeneratedReader(IntFunction<String> lines) {
            this.head = "";
            this.spaces = 0;
            this.tail = "";
            this.lines = lines;
        }

        static GeneratedReader endlessLines(IntFunction<String> lines) {
            return new GeneratedReader(lines);
        }

        long served() {
            return served;
        }

        /** The characters of the first {@code count} endless lines, with their newlines. */
        long lengthOfLines(int count) {
            long length = 0;
            for (int i = 1; i <= count; i++) {
                length += lines.apply(i).length() + 1;
            }
            return length;
        }

        @Override
        public int read(char[] buffer, int offset, int length) {
            if (lines != null) {
                while (pending.length() < length) {
                    pending.append(lines.apply(next++)).append('\n');
                }
                pending.getChars(0, length, buffer, offset);
                pending = new StringBuilder(pending.substring(length));
                served += length;
                return length;
            }
            long total = head.length() + spaces + tail.length();
            if (position >= total) {
                return -1;
            }
            int n = 0;
            while (n < length && position < total) {
                long p = position++;
                buffer[offset + n++] = p < head.length() ? head.charAt((int) p)
                        : p < head.length() + spaces ? ' ' : tail.charAt((int) (p - head.length() - spaces));
            }
            served += n;
            return n;
        }

        @Override
        public void close() {}
    }
}
