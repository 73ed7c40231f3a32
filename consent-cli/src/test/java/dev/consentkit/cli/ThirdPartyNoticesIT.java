package dev.consentkit.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Shows that the executable jar, {@code target/consent.jar} (published with classifier {@code standalone}),
 * says what it bundles and under which licences: {@code META-INF/THIRD-PARTY.txt} lists every third-party
 * library in it with at least one licence, the licence and notice files the libraries ship are kept,
 * {@code META-INF/LICENSE} is ConsentKit's own licence, and the manifest names the entry point and the version.
 *
 * <p>The bundled libraries are found two ways: by the {@code META-INF/maven/<groupId>/<artifactId>/pom.properties}
 * entries that Maven-built libraries carry, and, for libraries built otherwise (picocli carries none), by
 * the jars on this test's class path whose classes are in the executable jar.
 */
class ThirdPartyNoticesIT {

    private static final Path ROOT = CliRun.repositoryRoot();
    private static final Path JAR = ROOT.resolve("consent-cli/target/consent.jar");
    private static final String THIRD_PARTY = "META-INF/THIRD-PARTY.txt";

    /** A library's coordinates, alone on the first line of its paragraph in the listing. */
    private static final Pattern COORDINATES = Pattern.compile("([^\\s:]+):([^\\s:]+):([^\\s:]+)");
    /** A licence line of the listing: a name, then the licence's URL in angle brackets. */
    private static final Pattern LICENSE = Pattern.compile("License: +(\\S.*?) <(https?://\\S+)>");
    /** A licence line naming the Apache License 2.0, ConsentKit's own. */
    private static final Pattern APACHE_2 = Pattern.compile("(?i)apache.*2\\.0|apache\\.org/licenses/LICENSE-2\\.0");
    /** Where a library's licence, notice or copyright statement is, directly in META-INF. */
    private static final Pattern LEGAL_FILE = Pattern.compile("(?i)META-INF/[^/]*(licen[cs]e|notice|copyright)[^/]*");
    /** The names under which the shade plugin is told to drop the libraries' copies of the Apache License. */
    private static final Set<String> DROPPED_APACHE_LICENSES = Set.of("META-INF/LICENSE", "META-INF/LICENSE.txt");
    private static final Set<String> MERGED_NOTICES = Set.of("META-INF/NOTICE", "META-INF/NOTICE.txt", "META-INF/NOTICE.md");

    private static JarFile jar;
    /** The listing: each library's coordinates, with its licence lines. */
    private static Map<String, List<String>> listed;

    @BeforeAll
    static void openTheJar() throws IOException {
        assertTrue(Files.isRegularFile(JAR), JAR + " is built in the package phase");
        jar = new JarFile(JAR.toFile());
        listed = parseListing(text(jar, THIRD_PARTY));
    }

    @AfterAll
    static void closeTheJar() throws IOException {
        jar.close();
    }

    private static String text(JarFile file, String name) throws IOException {
        return new String(bytes(file, name), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(JarFile file, String name) throws IOException {
        JarEntry entry = file.getJarEntry(name);
        assertNotNull(entry, file.getName() + " has no " + name);
        try (InputStream in = file.getInputStream(entry)) {
            return in.readAllBytes();
        }
    }

    private static Map<String, List<String>> parseListing(String listing) {
        Map<String, List<String>> libraries = new LinkedHashMap<>();
        for (String paragraph : listing.split("\\R\\s*\\R")) {
            List<String> lines = paragraph.strip().lines().map(String::strip).toList();
            if (lines.isEmpty() || !COORDINATES.matcher(lines.get(0)).matches()) {
                continue;
            }
            List<String> licenses = lines.stream().filter(line -> line.startsWith("License:")).toList();
            assertNull(libraries.put(lines.get(0), licenses), lines.get(0) + " is listed twice");
        }
        return libraries;
    }

    private static boolean isConsentKit(String groupId) {
        return groupId.equals("dev.consentkit") || groupId.startsWith("dev.consentkit.");
    }

    // ------------------------------------------------------------------ the manifest and ConsentKit's licence

    @Test
    void shouldNameTheEntryPointAndTheVersionInTheManifest() throws IOException {
        String version = System.getProperty("consentkit.version");
        assertNotNull(version, "the POM passes consentkit.version to the tests");

        Attributes manifest = jar.getManifest().getMainAttributes();

        assertEquals(ConsentCli.class.getName(), manifest.getValue(Attributes.Name.MAIN_CLASS));
        assertEquals(version, manifest.getValue(Attributes.Name.IMPLEMENTATION_VERSION));
    }

    @Test
    void shouldCarryConsentKitsLicenseAsTheLicenseOfTheJar() throws IOException {
        byte[] license = bytes(jar, "META-INF/LICENSE");

        assertArrayEquals(Files.readAllBytes(ROOT.resolve("LICENSE")), license);
        assertTrue(new String(license, StandardCharsets.UTF_8).contains("Apache License"));
    }

    // ------------------------------------------------------------------ the listing

    @Test
    void shouldListEveryLibraryWithALicenseNameAndUrl() {
        assertFalse(listed.isEmpty(), THIRD_PARTY + " lists no library");
        listed.forEach((library, licenses) -> {
            assertFalse(isConsentKit(library.substring(0, library.indexOf(':'))), library + " is not third-party");
            assertFalse(licenses.isEmpty(), library + " is listed without a licence");
            for (String license : licenses) {
                assertTrue(LICENSE.matcher(license).matches(), library + ": no licence name and URL in " + license);
            }
        });
    }

    @Test
    void shouldListEveryLibraryWhosePomPropertiesAreInTheJar() throws IOException {
        Set<String> bundled = bundledByPomProperties();
        assertFalse(bundled.isEmpty(), "the jar bundles Jackson, which carries its pom.properties");

        for (String library : bundled) {
            assertTrue(listed.containsKey(library), library + " is bundled but not in " + THIRD_PARTY);
        }
    }

    @Test
    void shouldListEveryLibraryOnTheClassPathWhoseClassesAreInTheJar() throws IOException {
        List<Path> bundled = bundledClassPathJars();
        assertFalse(bundled.isEmpty(), "no jar on the class path is bundled: " + classPath());

        for (Path library : bundled) {
            assertNotNull(listedAs(library), library + " is bundled but not in " + THIRD_PARTY);
        }
    }

    @Test
    void shouldListOnlyLibrariesThatTheJarBundles() throws IOException {
        Set<String> bundled = new TreeSet<>(bundledByPomProperties());
        for (Path library : bundledClassPathJars()) {
            String coordinates = listedAs(library);
            if (coordinates != null) { // else the test above fails
                bundled.add(coordinates);
            }
        }

        Set<String> notBundled = new TreeSet<>(listed.keySet());
        notBundled.removeAll(bundled);

        assertEquals(Set.of(), notBundled, "listed in " + THIRD_PARTY + " but not found in the jar");
    }

    /** The non-ConsentKit libraries whose {@code pom.properties} the jar carries, as coordinates. */
    private static Set<String> bundledByPomProperties() throws IOException {
        Pattern pomProperties = Pattern.compile("META-INF/maven/[^/]+/[^/]+/pom\\.properties");
        Set<String> libraries = new TreeSet<>();
        for (JarEntry entry : Collections.list(jar.entries())) {
            if (!pomProperties.matcher(entry.getName()).matches()) {
                continue;
            }
            Properties properties = new Properties();
            try (InputStream in = jar.getInputStream(entry)) {
                properties.load(in);
            }
            String groupId = properties.getProperty("groupId");
            if (!isConsentKit(groupId)) {
                libraries.add(groupId + ":" + properties.getProperty("artifactId") + ":" + properties.getProperty("version"));
            }
        }
        return libraries;
    }

    /**
     * The listed coordinates of a jar from the local Maven repository,
     * {@code <groupId as directories>/<artifactId>/<version>/<artifactId>-<version>.jar}, or null.
     */
    private static String listedAs(Path library) {
        String path = library.toString().replace(File.separatorChar, '/');
        for (String coordinates : listed.keySet()) {
            Matcher gav = COORDINATES.matcher(coordinates);
            assertTrue(gav.matches());
            String artifactId = gav.group(2);
            String version = gav.group(3);
            String inRepository = "/" + gav.group(1).replace('.', '/') + "/" + artifactId + "/" + version + "/"
                    + artifactId + "-" + version + ".jar";
            if (path.endsWith(inRepository)) {
                return coordinates;
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ the libraries' licence and notice files

    @Test
    void shouldKeepTheLicenseAndNoticeFilesOfEveryLibrary() throws IOException {
        List<String> notice = text(jar, "META-INF/NOTICE").lines().map(String::strip).toList();
        List<String> checked = new ArrayList<>();

        for (Path path : bundledClassPathJars()) {
            String library = listedAs(path);
            try (JarFile file = new JarFile(path.toFile())) {
                for (JarEntry entry : Collections.list(file.entries())) {
                    String name = entry.getName();
                    if (!LEGAL_FILE.matcher(name).matches()) {
                        continue;
                    }
                    checked.add(path.getFileName() + "!/" + name);
                    if (DROPPED_APACHE_LICENSES.contains(name)) {
                        // Left out for ConsentKit's META-INF/LICENSE, which is the same licence.
                        List<String> licenses = listed.get(library);
                        assertTrue(licenses != null && licenses.stream().anyMatch(line -> APACHE_2.matcher(line).find()),
                                library + " is not under the Apache License 2.0, and its " + name
                                        + " is not in the jar: keep it under another name");
                    } else if (MERGED_NOTICES.contains(name)) {
                        for (String line : text(file, name).lines().map(String::strip).toList()) {
                            assertTrue(line.isEmpty() || notice.contains(line),
                                    "META-INF/NOTICE lacks from " + path.getFileName() + ": " + line);
                        }
                    } else {
                        assertNotNull(jar.getJarEntry(name), name + " of " + path.getFileName() + " is not in the jar");
                        assertArrayEquals(bytes(file, name), bytes(jar, name),
                                name + " of " + path.getFileName() + " is not kept as it is");
                    }
                }
            }
        }
        assertFalse(checked.isEmpty(), "the bundled libraries ship licence files");
    }

    // ------------------------------------------------------------------ the class path

    private static List<Path> classPath() {
        return Pattern.compile(Pattern.quote(File.pathSeparator)).splitAsStream(System.getProperty("java.class.path"))
                .filter(entry -> !entry.isEmpty())
                .map(Path::of)
                .collect(Collectors.toList());
    }

    /**
     * The jars on the class path, ConsentKit's own modules apart, some of whose classes are in the executable jar.
     * The test class path holds what the jar bundles, and test libraries besides, which are not in it.
     */
    private static List<Path> bundledClassPathJars() throws IOException {
        List<Path> bundled = new ArrayList<>();
        for (Path path : classPath()) {
            if (!Files.isRegularFile(path) || !path.getFileName().toString().endsWith(".jar")) {
                continue;
            }
            try (JarFile file = new JarFile(path.toFile())) {
                List<String> classes = Collections.list(file.entries()).stream()
                        .map(JarEntry::getName)
                        .filter(name -> name.endsWith(".class") && !name.startsWith("META-INF/")
                                && !name.endsWith("module-info.class"))
                        .toList();
                boolean consentKit = classes.stream().anyMatch(name -> name.startsWith("dev/consentkit/"));
                if (!consentKit && classes.stream().anyMatch(name -> jar.getJarEntry(name) != null)) {
                    bundled.add(path);
                }
            }
        }
        return bundled;
    }
}
