/**
 * ConsentKit policy suites: a policy, the members and items it is asked about, and cases of expected
 * decisions, as a strict JSON document read and run against the engine, with its JSON Schema; and the
 * review of a policy's meaning that {@code consent validate} prints. It needs
 * no test framework: {@code dev.consentkit.testkit} runs suites as JUnit 5 tests.
 */
module dev.consentkit.suite {
    requires transitive dev.consentkit.core;
    requires transitive dev.consentkit.jackson;
    requires static org.jspecify;

    exports dev.consentkit.suite;
    // The suite JSON Schema is a resource users load by path; opening its package makes it visible.
    opens dev.consentkit.suite.schema;
    // Jackson binds suite documents to records of this package.
    opens dev.consentkit.suite to com.fasterxml.jackson.databind;
}
