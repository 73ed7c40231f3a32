package dev.consentkit.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.consentkit.cli.ConsentCli;
import dev.consentkit.suite.PolicySuite;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Compiles and runs every {@code java} block of the README (a block that declares a class as a JUnit
 * test class, through the JUnit Platform), and runs every {@code ./consent} command of its {@code sh}
 * blocks, and compares what each prints with the {@code text} blocks that follow it, so the
 * documentation cannot drift from the library, the test kit and the command-line tool.
 *
 * <p>Commands run in-process through {@link ConsentCli#run(Path, String[], PrintStream, PrintStream)},
 * from the repository root, as a reader who typed them there would. A command may continue on the
 * next line after a trailing {@code \}; it is split at spaces (no quoting). It must exit with 0, or
 * with the code its trailing comment gives, as in {@code ./consent test bad.json  # exit code 1}. The
 * {@code text} block that follows it (with at most two lines of prose in between) is its exact
 * standard output; a {@code text} block whose prose just before it mentions "standard error" is its
 * standard error instead, where {@code …} stands for text that varies from run to run, such as
 * timings. When only a standard error block is shown, standard output must be empty. Other lines of
 * {@code sh} blocks, such as {@code ./mvnw -B verify}, are not run: running the build is what runs
 * this test.
 */
class ReadmeSnippetsTest {

    @TempDir
    Path classes;

    @TestFactory
    Stream<DynamicTest> readmeSnippetsCompileRunAndPrintWhatTheReadmeShows() throws IOException {
        List<Snippet> snippets = Snippet.parse(Files.readAllLines(readme(), StandardCharsets.UTF_8)).stream()
                .filter(s -> !s.declaresClass()).collect(Collectors.toList());
        assertFalse(snippets.isEmpty(), "README.md has no java snippet");
        return snippets.stream().map(s -> DynamicTest.dynamicTest("README line " + s.line, () -> run(s)));
    }

    /**
     * A {@code java} block that declares a class is a JUnit test class, such as the one that runs a
     * policy suite: it is compiled as a compilation unit and run through the JUnit Platform, and every
     * test it has, the dynamic ones included, must pass, with at least one test per case of each suite
     * file it names.
     */
    @TestFactory
    Stream<DynamicTest> readmeTestClassesCompileAndPassUnderJUnit() throws IOException {
        List<Snippet> testClasses = Snippet.parse(Files.readAllLines(readme(), StandardCharsets.UTF_8)).stream()
                .filter(Snippet::declaresClass).collect(Collectors.toList());
        assertFalse(testClasses.isEmpty(), "README.md has no JUnit test class snippet");
        return testClasses.stream().map(s -> DynamicTest.dynamicTest("README line " + s.line + ": " + s.className(),
                () -> runTestClass(s)));
    }

    /** The suite document the README shows is, character for character, the suite file its test class runs. */
    @Test
    void readmeSuiteDocumentIsTheSuiteFileItsTestClassRuns() throws IOException {
        List<String> lines = Files.readAllLines(readme(), StandardCharsets.UTF_8);
        List<String> suiteDocuments = TestClassRun.jsonBlocks(lines).stream()
                .filter(json -> json.contains("\"format\": \"consentkit.suite/v1\"")).collect(Collectors.toList());
        List<Path> suiteFiles = Snippet.parse(lines).stream().filter(Snippet::declaresClass)
                .flatMap(s -> TestClassRun.suiteFiles(s.asCompilationUnit()).stream()).distinct().collect(Collectors.toList());

        assertEquals(1, suiteDocuments.size(), "README.md should show one suite document");
        assertEquals(1, suiteFiles.size(), "README.md's test classes should run one suite file: " + suiteFiles);
        assertEquals(Files.readString(suiteFiles.get(0), StandardCharsets.UTF_8), suiteDocuments.get(0));
    }

    private void runTestClass(Snippet snippet) throws Exception {
        Path directory = Files.createDirectories(classes.resolve("test-class-at-line-" + snippet.line));
        String unit = snippet.asCompilationUnit();
        TestClassRun.compile(directory, snippet.className(), unit, testClasspath(), snippet.line);
        List<Path> suiteFiles = TestClassRun.suiteFiles(unit);
        int cases = 0;
        for (Path suiteFile : suiteFiles) {
            assertTrue(Files.isRegularFile(suiteFile), "README test class at line " + snippet.line + " runs " + suiteFile
                    + ", which does not exist relative to " + Path.of("").toAbsolutePath());
            cases += PolicySuite.read(suiteFile).cases().size();
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {directory.toUri().toURL()}, getClass().getClassLoader())) {
            TestExecutionSummary summary = TestClassRun.run(loader.loadClass(snippet.className()));

            StringBuilder failures = new StringBuilder();
            summary.getFailures().forEach(f -> failures.append('\n').append(f.getTestIdentifier().getDisplayName())
                    .append(": ").append(f.getException()));
            assertEquals(0, summary.getTotalFailureCount(), "README test class at line " + snippet.line + " failed:" + failures);
            assertTrue(summary.getTestsSucceededCount() > 0 && summary.getTestsSucceededCount() >= cases,
                    "README test class at line " + snippet.line + " ran " + summary.getTestsSucceededCount() + " tests for "
                            + cases + " suite cases");
            assertEquals(summary.getTestsFoundCount(), summary.getTestsSucceededCount(), "tests not run");
        }
    }

    @TestFactory
    Stream<DynamicTest> readmeCommandsRunAndPrintWhatTheReadmeShows() throws IOException {
        List<Command> commands = Command.parse(Files.readAllLines(readme(), StandardCharsets.UTF_8));
        assertFalse(commands.isEmpty(), "README.md has no ./consent command");
        return commands.stream().map(c -> DynamicTest.dynamicTest("README line " + c.line + ": " + c.text, () -> run(c)));
    }

    private static Path readme() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("README.md");
            if (Files.exists(candidate) && Files.exists(dir.resolve("mvnw"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("README.md not found above " + Path.of("").toAbsolutePath());
    }

    private void run(Snippet snippet) throws Exception {
        String className = "ReadmeSnippetAtLine" + snippet.line;
        Path source = classes.resolve(className + ".java");
        Files.writeString(source, snippet.asClass(className));

        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            List<String> options = List.of("--release", "17", "-proc:none", "-Xlint:all", "-Werror",
                    "-classpath", testClasspath(), "-d", classes.toString());
            boolean compiled = compiler.getTask(null, files, diagnostics, options, null,
                    files.getJavaFileObjects(source.toFile())).call();
            if (!compiled) {
                fail("README snippet at line " + snippet.line + " does not compile:\n" + diagnostics.getDiagnostics()
                        + "\n" + snippet.asClass(className));
            }
        }

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader());
                PrintStream capture = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            loader.loadClass(className).getMethod("main", String[].class).invoke(null, (Object) new String[0]);
        } catch (InvocationTargetException e) {
            throw new AssertionError("README snippet at line " + snippet.line + " threw", e.getCause());
        } finally {
            System.setOut(original);
        }
        if (snippet.expectedOutput != null) {
            assertEquals(snippet.expectedOutput, out.toString(StandardCharsets.UTF_8).replace("\r\n", "\n"),
                    "output of README snippet at line " + snippet.line);
        }
    }

    private static void run(Command command) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exitCode;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            exitCode = ConsentCli.run(readme().getParent(), command.args(), o, e);
        }
        String stdout = out.toString(StandardCharsets.UTF_8);
        String stderr = err.toString(StandardCharsets.UTF_8);
        String where = "README line " + command.line + ", " + command.text;
        assertEquals(command.exitCode, exitCode, where + " exit code; standard error:\n" + stderr);
        if (command.expectedOut != null) {
            assertEquals(command.expectedOut, stdout, where + " standard output");
        } else if (command.expectedErr != null) {
            assertEquals("", stdout, where + " standard output");
        }
        if (command.expectedErr != null) {
            assertTrue(command.expectedErrPattern().matcher(stderr).matches(),
                    where + " standard error: expected\n" + command.expectedErr + "but was\n" + stderr);
        }
    }

    private static String testClasspath() {
        List<String> entries = new ArrayList<>();
        for (String property : List.of("jdk.module.path", "java.class.path")) {
            String value = System.getProperty(property);
            if (value != null && !value.isEmpty()) {
                entries.add(value);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    /** A {@code java} block of the README, with the output the README says it prints, if it says. */
    private static final class Snippet {
        private static final Pattern CLASS_DECLARATION = Pattern.compile("(?:public\\s+)?(?:final\\s+)?class\\s+(\\w+)");

        final int line;
        final List<String> imports = new ArrayList<>();
        final List<String> body = new ArrayList<>();
        String expectedOutput;

        Snippet(int line) {
            this.line = line;
        }

        static List<Snippet> parse(List<String> lines) {
            List<Snippet> snippets = new ArrayList<>();
            Snippet last = null;
            int proseSinceLast = 0;
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.equals("```java")) {
                    last = new Snippet(i + 1);
                    for (i++; !lines.get(i).equals("```"); i++) {
                        String code = lines.get(i);
                        (code.startsWith("import ") ? last.imports : last.body).add(code);
                    }
                    snippets.add(last);
                    proseSinceLast = 0;
                } else if (line.equals("```text") && last != null && proseSinceLast <= 2) {
                    StringBuilder output = new StringBuilder();
                    for (i++; !lines.get(i).equals("```"); i++) {
                        output.append(lines.get(i)).append('\n');
                    }
                    last.expectedOutput = output.toString();
                    last = null;
                } else if (line.startsWith("```")) {
                    last = null;
                } else if (!line.isBlank()) {
                    proseSinceLast++;
                }
            }
            assertTrue(snippets.stream().allMatch(s -> !s.body.isEmpty()), "an empty java block in README.md");
            return snippets;
        }

        /** Whether the block declares a class itself, as a JUnit test class does, rather than being the body of a main method. */
        boolean declaresClass() {
            return body.stream().anyMatch(line -> CLASS_DECLARATION.matcher(line).lookingAt());
        }

        /** The name of the class the block declares. */
        String className() {
            for (String line : body) {
                Matcher m = CLASS_DECLARATION.matcher(line);
                if (m.lookingAt()) {
                    return m.group(1);
                }
            }
            throw new IllegalStateException("README snippet at line " + line + " declares no class");
        }

        /** The block as the compilation unit it is. */
        String asCompilationUnit() {
            return String.join("\n", imports) + "\n\n" + String.join("\n", body) + "\n";
        }

        String asClass(String className) {
            return String.join("\n", imports) + "\n\npublic class " + className
                    + " {\n    public static void main(String[] args) throws Exception {\n"
                    + String.join("\n", body) + "\n    }\n}\n";
        }
    }

    /** A {@code ./consent} command of the README, with the exit code and output the README shows for it. */
    private static final class Command {
        private static final String PROMPT = "./consent ";
        private static final Pattern EXIT_CODE = Pattern.compile("(.*?)\\s+#\\s*exit code (\\d+)\\s*");

        final int line;
        final String text;
        final int exitCode;
        String expectedOut;
        String expectedErr;

        Command(int line, String text, int exitCode) {
            this.line = line;
            this.text = text;
            this.exitCode = exitCode;
        }

        String[] args() {
            assertFalse(text.contains("\"") || text.contains("'"), "README line " + line + ": quoting is not supported");
            return text.substring(PROMPT.length()).trim().split("\\s+");
        }

        /** The standard error block as a whole-text pattern in which … matches anything. */
        Pattern expectedErrPattern() {
            StringBuilder regex = new StringBuilder();
            String[] parts = expectedErr.split("…", -1);
            for (int i = 0; i < parts.length; i++) {
                regex.append(i == 0 ? "" : ".*?").append(Pattern.quote(parts[i]));
            }
            return Pattern.compile(regex.toString());
        }

        /** The index of the line that closes the block opened at {@code open}. */
        private static int closingFence(List<String> lines, int open) {
            int i = open + 1;
            while (!lines.get(i).equals("```")) {
                i++;
            }
            return i;
        }

        static List<Command> parse(List<String> lines) {
            List<Command> commands = new ArrayList<>();
            Command last = null;
            List<String> proseSinceLast = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.equals("```sh")) {
                    last = null;
                    for (i++; !lines.get(i).equals("```"); i++) {
                        int start = i;
                        StringBuilder joined = new StringBuilder(lines.get(i).strip());
                        while (joined.toString().endsWith("\\")) {
                            String head = joined.substring(0, joined.length() - 1).strip();
                            joined.setLength(0);
                            joined.append(head).append(' ').append(lines.get(++i).strip());
                        }
                        if (joined.toString().startsWith(PROMPT)) {
                            Matcher exit = EXIT_CODE.matcher(joined);
                            last = exit.matches() ? new Command(start + 1, exit.group(1).strip(), Integer.parseInt(exit.group(2)))
                                    : new Command(start + 1, joined.toString().strip(), 0);
                            commands.add(last);
                        }
                    }
                    proseSinceLast.clear();
                } else if (line.equals("```text") && last != null && proseSinceLast.size() <= 2) {
                    StringBuilder output = new StringBuilder();
                    for (i++; !lines.get(i).equals("```"); i++) {
                        output.append(lines.get(i)).append('\n');
                    }
                    if (String.join(" ", proseSinceLast).contains("standard error")) {
                        last.expectedErr = output.toString();
                    } else {
                        assertTrue(last.expectedOut == null, "README line " + (i + 1) + ": two output blocks for one command");
                        last.expectedOut = output.toString();
                    }
                    proseSinceLast.clear();
                } else if (line.startsWith("```")) {
                    last = null;
                    i = closingFence(lines, i);
                } else if (!line.isBlank()) {
                    proseSinceLast.add(line);
                }
            }
            return commands;
        }
    }
}
