package dev.consentkit.suite;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Where the parts of a training policy start in the document it was read from: each version, each
 * jurisdiction rule of a version, each entry of a version's category lists and each field of a version,
 * as {@link PolicyPart}s mapped to {@link Location}s. A {@link PolicyReview} given them points each
 * finding at its line and column.
 *
 * <p>{@link #read(String)} finds them in one pass of Jackson's streaming parser over the document's
 * text, without building a tree. A part the document does not hold, or one the policy does not have, has
 * no location; so do all parts of {@link #none()}, the locations of a policy built in Java.
 */
public final class PolicyLocations {

    private static final PolicyLocations NONE = new PolicyLocations(Map.of());

    private final Map<PolicyPart, Location> locations;

    private PolicyLocations(Map<PolicyPart, Location> locations) {
        this.locations = locations;
    }

    /**
     * Finds where each part of the policy document {@code json} starts. Read the policy itself with
     * {@link dev.consentkit.jackson.ConsentDocuments#readPolicy(String)}: this pass does not check the
     * document, and on text that is not JSON it keeps the places it found before the problem. A rule is
     * keyed by its jurisdiction and a category entry by its category, as reading the policy normalises
     * them ({@code "fr"} is the rule for {@code FR}); an entry that is not a valid code or key, or a
     * version without an id, has no part to map to and is left out.
     *
     * @param json the text of a policy document, such as {@code consentkit.policy/v1.1}; a leading byte
     *     order mark is skipped
     * @return the locations of the document's parts
     * @throws NullPointerException if {@code json} is null
     */
    public static PolicyLocations read(String json) {
        return new PolicyLocations(Map.copyOf(PolicyLocationReader.read(Objects.requireNonNull(json, "json"))));
    }

    /**
     * The given locations, such as those of a policy kept in another form than a policy document.
     *
     * @param locations where each part starts
     * @return the locations
     * @throws NullPointerException if the map, a part or a location is null
     */
    public static PolicyLocations of(Map<PolicyPart, Location> locations) {
        return new PolicyLocations(Map.copyOf(locations));
    }

    /** {@return no locations at all: what a policy built in Java has} */
    public static PolicyLocations none() {
        return NONE;
    }

    /**
     * Where a part starts.
     *
     * @param part a part of the policy
     * @return where the part starts, or empty when it is not known
     * @throws NullPointerException if {@code part} is null
     */
    public Optional<Location> of(PolicyPart part) {
        return Optional.ofNullable(locations.get(Objects.requireNonNull(part, "part")));
    }

    /** {@return every part with a location, and where it starts} */
    public Map<PolicyPart, Location> asMap() {
        return locations;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof PolicyLocations other && other.locations.equals(locations);
    }

    @Override
    public int hashCode() {
        return locations.hashCode();
    }

    /** {@return how many parts have a location, for logs} */
    @Override
    public String toString() {
        return "PolicyLocations[" + locations.size() + " parts]";
    }
}
