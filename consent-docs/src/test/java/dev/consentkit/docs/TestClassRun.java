package dev.consentkit.docs;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Compiles a JUnit test class from the README and runs it through the JUnit Platform, as a user's
 * build would; and finds what the README says about the suite files such a class runs.
 */
final class TestClassRun {

    // A suite file named in a test class: PolicySuiteTests.from("...") or PolicySuite.read(Path.of("...")).
    private static final Pattern SUITE_FILE = Pattern.compile(
            "(?:PolicySuiteTests\\.from\\(|PolicySuite\\.read\\(Path\\.of\\()\"([^\"]+)\"");

    private TestClassRun() {}

    /** Compiles the compilation unit {@code unit}, declaring {@code className}, into {@code directory}. */
    static void compile(Path directory, String className, String unit, String classpath, int readmeLine) throws IOException {
        Path source = directory.resolve(className + ".java");
        Files.writeString(source, unit);
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            List<String> options = List.of("--release", "17", "-proc:none", "-Xlint:all", "-Werror",
                    "-classpath", classpath, "-d", directory.toString());
            boolean compiled = compiler.getTask(null, files, diagnostics, options, null,
                    files.getJavaFileObjects(source.toFile())).call();
            if (!compiled) {
                fail("README test class at line " + readmeLine + " does not compile:\n" + diagnostics.getDiagnostics()
                        + "\n" + unit);
            }
        }
    }

    /** Runs every test of {@code testClass}, dynamic ones included, and sums up what happened. */
    static TestExecutionSummary run(Class<?> testClass) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request().selectors(selectClass(testClass)).build();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(request, listener);
        return listener.getSummary();
    }

    /** The suite files a test class runs, each once, relative to the working directory as the class names them. */
    static List<Path> suiteFiles(String unit) {
        Set<Path> files = new LinkedHashSet<>();
        Matcher m = SUITE_FILE.matcher(unit);
        while (m.find()) {
            files.add(Path.of(m.group(1)));
        }
        return List.copyOf(files);
    }

    /** The {@code json} blocks of a Markdown text, each as its lines joined, with a final newline. */
    static List<String> jsonBlocks(List<String> lines) {
        List<String> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).equals("```json")) {
                StringBuilder block = new StringBuilder();
                for (i++; !lines.get(i).equals("```"); i++) {
                    block.append(lines.get(i)).append('\n');
                }
                blocks.add(block.toString());
            }
        }
        return blocks;
    }
}
