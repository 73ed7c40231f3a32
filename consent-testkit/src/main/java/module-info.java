/**
 * ConsentKit test kit: policy test suites as JSON documents run as JUnit 5 dynamic tests,
 * QuickTheories generators for every core type, and the invariants every training policy keeps,
 * checked against a policy of your own in one call. Meant for test scope.
 *
 * <p>QuickTheories 0.26 has no module descriptor and no {@code Automatic-Module-Name}; on the module
 * path it is the automatic module {@code quicktheories}, named after its jar. Its generator type
 * {@code Gen} is part of this module's API, hence {@code requires transitive}, and the warnings javac
 * gives for requiring an automatic module are suppressed on purpose: the 0.26 jar is the last
 * QuickTheories release, so its name will not change under us.
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module dev.consentkit.testkit {
    requires transitive dev.consentkit.core;
    requires transitive dev.consentkit.jackson;
    requires transitive org.junit.jupiter.api;
    requires transitive quicktheories;
    requires static org.jspecify;

    exports dev.consentkit.testkit;
    // The suite JSON Schema is a resource users load by path; opening its package makes it visible.
    opens dev.consentkit.testkit.schema;
}
