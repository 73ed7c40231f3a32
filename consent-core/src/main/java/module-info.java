/**
 * ConsentKit core: the domain model of AI-training consent and the {@link dev.consentkit.TrainingPolicy}
 * engine that answers whether a member's content item may train a model at a given instant.
 *
 * <p>The module has no required runtime dependency. JSpecify nullness annotations are read at
 * compile time only.
 */
module dev.consentkit.core {
    requires static transitive org.jspecify;

    exports dev.consentkit;
}
