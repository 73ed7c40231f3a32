/**
 * Tests for a training policy of your own: suites of questions to the policy and the answers expected.
 *
 * <p>A {@link dev.consentkit.testkit.PolicySuite} is a JSON document ({@code "format": "consentkit.suite/v1"})
 * holding a policy, members, items and cases, each case a question to the policy and the answer
 * expected. {@link dev.consentkit.testkit.PolicySuiteTests} turns a suite file into one JUnit 5 dynamic
 * test per case in one line; a failing case shows the expected and the actual answer and the whole
 * decision. The suite's JSON Schema (draft 2020-12) ships at the resource path
 * {@code dev/consentkit/testkit/schema/suite-v1.schema.json}. A {@link dev.consentkit.testkit.Scenario}
 * is one complete question to the engine, as property tests ask it.
 *
 * <p>Generators for property tests and the invariants every policy keeps are in the add-on
 * {@code consent-testkit-quicktheories}, package {@code dev.consentkit.testkit.quicktheories}, so that
 * this module needs no QuickTheories.
 *
 * <p>Nothing is {@code null} unless marked {@code @Nullable}; a {@code null} argument fails with a
 * {@link java.lang.NullPointerException} naming the parameter.
 */
@NullMarked
package dev.consentkit.testkit;

import org.jspecify.annotations.NullMarked;
