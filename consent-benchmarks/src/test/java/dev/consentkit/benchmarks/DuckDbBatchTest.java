package dev.consentkit.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.BitSet;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Shows that DuckDB's ASOF JOIN query finds exactly the items BatchEvaluator finds trainable. */
class DuckDbBatchTest {

    private static DuckDbBatch duckDb;

    @BeforeAll
    static void load() throws SQLException {
        duckDb = DuckDbBatch.load(SmallBatch.SAMPLE, 2);
    }

    @AfterAll
    static void close() throws SQLException {
        duckDb.close();
    }

    @Test
    void shouldFindExactlyTheRowsTheBatchEvaluatorFinds() throws SQLException {
        BitSet onlyDuckDb = duckDb.trainableRows();
        BitSet onlyConsentKit = (BitSet) SmallBatch.TRAINABLE.clone();
        onlyConsentKit.andNot(onlyDuckDb);
        onlyDuckDb.andNot(SmallBatch.TRAINABLE);

        assertTrue(onlyDuckDb.isEmpty() && onlyConsentKit.isEmpty(), () -> "DuckDB alone finds " + explain(onlyDuckDb)
                + "\nConsentKit alone finds " + explain(onlyConsentKit));
    }

    @Test
    void shouldCountAsManyTrainableItemsAsTheBatchEvaluator() throws SQLException {
        assertEquals(SmallBatch.TRAINABLE.cardinality(), duckDb.trainableCount());
    }

    @Test
    void shouldFindSomeItemsTrainableAndSomeNot() {
        int trainable = SmallBatch.TRAINABLE.cardinality();

        assertTrue(trainable > 0 && trainable < SmallBatch.SAMPLE.itemCount(), () -> trainable + " trainable");
    }

    private static String explain(BitSet rows) {
        List<String> shown = rows.stream().limit(10).mapToObj(row -> "row " + row + ": " + SmallBatch.decision(row)
                + "\n    author " + SmallBatch.author(row) + ", consent " + SmallBatch.author(row).consent())
                .collect(Collectors.toList());
        return rows.cardinality() + " rows" + (shown.isEmpty() ? "" : ", such as\n  " + String.join("\n  ", shown));
    }
}
