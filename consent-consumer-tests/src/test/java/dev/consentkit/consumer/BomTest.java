package dev.consentkit.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The BOM pins every published ConsentKit module, and nothing else. A module is published unless its
 * POM sets {@code maven.deploy.skip}; the modules are those the root POM lists, in any profile.
 */
class BomTest {

    private static final Path ROOT = Path.of(System.getProperty("consentkit.root", ".."));
    private static final Path BOM = ROOT.resolve("consentkit-bom");

    @Test
    void pinsEveryPublishedModuleAndNothingElse() throws IOException {
        Set<String> published = new TreeSet<>();
        for (String module : Poms.values(Poms.read(ROOT.resolve("pom.xml")), "//modules/module")) {
            Path pom = ROOT.resolve(module).resolve("pom.xml");
            var document = Poms.read(pom);
            String artifactId = Poms.value(document, "/project/artifactId");
            boolean skipped = "true".equals(Poms.value(document, "/project/properties/maven.deploy.skip"));
            if (!skipped && !artifactId.equals("consentkit-bom")) {
                published.add(artifactId);
            }
        }
        var bom = Poms.read(BOM.resolve("pom.xml"));
        Set<String> pinned = new TreeSet<>(
                Poms.values(bom, "/project/dependencyManagement/dependencies/dependency/artifactId"));

        assertFalse(published.isEmpty(), "no published module found under " + ROOT.toAbsolutePath());
        assertEquals(published, pinned, "the BOM must pin exactly the published modules");
        for (String group : Poms.values(bom, "/project/dependencyManagement/dependencies/dependency/groupId")) {
            assertEquals("dev.consentkit", group);
        }
        for (String version : Poms.values(bom, "/project/dependencyManagement/dependencies/dependency/version")) {
            assertEquals("${project.version}", version, "every module is pinned to the BOM's own version");
        }
    }

    @Test
    void installedBomHasNoParentAndNoOtherManagement() throws IOException {
        Path flattened = BOM.resolve("target/consentkit-bom.pom");
        assertTrue(Files.isRegularFile(flattened), "the BOM module builds " + flattened);
        var bom = Poms.read(flattened);

        assertEquals("", Poms.value(bom, "/project/parent/artifactId"),
                "a parent would bring its dependencyManagement into every build that imports the BOM");
        assertEquals(Poms.values(Poms.read(BOM.resolve("pom.xml")),
                        "/project/dependencyManagement/dependencies/dependency/artifactId"),
                Poms.values(bom, "/project/dependencyManagement/dependencies/dependency/artifactId"));
        for (String element : new String[] {"url", "licenses/license/name", "developers/developer/name",
                "scm/url", "issueManagement/url"}) {
            assertFalse(Poms.value(bom, "/project/" + element).isBlank(), "Central requires " + element);
        }
        assertEquals("https://github.com/consentkit/consentkit", Poms.value(bom, "/project/scm/url"));
    }
}
