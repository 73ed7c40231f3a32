package dev.consentkit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * Shows that the module exports only its API package, passes on the suite module and JUnit's API,
 * which its API names, needs no module named after a jar file, and resolves on a module path of its
 * dependencies.
 */
class ModuleTest {

    private static Path classes() throws URISyntaxException {
        return Path.of(PolicySuiteTests.class.getProtectionDomain().getCodeSource().getLocation().toURI());
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
        assertEquals("dev.consentkit.testkit", descriptor().name());
    }

    @Test
    void shouldExportExactlyTheApiPackageToEveryone() throws IOException, URISyntaxException {
        Set<ModuleDescriptor.Exports> exports = descriptor().exports();

        assertEquals(Set.of("dev.consentkit.testkit"), exports.stream().map(ModuleDescriptor.Exports::source)
                .collect(Collectors.toSet()));
        assertTrue(exports.stream().noneMatch(ModuleDescriptor.Exports::isQualified));
        assertTrue(descriptor().opens().isEmpty());
    }

    @Test
    void shouldPassOnTheModulesItsApiIsMadeOf() throws IOException, URISyntaxException {
        Set<String> transitive = descriptor().requires().stream()
                .filter(r -> r.modifiers().contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE))
                .map(ModuleDescriptor.Requires::name)
                .collect(Collectors.toSet());

        assertEquals(Set.of("dev.consentkit.suite", "org.junit.jupiter.api"), transitive);
    }

    @Test
    void shouldRequireNoModuleNamedAfterAJarFile() throws IOException, URISyntaxException {
        // QuickTheories has no module name; the generators and conformance checks that need it live in
        // consent-testkit-quicktheories, so that requiring this module needs no automatic module.
        Set<String> required = descriptor().requires().stream().map(ModuleDescriptor.Requires::name)
                .collect(Collectors.toSet());

        assertEquals(Set.of("java.base", "dev.consentkit.suite", "org.junit.jupiter.api", "org.jspecify"), required);
    }

    @Test
    void shouldResolveOnAModulePathWithTheSuiteModule() throws Exception {
        Configuration configuration = ModuleLayer.boot().configuration()
                .resolve(modulePath(), ModuleFinder.of(), Set.of("dev.consentkit.testkit"));
        ModuleLayer layer = ModuleLayer.boot().defineModulesWithOneLoader(configuration, ClassLoader.getPlatformClassLoader());

        Module module = layer.findModule("dev.consentkit.testkit").orElseThrow();
        Class<?> tests = layer.findLoader("dev.consentkit.testkit").loadClass("dev.consentkit.testkit.PolicySuiteTests");

        assertEquals(module, tests.getModule());
        assertTrue(module.canRead(layer.findModule("dev.consentkit.suite").orElseThrow()));
        assertTrue(configuration.modules().stream().noneMatch(m -> m.reference().descriptor().isAutomatic()),
                () -> "automatic modules resolved: " + configuration.modules());
    }
}
