/**
 * ConsentKit core: the domain model of AI-training consent and the {@link dev.consentkit.TrainingPolicy}
 * engine that answers whether a member's content item may train a model at a given instant, and
 * batch evaluation ({@link dev.consentkit.batch}) for millions of items at once.
 *
 * <p>The module has no required runtime dependency. JSpecify nullness annotations are read at
 * compile time only. The rule kernel lives in a package this module does not export.
 */
module dev.consentkit.core {
    requires static transitive org.jspecify;

    exports dev.consentkit;
    exports dev.consentkit.batch;
}
