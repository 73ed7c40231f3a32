package dev.consentkit.suite;

import dev.consentkit.DataCategory;
import dev.consentkit.Jurisdiction;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A part of a training policy that a {@link PolicyReview} finding can be about, named in the policy's
 * own terms: a version, a jurisdiction rule of a version, an entry of a version's allowed or
 * never-allowed categories, or one of a version's fields. A version is named by its id, which is
 * unique within its policy, so a part names the same thing in a policy built in Java and in the document
 * it is written to. {@link PolicyLocations} maps parts to where they start in a document.
 *
 * <p>{@link #toString()} names the part for people, as {@code version 2025-11-03}, {@code the rule for
 * FR of version 2025-11-03}, {@code allowed category content.public of version 2025-11-03},
 * {@code never-allowed category jobs of version 2025-11-03} or {@code minimumAge of version 2025-11-03}.
 */
public final class PolicyPart {

    /** What kind of part of a policy version a part is. */
    public enum Kind {
        /** A whole version. */
        VERSION,
        /** The jurisdiction rule of a version for one jurisdiction. */
        RULE,
        /** An entry of a version's allowed categories. */
        ALLOWED_CATEGORY,
        /** An entry of a version's never-allowed categories. */
        NEVER_ALLOWED_CATEGORY,
        /** A field of a version, by its name in the policy document, such as {@code minimumAge}. */
        FIELD
    }

    private final String version;
    private final Kind kind;
    private final String key;

    private PolicyPart(String version, Kind kind, String key) {
        this.version = Objects.requireNonNull(version, "version");
        this.kind = kind;
        this.key = key;
    }

    /**
     * The version with this id.
     *
     * @param version the version's id
     * @return the part
     * @throws NullPointerException if {@code version} is null
     */
    public static PolicyPart version(String version) {
        return new PolicyPart(version, Kind.VERSION, "");
    }

    /**
     * The jurisdiction rule of a version for one jurisdiction (a version has at most one per
     * jurisdiction).
     *
     * @param version the version's id
     * @param jurisdiction the jurisdiction the rule is for
     * @return the part
     * @throws NullPointerException if an argument is null
     */
    public static PolicyPart rule(String version, Jurisdiction jurisdiction) {
        return new PolicyPart(version, Kind.RULE, Objects.requireNonNull(jurisdiction, "jurisdiction").code());
    }

    /**
     * An entry of a version's allowed categories.
     *
     * @param version the version's id
     * @param category the allowed category
     * @return the part
     * @throws NullPointerException if an argument is null
     */
    public static PolicyPart allowedCategory(String version, DataCategory category) {
        return new PolicyPart(version, Kind.ALLOWED_CATEGORY, Objects.requireNonNull(category, "category").key());
    }

    /**
     * An entry of a version's never-allowed categories.
     *
     * @param version the version's id
     * @param category the never-allowed category
     * @return the part
     * @throws NullPointerException if an argument is null
     */
    public static PolicyPart neverAllowedCategory(String version, DataCategory category) {
        return new PolicyPart(version, Kind.NEVER_ALLOWED_CATEGORY, Objects.requireNonNull(category, "category").key());
    }

    /**
     * A field of a version, by its name in the policy document.
     *
     * @param version the version's id
     * @param name the field's name, such as {@code minimumAge} or {@code itemsFromMembersChoice}
     * @return the part
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code name} is blank
     */
    public static PolicyPart field(String version, String name) {
        if (Objects.requireNonNull(name, "name").isBlank()) {
            throw new IllegalArgumentException("a field of a policy version has a name, not '" + name + "'");
        }
        return new PolicyPart(version, Kind.FIELD, name);
    }

    /** {@return the id of the version the part belongs to} */
    public String version() {
        return version;
    }

    /** {@return what kind of part this is} */
    public Kind kind() {
        return kind;
    }

    /**
     * {@return what names the part within its version: the jurisdiction code of a rule, the key of a
     * category, the name of a field; empty for a whole version}
     */
    public String key() {
        return key;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof PolicyPart other && other.version.equals(version) && other.kind == kind
                && other.key.equals(key);
    }

    @Override
    public int hashCode() {
        return Objects.hash(version, kind, key);
    }

    /** {@return the part named for people, such as {@code the rule for FR of version 2025-11-03}} */
    @Override
    public String toString() {
        switch (kind) {
            case VERSION:
                return "version " + version;
            case RULE:
                return "the rule for " + key + " of version " + version;
            case ALLOWED_CATEGORY:
                return "allowed category " + key + " of version " + version;
            case NEVER_ALLOWED_CATEGORY:
                return "never-allowed category " + key + " of version " + version;
            default:
                return key + " of version " + version;
        }
    }
}
