/**
 * ConsentKit test kit: policy test suites of {@code dev.consentkit.suite} run as JUnit 5 dynamic tests.
 * Meant for test scope.
 */
module dev.consentkit.testkit {
    requires transitive dev.consentkit.suite;
    requires transitive org.junit.jupiter.api;
    requires static org.jspecify;

    exports dev.consentkit.testkit;
}
