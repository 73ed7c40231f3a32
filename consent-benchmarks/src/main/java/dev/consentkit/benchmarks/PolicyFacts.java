package dev.consentkit.benchmarks;

import dev.consentkit.DataCategory;
import dev.consentkit.Jurisdiction;
import dev.consentkit.JurisdictionRule;
import dev.consentkit.Member;
import dev.consentkit.PolicyVersion;
import dev.consentkit.Purpose;
import dev.consentkit.TrainingPolicy;
import dev.consentkit.UnknownAge;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The facts of a {@link TrainingPolicy} that the peer encodings are built from: the excluded
 * countries, the never-allowed categories and the purposes whose choices count.
 *
 * <p>Only a policy that these three rules decide alone is accepted: one version, an opt-out default
 * basis, jurisdiction rules that only exclude countries, minimum age 0 with unknown ages treated as
 * adults, and no item scope. The peers do not encode the policy's start, item creation and deletion,
 * account closure, reservations or category coverage either: the cases given to them must be ones
 * where those checks pass, as every case of {@link Sample} is.
 */
final class PolicyFacts {

    private final List<String> excludedCountries;
    private final List<String> neverAllowedCategories;
    private final List<String> coveringPurposes;

    private PolicyFacts(List<String> excludedCountries, List<String> neverAllowedCategories,
            List<String> coveringPurposes) {
        this.excludedCountries = excludedCountries;
        this.neverAllowedCategories = neverAllowedCategories;
        this.coveringPurposes = coveringPurposes;
    }

    /**
     * Reads the facts of {@code policy}.
     *
     * @throws IllegalArgumentException if other rules than the three encoded ones can decide under
     *     {@code policy}; the message names the first such rule
     */
    static PolicyFacts of(TrainingPolicy policy) {
        Objects.requireNonNull(policy, "policy");
        List<PolicyVersion> versions = policy.versions();
        if (versions.size() != 1) {
            throw outside(policy, "it has " + versions.size() + " versions, not one");
        }
        PolicyVersion version = versions.get(0);
        if (version.defaultBasis().isEmpty() || version.defaultBasis().get().requiresOptIn()) {
            throw outside(policy, "its default is not an opt-out basis: " + version.defaultBasis());
        }
        if (version.minimumAge() != 0 || version.unknownAge() != UnknownAge.TREAT_AS_ADULT) {
            throw outside(policy, "it checks ages (minimum age " + version.minimumAge() + ", unknown ages "
                    + version.unknownAge() + ")");
        }
        if (version.itemsCreatedFrom().isPresent()) {
            throw outside(policy, "it has an item scope from " + version.itemsCreatedFrom().get());
        }
        TreeSet<String> countries = new TreeSet<>();
        for (JurisdictionRule rule : version.jurisdictionRules()) {
            if (!rule.isExcluded() || rule.jurisdiction().kind() != Jurisdiction.Kind.COUNTRY) {
                throw outside(policy, "its rule '" + rule + "' is not the exclusion of a country");
            }
            countries.add(rule.jurisdiction().code());
        }
        TreeSet<String> categories = new TreeSet<>();
        for (DataCategory category : version.neverAllowedCategories()) {
            categories.add(category.key());
        }
        List<String> purposes = new ArrayList<>();
        for (Purpose p : policy.purpose().coveringPurposes()) {
            purposes.add(p.key());
        }
        return new PolicyFacts(List.copyOf(countries), List.copyOf(categories), List.copyOf(purposes));
    }

    private static IllegalArgumentException outside(TrainingPolicy policy, String why) {
        return new IllegalArgumentException("policy " + policy.id()
                + " uses more than category exclusion, country exclusion and opt-outs: " + why);
    }

    /**
     * The code of {@code member}'s jurisdiction at {@code asOf}, which every peer is given.
     *
     * @throws IllegalArgumentException if it is unknown: the peer encodings cover known jurisdictions only
     */
    static String jurisdictionCode(Member member, Instant asOf) {
        Jurisdiction place = member.jurisdictions().at(asOf).orElse(null);
        if (place == null) {
            throw new IllegalArgumentException("member " + member.id() + " has no known jurisdiction at " + asOf
                    + "; the peer encodings cover known jurisdictions only");
        }
        return place.code();
    }

    /** The excluded country codes, sorted, such as {@code [BR, CH, DE, FR]}. */
    List<String> excludedCountries() {
        return excludedCountries;
    }

    /** The never-allowed category keys, sorted; each excludes its sub-categories too. */
    List<String> neverAllowedCategories() {
        return neverAllowedCategories;
    }

    /** The policy's purpose and every broader one: a choice for any of them counts. */
    List<String> coveringPurposes() {
        return coveringPurposes;
    }
}
