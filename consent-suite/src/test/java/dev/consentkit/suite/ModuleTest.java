package dev.consentkit.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Shows that the module exports only its API package, passes on the modules its API is made of, needs
 * neither a test framework nor a module named after a jar file, and resolves on a module path of its
 * dependencies, with its JSON Schema visible there.
 */
class ModuleTest {

    private static Path classes() throws URISyntaxException {
        return Path.of(PolicySuite.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static ModuleDescriptor descriptor() throws IOException, URISyntaxException {
        try (InputStream in = Files.newInputStream(classes().resolve("module-info.class"))) {
            return ModuleDescriptor.read(in);
        }
    }

    /** The compiled module and every jar of the test class path: a module path as a user's build would make it. */
    private static ModuleFinder modulePath() throws URISyntaxException {
        List<Path> entries = new ArrayList<>(List.of(classes()));
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.endsWith(".jar")) {
                entries.add(Path.of(entry));
            }
        }
        return ModuleFinder.of(entries.toArray(new Path[0]));
    }

    @Test
    void shouldBeNamedAsTheReadmeTellsUsersToRequireIt() throws IOException, URISyntaxException {
        assertEquals("dev.consentkit.suite", descriptor().name());
    }

    @Test
    void shouldExportExactlyTheApiPackageToEveryone() throws IOException, URISyntaxException {
        Set<ModuleDescriptor.Exports> exports = descriptor().exports();

        assertEquals(Set.of("dev.consentkit.suite"), exports.stream().map(ModuleDescriptor.Exports::source)
                .collect(Collectors.toSet()));
        assertTrue(exports.stream().noneMatch(ModuleDescriptor.Exports::isQualified));
    }

    @Test
    void shouldOpenTheSchemaResourcesToAllAndItsDocumentRecordsToJacksonOnly() throws IOException, URISyntaxException {
        assertEquals(Set.of("dev.consentkit.suite.schema -> everyone", "dev.consentkit.suite -> [com.fasterxml.jackson.databind]"),
                descriptor().opens().stream().map(o -> o.source() + " -> " + (o.isQualified() ? o.targets() : "everyone"))
                        .collect(Collectors.toSet()));
    }

    @Test
    void shouldPassOnTheModulesItsApiIsMadeOf() throws IOException, URISyntaxException {
        Set<String> transitive = descriptor().requires().stream()
                .filter(r -> r.modifiers().contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE))
                .map(ModuleDescriptor.Requires::name)
                .collect(Collectors.toSet());

        assertEquals(Set.of("dev.consentkit.core", "dev.consentkit.jackson"), transitive);
    }

    @Test
    void shouldRequireNoTestFrameworkAndNoModuleNamedAfterAJarFile() throws IOException, URISyntaxException {
        // The command line and applications run suites with this module alone: JUnit and QuickTheories
        // stay in consent-testkit and consent-testkit-quicktheories.
        Set<String> required = descriptor().requires().stream().map(ModuleDescriptor.Requires::name)
                .collect(Collectors.toSet());

        assertEquals(Set.of("java.base", "dev.consentkit.core", "dev.consentkit.jackson", "org.jspecify"), required);
    }

    @Test
    void shouldResolveOnAModulePathAndShowItsSchema() throws Exception {
        Configuration configuration = ModuleLayer.boot().configuration()
                .resolve(modulePath(), ModuleFinder.of(), Set.of("dev.consentkit.suite"));
        ModuleLayer layer = ModuleLayer.boot().defineModulesWithOneLoader(configuration, ClassLoader.getPlatformClassLoader());

        Module module = layer.findModule("dev.consentkit.suite").orElseThrow();
        Class<?> suite = layer.findLoader("dev.consentkit.suite").loadClass("dev.consentkit.suite.PolicySuite");

        assertEquals(module, suite.getModule());
        assertTrue(configuration.modules().stream().noneMatch(m -> m.reference().descriptor().isAutomatic()),
                () -> "automatic modules resolved: " + configuration.modules());
        assertTrue(configuration.modules().stream().noneMatch(m -> m.name().startsWith("org.junit") || m.name().equals("org.opentest4j")),
                () -> "test framework modules resolved: " + configuration.modules());
        assertNotNull(layer.findLoader("dev.consentkit.suite").getResource("dev/consentkit/suite/schema/suite-v1.schema.json"));
    }
}
