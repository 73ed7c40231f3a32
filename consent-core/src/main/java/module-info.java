/**
 * ConsentKit core: the domain model of AI-training consent and the {@link dev.consentkit.TrainingPolicy}
 * engine that answers whether a member's content item may train a model at a given instant, and
 * batch evaluation ({@link dev.consentkit.batch}) for millions of items at once.
 *
 * <p>The module has no required runtime dependency. Its API carries JSpecify nullness annotations,
 * which modules that require this one read when they compile; JSpecify therefore comes along as an
 * ordinary dependency, as JSpecify recommends, while at run time it is not required ({@code static}).
 * The rule kernel lives in a package this module does not export.
 */
module dev.consentkit.core {
    requires static transitive org.jspecify;

    exports dev.consentkit;
    exports dev.consentkit.batch;
}
