/**
 * Tests for a training policy of your own, run by JUnit 5: a policy suite's cases as dynamic tests.
 *
 * <p>A policy suite ({@link dev.consentkit.suite.PolicySuite}, in {@code consent-suite}) is a JSON
 * document holding a policy, members, items and cases, each case a question to the policy and the
 * answer expected. {@link dev.consentkit.testkit.PolicySuiteTests} turns a suite file into one JUnit 5
 * dynamic test per case in one line; a failing case shows the expected and the actual answer and the
 * whole decision. Reading and running a suite needs no test framework: that is {@code consent-suite},
 * which this module brings.
 *
 * <p>Generators for property tests and the checks of the engine's conformance on a policy are in the
 * add-on {@code consent-testkit-quicktheories}, package {@code dev.consentkit.testkit.quicktheories}, so
 * that this module needs no QuickTheories.
 *
 * <p>Nothing is {@code null} unless marked {@code @Nullable}; a {@code null} argument fails with a
 * {@link java.lang.NullPointerException} naming the parameter.
 */
@NullMarked
package dev.consentkit.testkit;

import org.jspecify.annotations.NullMarked;
