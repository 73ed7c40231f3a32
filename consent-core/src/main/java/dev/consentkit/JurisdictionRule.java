package dev.consentkit;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a policy version does in one jurisdiction: exclude it (the program does not run there), or
 * run under a legal basis other than the version's default. When several rules match a member's
 * jurisdiction the most specific wins: {@code US-CA} over {@code US}, {@code FR} over {@code EU}
 * over {@code EEA}. An immutable value: two rules are equal when they are for the same jurisdiction
 * with the same basis, or both exclude it.
 */
public final class JurisdictionRule {

    private final Jurisdiction jurisdiction;
    private final @Nullable LegalBasis basis;

    /**
     * A rule for {@code jurisdiction}; {@link #excluded} and {@link #withBasis} say which kind by name.
     *
     * @param jurisdiction the jurisdiction the rule is for; it also applies to every place within
     *     it
     * @param basis the legal basis the program runs under there, or {@code null} when the rule
     *     excludes the jurisdiction
     * @throws NullPointerException if {@code jurisdiction} is null
     */
    public JurisdictionRule(Jurisdiction jurisdiction, @Nullable LegalBasis basis) {
        this.jurisdiction = Objects.requireNonNull(jurisdiction, "jurisdiction");
        this.basis = basis;
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

    /** {@return where the rule applies, a group, country or subdivision, and every place within it} */
    public Jurisdiction jurisdiction() {
        return jurisdiction;
    }

    /** {@return the legal basis the program runs under in the jurisdiction; empty when the rule excludes it} */
    public Optional<LegalBasis> basis() {
        return Optional.ofNullable(basis);
    }

    /** {@return whether this rule excludes its jurisdiction} */
    public boolean isExcluded() {
        return basis == null;
    }

    /** Equal when both are for an equal jurisdiction with the same basis, or both exclude it. */
    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof JurisdictionRule other && jurisdiction.equals(other.jurisdiction) && basis == other.basis;
    }

    /** A hash consistent with {@link #equals}. */
    @Override
    public int hashCode() {
        return 31 * jurisdiction.hashCode() + Objects.hashCode(basis);
    }

    /** The rule in words, such as {@code DE excluded} or {@code GB under LEGITIMATE_INTERESTS}. */
    @Override
    public String toString() {
        return jurisdiction + (basis == null ? " excluded" : " under " + basis);
    }
}
