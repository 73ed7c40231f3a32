package dev.consentkit.jackson;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The lines of a newline-delimited stream of characters or of UTF-8 bytes, one at a time, so that a
 * stream of any length is read in memory bounded by {@link ConsentDocuments#MAX_DOCUMENT_LENGTH}.
 *
 * <p>A line ends at {@code \n}, and only there; a {@code \r} right before it, or at the end of the
 * input, is dropped, and so is one byte order mark at the very start of the input. Lengths count
 * characters for characters and bytes for bytes, without the {@code \n} or {@code \r\n}. A line longer
 * than {@code MAX_DOCUMENT_LENGTH} is reported as soon as it passes that length, without being held,
 * and the next call skips the rest of it and goes on with the line after it; a line that goes on past
 * {@link ConsentDocuments#MAX_SKIPPED_LINE_LENGTH} stops the reading instead, for good. A line of bytes
 * that is not UTF-8 is reported, and the next call goes on with the line after it.
 *
 * <p>Where lines end, how long they may be, how far an over-long one is skipped and what is reported
 * is decided here and in {@link Units}, once for both kinds of input; its two subclasses hold only what
 * differs between characters and bytes: the arrays read into, and making text of a line.
 */
final class NdjsonLines implements Closeable {

    private final Units<?> units;
    private final long maxLength;
    private final long maxSkipped;

    private long number;
    /** The length so far of an over-long line already reported whose end is still to be read; -1 if none. */
    private long skipped = -1;
    private boolean ended;
    private @Nullable ConsentDocumentException stopped;

    private NdjsonLines(Units<?> units, long maxLength, long maxSkipped) {
        this.units = units;
        this.maxLength = maxLength;
        this.maxSkipped = maxSkipped;
    }

    /** The lines of characters, with the limits of {@link ConsentDocuments}. */
    static NdjsonLines of(Reader in) {
        return of(in, ConsentDocuments.MAX_DOCUMENT_LENGTH, ConsentDocuments.MAX_SKIPPED_LINE_LENGTH);
    }

    /** The lines of UTF-8 bytes, with the limits of {@link ConsentDocuments}. */
    static NdjsonLines of(InputStream in) {
        return of(in, ConsentDocuments.MAX_DOCUMENT_LENGTH, ConsentDocuments.MAX_SKIPPED_LINE_LENGTH);
    }

    /** The lines of characters, with other limits, so that the limits can be tested on short lines. */
    static NdjsonLines of(Reader in, long maxLength, long maxSkipped) {
        return new NdjsonLines(new Chars(in), maxLength, maxSkipped);
    }

    /** The lines of UTF-8 bytes, with other limits, so that the limits can be tested on short lines. */
    static NdjsonLines of(InputStream in, long maxLength, long maxSkipped) {
        return new NdjsonLines(new Bytes(in), maxLength, maxSkipped);
    }

    /**
     * The next line, without its terminator, or {@code null} at the end of the stream.
     *
     * @throws ConsentDocumentException if the line is too long or not UTF-8; the next call reads the
     *     line after it. Or, when {@link #stopped()} says so, if a line went on past the longest skipped,
     *     and every later call throws the same
     * @throws IOException if the stream fails
     */
    @Nullable String next() throws IOException {
        return (String) next(false);
    }

    /**
     * As {@link #next()}, but a line of bytes is handed to {@code into} as its bytes, not yet decoded,
     * without its terminator or a byte order mark, still to be checked for UTF-8, and this returns
     * {@link #HANDED_ON}; a line of characters comes back as its {@link String}. Reading on several
     * threads decodes there.
     */
    @Nullable Object nextRaw(RawBytes into) throws IOException {
        units.into = into;
        try {
            return next(true);
        } finally {
            units.into = null;
        }
    }

    /** What {@link #nextRaw} returns for a line of bytes handed on. */
    static final Object HANDED_ON = new Object();

    /** Takes the bytes of a line, valid only during the call. */
    @FunctionalInterface
    interface RawBytes {
        void take(byte[] bytes, int from, int to);
    }

    private @Nullable Object next(boolean raw) throws IOException {
        if (stopped != null) {
            throw stopped;
        }
        if (skipped >= 0 && !skipRestOfLine()) {
            return null;
        }
        while (true) {
            boolean more = available();
            int end = more ? units.endOfLine() : units.position;
            long length = units.kept() + (long) (end - units.position);
            if (!more && length == 0) {
                return null;
            }
            boolean ends = !more || end < units.limit;
            if (length > maxLength + 1
                    || (ends && length == maxLength + 1 && !units.carriageReturnBefore(end))) {
                number++;
                units.forget();
                units.position = end;
                skipped = length;
                throw tooLong();
            }
            if (ends) {
                return take(end, raw);
            }
            units.keep(end);
        }
    }

    /** Whether there are units to look at, reading more when the buffer is used up; not at the end of the input. */
    private boolean available() throws IOException {
        if (units.position < units.limit) {
            return true;
        }
        if (ended || !units.fill()) {
            ended = true;
            return false;
        }
        return true;
    }

    /** The line ending at {@code end} of the buffer, where a newline is or the input ended. */
    private Object take(int end, boolean raw) throws ConsentDocumentException {
        number++;
        try {
            return units.take(end, number, number == 1, raw);
        } finally {
            if (end < units.limit) {
                units.position++;
            }
        }
    }

    /**
     * Reads on to the end of the over-long line reported last.
     *
     * @return whether a line follows; {@code false} if the input ended first
     * @throws ConsentDocumentException if the line goes on past the longest skipped
     */
    private boolean skipRestOfLine() throws IOException {
        while (true) {
            if (!available()) {
                skipped = -1;
                return false;
            }
            int end = units.endOfLine();
            skipped += end - units.position;
            units.position = end;
            if (skipped > maxSkipped) {
                stopped = neverEnds();
                throw stopped;
            }
            if (end < units.limit) {
                units.position++;
                skipped = -1;
                return true;
            }
        }
    }

    /** The 1-based number of the line {@link #next()} returned or reported last. */
    long number() {
        return number;
    }

    /** Whether a line went on past the longest skipped, so that nothing more is read. */
    boolean stopped() {
        return stopped != null;
    }

    private ConsentDocumentException tooLong() {
        String unit = units.name();
        return new ConsentDocumentException("$", null, number, column(maxLength + 1),
                "the line is longer than " + maxLength + " " + unit,
                "a line of at most " + maxLength + " " + unit + " (ConsentDocuments.MAX_DOCUMENT_LENGTH)", null);
    }

    private ConsentDocumentException neverEnds() {
        String unit = units.name();
        return new ConsentDocumentException("$", null, number, column(maxSkipped + 1),
                "the line goes on past " + maxSkipped + " " + unit + " without ending",
                "lines of at most " + maxLength + " " + unit + ", each ending with a newline; a line still going past "
                        + maxSkipped + " " + unit + " stops the reading (ConsentDocuments.MAX_SKIPPED_LINE_LENGTH)",
                null);
    }

    private static int column(long position) {
        return (int) Math.min(Integer.MAX_VALUE, position);
    }

    @Override
    public void close() throws IOException {
        units.close();
    }

    /**
     * A buffer refilled from the input ({@code position} is the next unit to look at, {@code limit} the
     * end of what was read) and the start of a line kept while the rest of it is read, both arrays of
     * type {@code A}. The subclasses hold what differs between characters and bytes: reading into an
     * array, finding a newline, and making text of a line.
     */
    private abstract static class Units<A> implements Closeable {

        static final int BUFFER = 8192;
        /** The longest kept array held on to after its line, so that one long line does not pin memory. */
        static final int LARGEST_KEPT_ARRAY = 64 * BUFFER;

        int position;
        int limit;
        /** How many units of the line are kept. */
        int length;

        final A buffer;
        A line;

        Units(A buffer, A line) {
            this.buffer = buffer;
            this.line = line;
        }

        /** Reads units into {@code buffer} from its start: how many, 0 only if none are ready, -1 at the end. */
        abstract int read(A buffer) throws IOException;

        /** A new array of {@code length} units. */
        abstract A newArray(int length);

        /** The length of {@code array}. */
        abstract int lengthOf(A array);

        /** The index of the first {@code \n} from {@code position} on, or {@code limit} if there is none. */
        abstract int endOfLine();

        /** Reads the next units into the buffer, from its start; {@code false} at the end of the input. */
        final boolean fill() throws IOException {
            int n;
            do {
                n = read(buffer);
            } while (n == 0);
            position = 0;
            limit = Math.max(n, 0);
            return n > 0;
        }

        /** Keeps the buffer's units from {@code position} to {@code end} as part of the line, and moves past them. */
        final void keep(int end) {
            int count = end - position;
            if (length + count > lengthOf(line)) {
                A longer = newArray(Math.max(length + count, 2 * lengthOf(line)));
                System.arraycopy(line, 0, longer, 0, length);
                line = longer;
            }
            System.arraycopy(buffer, position, line, length, count);
            length += count;
            position = end;
        }

        /** The unit at {@code index} of the kept units, or else of the buffer. */
        abstract int unit(boolean kept, int index);

        /**
         * The units from {@code from} to {@code to}, of the kept ones or else of the buffer, as text; at
         * the start of the input, without a byte order mark.
         *
         * @param line the line's number, for the location of a byte that is not UTF-8
         * @throws ConsentDocumentException if the units are bytes that are not UTF-8
         */
        abstract String text(boolean kept, int from, int to, long line, boolean startOfInput)
                throws ConsentDocumentException;

        /**
         * The units from {@code from} to {@code to} as they are, for a line read on another thread: a
         * copy of the bytes without a byte order mark at the start of the input, or the text of
         * characters.
         */
        abstract Object raw(boolean kept, int from, int to, long line, boolean startOfInput)
                throws ConsentDocumentException;

        /** Where {@link #raw} hands a line of bytes, during {@link NdjsonLines#nextRaw}. */
        @Nullable RawBytes into;

        /** Lets go of a kept array longer than {@link #LARGEST_KEPT_ARRAY}. */
        final void shrink() {
            if (lengthOf(line) > LARGEST_KEPT_ARRAY) {
                line = newArray(256);
            }
        }

        /** What the units are called in messages. */
        abstract String name();

        final int kept() {
            return length;
        }

        /** Whether the line's last unit before {@code end}, in the buffer or kept, is a {@code \r}. */
        final boolean carriageReturnBefore(int end) {
            return end > position ? unit(false, end - 1) == '\r' : length > 0 && unit(true, length - 1) == '\r';
        }

        /**
         * The kept units and the buffer's up to {@code end} as the line's text, without a final {@code \r};
         * then forgets them and moves {@code position} to {@code end}. A line that lies in the buffer
         * whole is made text from there, without being copied.
         *
         * @throws ConsentDocumentException if the line's bytes are not UTF-8
         */
        final Object take(int end, long line, boolean startOfInput, boolean raw) throws ConsentDocumentException {
            boolean kept = length > 0;
            if (kept) {
                keep(end);
            }
            int from = kept ? 0 : position;
            int to = kept ? length : end;
            position = end;
            if (to > from && unit(kept, to - 1) == '\r') {
                to--;
            }
            try {
                return raw ? raw(kept, from, to, line, startOfInput) : text(kept, from, to, line, startOfInput);
            } finally {
                forget();
            }
        }

        /** Forgets the kept units. */
        final void forget() {
            length = 0;
            shrink();
        }
    }

    /** Lines of characters. */
    private static final class Chars extends Units<char[]> {
        private final Reader in;

        Chars(Reader in) {
            super(new char[BUFFER], new char[256]);
            this.in = in;
        }

        @Override
        int read(char[] into) throws IOException {
            return in.read(into, 0, into.length);
        }

        @Override
        char[] newArray(int length) {
            return new char[length];
        }

        @Override
        int lengthOf(char[] array) {
            return array.length;
        }

        @Override
        int endOfLine() {
            char[] units = buffer;
            int i = position;
            while (i < limit && units[i] != '\n') {
                i++;
            }
            return i;
        }

        @Override
        int unit(boolean kept, int index) {
            return kept ? line[index] : buffer[index];
        }

        @Override
        String text(boolean kept, int from, int to, long number, boolean startOfInput) {
            char[] chars = kept ? line : buffer;
            int start = startOfInput && to > from && chars[from] == JsonIo.BYTE_ORDER_MARK ? from + 1 : from;
            return new String(chars, start, to - start);
        }

        @Override
        Object raw(boolean kept, int from, int to, long number, boolean startOfInput) {
            return text(kept, from, to, number, startOfInput);
        }

        @Override
        String name() {
            return "characters";
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** Lines of UTF-8 bytes; a newline byte never occurs inside a multi-byte character. */
    private static final class Bytes extends Units<byte[]> {
        private final InputStream in;

        Bytes(InputStream in) {
            super(new byte[BUFFER], new byte[256]);
            this.in = in;
        }

        @Override
        int read(byte[] into) throws IOException {
            return in.read(into, 0, into.length);
        }

        @Override
        byte[] newArray(int length) {
            return new byte[length];
        }

        @Override
        int lengthOf(byte[] array) {
            return array.length;
        }

        @Override
        int endOfLine() {
            byte[] units = buffer;
            int i = position;
            while (i < limit && units[i] != '\n') {
                i++;
            }
            return i;
        }

        @Override
        int unit(boolean kept, int index) {
            return kept ? line[index] : buffer[index];
        }

        @Override
        String text(boolean kept, int from, int to, long number, boolean startOfInput) throws ConsentDocumentException {
            return JsonIo.decode(kept ? line : buffer, from, to - from, number, startOfInput);
        }

        @Override
        Object raw(boolean kept, int from, int to, long number, boolean startOfInput) {
            byte[] bytes = kept ? line : buffer;
            int start = startOfInput && JsonIo.startsWithByteOrderMark(bytes, from, to - from) ? from + 3 : from;
            Objects.requireNonNull(into, "into").take(bytes, start, Math.max(start, to));
            return HANDED_ON;
        }

        @Override
        String name() {
            return "bytes";
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
