package dev.consentkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.module.ModuleDescriptor;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Shows that the module exports only its API package and needs nothing but {@code java.base} at run time. */
class ModuleTest {

    private static ModuleDescriptor descriptor() {
        ModuleDescriptor descriptor = TrainingPolicy.class.getModule().getDescriptor();
        assertNotNull(descriptor, "consent-core must run as a named module");
        return descriptor;
    }

    @Test
    void shouldBeNamedAsTheReadmeTellsUsersToRequireIt() {
        assertEquals("dev.consentkit.core", descriptor().name());
    }

    @Test
    void shouldExportExactlyTheApiPackagesToEveryoneAndNotTheRuleKernel() {
        Set<ModuleDescriptor.Exports> exports = descriptor().exports();

        assertEquals(Set.of("dev.consentkit", "dev.consentkit.batch"), exports.stream().map(ModuleDescriptor.Exports::source)
                .collect(Collectors.toSet()));
        assertTrue(exports.stream().noneMatch(ModuleDescriptor.Exports::isQualified));
    }

    @Test
    void shouldOpenNothingForDeepReflection() {
        assertFalse(descriptor().isOpen());
        assertEquals(Set.of(), descriptor().opens());
    }

    @Test
    void shouldRequireOnlyJavaBaseAtRunTime() {
        Set<String> runtime = descriptor().requires().stream()
                .filter(r -> !r.modifiers().contains(ModuleDescriptor.Requires.Modifier.STATIC))
                .map(ModuleDescriptor.Requires::name)
                .collect(Collectors.toSet());

        assertEquals(Set.of("java.base"), runtime);
    }

    @Test
    void shouldRequireJSpecifyOnlyAtCompileTime() {
        Set<String> compileTimeOnly = descriptor().requires().stream()
                .filter(r -> r.modifiers().contains(ModuleDescriptor.Requires.Modifier.STATIC))
                .map(ModuleDescriptor.Requires::name)
                .collect(Collectors.toSet());

        assertEquals(Set.of("org.jspecify"), compileTimeOnly);
    }

    @Test
    void shouldNeitherUseNorProvideServices() {
        assertEquals(Set.of(), descriptor().uses());
        assertEquals(Set.of(), descriptor().provides());
    }
}
