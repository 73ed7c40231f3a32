/**
 * Policy test suites: questions to a training policy of your own and the answers expected, as a
 * document, read and run without any test framework.
 *
 * <p>A {@link dev.consentkit.suite.PolicySuite} is a JSON document ({@code "format": "consentkit.suite/v1"})
 * holding a policy, members, items and cases, each case ({@link dev.consentkit.suite.PolicyCase}) a
 * question to the policy and the answer expected. {@link dev.consentkit.suite.PolicySuite#run()} asks
 * every question and returns a {@link dev.consentkit.suite.SuiteResult}, one
 * {@link dev.consentkit.suite.CaseResult} per case with the expected and the actual answer and the whole
 * decision: what {@code consent test} on the command line reports, and what an application that checks
 * a policy before it deploys it can read. The suite's JSON Schema (draft 2020-12) ships at the resource
 * path {@code dev/consentkit/suite/schema/suite-v1.schema.json}. A {@link dev.consentkit.suite.Scenario}
 * is one complete question to the engine, as property tests ask it.
 *
 * <p>{@link dev.consentkit.suite.PolicyReview} reviews a policy's meaning, as {@code consent validate}
 * does: what a careful reviewer would ask about a policy that reads and runs, such as a jurisdiction rule
 * that repeats the broader rule covering it, each a {@link dev.consentkit.suite.Finding} about a
 * {@link dev.consentkit.suite.PolicyPart}. Given the {@link dev.consentkit.suite.PolicyLocations} of the
 * document the policy was read from, each finding carries the {@link dev.consentkit.suite.Location} of
 * its part.
 *
 * <p>To run a suite as JUnit 5 tests, one test per case, use {@code PolicySuiteTests} in
 * {@code consent-testkit}; generators and the engine's conformance checks for property tests are in
 * {@code consent-testkit-quicktheories}. This module needs neither JUnit nor QuickTheories.
 *
 * <p>Nothing is {@code null} unless marked {@code @Nullable}; a {@code null} argument fails with a
 * {@link java.lang.NullPointerException} naming the parameter.
 */
@NullMarked
package dev.consentkit.suite;

import org.jspecify.annotations.NullMarked;
