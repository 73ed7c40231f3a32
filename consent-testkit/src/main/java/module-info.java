/**
 * ConsentKit test kit: policy test suites as JSON documents run as JUnit 5 dynamic tests, and the
 * {@code Scenario} they and property tests ask about. Meant for test scope.
 */
module dev.consentkit.testkit {
    requires transitive dev.consentkit.core;
    requires transitive dev.consentkit.jackson;
    requires transitive org.junit.jupiter.api;
    requires static org.jspecify;

    exports dev.consentkit.testkit;
    // The suite JSON Schema is a resource users load by path; opening its package makes it visible.
    opens dev.consentkit.testkit.schema;
}
