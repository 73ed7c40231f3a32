package dev.consentkit;

/**
 * The six lawful bases of GDPR Article 6(1), each knowing which consent regime it implies for
 * training.
 *
 * <p>{@link #CONSENT} means opt-in: nothing is trainable until the member opts in, and a withdrawal
 * (Art. 7(3)) stops use from then on. Every other basis is treated as opt-out: trainable until the
 * member objects (Art. 21). Contract, legal obligation and vital interests rarely fit training; they
 * are opt-out regimes here too. Whatever the basis, a recorded opt-out in effect always denies.
 * Outside the GDPR, use {@code CONSENT} for an opt-in regime and {@code LEGITIMATE_INTERESTS} for an
 * opt-out regime.
 */
public enum LegalBasis {
    /** Art. 6(1)(a): the member has given consent. Opt-in. */
    CONSENT("6(1)(a)", true),
    /** Art. 6(1)(b): necessary for a contract with the member. Opt-out. */
    CONTRACT("6(1)(b)", false),
    /** Art. 6(1)(c): necessary for a legal obligation. Opt-out. */
    LEGAL_OBLIGATION("6(1)(c)", false),
    /** Art. 6(1)(d): necessary to protect vital interests. Opt-out. */
    VITAL_INTERESTS("6(1)(d)", false),
    /** Art. 6(1)(e): necessary for a task in the public interest. Opt-out (objection under Art. 21). */
    PUBLIC_TASK("6(1)(e)", false),
    /**
     * Art. 6(1)(f): legitimate interests, the usual basis of opt-out training programs, such as a
     * professional network's program or a social network's EU program. Opt-out.
     */
    LEGITIMATE_INTERESTS("6(1)(f)", false);

    private final String article;
    private final boolean requiresOptIn;

    LegalBasis(String article, boolean requiresOptIn) {
        this.article = article;
        this.requiresOptIn = requiresOptIn;
    }

    /** {@return the GDPR article point, such as {@code 6(1)(f)}} */
    public String article() {
        return article;
    }

    /**
     * {@return whether this basis is an opt-in regime: with no opt-in in effect, nothing is trainable
     * ({@link Reason#NO_CONSENT})} False means an opt-out regime: trainable until the member objects.
     */
    public boolean requiresOptIn() {
        return requiresOptIn;
    }
}
