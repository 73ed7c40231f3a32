package dev.consentkit.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.consentkit.testkit.PolicySuite;
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
 * Compiles and runs every {@code java} block of the README, and compares what it prints with the
 * {@code text} block that follows it, so the documentation cannot drift from the library.
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
}
