package dev.consentkit.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One run of the tool: the directory relative paths are resolved against, the standard streams, and
 * whether standard error is a terminal (the only case in which progress is shown).
 *
 * <p>Commands that print text use {@link #out()}; {@code evaluate} writes its NDJSON bytes to
 * {@link #stdout()}. Both end up in the same stream; {@link #flush()} pushes out what each holds.
 */
final class Invocation {

    private final Path workingDirectory;
    private final InputStream stdin;
    private final OutputStream stdout;
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean errIsTerminal;
    private final boolean process;

    Invocation(Path workingDirectory, InputStream stdin, OutputStream stdout, OutputStream stderr, boolean errIsTerminal) {
        this(workingDirectory, stdin, stdout, stderr, errIsTerminal, false);
    }

    /**
     * A run; {@code process} when it is the whole process, started from {@link ConsentCli#main}, which
     * may then react to being interrupted.
     */
    Invocation(Path workingDirectory, InputStream stdin, OutputStream stdout, OutputStream stderr, boolean errIsTerminal,
            boolean process) {
        this.workingDirectory = workingDirectory.toAbsolutePath();
        this.stdin = Objects.requireNonNull(stdin, "stdin");
        this.stdout = Objects.requireNonNull(stdout, "stdout");
        this.out = new PrintWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8), false);
        this.err = new PrintWriter(new OutputStreamWriter(stderr, StandardCharsets.UTF_8), true);
        this.errIsTerminal = errIsTerminal;
        this.process = process;
    }

    /** Whether the run is the whole process, so that it may hook into the process's shutdown. */
    boolean isProcess() {
        return process;
    }

    /** A path the user gave, resolved against the directory the tool was started in. */
    Path resolve(Path path) {
        return workingDirectory.resolve(path);
    }

    /** Standard input, for {@code --items -}. */
    InputStream stdin() {
        return stdin;
    }

    /** Standard output as bytes, for NDJSON; never closed by the commands. */
    OutputStream stdout() {
        return stdout;
    }

    /** Standard output as text. */
    PrintWriter out() {
        return out;
    }

    /** Standard error as text, flushed on every line. */
    PrintWriter err() {
        return err;
    }

    /** Whether standard error is a terminal a person watches. */
    boolean errIsTerminal() {
        return errIsTerminal;
    }

    /** Pushes out everything written to standard output and standard error. */
    void flush() throws IOException {
        out.flush();
        stdout.flush();
        err.flush();
    }
}
