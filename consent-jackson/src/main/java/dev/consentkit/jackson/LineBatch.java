package dev.consentkit.jackson;

import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Lines of a stream taken on one thread and read on another: the unit of
 * {@link NdjsonReader#readInBatches}. Each line keeps its number in the stream, and a line too long to
 * keep or not UTF-8 keeps its error instead of its text, so that a batch read later reports exactly
 * what {@link NdjsonReader#read()} would have.
 */
final class LineBatch {

    /** About how much text a batch holds before it ends, in characters: a mebibyte. */
    static final int TEXT = 1 << 20;

    // Per line: its bytes not yet decoded, its text when read from characters, or null for an error.
    private final List<@Nullable Object> texts = new ArrayList<>();
    private final List<@Nullable ConsentDocumentException> errors = new ArrayList<>();
    private long[] numbers = new long[64];

    /**
     * Takes up to {@code most} lines that are not blank, or about {@link #TEXT} characters of them.
     *
     * @return whether more lines may follow; {@code false} at the end of the stream
     * @throws ConsentDocumentException if a line goes on without ending (see {@link NdjsonLines#next()});
     *     the lines taken before it stay in the batch
     */
    boolean fill(NdjsonLines lines, int most) throws IOException {
        long size = 0;
        while (texts.size() < most && size < TEXT) {
            Object line;
            try {
                line = lines.nextRaw();
            } catch (ConsentDocumentException e) {
                if (lines.stopped()) {
                    throw e;
                }
                add(lines.number(), null, e);
                continue;
            }
            if (line == null) {
                return false;
            }
            if (line instanceof byte[] bytes ? !isBlank(bytes) : !NdjsonReader.isBlank((String) line)) {
                add(lines.number(), line, null);
                size += line instanceof byte[] bytes ? bytes.length : ((String) line).length();
            }
        }
        return true;
    }

    /** Whether a line of bytes holds only JSON whitespace. */
    private static boolean isBlank(byte[] bytes) {
        for (byte b : bytes) {
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    private void add(long number, @Nullable Object text, @Nullable ConsentDocumentException error) {
        if (texts.size() == numbers.length) {
            numbers = Arrays.copyOf(numbers, 2 * numbers.length);
        }
        numbers[texts.size()] = number;
        texts.add(text);
        errors.add(error);
    }

    boolean isEmpty() {
        return texts.isEmpty();
    }

    /** Reads the lines' JSON into values of {@code type}, on the calling thread. */
    <T> List<NdjsonReader.Line<T>> parse(Class<T> type, ObjectReader reader) {
        Locator where = Locator.onStream();
        ObjectReader located = reader.withAttribute(Locator.class, where);
        List<NdjsonReader.Line<T>> read = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            Object text = texts.get(i);
            read.add(text == null ? new NdjsonReader.Line<>(numbers[i], null, errors.get(i))
                    : text instanceof byte[] bytes ? NdjsonReader.parse(bytes, numbers[i], type, located, where)
                    : NdjsonReader.parse((String) text, numbers[i], type, located, where));
        }
        return read;
    }
}
