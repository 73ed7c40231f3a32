package dev.consentkit.jackson;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The lines of a newline-delimited stream, one at a time, so that a stream of any length is read in
 * memory bounded by its longest line. A line ends at {@code \n}; a {@code \r} before it is dropped. A
 * line longer than {@link ConsentDocuments#MAX_DOCUMENT_LENGTH} is skipped without being held, and
 * reported; so is a line of bytes that is not UTF-8.
 */
abstract class NdjsonLines implements Closeable {

    private static final int BUFFER = 8192;

    private long number;

    /**
     * The next line, without its terminator, or {@code null} at the end of the stream.
     *
     * @throws ConsentDocumentException if the line is too long or not UTF-8; the line is consumed
     *     and the next call reads the one after it
     * @throws IOException if the stream fails
     */
    abstract @Nullable String next() throws IOException;

    /** The 1-based number of the line {@link #next()} returned or reported last. */
    final long number() {
        return number;
    }

    final long advance() {
        return ++number;
    }

    final ConsentDocumentException tooLong(String unit) {
        long limit = ConsentDocuments.MAX_DOCUMENT_LENGTH;
        return new ConsentDocumentException("$", null, number, (int) Math.min(Integer.MAX_VALUE, limit + 1),
                "the line is longer than " + limit + " " + unit,
                "a line of at most " + limit + " " + unit + " (ConsentDocuments.MAX_DOCUMENT_LENGTH)", null);
    }

    static NdjsonLines of(Reader in) {
        return new CharLines(in);
    }

    static NdjsonLines of(InputStream in) {
        return new ByteLines(in);
    }

    /** Lines of characters. */
    private static final class CharLines extends NdjsonLines {
        private final Reader in;
        private final char[] buffer = new char[BUFFER];
        private int position;
        private int limit;
        private boolean ended;

        CharLines(Reader in) {
            this.in = in;
        }

        @Override
        @Nullable String next() throws IOException {
            if (ended) {
                return null;
            }
            StringBuilder line = new StringBuilder();
            boolean overflow = false;
            boolean any = false;
            while (true) {
                if (position == limit) {
                    limit = in.read(buffer, 0, buffer.length);
                    position = 0;
                    if (limit < 0) {
                        limit = 0;
                        ended = true;
                        if (!any) {
                            return null;
                        }
                        break;
                    }
                }
                any = true;
                int start = position;
                while (position < limit && buffer[position] != '\n') {
                    position++;
                }
                if (!overflow) {
                    if (line.length() + (position - start) > ConsentDocuments.MAX_DOCUMENT_LENGTH + 1) {
                        overflow = true;
                        line.setLength(0);
                    } else {
                        line.append(buffer, start, position - start);
                    }
                }
                if (position < limit) {
                    position++;
                    break;
                }
            }
            advance();
            if (line.length() > 0 && line.charAt(line.length() - 1) == '\r') {
                line.setLength(line.length() - 1);
            }
            if (overflow || line.length() > ConsentDocuments.MAX_DOCUMENT_LENGTH) {
                throw tooLong("characters");
            }
            if (number() == 1 && line.length() > 0 && line.charAt(0) == '\uFEFF') {
                line.deleteCharAt(0);
            }
            return line.toString();
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** Lines of UTF-8 bytes; a newline byte never occurs inside a multi-byte character. */
    private static final class ByteLines extends NdjsonLines {
        private final InputStream in;
        private final byte[] buffer = new byte[BUFFER];
        private int position;
        private int limit;
        private boolean ended;
        private byte[] line = new byte[256];

        ByteLines(InputStream in) {
            this.in = in;
        }

        @Override
        @Nullable String next() throws IOException {
            if (ended) {
                return null;
            }
            int length = 0;
            boolean overflow = false;
            boolean any = false;
            while (true) {
                if (position == limit) {
                    limit = in.read(buffer, 0, buffer.length);
                    position = 0;
                    if (limit < 0) {
                        limit = 0;
                        ended = true;
                        if (!any) {
                            return null;
                        }
                        break;
                    }
                }
                any = true;
                int start = position;
                while (position < limit && buffer[position] != '\n') {
                    position++;
                }
                int count = position - start;
                if (!overflow) {
                    if (length + count > ConsentDocuments.MAX_DOCUMENT_LENGTH + 1) {
                        overflow = true;
                        length = 0;
                    } else {
                        if (length + count > line.length) {
                            line = Arrays.copyOf(line, Math.max(length + count, 2 * line.length));
                        }
                        System.arraycopy(buffer, start, line, length, count);
                        length += count;
                    }
                }
                if (position < limit) {
                    position++;
                    break;
                }
            }
            long lineNumber = advance();
            if (length > 0 && line[length - 1] == '\r') {
                length--;
            }
            if (overflow || length > ConsentDocuments.MAX_DOCUMENT_LENGTH) {
                throw tooLong("bytes");
            }
            String text = JsonIo.decode(line, 0, length, lineNumber, lineNumber == 1);
            if (line.length > 64 * BUFFER) {
                // One long line must not pin its buffer for the rest of a long stream.
                line = new byte[256];
            }
            return text;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
