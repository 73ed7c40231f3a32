package dev.consentkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code consent evaluate} through the launcher script, as a user runs it in a shell: the exit codes
 * of a run that cannot be trusted to be complete, a closed pipe, an interruption, compressed input,
 * and error records in a small heap.
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "the launcher is a bash script")
@Timeout(value = 3, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class EvaluateLauncherIT {

    private static final Path ROOT = CliRun.repositoryRoot();
    private static final String POLICY = "examples/linkedin/policy.json";
    private static final String MEMBERS = "examples/linkedin/members.ndjson";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path directory;

    /** A process's exit code and what it printed. */
    private record Result(int exitCode, String out, String err) {}

    private static Result run(List<String> command, java.util.Map<String, String> environment)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile());
        builder.environment().putAll(environment);
        Path out = Files.createTempFile("consent-out", ".txt");
        Path err = Files.createTempFile("consent-err", ".txt");
        try {
            Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            assertTrue(process.waitFor(2, TimeUnit.MINUTES), "the run did not finish");
            return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.delete(out);
            Files.delete(err);
        }
    }

    /** {@code count} items of the example members, one per line. */
    private Path items(int count) throws IOException {
        Path items = directory.resolve("items-" + count + ".ndjson");
        try (OutputStream out = Files.newOutputStream(items)) {
            writeItems(out, count);
        }
        return items;
    }

    private static void writeItems(OutputStream out, int count) throws IOException {
        String[] authors = {"m-us", "m-us-out", "m-ca", "m-de", "m-teen"};
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < count; i++) {
            lines.append("{\"id\":\"post-").append(i).append("\",\"authorId\":\"").append(authors[i % authors.length])
                    .append("\",\"category\":\"content.public\",\"createdAt\":\"2025-01-01T00:00:00Z\",\"reservations\":[]}\n");
            if (lines.length() > 1 << 16) {
                out.write(lines.toString().getBytes(StandardCharsets.UTF_8));
                lines.setLength(0);
            }
        }
        out.write(lines.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anItemsFileGivenAsMembersStopsAtOnceSayingWhatItLooksLike() throws Exception {
        Result result = run(List.of("./consent", "evaluate", "--policy", POLICY, "--members", "examples/linkedin/items.ndjson",
                "--items", "examples/linkedin/items.ndjson", "--as-of", "2025-11-04"), java.util.Map.of());

        assertEquals(2, result.exitCode(), result.err());
        assertEquals("", result.out());
        assertEquals("consent: the members file examples/linkedin/items.ndjson is not a members file: it looks like an "
                + "items file: its line 1 is a content item; give --members a file of members, one JSON object per line\n",
                result.err());
    }

    @Test
    void aClosedPipeEndsTheRunQuietlyWithItsOwnExitCode() throws Exception {
        Path items = items(200_000);
        Result result = run(List.of("bash", "-c", "./consent evaluate --policy " + POLICY + " --members " + MEMBERS
                + " --items " + items + " --as-of 2025-11-04 | head -1; exit ${PIPESTATUS[0]}"), java.util.Map.of());

        assertEquals(RecordOutput.CLOSED_PIPE, result.exitCode(), result.err());
        assertEquals(1, result.out().lines().count(), result.out());
        assertFalse(result.err().contains("Broken pipe"), result.err());
        assertFalse(result.err().contains("Exception"), result.err());
    }

    @Test
    void compressedInputsAreReadAsTheirContent() throws Exception {
        Path plain = items(5_000);
        Path items = directory.resolve("items.ndjson.gz");
        Path members = directory.resolve("members.ndjson.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(items))) {
            Files.copy(plain, out);
        }
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(members))) {
            Files.copy(ROOT.resolve(MEMBERS), out);
        }

        Result fromPlain = run(List.of("./consent", "evaluate", "--policy", POLICY, "--members", MEMBERS, "--items",
                plain.toString(), "--as-of", "2025-11-04"), java.util.Map.of());
        Result fromCompressed = run(List.of("./consent", "evaluate", "--policy", POLICY, "--members", members.toString(),
                "--items", items.toString(), "--as-of", "2025-11-04"), java.util.Map.of());

        assertEquals(0, fromCompressed.exitCode(), fromCompressed.err());
        assertEquals(5_000, fromCompressed.out().lines().count());
        assertEquals(fromPlain.out(), fromCompressed.out());
    }

    @Test
    void errorRecordsInASmallHeapAreAllWrittenAndCounted() throws Exception {
        Path bad = directory.resolve("bad.ndjson");
        try (OutputStream out = Files.newOutputStream(bad)) {
            byte[] lines = "x\n".repeat(1 << 16).getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < 4; i++) {
                out.write(lines);
            }
        }
        Result result = run(List.of("bash", "-c", "./consent evaluate --policy " + POLICY + " --members " + MEMBERS
                + " --items " + bad + " --as-of 2025-11-04 | wc -l; exit ${PIPESTATUS[0]}"),
                java.util.Map.of("JAVA_TOOL_OPTIONS", "-Xmx32m"));

        assertEquals(1, result.exitCode(), result.err());
        assertEquals("262144", result.out().strip(), result.err());
        assertTrue(result.err().contains("262,144 items: 0 trainable, 0 not trainable, 262,144 errors (lines 1, 2, 3, 4, 5, "
                + "6, 7, 8, 9, 10, ...)"), result.err());
    }

    @Test
    void anInterruptedRunEndsOnARecordBoundaryWithTheSignalsExitCode() throws Exception {
        Path out = directory.resolve("out.ndjson");
        Path err = directory.resolve("err.txt");
        // Only the trainable decisions: the count reported is of the records written, not of the items read.
        Process process = new ProcessBuilder("./consent", "evaluate", "--policy", POLICY, "--members", MEMBERS, "--items", "-",
                "--as-of", "2025-11-04", "--only", "trainable").directory(ROOT.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile())
                .start();
        OutputStream stdin = process.getOutputStream();
        writeItems(stdin, 100_000);
        stdin.flush();
        // Standard input stays open: the run waits for more items, with decisions already written.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (Files.size(out) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(Files.size(out) > 0, "no output before the interruption");
        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start();
        assertEquals(0, kill.waitFor());

        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the interrupted run did not end");
        stdin.close();
        assertEquals(130, process.exitValue(), Files.readString(err));
        byte[] written = Files.readAllBytes(out);
        assertEquals('\n', written[written.length - 1], "the output ends after a whole record");
        List<String> lines = new ArrayList<>(Files.readAllLines(out));
        for (String line : lines) {
            assertTrue(JSON.readTree(line).path("trainable").asBoolean(), line);
        }
        assertTrue(Files.readString(err).contains("consent: interrupted after " + String.format("%,d", lines.size())
                + " records; the output ends after a whole record"), Files.readString(err));
    }
}
