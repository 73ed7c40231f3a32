package dev.consentkit.benchmarks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.consentkit.ContentItem;
import dev.consentkit.jackson.NdjsonReader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Shows that the NDJSON reading benchmark reads the export it says: every item, from bytes and characters alike. */
class NdjsonReadBenchmarkTest {

    @Test
    void shouldReadEveryItemOfTheExportBack() {
        NdjsonReadBenchmark benchmark = new NdjsonReadBenchmark();

        benchmark.setUp();

        assertEquals(NdjsonReadBenchmark.ITEMS, new String(benchmark.bytes, StandardCharsets.UTF_8).lines().count());
        assertArrayEquals(NdjsonReadBenchmark.items(),
                NdjsonReadBenchmark.readBack(NdjsonReader.items(new ByteArrayInputStream(benchmark.bytes))));
    }

    @Test
    void shouldMixMultiByteCharactersReservationsAndDeletionsIntoTheExport() {
        ContentItem[] items = NdjsonReadBenchmark.items();

        assertTrue(Arrays.stream(items).anyMatch(item -> !item.reservations().isEmpty()));
        assertTrue(Arrays.stream(items).anyMatch(item -> item.deletedAt().isPresent()));
        assertTrue(Arrays.stream(items).anyMatch(item -> item.id().chars().anyMatch(c -> c > 0x7F)));
        assertArrayEquals(items, NdjsonReadBenchmark.items());
    }
}
