package dev.consentkit.benchmarks.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * Whether two forms name the same trainable items: the same number, and no item trainable in one and not
 * in the other (a full outer join of their ids, both ways at once).
 */
final class Agreement {

    private static final int EXAMPLES = 10;

    private Agreement() {}

    /**
     * Checks that {@code other} names exactly the items {@code reference} names.
     *
     * @throws IllegalStateException if they differ: the message gives how many items differ and up to ten
     *     of them, each with its fields and both forms' reasons
     */
    static void check(Inputs in, Form reference, Form other) {
        Dataset<Row> a = reference.trainable(in).select(functions.col("id").as("a"));
        Dataset<Row> b = other.trainable(in).select(functions.col("id").as("b"));
        Dataset<Row> differing = a.join(b, a.col("a").equalTo(b.col("b")), "full_outer")
                .where(a.col("a").isNull().or(b.col("b").isNull()));
        long count = differing.count();
        if (count == 0) {
            return;
        }
        List<String> ids = new ArrayList<>();
        for (Row row : differing.select(functions.coalesce(functions.col("a"), functions.col("b"))).limit(EXAMPLES)
                .collectAsList()) {
            ids.add(row.getString(0));
        }
        throw new IllegalStateException(reference.title() + " and " + other.title() + " disagree on " + count
                + " items; some of them, as each form decides them:\n" + describe(in, reference, ids) + "\n"
                + describe(in, other, ids));
    }

    private static String describe(Inputs in, Form form, List<String> ids) {
        return form.decided(in)
                .where(functions.col("id").isin(ids.toArray()))
                .select("id", "authorId", "category", "createdAt", "deletedAt", "trainable", "reason")
                .collectAsList().stream()
                .map(row -> "  " + form.title() + ": " + row)
                .collect(Collectors.joining("\n"));
    }
}
