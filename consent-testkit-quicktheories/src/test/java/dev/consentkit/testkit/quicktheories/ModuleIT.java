package dev.consentkit.testkit.quicktheories;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * Shows, on the packaged jar, that the add-on is the automatic module
 * {@code dev.consentkit.testkit.quicktheories}, named by its manifest rather than by its file name,
 * holding only its own package, and that it resolves on a module path next to the test kit.
 */
class ModuleIT {

    private static final String NAME = "dev.consentkit.testkit.quicktheories";

    /** The jar the classes under test were loaded from: after the package phase, the packaged one. */
    private static Path jar() throws URISyntaxException {
        Path jar = Path.of(ConsentGenerators.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertTrue(jar.getFileName().toString().endsWith(".jar"), () -> "not run on the packaged jar: " + jar);
        return jar;
    }

    /**
     * Every jar of the test class path, and every directory of it that holds a module: a module path as
     * a user's build would make it.
     */
    private static ModuleFinder modulePath() throws URISyntaxException {
        List<Path> entries = new ArrayList<>(List.of(jar()));
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry);
            if (entry.endsWith(".jar") || Files.isRegularFile(path.resolve("module-info.class"))) {
                entries.add(path);
            }
        }
        return ModuleFinder.of(entries.toArray(new Path[0]));
    }

    @Test
    void shouldNameItsAutomaticModuleInTheManifest() throws IOException, URISyntaxException {
        try (JarFile jar = new JarFile(jar().toFile())) {
            assertEquals(NAME, jar.getManifest().getMainAttributes().getValue("Automatic-Module-Name"));
        }
    }

    @Test
    void shouldBeAnAutomaticModuleOfItsOwnPackageOnly() throws URISyntaxException {
        ModuleDescriptor descriptor = ModuleFinder.of(jar()).findAll().stream().map(ModuleReference::descriptor)
                .findFirst().orElseThrow();

        assertEquals(NAME, descriptor.name());
        assertTrue(descriptor.isAutomatic());
        // Not dev.consentkit.testkit, which would split that package with the test kit's module.
        assertEquals(Set.of(NAME), descriptor.packages());
    }

    @Test
    void shouldResolveOnAModulePathNextToTheTestKit() throws Exception {
        Configuration configuration = ModuleLayer.boot().configuration()
                .resolve(modulePath(), ModuleFinder.of(), Set.of(NAME, "dev.consentkit.testkit"));
        ModuleLayer layer = ModuleLayer.boot().defineModulesWithOneLoader(configuration, ClassLoader.getPlatformClassLoader());

        Class<?> conformance = layer.findLoader(NAME).loadClass(PolicyConformance.class.getName());

        assertEquals(NAME, conformance.getModule().getName());
        assertFalse(layer.findModule("dev.consentkit.testkit").orElseThrow().getDescriptor().isAutomatic());
        assertTrue(configuration.findModule("quicktheories").isPresent());
        // Runs on the module path: the invariants' examples are built from QuickTheories' generators there.
        assertEquals(PolicyConformance.invariants(), conformance.getMethod("invariants").invoke(null));
    }
}
