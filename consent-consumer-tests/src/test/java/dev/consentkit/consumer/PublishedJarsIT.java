package dev.consentkit.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every ConsentKit jar installed into the consumer repository (main jars, and sources and javadoc jars
 * when the release profile built them) carries ConsentKit's LICENSE and NOTICE, and its manifest
 * says which version it is.
 */
class PublishedJarsIT {

    private static final Path REPOSITORY = Path.of(System.getProperty("consumer.repository",
            "target/consumer-repository"));
    private static final String VERSION = System.getProperty("consentkit.version", "");

    private static final Path ROOT = Path.of(System.getProperty("consentkit.root", ".."));

    @TestFactory
    Stream<DynamicTest> everyInstalledJarCarriesLicenceNoticeAndVersion() throws IOException {
        List<Path> jars;
        try (Stream<Path> files = Files.walk(REPOSITORY.resolve("dev/consentkit"))) {
            jars = files.filter(file -> file.toString().endsWith(".jar")).sorted().collect(Collectors.toList());
        }
        assertFalse(jars.isEmpty(), "no ConsentKit jar installed under " + REPOSITORY.toAbsolutePath());
        return check(jars);
    }

    /** The sources and javadoc jars, when this build made them (the release profile does). */
    @TestFactory
    Stream<DynamicTest> everySourcesAndJavadocJarCarriesLicenceNoticeAndVersion() throws IOException {
        List<Path> jars;
        try (Stream<Path> files = Files.find(ROOT, 3, (file, attributes) -> file.getParent().endsWith("target")
                && file.getFileName().toString().matches(".*-" + java.util.regex.Pattern.quote(VERSION)
                        + "-(sources|javadoc)\\.jar"))) {
            jars = files.sorted().collect(Collectors.toList());
        }
        return check(jars);
    }

    private static Stream<DynamicTest> check(List<Path> jars) throws IOException {
        String license = Files.readString(ROOT.resolve("LICENSE"));
        return jars.stream().map(jar -> DynamicTest.dynamicTest(jar.getFileName().toString(), () -> {
            try (JarFile file = new JarFile(jar.toFile())) {
                assertNotNull(file.getEntry("META-INF/LICENSE"), "META-INF/LICENSE in " + jar);
                assertNotNull(file.getEntry("META-INF/NOTICE"), "META-INF/NOTICE in " + jar);
                assertEquals(license, new String(file.getInputStream(file.getEntry("META-INF/LICENSE"))
                        .readAllBytes(), java.nio.charset.StandardCharsets.UTF_8), "ConsentKit's own licence");
                assertNotNull(file.getManifest(), "a manifest in " + jar);
                assertEquals(VERSION, file.getManifest().getMainAttributes().getValue("Implementation-Version"),
                        "Implementation-Version of " + jar);
            }
        }));
    }
}
