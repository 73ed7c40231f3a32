/**
 * Property tests of a training policy with QuickTheories: instead of asking a policy the questions
 * a privacy team wrote down, as a suite of the test kit does, ask it thousands of generated ones
 * and check what must hold for every answer.
 *
 * <ul>
 *   <li>Generators: {@link dev.consentkit.testkit.quicktheories.ConsentGenerators} has a QuickTheories
 *       {@code Gen} for every core type and for complete {@link dev.consentkit.suite.Scenario scenarios}
 *       (a policy, a member, an item they wrote, the instant of use and sometimes an audit instant), also
 *       around a policy of your own: choices for its purpose, items of its categories, instants on and
 *       next to its version starts; and {@link dev.consentkit.testkit.quicktheories.Batch batches}, many
 *       items of several members asked at one instant, for a batch pipeline.
 *   <li>Conformance:
 *       {@link dev.consentkit.testkit.quicktheories.PolicyConformance#check(dev.consentkit.TrainingPolicy)}
 *       checks the engine's conformance on a policy: on generated members, items and instants, that its
 *       decisions keep the invariants every policy keeps, such as
 *       "an opt-out never makes anything more trainable", and shows the smallest counterexample and the
 *       seed that replays it when one does not hold.
 * </ul>
 *
 * <p>This is an add-on to {@code consent-testkit}, shipped as its own artifact,
 * {@code consent-testkit-quicktheories}, because QuickTheories has no module name: its last release,
 * 0.26, has neither a module descriptor nor an {@code Automatic-Module-Name}, so on the module path it
 * is an automatic module named after its jar file. The generators hand out QuickTheories types, so
 * whoever uses them depends on QuickTheories; kept apart, the suites of {@code consent-suite} and
 * {@code consent-testkit} need neither QuickTheories nor a module named after a file. For the same reason this artifact has no
 * module descriptor either: its jar declares the automatic module name
 * {@code dev.consentkit.testkit.quicktheories}, which a test module requires next to
 * {@code dev.consentkit.testkit}. As an automatic module it reads every other module, QuickTheories
 * included.
 *
 * <p>Nothing is {@code null} unless marked {@code @Nullable}; a {@code null} argument fails with a
 * {@link java.lang.NullPointerException} naming the parameter.
 */
@NullMarked
package dev.consentkit.testkit.quicktheories;

import org.jspecify.annotations.NullMarked;
