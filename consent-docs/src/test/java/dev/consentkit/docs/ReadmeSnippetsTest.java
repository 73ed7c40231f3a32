package dev.consentkit.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

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
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles and runs every {@code java} block of the README, and compares what it prints with the
 * {@code text} block that follows it, so the documentation cannot drift from the library.
 */
class ReadmeSnippetsTest {

    @TempDir
    Path classes;

    @TestFactory
    Stream<DynamicTest> readmeSnippetsCompileRunAndPrintWhatTheReadmeShows() throws IOException {
        List<Snippet> snippets = Snippet.parse(Files.readAllLines(readme(), StandardCharsets.UTF_8));
        assertFalse(snippets.isEmpty(), "README.md has no java snippet");
        return snippets.stream().map(s -> DynamicTest.dynamicTest("README line " + s.line, () -> run(s)));
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

        String asClass(String className) {
            return String.join("\n", imports) + "\n\npublic class " + className
                    + " {\n    public static void main(String[] args) throws Exception {\n"
                    + String.join("\n", body) + "\n    }\n}\n";
        }
    }
}
