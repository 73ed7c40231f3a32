package dev.consentkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The public types of the exported packages {@code dev.consentkit} and {@code dev.consentkit.batch} as
 * compiled from the main sources, found by listing their class files, so a new type is covered without
 * being named.
 */
final class PublicTypes {

    private static final List<String> PACKAGE_PATHS = List.of("dev/consentkit/", "dev/consentkit/batch/");

    private PublicTypes() {}

    /** Every public top-level or nested type whose enclosing types are public too. */
    static List<Class<?>> all() {
        List<Class<?>> types = new ArrayList<>();
        for (String name : classNames()) {
            Class<?> type = load(name);
            if (isPubliclyVisible(type)) {
                types.add(type);
            }
        }
        return types;
    }

    /** The binary names of {@link #all()}, sorted. */
    static Set<String> names() {
        return all().stream().map(Class::getName).collect(Collectors.toCollection(TreeSet::new));
    }

    private static boolean isPubliclyVisible(Class<?> type) {
        for (Class<?> t = type; t != null; t = t.getEnclosingClass()) {
            if (!Modifier.isPublic(t.getModifiers()) || t.isAnonymousClass() || t.isSynthetic()) {
                return false;
            }
        }
        return true;
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, TrainingPolicy.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("listed class " + name + " cannot be loaded", e);
        }
    }

    private static List<String> classNames() {
        Path root;
        try {
            root = Path.of(TrainingPolicy.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        List<String> entries = Files.isDirectory(root) ? directoryEntries(root) : jarEntries(root);
        return entries.stream()
                .filter(e -> e.endsWith(".class") && PACKAGE_PATHS.contains(e.substring(0, e.lastIndexOf('/') + 1))
                        && !e.endsWith("module-info.class") && !e.endsWith("package-info.class"))
                .map(e -> e.substring(0, e.length() - ".class".length()).replace('/', '.'))
                .sorted()
                .collect(Collectors.toList());
    }

    private static List<String> directoryEntries(Path root) {
        List<String> entries = new ArrayList<>();
        for (String packagePath : PACKAGE_PATHS) {
            try (Stream<Path> files = Files.list(root.resolve(packagePath))) {
                files.forEach(f -> entries.add(packagePath + f.getFileName()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return entries;
    }

    private static List<String> jarEntries(Path jar) {
        List<String> names = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            for (Enumeration<JarEntry> e = file.entries(); e.hasMoreElements();) {
                names.add(e.nextElement().getName());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }
}
