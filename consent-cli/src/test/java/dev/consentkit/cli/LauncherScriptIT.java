package dev.consentkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Shows that the launcher script {@code ./consent} runs the packaged jar from any directory with the
 * user's arguments, and builds the jar exactly when it is missing or older than its sources.
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "the launcher is a bash script")
class LauncherScriptIT {

    private static final Path ROOT = CliRun.repositoryRoot();
    private static final Path JAR = ROOT.resolve("consent-cli/target/consent.jar");
    private static final String BUILDING = "consent: building the command-line tool (first run only)...";

    /** A process's exit code and what it printed. */
    private record Result(int exitCode, String out, String err) {}

    private static Result run(Path directory, String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
        builder.environment().put("REAL_JAR", JAR.toString());
        Path out = Files.createTempFile("consent-out", ".txt");
        Path err = Files.createTempFile("consent-err", ".txt");
        try {
            Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            assertTrue(process.waitFor(2, TimeUnit.MINUTES), "the launcher did not finish");
            return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.delete(out);
            Files.delete(err);
        }
    }

    @Test
    void shouldRunThePackagedJarWithoutBuildingIt() throws Exception {
        Result result = run(ROOT, "./consent", "--version");

        assertEquals(0, result.exitCode(), result.err());
        assertEquals("consent " + System.getProperty("consentkit.version") + "\n", result.out());
        assertEquals("", result.err());
    }

    @Test
    void shouldResolveRelativePathsAgainstTheCallersDirectory() throws Exception {
        Result result = run(ROOT.resolve("examples/linkedin"), ROOT.resolve("consent").toString(), "validate",
                "policy.json");

        assertEquals(0, result.exitCode(), result.err());
        assertEquals("policy.json: valid; policy linkedin-genai with 3 versions, no warnings\n", result.out());
    }

    @Test
    void shouldPassTheExitCodeOfTheToolThrough() throws Exception {
        Result result = run(ROOT, "./consent", "validate", "examples/linkedin/policy-redundant.json");

        assertEquals(1, result.exitCode(), result.err());
        assertTrue(result.out().endsWith("examples/linkedin/policy-redundant.json: invalid; 1 error, 5 warnings\n"),
                result.out());
    }

    // ------------------------------------------------------------------ input that never ends, options that are wrong

    private static final String MEMBERS = "examples/linkedin/members.ndjson";
    private static final String ITEMS = "examples/linkedin/items.ndjson";

    /** Each command given {@code /dev/zero} where it reads a file, and the one line it ends with. */
    static Stream<Arguments> endlessInputs() {
        String document = "the document is longer than 16777216 bytes";
        String limit = "expected a document of at most 16777216 bytes (ConsentDocuments.MAX_DOCUMENT_LENGTH)";
        return Stream.of(
                Arguments.of(List.of("validate", "/dev/zero"), "consent: cannot read the file /dev/zero: it is longer than "
                        + "16777216 bytes (16 MiB), the limit of a document (ConsentDocuments.MAX_DOCUMENT_LENGTH); check "
                        + "that it is the document you meant"),
                Arguments.of(List.of("validate", "--members", "/dev/zero"), "consent: the line goes on past 67108864 bytes"
                        + " without ending in the members file /dev/zero at line 1, column 67108865 ($); expected lines of"
                        + " at most 16777216 bytes, each ending with a newline; a line still going past 67108864 bytes"
                        + " stops the reading (ConsentDocuments.MAX_SKIPPED_LINE_LENGTH)"),
                Arguments.of(List.of("test", "/dev/zero"), "consent: " + document + " in the suite /dev/zero or a file it"
                        + " names at line 1, column 16777217 ($); " + limit),
                Arguments.of(List.of("evaluate", "--policy", "/dev/zero", "--members", MEMBERS, "--items", ITEMS, "--as-of",
                        "2025-11-04"), "consent: " + document + " in the policy file /dev/zero at line 1, column 16777217"
                        + " ($); " + limit + "; consent validate /dev/zero checks its form and meaning"),
                // An @FILE argument is a file name, not a file of arguments read whole.
                Arguments.of(List.of("validate", "@/dev/zero"), "consent: cannot read the file @/dev/zero: no such file;"
                        + " check the path; a relative path is resolved against the current directory"));
    }

    @ParameterizedTest
    @MethodSource("endlessInputs")
    void shouldStopAtTheLimitOfInputThatNeverEndsWithExitTwoAndOneLine(List<String> args, String line) throws Exception {
        List<String> command = new ArrayList<>(List.of("./consent"));
        command.addAll(args);

        Result result = run(ROOT, command.toArray(String[]::new));

        assertEquals(2, result.exitCode(), result.err());
        assertEquals(line + "\n", result.err());
    }

    @Test
    void shouldRefuseAnInstantWithAnOffsetAsAUsageError() throws Exception {
        Result result = run(ROOT, "./consent", "evaluate", "--policy", "examples/linkedin/policy.json", "--members",
                MEMBERS, "--items", ITEMS, "--as-of", "2025-11-04T00:00:00+01:00");

        assertEquals(2, result.exitCode(), result.err());
        assertEquals("", result.out());
        assertEquals("consent: Invalid value for option '--as-of': '2025-11-04T00:00:00+01:00' is not an instant: it has"
                + " the offset +01:00; write the instant in UTC, ending in Z; " + InstantConverter.FORMS + "\n"
                + "Try 'consent evaluate --help' for usage and examples.\n", result.err());
    }

    @Test
    void shouldRefuseTheEndOfADayWrittenAs24AsAUsageError() throws Exception {
        Result result = run(ROOT, "./consent", "evaluate", "--policy", "examples/linkedin/policy.json", "--members",
                MEMBERS, "--items", ITEMS, "--as-of", "2025-11-04", "--known-at", "2025-11-04T24:00:00Z");

        assertEquals(2, result.exitCode(), result.err());
        assertEquals("", result.out());
        assertTrue(result.err().startsWith("consent: Invalid value for option '--known-at': '2025-11-04T24:00:00Z' is"
                + " not an instant: 24:00 is the end of the day"), result.err());
    }

    // ------------------------------------------------------------------ building, in a copy with a stand-in wrapper

    @TempDir
    Path copy;

    /**
     * A repository skeleton with the launcher and a Maven wrapper that records its arguments and puts the
     * real jar in place, so that the rebuild logic runs without running Maven.
     */
    private Path skeleton(boolean buildSucceeds) throws IOException {
        Files.copy(ROOT.resolve("consent"), copy.resolve("consent"));
        Files.writeString(copy.resolve("pom.xml"), "<project/>\n");
        for (String module : List.of("consent-core", "consent-jackson", "consent-suite", "consent-cli")) {
            Path source = copy.resolve(module + "/src/main/java/Source.java");
            Files.createDirectories(source.getParent());
            Files.writeString(source, "class Source {}\n");
            Files.writeString(copy.resolve(module + "/pom.xml"), "<project/>\n");
        }
        String wrapper = "#!/usr/bin/env bash\n"
                + "echo \"$@\" >> mvnw.calls\n"
                + (buildSucceeds
                        ? "mkdir -p consent-cli/target && cp \"$REAL_JAR\" consent-cli/target/consent.jar\n"
                        : "echo '[ERROR] COMPILATION ERROR: Source.java:[1,1] expected class'\nexit 1\n");
        Files.writeString(copy.resolve("mvnw"), wrapper);
        Files.setPosixFilePermissions(copy.resolve("mvnw"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(copy.resolve("consent"), PosixFilePermissions.fromString("rwxr-xr-x"));
        setAllTimes(Instant.now().minusSeconds(3600));
        return copy;
    }

    private void setAllTimes(Instant time) throws IOException {
        List<Path> files = new ArrayList<>();
        try (var walk = Files.walk(copy)) {
            walk.filter(Files::isRegularFile).forEach(files::add);
        }
        for (Path file : files) {
            Files.setLastModifiedTime(file, FileTime.from(time));
        }
    }

    private List<String> wrapperCalls() throws IOException {
        Path calls = copy.resolve("mvnw.calls");
        return Files.exists(calls) ? Files.readAllLines(calls, StandardCharsets.UTF_8) : List.of();
    }

    @Test
    void shouldBuildTheJarQuietlyWhenItIsMissingThenRunIt() throws Exception {
        Path root = skeleton(true);

        Result result = run(root, "./consent", "--version");

        assertEquals(0, result.exitCode(), result.err());
        assertEquals(BUILDING + "\n", result.err());
        assertEquals(List.of("-q -B -DskipTests -pl consent-cli -am package"), wrapperCalls());
        assertTrue(result.out().startsWith("consent "), result.out());
    }

    @Test
    void shouldNotBuildAgainWhenTheJarIsNewerThanEverySource() throws Exception {
        Path root = skeleton(true);
        run(root, "./consent", "--version");

        Result again = run(root, "./consent", "--version");

        assertEquals("", again.err());
        assertEquals(1, wrapperCalls().size());
    }

    @Test
    void shouldBuildAgainWhenASourceFileIsNewerThanTheJar() throws Exception {
        Path root = skeleton(true);
        run(root, "./consent", "--version");
        Path jar = root.resolve("consent-cli/target/consent.jar");
        Instant built = Files.getLastModifiedTime(jar).toInstant();
        Files.setLastModifiedTime(root.resolve("consent-core/src/main/java/Source.java"),
                FileTime.from(built.plusSeconds(10)));

        Result again = run(root, "./consent", "--version");

        assertEquals(BUILDING + "\n", again.err());
        assertEquals(2, wrapperCalls().size());
    }

    @Test
    void shouldBuildAgainWhenAPomIsNewerThanTheJar() throws Exception {
        Path root = skeleton(true);
        run(root, "./consent", "--version");
        Instant built = Files.getLastModifiedTime(root.resolve("consent-cli/target/consent.jar")).toInstant();
        Files.setLastModifiedTime(root.resolve("pom.xml"), FileTime.from(built.plusSeconds(10)));

        run(root, "./consent", "--version");

        assertEquals(2, wrapperCalls().size());
    }

    @Test
    void shouldShowTheBuildOutputAndExitTwoWhenTheBuildFails() throws Exception {
        Path root = skeleton(false);

        Result result = run(root, "./consent", "--version");

        assertEquals(2, result.exitCode());
        assertEquals("", result.out());
        assertTrue(result.err().startsWith(BUILDING + "\n[ERROR] COMPILATION ERROR: Source.java:[1,1] expected class\n"),
                result.err());
        assertTrue(result.err().contains("consent: the build failed"), result.err());
        assertFalse(Files.exists(root.resolve("consent-cli/target/consent.jar")));
    }

    @Test
    void shouldFindTheRepositoryThroughASymbolicLink() throws Exception {
        Path root = skeleton(true);
        run(root, "./consent", "--version");
        Path bin = Files.createDirectories(copy.resolve("bin"));
        Files.createSymbolicLink(bin.resolve("consent"), root.resolve("consent"));

        Result result = run(bin, "./consent", "--version");

        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().startsWith("consent "), result.out());
    }

    @Test
    void shouldPassArgumentsThroughUnchanged() throws Exception {
        Path root = skeleton(true);
        run(root, "./consent", "--version");
        Path odd = Files.writeString(copy.resolve("a policy with spaces.json"),
                Files.readString(ROOT.resolve("examples/linkedin/policy.json")));

        Result result = run(root, "./consent", "validate", odd.getFileName().toString());

        assertEquals(0, result.exitCode(), result.err());
        assertEquals("a policy with spaces.json: valid; policy linkedin-genai with 3 versions, no warnings\n", result.out());
    }
}
