package dev.consentkit.testkit.quicktheories;

import java.util.Objects;

/**
 * One scenario asked before and after a change to it, such as consent events added to the member's
 * history: what invariants that compare two answers are predicates over.
 *
 * @param change the change, in words, such as "added OPT_OUT added for ai-training effective ..."
 * @param before the answer to the scenario as drawn
 * @param after the answer to the changed scenario
 */
record Change(String change, Answer before, Answer after) {

    Change {
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
    }

    /** The scenario, the answers before, the change and the answers after, on several lines. */
    @Override
    public String toString() {
        return before.scenario() + "\nbefore the change:\n" + indent(before.answers()) + "\nchange: " + change
                + "\nafter the change:\n" + indent(after.answers());
    }

    private static String indent(String lines) {
        return "  " + lines.replace("\n", "\n  ");
    }
}
