package dev.consentkit;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a policy version does in one jurisdiction: exclude it (the program does not run there), or
 * run under a legal basis other than the version's default. When several rules match a member's
 * jurisdiction the most specific wins: {@code US-CA} over {@code US}, {@code FR} over {@code EU}
 * over {@code EEA}.
 *
 * @param jurisdiction where the rule applies, a group, country or subdivision
 * @param basis the legal basis there, or {@code null} when the jurisdiction is excluded
 */
public record JurisdictionRule(Jurisdiction jurisdiction, @Nullable LegalBasis basis) {

    /**
     * Validates the rule.
     *
     * @param jurisdiction the jurisdiction the rule is for; it also applies to every place within
     *     it
     * @param basis the legal basis the program runs under there, or {@code null} when the rule
     *     excludes the jurisdiction
     * @throws NullPointerException if {@code jurisdiction} is null
     */
    public JurisdictionRule {
        Objects.requireNonNull(jurisdiction, "jurisdiction");
    }

    /**
     * A rule that excludes {@code jurisdiction}: nothing of members there is trainable.
     *
     * @param jurisdiction the jurisdiction to leave out of the program, such as the EU for a
     *     program that excludes it at launch
     * @return the excluding rule
     */
    public static JurisdictionRule excluded(Jurisdiction jurisdiction) {
        return new JurisdictionRule(jurisdiction, null);
    }

    /**
     * A rule that runs the program in {@code jurisdiction} under {@code basis}.
     *
     * @param jurisdiction the jurisdiction the rule is for
     * @param basis the legal basis the program runs under there
     * @return the rule
     */
    public static JurisdictionRule withBasis(Jurisdiction jurisdiction, LegalBasis basis) {
        return new JurisdictionRule(jurisdiction, Objects.requireNonNull(basis, "basis"));
    }

    /**
     * This rule naming the shared instance of its jurisdiction, which it interns: a policy version
     * keeps its rules in this form, so that members' places read later resolve to the rules' own
     * instances.
     */
    @SuppressWarnings("ReferenceEquality") // asks whether the jurisdiction already is the shared instance
    JurisdictionRule interned() {
        Jurisdiction shared = jurisdiction.intern();
        return shared == jurisdiction ? this : new JurisdictionRule(shared, basis);
    }

    /** {@return whether this rule excludes its jurisdiction} */
    public boolean isExcluded() {
        return basis == null;
    }

    /** The rule in words, such as {@code DE excluded} or {@code GB under LEGITIMATE_INTERESTS}. */
    @Override
    public String toString() {
        return jurisdiction + (basis == null ? " excluded" : " under " + basis);
    }
}
