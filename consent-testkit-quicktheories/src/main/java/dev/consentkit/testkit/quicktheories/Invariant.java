package dev.consentkit.testkit.quicktheories;

import dev.consentkit.TrainingPolicy;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.quicktheories.core.Gen;

/**
 * A property every training policy keeps: its name, what it says, how to draw examples of it for a
 * policy, and the predicate that finds a violation in one example. The predicate only looks at what
 * the engine answered, so it can be tested on answers made up to break it, although no real policy
 * ever does.
 *
 * @param <T> what one example is: an {@link Answer} or a {@link Change}
 */
final class Invariant<T> {

    private final String name;
    private final String statement;
    private final Function<TrainingPolicy, Gen<T>> examples;
    private final Function<T, Optional<String>> violation;

    Invariant(String name, String statement, Function<TrainingPolicy, Gen<T>> examples,
            Function<T, Optional<String>> violation) {
        this.name = Objects.requireNonNull(name, "name");
        this.statement = Objects.requireNonNull(statement, "statement");
        this.examples = Objects.requireNonNull(examples, "examples");
        this.violation = Objects.requireNonNull(violation, "violation");
    }

    /** A short name, such as "non-retroactivity". */
    String name() {
        return name;
    }

    /** What holds, in one sentence. */
    String statement() {
        return statement;
    }

    /** Examples drawn around {@code policy}. */
    Gen<T> examples(TrainingPolicy policy) {
        return examples.apply(policy);
    }

    /** What is wrong with {@code example}, or empty when the invariant holds for it. */
    Optional<String> violation(T example) {
        return violation.apply(example);
    }

    @Override
    public String toString() {
        return name + ": " + statement;
    }
}
