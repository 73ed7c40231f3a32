package dev.consentkit.testkit.quicktheories;

import static org.quicktheories.QuickTheory.qt;

import dev.consentkit.TrainingPolicy;
import dev.consentkit.suite.PolicySuite;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.quicktheories.api.AsString;
import org.quicktheories.core.Reporter;

/**
 * Checks, in one call, the engine's conformance on your policy: that its decisions keep the invariants
 * every training policy keeps, on members, items and instants generated around your policy
 * ({@link ConsentGenerators#scenarios(TrainingPolicy)}):
 *
 * <pre>{@code
 * @Test
 * void theEngineConformsOnMyPolicy() {
 *     PolicyConformance.check(myPolicy);
 * }
 * }</pre>
 *
 * <p>The invariants, in the order they are checked:
 *
 * <ol>
 *   <li><b>never-allowed categories</b>: an item of, or under, a category that the version in force
 *       never allows is never trainable, whatever the member chose;
 *   <li><b>non-retroactivity</b>: consent events that take effect after {@code asOf} never change the
 *       decision at {@code asOf};
 *   <li><b>an opt-out never widens</b>: adding an {@code OPT_OUT} never makes an item trainable that
 *       was not;
 *   <li><b>an opt-in never narrows</b>: adding an {@code OPT_IN} never makes a trainable item not
 *       trainable;
 *   <li><b>a resumption never narrows</b>: resuming an item again, at or before {@code asOf}, never
 *       makes a trainable item not trainable (only the last resumption is kept, so one after
 *       {@code asOf} hides an earlier one from the question, which then fails closed);
 *   <li><b>isTrainable agrees with evaluate</b>;
 *   <li><b>event order independence</b>: the decision does not depend on the order in which consent
 *       events are supplied, nor on repeats;
 *   <li><b>replay as known at</b>: {@code evaluate(item, member, asOf, knownAt)} decides as
 *       {@code evaluate} does without the consent events recorded after {@code knownAt};
 *   <li><b>nothing before creation or from deletion</b>;
 *   <li><b>nothing of minors</b>: nothing of a member under the minimum age of the version in force is
 *       trainable, nor anything they created before reaching it, even after they do;
 *   <li><b>an opt-out in effect denies</b>.
 * </ol>
 *
 * <p>They hold for every policy the engine builds, so a violation means the engine, or a
 * {@code TrainingPolicy} it was handed, is broken; run them in your build to keep it so across
 * library upgrades, and next to your {@link PolicySuite suites}, which test what is particular to
 * your policy. A violation fails with an {@link AssertionError} that names the invariant and shows
 * the counterexample: every rule of every policy version, the member with their residences and
 * consent events, the item, the instants and the decisions, and the seed that reproduces it with
 * {@link #check(TrainingPolicy, int, long)}.
 *
 * <p>Each invariant is checked on {@value #DEFAULT_EXAMPLES} examples unless told otherwise, which
 * takes about a second for a policy like a professional network's program. Without a seed, each call
 * draws a new one, so repeated builds cover more ground.
 */
public final class PolicyConformance {

    /** How many examples each invariant is checked on by {@link #check(TrainingPolicy)}: {@value}. */
    public static final int DEFAULT_EXAMPLES = 500;

    // Enough to make a counterexample smaller without letting a failing build run for minutes.
    private static final int SHRINK_CYCLES = 2_000;

    private PolicyConformance() {}

    /**
     * Checks every invariant on {@value #DEFAULT_EXAMPLES} examples each, with a new random seed.
     *
     * @param policy the training policy to check, such as the one your platform decides with
     * @throws AssertionError naming the first invariant violated and showing a counterexample
     * @throws NullPointerException if {@code policy} is null
     */
    public static void check(TrainingPolicy policy) {
        check(policy, DEFAULT_EXAMPLES);
    }

    /**
     * Checks every invariant on {@code examples} examples each, with a new random seed.
     *
     * @param policy the training policy to check, such as the one your platform decides with
     * @param examples how many generated examples each invariant is checked on; more examples find rarer
     *     violations and take longer
     * @throws AssertionError naming the first invariant violated and showing a counterexample
     * @throws NullPointerException if {@code policy} is null
     * @throws IllegalArgumentException if {@code examples} is not positive
     */
    public static void check(TrainingPolicy policy, int examples) {
        check(policy, examples, ThreadLocalRandom.current().nextLong());
    }

    /**
     * Checks every invariant on {@code examples} examples each, drawn from {@code seed}: the same seed
     * draws the same examples, so a failure reported with its seed can be replayed.
     *
     * @param policy the training policy to check, such as the one your platform decides with
     * @param examples how many generated examples each invariant is checked on; more examples find rarer
     *     violations and take longer
     * @param seed the seed the examples are drawn from, such as the one a failure message reports
     * @throws AssertionError naming the first invariant violated and showing a counterexample
     * @throws NullPointerException if {@code policy} is null
     * @throws IllegalArgumentException if {@code examples} is not positive
     */
    public static void check(TrainingPolicy policy, int examples, long seed) {
        Objects.requireNonNull(policy, "policy");
        if (examples < 1) {
            throw new IllegalArgumentException("the number of examples must be positive, not " + examples);
        }
        for (Invariant<?> invariant : Invariants.ALL) {
            check(invariant, policy, examples, seed);
        }
    }

    /**
     * {@return the names of the invariants {@link #check(TrainingPolicy)} checks, in the order it checks
     * them} A failure message quotes the name of the invariant violated.
     */
    public static List<String> invariants() {
        return Invariants.ALL.stream().map(Invariant::name).collect(Collectors.toUnmodifiableList());
    }

    /** Checks one invariant; fails with the message of {@link #violated}. */
    static <T> void check(Invariant<T> invariant, TrainingPolicy policy, int examples, long seed) {
        qt().withFixedSeed(seed)
                .withExamples(examples)
                .withShrinkCycles(SHRINK_CYCLES)
                .withReporter(new ViolationReporter<>(invariant, policy, examples))
                .forAll(invariant.examples(policy))
                .check(example -> invariant.violation(example).isEmpty());
    }

    /**
     * The message of a violated invariant: what it says, what went wrong, the counterexample, and how to
     * replay it.
     *
     * @param thrown what the check threw on the counterexample, or {@code null} when it found a violation
     */
    static <T> String violated(Invariant<T> invariant, TrainingPolicy policy, T counterexample, int examples, long seed,
            int examplesUsed, @Nullable Throwable thrown) {
        String violation = thrown != null ? "the check threw " + thrown
                : invariant.violation(counterexample).orElse("the check failed");
        return "invariant \"" + invariant.name() + "\" does not hold for policy " + policy.id() + ": "
                + invariant.statement() + "\nviolation: " + violation
                + "\ncounterexample, the smallest found after " + examplesUsed + " example" + (examplesUsed == 1 ? "" : "s")
                + ":\n  " + counterexample.toString().replace("\n", "\n  ")
                + "\nreplay it with PolicyConformance.check(policy, " + examples + ", " + seed + "L)";
    }

    /** Turns QuickTheories' report of a falsified property into an {@link AssertionError} about the invariant. */
    private static final class ViolationReporter<T> implements Reporter {

        private final Invariant<T> invariant;
        private final TrainingPolicy policy;
        private final int examples;

        ViolationReporter(Invariant<T> invariant, TrainingPolicy policy, int examples) {
            this.invariant = invariant;
            this.policy = policy;
            this.examples = examples;
        }

        @Override
        public void falisification(long seed, int examplesUsed, Object smallest, List<Object> others,
                AsString<Object> toString) {
            throw new AssertionError(violated(invariant, policy, counterexample(smallest), examples, seed, examplesUsed,
                    null));
        }

        @Override
        public void falisification(long seed, int examplesUsed, Object smallest, Throwable cause, List<Object> others,
                AsString<Object> toString) {
            throw new AssertionError(violated(invariant, policy, counterexample(smallest), examples, seed, examplesUsed,
                    cause), cause);
        }

        @Override
        public void valuesExhausted(int examplesFound) {
            throw new AssertionError("invariant \"" + invariant.name() + "\" could be checked on " + examplesFound
                    + " examples only for policy " + policy.id());
        }

        @SuppressWarnings("unchecked")
        private T counterexample(Object smallest) {
            return (T) smallest;
        }
    }
}
