package dev.consentkit.benchmarks;

import dev.consentkit.ContentItem;
import dev.consentkit.DataCategory;
import dev.consentkit.Reservation;
import dev.consentkit.ReservationSource;
import dev.consentkit.jackson.NdjsonReader;
import dev.consentkit.jackson.NdjsonWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.CharArrayReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Reading an item export: {@value #ITEMS} content items as newline-delimited JSON, read one line at a
 * time by {@link NdjsonReader#items}, as {@code consent evaluate} and training pipelines read them. One
 * operation is one line: split off, decoded, parsed and bound to a {@link ContentItem}.
 *
 * <ul>
 *   <li>{@code itemsFromBytes} reads the UTF-8 bytes of the export ({@link NdjsonReader#items(java.io.InputStream)}),
 *       as from a file or standard input.
 *   <li>{@code itemsFromCharacters} reads the same export as characters
 *       ({@link NdjsonReader#items(java.io.Reader)}).
 * </ul>
 *
 * <p>The export is written once per trial by {@link NdjsonWriter} from a fixed seed: items of six
 * categories created over 2025, one in eight with a do-not-train reservation, one in sixteen deleted,
 * one in ten with a non-ASCII id, so that decoding meets multi-byte characters. Setup reads it back and
 * fails the run unless every line is the item written, so that what is measured is reading good lines.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class NdjsonReadBenchmark {

    /** The number of items, one per line, of the export. */
    public static final int ITEMS = 10_000;

    private static final long SEED = 20_261_130L;
    private static final DataCategory[] CATEGORIES = {DataCategory.PUBLIC_CONTENT, DataCategory.GROUP_CONTENT,
            DataCategory.PRIVATE_MESSAGES, DataCategory.PROFILE_DETAILS, DataCategory.AI_INTERACTIONS,
            DataCategory.JOB_APPLICATIONS};
    private static final Instant YEAR = Instant.parse("2025-01-01T00:00:00Z");

    byte[] bytes;
    char[] characters;

    /**
     * Writes the export and checks that it reads back.
     *
     * @throws IllegalStateException if a line does not read back as the item written
     */
    @Setup
    public void setUp() {
        ContentItem[] items = items();
        bytes = export(items);
        characters = new String(bytes, StandardCharsets.UTF_8).toCharArray();
        check(items, readBack(NdjsonReader.items(new ByteArrayInputStream(bytes))));
        check(items, readBack(NdjsonReader.items(new CharArrayReader(characters))));
    }

    /** Reading every line of the export from its bytes. */
    @Benchmark
    @OperationsPerInvocation(ITEMS)
    public void itemsFromBytes(Blackhole blackhole) throws IOException {
        read(NdjsonReader.items(new ByteArrayInputStream(bytes)), blackhole);
    }

    /** Reading every line of the export from its characters. */
    @Benchmark
    @OperationsPerInvocation(ITEMS)
    public void itemsFromCharacters(Blackhole blackhole) throws IOException {
        read(NdjsonReader.items(new CharArrayReader(characters)), blackhole);
    }

    private static void read(NdjsonReader<ContentItem> reader, Blackhole blackhole) throws IOException {
        try (reader) {
            for (NdjsonReader.Line<ContentItem> line = reader.read(); line != null; line = reader.read()) {
                blackhole.consume(line.value());
            }
        }
    }

    /** The items of the export, the same on every call. */
    static ContentItem[] items() {
        SplittableRandom random = new SplittableRandom(SEED);
        ContentItem[] items = new ContentItem[ITEMS];
        for (int i = 0; i < ITEMS; i++) {
            String id = (i % 10 == 3 ? "beitrag-\u00fcber-caf\u00e9-" : "post-") + i;
            Instant created = YEAR.plusSeconds(random.nextLong(365L * 24 * 3600));
            ContentItem item = ContentItem.of(id, "m-" + random.nextInt(100_000),
                    CATEGORIES[random.nextInt(CATEGORIES.length)], created);
            if (i % 8 == 5) {
                item = item.withReservation(new Reservation(ReservationSource.TDM_REP, created.plusSeconds(3600)));
            }
            if (i % 16 == 7) {
                item = item.withDeletedAt(created.plusSeconds(86_400));
            }
            items[i] = item;
        }
        return items;
    }

    /** The items as an NDJSON export in UTF-8, one compact line each. */
    static byte[] export(ContentItem[] items) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (NdjsonWriter<ContentItem> writer = NdjsonWriter.items(out)) {
            for (ContentItem item : items) {
                writer.write(item);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Every line of a stream, as read: the item, or {@code null} for a line that could not be read. */
    static ContentItem[] readBack(NdjsonReader<ContentItem> reader) {
        ContentItem[] read = new ContentItem[ITEMS + 1];
        int n = 0;
        try (reader) {
            for (NdjsonReader.Line<ContentItem> line = reader.read(); line != null; line = reader.read()) {
                if (n == read.length) {
                    throw new IllegalStateException("more than " + ITEMS + " lines read");
                }
                read[n++] = line.hasValue() ? line.value() : null;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Arrays.copyOf(read, n);
    }

    private static void check(ContentItem[] written, ContentItem[] read) {
        if (!Arrays.equals(written, read)) {
            throw new IllegalStateException("the export does not read back as written: " + read.length + " of "
                    + written.length + " lines read");
        }
    }
}
