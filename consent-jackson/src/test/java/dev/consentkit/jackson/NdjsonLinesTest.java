package dev.consentkit.jackson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Shows the one line splitter behind {@link NdjsonReader} doing the same for characters and for bytes:
 * where lines end, what is dropped, and how the length limit and the skip bound apply as the input
 * arrives. The limits here are short ({@value #MAX_LENGTH} and {@value #MAX_SKIPPED} units) so that every
 * edge is a few units long; {@link NdjsonReaderTest} shows the real ones.
 */
class NdjsonLinesTest {

    private static final int MAX_LENGTH = 8;
    private static final int MAX_SKIPPED = 32;

    /** The two kinds of input, giving the same text as characters or as UTF-8 bytes. */
    private enum Kind {
        CHARACTERS("characters") {
            @Override
            NdjsonLines lines(String text) {
                return NdjsonLines.of(new StringReader(text), MAX_LENGTH, MAX_SKIPPED);
            }

            @Override
            NdjsonLines endless(String head, char unit, long[] served) {
                return NdjsonLines.of(new OneAtATimeReader(head, unit, served), MAX_LENGTH, MAX_SKIPPED);
            }
        },
        BYTES("bytes") {
            @Override
            NdjsonLines lines(String text) {
                return NdjsonLines.of(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), MAX_LENGTH,
                        MAX_SKIPPED);
            }

            @Override
            NdjsonLines endless(String head, char unit, long[] served) {
                return NdjsonLines.of(new OneAtATimeStream(head, unit, served), MAX_LENGTH, MAX_SKIPPED);
            }
        };

        final String unit;

        Kind(String unit) {
            this.unit = unit;
        }

        abstract NdjsonLines lines(String text);

        /** {@code head}, then {@code unit} forever, served one unit per read; {@code served[0]} counts them. */
        abstract NdjsonLines endless(String head, char unit, long[] served);
    }

    /** Every line of the text, or the problem of a line that could not be split off. */
    private static List<String> all(NdjsonLines lines) throws IOException {
        List<String> all = new ArrayList<>();
        while (true) {
            try {
                String line = lines.next();
                if (line == null) {
                    return all;
                }
                all.add(line);
            } catch (ConsentDocumentException e) {
                all.add("line " + e.line() + ", column " + e.column() + ": " + e.problem());
            }
        }
    }

    @Test
    void shouldEndLinesAtNewlinesOnlyDroppingACarriageReturnBeforeOne() throws IOException {
        for (Kind kind : Kind.values()) {
            assertEquals(List.of("a\rb", "", "c\r\r", "d"), all(kind.lines("a\rb\r\n\nc\r\r\r\nd")), kind.unit);
            assertEquals(List.of("a", ""), all(kind.lines("a\n\r")), kind.unit);
            assertEquals(List.of(), all(kind.lines("")), kind.unit);
        }
    }

    @Test
    void shouldCountTheLinesItReturnsAndReports() throws IOException {
        for (Kind kind : Kind.values()) {
            NdjsonLines lines = kind.lines("a\n123456789\nb");

            lines.next();
            assertEquals(1, lines.number());
            assertThrows(ConsentDocumentException.class, lines::next);
            assertEquals(2, lines.number());
            assertEquals("b", lines.next());
            assertEquals(3, lines.number());
        }
    }

    @Test
    void shouldReadALineOfTheLimitWithOrWithoutACarriageReturnAndReportOneUnitMore() throws IOException {
        for (Kind kind : Kind.values()) {
            assertEquals(List.of("12345678", "12345678", "line 3, column 9: the line is longer than 8 " + kind.unit, "ok"),
                    all(kind.lines("12345678\n12345678\r\n123456789\nok")), kind.unit);
            assertEquals(List.of("line 1, column 9: the line is longer than 8 " + kind.unit),
                    all(kind.lines("12345678\r\r\n")), kind.unit);
            assertEquals(List.of("12345678"), all(kind.lines("12345678\r")), kind.unit);
            assertEquals(List.of("line 1, column 9: the line is longer than 8 " + kind.unit),
                    all(kind.lines("123456789")), kind.unit);
        }
    }

    @Test
    void shouldCountBytesForBytesAndCharactersForCharacters() throws IOException {
        String eightCharacters = "\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9";

        assertEquals(List.of(eightCharacters), all(Kind.CHARACTERS.lines(eightCharacters)));
        assertEquals(List.of("line 1, column 9: the line is longer than 8 bytes"), all(Kind.BYTES.lines(eightCharacters)));
    }

    @Test
    void shouldReportALineAsSoonAsItPassesTheLimitBeforeItsEndArrives() throws IOException {
        for (Kind kind : Kind.values()) {
            long[] served = {0};
            NdjsonLines lines = kind.endless("", 'x', served);

            ConsentDocumentException e = assertThrows(ConsentDocumentException.class, lines::next);

            assertEquals(1, e.line());
            assertEquals("the line is longer than 8 " + kind.unit, e.problem());
            assertEquals(MAX_LENGTH + 2, served[0], kind.unit);
            assertFalse(lines.stopped());
        }
    }

    @Test
    void shouldSkipAnOverLongLineToItsEndWithinTheBoundAndGoOn() throws IOException {
        for (Kind kind : Kind.values()) {
            String longest = "x".repeat(MAX_SKIPPED);

            assertEquals(List.of("a", "line 2, column 9: the line is longer than 8 " + kind.unit, "b"),
                    all(kind.lines("a\n" + longest + "\nb\n")), kind.unit);
            assertEquals(List.of("line 1, column 9: the line is longer than 8 " + kind.unit),
                    all(kind.lines(longest)), kind.unit);
        }
    }

    @Test
    void shouldStopForGoodAtALineThatGoesOnPastTheBoundNamingTheLineAndTheBound() throws IOException {
        for (Kind kind : Kind.values()) {
            long[] served = {0};
            NdjsonLines lines = kind.endless("a\n", '\0', served);
            assertEquals("a", lines.next());
            assertThrows(ConsentDocumentException.class, lines::next);

            ConsentDocumentException stop = assertThrows(ConsentDocumentException.class, lines::next);

            assertTrue(lines.stopped());
            assertEquals(2, stop.line());
            assertEquals(MAX_SKIPPED + 1, stop.column());
            assertEquals("$ at line 2, column 33: the line goes on past 32 " + kind.unit + " without ending; expected "
                    + "lines of at most 8 " + kind.unit + ", each ending with a newline; a line still going past 32 "
                    + kind.unit + " stops the reading (ConsentDocuments.MAX_SKIPPED_LINE_LENGTH)", stop.getMessage());
            assertEquals(2 + MAX_SKIPPED + 1, served[0], kind.unit);
            assertSame(stop, assertThrows(ConsentDocumentException.class, lines::next));
            assertEquals(2 + MAX_SKIPPED + 1, served[0], kind.unit);
        }
    }

    @Test
    void shouldStopAtALineOneUnitPastTheBoundEvenWhenItsEndHasArrived() throws IOException {
        for (Kind kind : Kind.values()) {
            NdjsonLines lines = kind.lines("x".repeat(MAX_SKIPPED + 1) + "\nnever read\n");
            assertThrows(ConsentDocumentException.class, lines::next);

            assertThrows(ConsentDocumentException.class, lines::next);

            assertTrue(lines.stopped(), kind.unit);
        }
    }

    @Test
    void shouldDropOneByteOrderMarkAtTheVeryStartOnly() throws IOException {
        for (Kind kind : Kind.values()) {
            assertEquals(List.of("a", "\uFEFFb"), all(kind.lines("\uFEFFa\n\uFEFFb")), kind.unit);
            assertEquals(List.of("\uFEFFa"), all(kind.lines("\uFEFF\uFEFFa")), kind.unit);
            assertEquals(List.of(" \uFEFFa"), all(kind.lines(" \uFEFFa")), kind.unit);
            assertEquals(List.of(""), all(kind.lines("\uFEFF")), kind.unit);
        }
    }

    @Test
    void shouldReportBytesThatAreNotUtf8WithTheirPositionOnTheLineAndGoOn() throws IOException {
        byte[] bytes = {'a', '\n', (byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'b', (byte) 0xFF, '\n', 'c'};

        assertEquals(List.of("a", "line 2, column 3: malformed UTF-8: byte 0xFF is not valid here", "c"),
                all(NdjsonLines.of(new ByteArrayInputStream(bytes), MAX_LENGTH, MAX_SKIPPED)));
    }

    @Test
    void shouldReadAReplacementCharacterWrittenInTheInputAsText() throws IOException {
        byte[] bytes = {'a', (byte) 0xEF, (byte) 0xBF, (byte) 0xBD, 'b', '\n', 'c', (byte) 0xEF, (byte) 0xBF, '\n', 'd'};

        assertEquals(List.of("a\uFFFDb", "line 2, column 2: malformed UTF-8: byte 0xEF is not valid here", "d"),
                all(NdjsonLines.of(new ByteArrayInputStream(bytes), MAX_LENGTH, MAX_SKIPPED)));
    }

    @Test
    void shouldCloseWhatItReads() throws IOException {
        boolean[] closed = {false, false};
        NdjsonLines.of(new StringReader("") {
            @Override
            public void close() {
                closed[0] = true;
            }
        }).close();
        NdjsonLines.of(new ByteArrayInputStream(new byte[0]) {
            @Override
            public void close() {
                closed[1] = true;
            }
        }).close();

        assertTrue(closed[0] && closed[1]);
        assertNull(NdjsonLines.of(new StringReader("")).next());
    }

    /** Characters served one per read: a head, then one character forever. */
    private static final class OneAtATimeReader extends Reader {
        private final String head;
        private final char unit;
        private final long[] served;

        OneAtATimeReader(String head, char unit, long[] served) {
            this.head = head;
            this.unit = unit;
            this.served = served;
        }

        @Override
        public int read(char[] buffer, int offset, int length) {
            buffer[offset] = served[0] < head.length() ? head.charAt((int) served[0]) : unit;
            served[0]++;
            return 1;
        }

        @Override
        public void close() {}
    }

    /** ASCII bytes served one per read: a head, then one byte forever. */
    private static final class OneAtATimeStream extends InputStream {
        private final String head;
        private final char unit;
        private final long[] served;

        OneAtATimeStream(String head, char unit, long[] served) {
            this.head = head;
            this.unit = unit;
            this.served = served;
        }

        @Override
        public int read() {
            int b = served[0] < head.length() ? head.charAt((int) served[0]) : unit;
            served[0]++;
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            buffer[offset] = (byte) read();
            return 1;
        }
    }
}
