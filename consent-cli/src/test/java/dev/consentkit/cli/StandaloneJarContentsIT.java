package dev.consentkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Shows that the executable jar, {@code target/consent.jar} (published with classifier {@code standalone}),
 * runs policy suites without carrying a test framework: it holds the suite module and no class or
 * resource of JUnit, its test support (opentest4j, apiguardian) or QuickTheories, and its third-party
 * list names none of them.
 */
class StandaloneJarContentsIT {

    private static final Path JAR = CliRun.repositoryRoot().resolve("consent-cli/target/consent.jar");

    /** Where the test frameworks' classes live; nothing in the jar may be under these. */
    private static final List<String> TEST_FRAMEWORKS = List.of("org/junit/", "org/opentest4j/", "org/apiguardian/",
            "org/quicktheories/");

    private static JarFile jar;

    @BeforeAll
    static void openTheJar() throws IOException {
        assertTrue(Files.isRegularFile(JAR), JAR + " is built in the package phase");
        jar = new JarFile(JAR.toFile());
    }

    @AfterAll
    static void closeTheJar() throws IOException {
        jar.close();
    }

    @Test
    void shouldCarryTheSuiteModuleThatConsentTestRuns() {
        assertNotNull(jar.getJarEntry("dev/consentkit/suite/PolicySuite.class"));
        assertNotNull(jar.getJarEntry("dev/consentkit/suite/schema/suite-v1.schema.json"));
    }

    @Test
    void shouldCarryNoTestFrameworkClassOrResource() {
        List<String> entries = Collections.list(jar.entries()).stream().map(JarEntry::getName).collect(Collectors.toList());

        List<String> testFramework = entries.stream()
                .filter(name -> TEST_FRAMEWORKS.stream().anyMatch(name::startsWith)
                        || name.startsWith("META-INF/maven/org.junit") || name.startsWith("META-INF/maven/org.quicktheories/"))
                .collect(Collectors.toList());

        assertEquals(List.of(), testFramework, "test framework entries in " + JAR);
        assertFalse(entries.stream().anyMatch(name -> name.startsWith("dev/consentkit/testkit/")),
                "the test kit is in " + JAR);
    }

    @Test
    void shouldNameNoTestFrameworkAmongTheBundledLibraries() throws IOException {
        JarEntry entry = jar.getJarEntry("META-INF/THIRD-PARTY.txt");
        assertNotNull(entry);
        String listing;
        try (InputStream in = jar.getInputStream(entry)) {
            listing = new String(in.readAllBytes(), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
        }

        for (String library : List.of("junit", "opentest4j", "apiguardian", "quicktheories")) {
            assertFalse(listing.contains(library), "META-INF/THIRD-PARTY.txt names " + library);
        }
    }
}
