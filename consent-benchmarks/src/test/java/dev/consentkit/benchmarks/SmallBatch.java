package dev.consentkit.benchmarks;

import dev.consentkit.Decision;
import dev.consentkit.Member;
import dev.consentkit.batch.BatchEvaluator;
import java.util.BitSet;
import java.util.stream.IntStream;

/** A batch sample small enough for tests, with its members as objects and every item's decision. */
final class SmallBatch {

    static final BatchSample SAMPLE = BatchSample.generate(20_000, 200_000);

    /** The trainable rows, as the columnar path decides them. */
    static final BitSet TRAINABLE = BatchEvaluator.of(SAMPLE.policy(), SAMPLE.memberStore(), SAMPLE.asOf())
            .trainable(SAMPLE.itemColumns());

    private static final Member[] MEMBERS = new Member[SAMPLE.memberCount()];
    private static final Decision[] DECISIONS = new Decision[SAMPLE.itemCount()];

    static {
        for (int m = 0; m < MEMBERS.length; m++) {
            MEMBERS[m] = SAMPLE.member(m);
        }
        for (int row = 0; row < DECISIONS.length; row++) {
            DECISIONS[row] = SAMPLE.policy().evaluate(SAMPLE.item(row), author(row), SAMPLE.asOf());
        }
    }

    private SmallBatch() {}

    /** The author of the item in {@code row}. */
    static Member author(int row) {
        return MEMBERS[SAMPLE.itemMember(row)];
    }

    /** The explained decision for the item in {@code row}, from the objects. */
    static Decision decision(int row) {
        return DECISIONS[row];
    }

    /** The rows of every item, for streaming over the decisions. */
    static IntStream rows() {
        return IntStream.range(0, DECISIONS.length);
    }
}
