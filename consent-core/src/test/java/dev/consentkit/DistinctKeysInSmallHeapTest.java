package dev.consentkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Shows that keys read from input do not stay in memory: a million items, each with a data category,
 * consent purpose or member subdivision of its own, are decided in a JVM whose heap could not hold
 * them all. The decisions run in a child JVM ({@link DistinctKeysDecider}) so that the heap is small
 * and known whatever the build gives the test JVM.
 */
class DistinctKeysInSmallHeapTest {

    private static final int ITEMS = 1_000_000;
    // A million interned keys with their parents need well over 100 MB; the decisions alone need a few.
    private static final String HEAP = "-Xmx64m";
    private static final long LIMIT_MINUTES = 5;

    @ParameterizedTest
    @ValueSource(strings = {"categories", "purposes", "subdivisions"})
    void shouldDecideAMillionDistinctKeysInASmallHeap(String kind, @TempDir Path dir) throws Exception {
        Path log = dir.resolve(kind + ".log");
        Process child = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                HEAP,
                "-XX:+UseSerialGC",
                "-cp", classPath(),
                DistinctKeysDecider.class.getName(),
                kind,
                Integer.toString(ITEMS)))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        boolean exited = child.waitFor(LIMIT_MINUTES, TimeUnit.MINUTES);
        if (!exited) {
            child.destroyForcibly().waitFor();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);

        assertTrue(exited, "the child JVM deciding " + kind + " did not exit:\n" + output);
        assertEquals(0, child.exitValue(), "the child JVM deciding " + kind + " failed:\n" + output);
        assertEquals("trainable " + ITEMS, output.strip());
    }

    /** The main classes and the test classes, as the child JVM's class path. */
    private static String classPath() throws URISyntaxException {
        return location(DataCategory.class) + File.pathSeparator + location(DistinctKeysDecider.class);
    }

    private static String location(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
