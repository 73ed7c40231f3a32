/**
 * Tests for a training policy of your own, in three forms.
 *
 * <ul>
 *   <li>Suites: a {@link dev.consentkit.testkit.PolicySuite} is a JSON document
 *       ({@code "format": "consentkit.suite/v1"}) holding a policy, members, items and cases, each case
 *       a question to the policy and the answer expected. {@link dev.consentkit.testkit.PolicySuiteTests}
 *       turns a suite file into one JUnit 5 dynamic test per case in one line; a failing case shows the
 *       expected and the actual answer and the whole decision. The suite's JSON Schema (draft 2020-12)
 *       ships at the resource path {@code dev/consentkit/testkit/schema/suite-v1.schema.json}.
 *   <li>Generators: {@link dev.consentkit.testkit.ConsentGenerators} has a QuickTheories
 *       {@code Gen} for every core type and for complete {@link dev.consentkit.testkit.Scenario scenarios},
 *       also around a policy of your own.
 *   <li>Invariants: {@link dev.consentkit.testkit.PolicyInvariants#check(dev.consentkit.TrainingPolicy)}
 *       checks, on generated members, items and instants, the properties every policy keeps, such as
 *       "an opt-out never makes anything more trainable".
 * </ul>
 *
 * <p>Nothing is {@code null} unless marked {@code @Nullable}; a {@code null} argument fails with a
 * {@link java.lang.NullPointerException} naming the parameter.
 */
@NullMarked
package dev.consentkit.testkit;

import org.jspecify.annotations.NullMarked;
