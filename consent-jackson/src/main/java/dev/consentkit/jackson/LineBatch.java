package dev.consentkit.jackson;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Lines of a stream taken on one thread and read on another: the unit of
 * {@link NdjsonReader#readInBatches}. Each line keeps its number in the stream; a line of bytes keeps
 * its bytes, still to be decoded, in one array with the others; a line of characters keeps its text;
 * and a line too long to keep keeps its error instead. So a batch read later reports exactly what
 * {@link NdjsonReader#read()} would have.
 *
 * <p>Items and members in the common shape ({@link ItemLines}, {@link MemberLines}) are read with one
 * parser for the whole batch, line after line, as long as each line holds one object of that shape
 * and nothing after it; the parser starts again after any other line, which goes to the databinding.
 */
final class LineBatch {

    /** About how much text a batch holds before it ends, in bytes or characters: a mebibyte. */
    static final int TEXT = 1 << 20;

    // Per line: its text when read from characters, or null for a line of bytes or an error.
    private final List<@Nullable String> texts = new ArrayList<>();
    private final List<@Nullable ConsentDocumentException> errors = new ArrayList<>();
    private long[] numbers = new long[64];
    // Per line of bytes: where it starts and ends in data, each line followed there by a newline.
    private int[] starts = new int[64];
    private int[] ends = new int[64];
    private byte[] data = new byte[1 << 12];
    private int used;
    // Where the line of bytes taken last lies in data.
    private int takenFrom;
    private int takenTo;
    // Characters of the lines of characters, which are not in data.
    private long characters;

    /**
     * Takes up to {@code most} lines that are not blank, or about {@link #TEXT} units of them.
     *
     * @return whether more lines may follow; {@code false} at the end of the stream
     * @throws ConsentDocumentException if a line goes on without ending (see {@link NdjsonLines#next()});
     *     the lines taken before it stay in the batch
     */
    boolean fill(NdjsonLines lines, int most) throws IOException {
        while (texts.size() < most && used + characters < TEXT) {
            Object line;
            try {
                line = lines.nextRaw(this::takeBytes);
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
            if (line == NdjsonLines.HANDED_ON) {
                if (isBlank(takenFrom, takenTo)) {
                    used = takenFrom;
                } else {
                    add(lines.number(), null, null);
                }
            } else if (!NdjsonReader.isBlank((String) line)) {
                add(lines.number(), (String) line, null);
                characters += ((String) line).length();
            }
        }
        return true;
    }

    /** Copies a line's bytes to the end of {@code data}, followed by a newline. */
    private void takeBytes(byte[] bytes, int from, int to) {
        int length = to - from;
        if (used + length + 1 > data.length) {
            data = Arrays.copyOf(data, Math.max(2 * data.length, used + length + 1));
        }
        System.arraycopy(bytes, from, data, used, length);
        takenFrom = used;
        takenTo = used + length;
        data[takenTo] = '\n';
        used = takenTo + 1;
    }

    /** Whether the bytes of data from {@code from} to {@code to} are only JSON whitespace. */
    private boolean isBlank(int from, int to) {
        for (int i = from; i < to; i++) {
            byte b = data[i];
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    /** Adds a line: the bytes taken last when both are null, its text, or its error. */
    private void add(long number, @Nullable String text, @Nullable ConsentDocumentException error) {
        int index = texts.size();
        if (index == numbers.length) {
            numbers = Arrays.copyOf(numbers, 2 * index);
            starts = Arrays.copyOf(starts, 2 * index);
            ends = Arrays.copyOf(ends, 2 * index);
        }
        numbers[index] = number;
        texts.add(text);
        errors.add(error);
        boolean bytes = text == null && error == null;
        starts[index] = bytes ? takenFrom : used;
        ends[index] = bytes ? takenTo : used;
    }

    boolean isEmpty() {
        return texts.isEmpty();
    }

    /** Reads the lines' JSON into values of {@code type}, on the calling thread. */
    <T> List<NdjsonReader.Line<T>> parse(Class<T> type, Supplier<ObjectReader> reader) {
        Locator where = Locator.onStream();
        LazyReader located = new LazyReader(() -> reader.get().withAttribute(Locator.class, where));
        CommonShape common = CommonShape.of(type);
        List<NdjsonReader.Line<T>> read = new ArrayList<>(texts.size());
        JsonParser shared = null;
        int sharedFrom = 0;
        // The line the shared parser reads next; -1 when it must start again.
        int sharedAt = -1;
        try {
            for (int i = 0; i < texts.size(); i++) {
                String text = texts.get(i);
                ConsentDocumentException error = errors.get(i);
                if (error != null) {
                    read.add(new NdjsonReader.Line<>(numbers[i], null, error));
                    continue;
                }
                if (text != null) {
                    read.add(NdjsonReader.parse(text, numbers[i], type, located, where));
                    continue;
                }
                Object value = null;
                if (common != null && isAscii(starts[i], ends[i])) {
                    JsonParser parser = shared;
                    if (parser == null || sharedAt != i) {
                        close(shared);
                        parser = JsonIo.FACTORY.createParser(data, starts[i], used - starts[i]);
                        shared = parser;
                        sharedFrom = starts[i];
                    }
                    value = commonObject(common, parser, sharedFrom, ends[i]);
                    sharedAt = value == null ? -1 : i + 1;
                }
                read.add(value != null ? new NdjsonReader.Line<>(numbers[i], type.cast(value), null)
                        : NdjsonReader.parseDecoding(Arrays.copyOfRange(data, starts[i], ends[i]), numbers[i], type,
                                located, where));
            }
        } catch (IOException cannotHappenOnBytes) {
            throw new IllegalStateException(cannotHappenOnBytes);
        } finally {
            close(shared);
        }
        return read;
    }

    /**
     * The object in the common shape the shared parser reads next, if it ends on its line with nothing
     * but whitespace after it; else null.
     */
    private @Nullable Object commonObject(CommonShape common, JsonParser shared, int sharedFrom, int end) {
        try {
            Object value = common.object(shared);
            if (value == null) {
                return null;
            }
            long after = sharedFrom + shared.currentLocation().getByteOffset();
            for (long at = after; at < end; at++) {
                byte b = data[(int) at];
                if (b != ' ' && b != '\t' && b != '\r') {
                    return null;
                }
            }
            return after <= end ? value : null;
        } catch (IOException | IllegalArgumentException | DateTimeException notCommon) {
            return null;
        }
    }

    private boolean isAscii(int from, int to) {
        for (int i = from; i < to; i++) {
            if (data[i] < 0) {
                return false;
            }
        }
        return true;
    }

    private static void close(@Nullable JsonParser parser) {
        if (parser != null) {
            try {
                parser.close();
            } catch (IOException cannotHappenOnBytes) {
                throw new IllegalStateException(cannotHappenOnBytes);
            }
        }
    }
}
