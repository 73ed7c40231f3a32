package dev.consentkit.jackson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.consentkit.ContentItem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link NdjsonReader#readInBatches} reads what {@link NdjsonReader#read()} reads, line for line, on
 * other threads, hands the results on in the order of the lines, holds a bounded number of batches,
 * and stops as {@code read()} does.
 */
class NdjsonBatchesTest {

    private final ExecutorService pool = Executors.newFixedThreadPool(3);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    /** Good lines, blank lines, a line that is not JSON, one with an unknown field, one not UTF-8. */
    private static byte[] mixed(int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= count; i++) {
            switch (i % 7) {
                case 3 -> text.append("   \n");
                case 5 -> text.append("{\"id\":\"post-").append(i).append("\",\n");
                case 6 -> text.append(post(i).replace("\"reservations\"", "\"colour\":1,\"reservations\"")).append('\n');
                default -> text.append(post(i)).append('\n');
            }
        }
        byte[] utf8 = text.toString().getBytes(StandardCharsets.UTF_8);
        byte[] withBadByte = new byte[utf8.length + 2];
        System.arraycopy(utf8, 0, withBadByte, 0, utf8.length);
        withBadByte[utf8.length] = (byte) 0xFF;
        withBadByte[utf8.length + 1] = '\n';
        return withBadByte;
    }

    private static String post(int n) {
        return "{\"id\":\"post-" + n + "\",\"authorId\":\"m-1\",\"category\":\"content.public\","
                + "\"createdAt\":\"2025-10-01T12:00:00Z\",\"reservations\":[]}";
    }

    @Test
    void readsEveryLineAsReadDoesInTheOrderOfTheLines() throws IOException {
        byte[] stream = mixed(5_000);
        List<String> oneByOne = new ArrayList<>();
        try (NdjsonReader<ContentItem> reader = NdjsonReader.items(new ByteArrayInputStream(stream))) {
            for (NdjsonReader.Line<ContentItem> line = reader.read(); line != null; line = reader.read()) {
                oneByOne.add(line.toString());
            }
        }
        List<String> inBatches = new ArrayList<>();
        try (NdjsonReader<ContentItem> reader = NdjsonReader.items(new ByteArrayInputStream(stream))) {
            reader.readInBatches(7, 4, pool, lines -> {
                // Finish out of order, so that only the reader can put the batches back in order.
                sleepUpTo(2);
                return lines.stream().map(NdjsonReader.Line::toString).toList();
            }, inBatches::addAll);
        }

        assertEquals(oneByOne, inBatches);
        assertTrue(inBatches.stream().anyMatch(line -> line.contains("unknown field")), "the bad lines are there too");
        assertTrue(inBatches.get(inBatches.size() - 1).contains("malformed UTF-8"), inBatches.get(inBatches.size() - 1));
    }

    @Test
    void holdsAtMostTheBatchesInFlight() throws IOException {
        AtomicInteger started = new AtomicInteger();
        AtomicInteger handedOn = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        try (NdjsonReader<ContentItem> reader = NdjsonReader.items(new ByteArrayInputStream(mixed(2_000)))) {
            reader.readInBatches(10, 3, pool, lines -> {
                most.accumulateAndGet(started.incrementAndGet() - handedOn.get(), Math::max);
                return lines.size();
            }, size -> {
                sleepUpTo(1);
                handedOn.incrementAndGet();
            });
        }

        assertTrue(started.get() > 100, "batches: " + started.get());
        assertTrue(most.get() <= 3, "at most 3 batches in flight, saw " + most.get());
    }

    @Test
    void throwsWhatTheWorkThrowsAndStartsNoFurtherBatch() throws IOException {
        IllegalStateException thrown = new IllegalStateException("work failed");
        AtomicInteger batches = new AtomicInteger();
        try (NdjsonReader<ContentItem> reader = NdjsonReader.items(new ByteArrayInputStream(mixed(10_000)))) {
            IllegalStateException caught = assertThrows(IllegalStateException.class, () -> reader.readInBatches(10, 2, pool,
                    lines -> {
                        if (batches.incrementAndGet() == 5) {
                            throw thrown;
                        }
                        return lines;
                    }, lines -> { }));
            assertSame(thrown, caught);
        }
        assertTrue(batches.get() <= 7, "batches started: " + batches.get());
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a hang fails
    void handsOnTheLinesBeforeALineThatNeverEndsThenStops() throws IOException {
        NdjsonReaderTest.EndlessZeros zeros = new NdjsonReaderTest.EndlessZeros(
                (post(1) + "\n" + post(2) + "\n").getBytes(StandardCharsets.UTF_8));
        List<String> read = new ArrayList<>();
        try (NdjsonReader<ContentItem> reader = NdjsonReader.items(zeros)) {
            ConsentDocumentException stop = assertThrows(ConsentDocumentException.class, () -> reader.readInBatches(100, 2,
                    pool, lines -> lines.stream().map(NdjsonReader.Line::toString).toList(), read::addAll));
            assertEquals(3, stop.line());
            assertTrue(stop.problem().startsWith("the line goes on past 67108864 bytes without ending"), stop.problem());
        }

        assertEquals(3, read.size(), read.toString());
        assertTrue(read.get(0).startsWith("line 1: ContentItem[post-1"), read.get(0));
        assertTrue(read.get(2).contains("the line is longer than 16777216 bytes"), read.get(2));
    }

    @Test
    void refusesBatchesOfNothing() throws IOException {
        try (NdjsonReader<ContentItem> reader = NdjsonReader.items(new StringReader(post(1)))) {
            assertThrows(IllegalArgumentException.class, () -> reader.readInBatches(0, 1, pool, lines -> lines, lines -> { }));
            assertThrows(IllegalArgumentException.class, () -> reader.readInBatches(1, 0, pool, lines -> lines, lines -> { }));
        }
    }

    private static void sleepUpTo(int millis) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextInt(millis + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
