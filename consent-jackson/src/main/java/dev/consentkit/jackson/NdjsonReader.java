package dev.consentkit.jackson;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.consentkit.ContentItem;
import dev.consentkit.Decision;
import dev.consentkit.Member;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Reads a newline-delimited JSON stream of members, content items or decisions one line at a time,
 * as training pipelines read item exports: memory stays bounded by the longest line however long the
 * stream, so ten million items are never held at once.
 *
 * <p>Each line is one object in the same form as the single document ({@link ConsentDocuments}),
 * read as strictly; its {@code format} field may be left out, and is checked when present. Lines
 * holding only whitespace are skipped. Only {@code \n} ends a line: a {@code \r} right before it is
 * dropped, and a {@code \r} anywhere else is part of its line, whitespace between JSON values. One
 * byte order mark at the very start of the stream is dropped, as for a single document and the same
 * for characters, bytes and files; any other, a second one right after it or one at the start of a
 * later line, is content, and so an error on its line.
 *
 * <p>A line that cannot be read does not end the stream: it comes back as a {@link Line} holding the
 * {@link ConsentDocumentException}, whose {@link ConsentDocumentException#line() line} is the line's
 * {@link Line#number() number} in the stream and whose {@link ConsentDocumentException#column()
 * column} is the position on that line, and reading goes on with the next line.
 *
 * <p>Lines are limited to {@link ConsentDocuments#MAX_DOCUMENT_LENGTH} (16 MiB), counted in characters
 * for a {@link Reader} and in bytes for an {@link InputStream} or a file, as the input arrives: a longer
 * line is reported as soon as it passes the limit, without being held in memory, and is then skipped to
 * its end, so the lines after it are read. A line that goes on past
 * {@link ConsentDocuments#MAX_SKIPPED_LINE_LENGTH} (64 MiB) without ending is input that is not
 * newline-delimited at all, such as {@code /dev/zero}: {@link #read()} then throws a {@link
 * ConsentDocumentException} that names the line and that bound, and reads nothing more. So reading
 * always ends, and never holds more than one line of at most the limit.
 *
 * <pre>{@code
 * try (NdjsonReader<ContentItem> items = NdjsonReader.items(path)) {
 *     for (NdjsonReader.Line<ContentItem> line : items) {
 *         if (line.hasValue()) {
 *             use(line.value());
 *         } else {
 *             log.warn(line.error().orElseThrow().getMessage());
 *         }
 *     }
 * }
 * }</pre>
 *
 * <p>Bytes are read as UTF-8. A reader is not thread-safe, and, like a {@link
 * java.nio.file.DirectoryStream}, can be iterated once. Closing it closes the stream it reads.
 *
 * @param <T> what each line holds: {@link Member}, {@link ContentItem} or {@link Decision}
 */
public final class NdjsonReader<T> implements Closeable, Iterable<NdjsonReader.Line<T>> {

    private final NdjsonLines lines;
    private final Class<T> type;
    // Without the stream's locator, for batches read on other threads; and with it, for read().
    private final LazyReader reader;
    private final LazyReader located;
    private final Locator where = Locator.onStream();
    private boolean iterated;

    private NdjsonReader(NdjsonLines lines, Class<T> type, ReadOptions options) {
        this.lines = lines;
        this.type = type;
        this.reader = new LazyReader(() -> JsonIo.reader(type, options).withAttribute(FormDeserializer.FORMAT_OPTIONAL, false));
        this.located = new LazyReader(() -> reader.get().withAttribute(Locator.class, where));
    }

    /**
     * Reads members, with their jurisdictions and consent histories, one per line, with the
     * {@linkplain ReadOptions#defaults() default options}: a consent event recorded up to five seconds
     * before it takes effect counts from when it was recorded.
     *
     * @param in the characters of the lines, one JSON document per line
     * @return a reader of the members, one per line; close it to close the input
     */
    public static NdjsonReader<Member> members(Reader in) {
        return members(in, ReadOptions.defaults());
    }

    /**
     * Reads members, one per line, with the given options. A consent event recorded before it takes
     * effect by more than the options' clock-skew tolerance makes its member's line an error, naming
     * the event; one within the tolerance counts from when it was recorded and costs nothing.
     *
     * @param in the characters of the lines, one JSON document per line
     * @param options how to read consent events, such as the clock-skew tolerance
     * @return a reader of the members, one per line; close it to close the input
     */
    public static NdjsonReader<Member> members(Reader in, ReadOptions options) {
        Objects.requireNonNull(options, "options");
        return new NdjsonReader<>(NdjsonLines.of(Objects.requireNonNull(in, "in")), Member.class, options);
    }

    /**
     * Reads members, one per line, from UTF-8 bytes, with the {@linkplain ReadOptions#defaults() default options}.
     *
     * @param in the UTF-8 bytes of the lines, one JSON document per line
     * @return a reader of the members, one per line; close it to close the input
     */
    public static NdjsonReader<Member> members(InputStream in) {
        return members(in, ReadOptions.defaults());
    }

    /**
     * Reads members, one per line, from UTF-8 bytes, with the given options.
     *
     * @param in the UTF-8 bytes of the lines, one JSON document per line
     * @param options how to read consent events, such as the clock-skew tolerance
     * @return a reader of the members, one per line; close it to close the input
     */
    public static NdjsonReader<Member> members(InputStream in, ReadOptions options) {
        Objects.requireNonNull(options, "options");
        return new NdjsonReader<>(NdjsonLines.of(Objects.requireNonNull(in, "in")), Member.class, options);
    }

    /**
     * Reads members, one per line, from a UTF-8 file, with the {@linkplain ReadOptions#defaults() default options}.
     *
     * @param file the file to read
     * @return a reader of the members, one per line; close it to close the input
     * @throws IOException if the file cannot be opened
     */
    public static NdjsonReader<Member> members(Path file) throws IOException {
        return members(file, ReadOptions.defaults());
    }

    /**
     * Reads members, one per line, from a UTF-8 file, with the given options.
     *
     * @param file the file to read
     * @param options how to read consent events, such as the clock-skew tolerance
     * @return a reader of the members, one per line; close it to close the input
     * @throws IOException if the file cannot be opened
     */
    public static NdjsonReader<Member> members(Path file, ReadOptions options) throws IOException {
        Objects.requireNonNull(options, "options");
        return members(Files.newInputStream(file), options);
    }

    /**
     * Reads content items, one per line.
     *
     * @param in the characters of the lines, one JSON document per line
     * @return a reader of the content items, one per line; close it to close the input
     */
    public static NdjsonReader<ContentItem> items(Reader in) {
        return new NdjsonReader<>(NdjsonLines.of(Objects.requireNonNull(in, "in")), ContentItem.class, ReadOptions.defaults());
    }

    /**
     * Reads content items, one per line, from UTF-8 bytes.
     *
     * @param in the UTF-8 bytes of the lines, one JSON document per line
     * @return a reader of the content items, one per line; close it to close the input
     */
    public static NdjsonReader<ContentItem> items(InputStream in) {
        return new NdjsonReader<>(NdjsonLines.of(Objects.requireNonNull(in, "in")), ContentItem.class, ReadOptions.defaults());
    }

    /**
     * Reads content items, one per line, from a UTF-8 file.
     *
     * @param file the file to read
     * @return a reader of the content items, one per line; close it to close the input
     * @throws IOException if the file cannot be opened
     */
    public static NdjsonReader<ContentItem> items(Path file) throws IOException {
        return items(Files.newInputStream(file));
    }

    /**
     * Reads decisions, one per line, as an audit trail keeps them.
     *
     * @param in the characters of the lines, one JSON document per line
     * @return a reader of the decisions, one per line; close it to close the input
     */
    public static NdjsonReader<Decision> decisions(Reader in) {
        return new NdjsonReader<>(NdjsonLines.of(Objects.requireNonNull(in, "in")), Decision.class, ReadOptions.defaults());
    }

    /**
     * Reads decisions, one per line, from UTF-8 bytes.
     *
     * @param in the UTF-8 bytes of the lines, one JSON document per line
     * @return a reader of the decisions, one per line; close it to close the input
     */
    public static NdjsonReader<Decision> decisions(InputStream in) {
        return new NdjsonReader<>(NdjsonLines.of(Objects.requireNonNull(in, "in")), Decision.class, ReadOptions.defaults());
    }

    /**
     * Reads decisions, one per line, from a UTF-8 file.
     *
     * @param file the file to read
     * @return a reader of the decisions, one per line; close it to close the input
     * @throws IOException if the file cannot be opened
     */
    public static NdjsonReader<Decision> decisions(Path file) throws IOException {
        return decisions(Files.newInputStream(file));
    }

    /**
     * Reads the next line that is not blank: its value, or why it cannot be read.
     *
     * @return the line, or {@code null} at the end of the stream
     * @throws ConsentDocumentException if a line goes on past {@link
     *     ConsentDocuments#MAX_SKIPPED_LINE_LENGTH} without ending (the line was already returned as too
     *     long); nothing more is read, and every later call throws it again
     * @throws IOException if the stream itself fails; a bad line is returned, not thrown
     */
    public @Nullable Line<T> read() throws IOException {
        while (true) {
            String text;
            try {
                text = lines.next();
            } catch (ConsentDocumentException e) {
                if (lines.stopped()) {
                    throw e;
                }
                return new Line<>(lines.number(), null, e);
            }
            if (text == null) {
                return null;
            }
            if (isBlank(text)) {
                continue;
            }
            return parse(text, lines.number(), type, located, where);
        }
    }

    /**
     * Reads the rest of the stream in batches of lines on {@code executor}, and hands each batch's result
     * to {@code inOrder} on the calling thread, in the order of the lines: the way to read a long export
     * on several cores without giving up its order.
     *
     * <p>The calling thread reads the lines and passes on the results; the executor's threads read the
     * lines' JSON and run {@code work} on each batch, a list of the batch's lines that are not blank, in
     * order, each with its value or its error exactly as {@link #read()} would return it. At most
     * {@code inFlight} batches are read or waiting to be passed on at a time, so memory stays bounded
     * however long the stream and however slow {@code inOrder}. A batch ends after {@code batchLines}
     * lines, or sooner once it holds about a mebibyte of text.
     *
     * <p>When {@code work} or {@code inOrder} throws, no further batch is started, the batches not yet
     * handed on are cancelled (one already running finishes on its thread, its result unused), and the
     * exception is thrown here; an unchecked exception or error of {@code work} is thrown as it is, not
     * wrapped.
     *
     * <pre>{@code
     * ExecutorService pool = Executors.newFixedThreadPool(2);
     * try (NdjsonReader<ContentItem> items = NdjsonReader.items(path)) {
     *     items.readInBatches(4096, 8, pool,
     *             lines -> lines.stream().filter(NdjsonReader.Line::hasValue).count(),
     *             count -> total.add(count));
     * } finally {
     *     pool.shutdown();
     * }
     * }</pre>
     *
     * @param batchLines the most lines in a batch, at least 1
     * @param inFlight the most batches read or waiting at once, at least 1
     * @param executor runs the reading of each batch and {@code work}
     * @param work turns a batch's lines into a result; called on the executor's threads, one batch at a time each
     * @param inOrder takes the results, on the calling thread, in the order of the batches
     * @param <R> what {@code work} makes of a batch
     * @throws ConsentDocumentException as {@link #read()}, if a line goes on past {@link
     *     ConsentDocuments#MAX_SKIPPED_LINE_LENGTH} without ending, after the results of the lines before
     *     it were passed on
     * @throws IOException if the stream itself fails
     * @throws IllegalArgumentException if {@code batchLines} or {@code inFlight} is less than 1
     * @throws IllegalStateException if the calling thread is interrupted while waiting for a batch
     */
    public <R> void readInBatches(int batchLines, int inFlight, Executor executor, Function<List<Line<T>>, R> work,
            Consumer<? super R> inOrder) throws IOException {
        if (batchLines < 1 || inFlight < 1) {
            throw new IllegalArgumentException("batches need at least 1 line and 1 in flight, not " + batchLines
                    + " and " + inFlight);
        }
        Objects.requireNonNull(executor, "executor");
        Objects.requireNonNull(work, "work");
        Objects.requireNonNull(inOrder, "inOrder");
        ArrayDeque<Future<R>> pending = new ArrayDeque<>();
        try {
            ConsentDocumentException stop = null;
            boolean more = true;
            while (more && stop == null) {
                LineBatch batch = new LineBatch();
                try {
                    more = batch.fill(lines, batchLines);
                } catch (ConsentDocumentException neverEnds) {
                    stop = neverEnds;
                }
                if (!batch.isEmpty()) {
                    FutureTask<R> task = new FutureTask<>(() -> work.apply(batch.parse(type, reader)));
                    executor.execute(task);
                    pending.add(task);
                }
                while (pending.size() >= (more && stop == null ? inFlight : 1)) {
                    inOrder.accept(result(pending.remove()));
                }
            }
            if (stop != null) {
                throw stop;
            }
        } finally {
            for (Future<R> started : pending) {
                started.cancel(false);
            }
        }
    }

    private static <R> R result(Future<R> batch) {
        try {
            return batch.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a batch of lines", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
    }

    /** The line's value, or its error, with locations on line {@code number} of the stream. */
    static <T> Line<T> parse(String text, long number, Class<T> type, Supplier<ObjectReader> reader, Locator where) {
        CommonShape shape = CommonShape.of(type);
        Object common = shape == null ? null : shape.line(text);
        return common != null ? new Line<>(number, type.cast(common), null) : bind(text, number, type, reader, where);
    }

    /** The value or error of a line of bytes not yet decoded, read by the databinding. */
    static <T> Line<T> parseDecoding(byte[] bytes, long number, Class<T> type, Supplier<ObjectReader> reader,
            Locator where) {
        String text;
        try {
            text = JsonIo.decode(bytes, 0, bytes.length, number, false);
        } catch (ConsentDocumentException notUtf8) {
            return new Line<>(number, null, notUtf8);
        }
        return bind(text, number, type, reader, where);
    }

    /** The line read by the databinding. */
    private static <T> Line<T> bind(String text, long number, Class<T> type, Supplier<ObjectReader> reader,
            Locator where) {
        try (JsonParser parser = JsonIo.FACTORY.createParser(text)) {
            where.moveTo(number);
            return new Line<>(number, JsonIo.bind(parser, type, reader.get(), where), null);
        } catch (ConsentDocumentException e) {
            return new Line<>(number, null, e);
        } catch (IOException cannotHappenOnAString) {
            throw new IllegalStateException(cannotHappenOnAString);
        }
    }

    /** Whether a line holds only JSON whitespace. */
    static boolean isBlank(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != ' ' && c != '\t' && c != '\r') {
                return false;
            }
        }
        return true;
    }

    /**
     * The lines that are not blank, in order. An {@link IOException} of the stream, or the {@link
     * ConsentDocumentException} of a line that never ends (see {@link #read()}), surfaces as an {@link
     * UncheckedIOException}.
     *
     * @throws IllegalStateException if called a second time
     */
    @Override
    public Iterator<Line<T>> iterator() {
        if (iterated) {
            throw new IllegalStateException("an NdjsonReader can be iterated once");
        }
        iterated = true;
        return new Iterator<>() {
            private @Nullable Line<T> next;
            private boolean done;

            @Override
            public boolean hasNext() {
                if (next == null && !done) {
                    try {
                        next = read();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    done = next == null;
                }
                return next != null;
            }

            @Override
            public Line<T> next() {
                Line<T> line = hasNext() ? next : null;
                if (line == null) {
                    throw new NoSuchElementException();
                }
                next = null;
                return line;
            }
        };
    }

    /** Closes the underlying stream. */
    @Override
    public void close() throws IOException {
        lines.close();
    }

    /**
     * One line of a stream: its value, or the {@link ConsentDocumentException} that says why it could
     * not be read.
     *
     * @param <T> what the line holds
     */
    public static final class Line<T> {

        private final long number;
        private final @Nullable T value;
        private final @Nullable ConsentDocumentException error;

        Line(long number, @Nullable T value, @Nullable ConsentDocumentException error) {
            this.number = number;
            this.value = value;
            this.error = error;
        }

        /** {@return the 1-based line number in the stream, counting blank lines} */
        public long number() {
            return number;
        }

        /** {@return whether the line was read; otherwise {@link #error()} says why not} */
        public boolean hasValue() {
            return error == null;
        }

        /**
         * {@return the value on the line}
         *
         * @throws IllegalStateException if the line could not be read; its cause is the
         *     {@link ConsentDocumentException}
         */
        public T value() {
            if (error != null) {
                throw new IllegalStateException("line " + number + " could not be read: " + error.getMessage(), error);
            }
            return Objects.requireNonNull(value);
        }

        /** {@return why the line could not be read; empty when it was} */
        public Optional<ConsentDocumentException> error() {
            return Optional.ofNullable(error);
        }

        /** The line number and the value or error, such as {@code line 3: ContentItem[...]}. */
        @Override
        public String toString() {
            return "line " + number + ": " + (error == null ? value : error.getMessage());
        }
    }
}
