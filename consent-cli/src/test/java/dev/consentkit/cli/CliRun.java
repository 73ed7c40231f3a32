package dev.consentkit.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** One run of the tool in-process through its entry point, with what it printed and its exit code. */
record CliRun(int exitCode, String out, String err) {

    /** Runs {@code consent args...} from {@code workingDirectory}. */
    static CliRun of(Path workingDirectory, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = ConsentCli.run(workingDirectory, args, o, e);
        }
        return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Runs {@code consent args...} from the repository root, where the README's paths start. */
    static CliRun inRepository(String... args) {
        return of(repositoryRoot(), args);
    }

    /** Runs {@code consent args...} from the directory of this module's test fixtures. */
    static CliRun inFixtures(String... args) {
        return of(fixtures(), args);
    }

    List<String> outLines() {
        return out.lines().toList();
    }

    /** The repository root: the nearest directory above the current one with the Maven wrapper and the examples. */
    static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("examples"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no repository root above " + Path.of("").toAbsolutePath());
    }

    /** The directory of the test fixtures. */
    static Path fixtures() {
        try {
            return Path.of(CliRun.class.getResource("/fixtures/policy.json").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
