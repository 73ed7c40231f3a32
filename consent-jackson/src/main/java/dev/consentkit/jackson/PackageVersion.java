package dev.consentkit.jackson;

import com.fasterxml.jackson.core.Version;
import com.fasterxml.jackson.core.util.VersionUtil;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * This module's version, as the build wrote it into {@code version.properties}: the POM is the only
 * place the version is stated.
 */
final class PackageVersion {

    static final Version VERSION = load();

    private PackageVersion() {}

    private static Version load() {
        try (InputStream in = PackageVersion.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return Version.unknownVersion();
            }
            Properties properties = new Properties();
            properties.load(in);
            return VersionUtil.parseVersion(properties.getProperty("version"), properties.getProperty("groupId"),
                    properties.getProperty("artifactId"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the version of consent-jackson", e);
        }
    }
}
