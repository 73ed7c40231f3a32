package dev.consentkit.benchmarks;

import dev.consentkit.ContentItem;
import dev.consentkit.Reason;
import dev.consentkit.batch.BatchEvaluator;
import dev.consentkit.batch.ItemColumns;
import java.sql.SQLException;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How many items a training run filters per second with {@link BatchEvaluator}, over
 * {@value #MEMBERS} members and {@value #ITEMS} items of a {@link BatchSample}, in memory, against
 * DuckDB answering the same question with an {@code ASOF JOIN} ({@link DuckDbBatch}).
 *
 * <p>Scores are items per second ({@code ops/s}, each item one operation), except
 * {@code evaluatorConstruction}, in members per second, and {@code duckDbLoad}, the time to load the
 * sample into DuckDB. The columnar paths take the whole {@link ItemColumns}; the object paths decide
 * the first {@value #OBJECT_ITEMS} items as {@link ContentItem}s, since ten million objects would
 * measure the heap more than the evaluator: {@code objectsOneThread} as a list at once (what a user
 * calls for objects), {@code objectsOneAtATime} item by item. {@code columnarAllCoresWithEvaluator} includes the
 * per-member pass, as DuckDB's query does: it is the like-for-like comparison.
 *
 * <p>Every measured call checks its count of trainable items against the count the single-threaded
 * columnar path found in setup, and DuckDB's setup checks that DuckDB's count equals it too: a
 * disagreement fails the run. The checks cost a popcount over the result, well under 0.1% of a call.
 * Data is built once per trial (a few seconds, not measured) in a fork with an 8 GB heap.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms8g", "-Xmx8g"})
public class BatchThroughputBenchmark {

    /** The number of members. */
    public static final int MEMBERS = 1_000_000;
    /** The number of items the columnar paths and DuckDB decide. */
    public static final int ITEMS = 10_000_000;
    /** The number of items the object path decides. */
    public static final int OBJECT_ITEMS = 1_000_000;

    /** The all-cores paths and DuckDB get one thread per core. */
    private static final int THREADS = Runtime.getRuntime().availableProcessors();

    /** The sample, an evaluator for its instant, and the number of trainable items. */
    @State(Scope.Benchmark)
    public static class Batch {

        BatchSample sample;
        ItemColumns items;
        BatchEvaluator evaluator;
        int trainable;
        ForkJoinPool pool;

        /** Generates the sample and counts its trainable items once. */
        @Setup(Level.Trial)
        public void setUp() {
            long start = System.nanoTime();
            pool = new ForkJoinPool(THREADS);
            sample = BatchSample.generate(MEMBERS, ITEMS);
            items = sample.itemColumns();
            evaluator = BatchEvaluator.of(sample.policy(), sample.memberStore(), sample.asOf());
            trainable = evaluator.trainable(items).cardinality();
            System.out.printf(Locale.ROOT, "%n%d members, %d consent events, %d items, %d trainable at %s; "
                            + "%s; generated in %.1f s%n", sample.memberCount(), sample.eventCount(), sample.itemCount(),
                    trainable, sample.asOf(), sample.memberStore(), (System.nanoTime() - start) / 1e9);
        }

        /** Stops the pool of the all-cores paths. */
        @TearDown(Level.Trial)
        public void tearDown() {
            pool.shutdown();
        }

        BitSet checked(BitSet rows) {
            check(rows.cardinality(), trainable, "the columnar path");
            return rows;
        }
    }

    /** The first {@value #OBJECT_ITEMS} items as objects, and how many of them are trainable. */
    @State(Scope.Benchmark)
    public static class ItemObjects {

        ContentItem[] items;
        List<ContentItem> list;
        int trainable;

        /** Builds the objects. */
        @Setup(Level.Trial)
        public void setUp(Batch batch) {
            items = batch.sample.items(0, OBJECT_ITEMS);
            list = List.of(items);
            trainable = batch.evaluator.trainable(batch.items).get(0, OBJECT_ITEMS).cardinality();
        }
    }

    /** The sample in DuckDB. */
    @State(Scope.Benchmark)
    public static class DuckDb {

        DuckDbBatch database;

        /**
         * Loads the sample and checks that DuckDB counts what the evaluator counts.
         *
         * @throws SQLException if DuckDB fails
         */
        @Setup(Level.Trial)
        public void setUp(Batch batch) throws SQLException {
            database = DuckDbBatch.load(batch.sample, THREADS);
            long trainable = database.trainableCount();
            System.out.printf(Locale.ROOT, "DuckDB %d threads: loaded in %.2f s, counts %d trainable items%n", THREADS,
                    database.loadNanos() / 1e9, trainable);
            check(trainable, batch.trainable, "DuckDB");
        }

        /**
         * Frees the database.
         *
         * @throws SQLException if DuckDB fails
         */
        @TearDown(Level.Trial)
        public void tearDown() throws SQLException {
            database.close();
        }
    }

    /** A database loaded by {@code duckDbLoad}, freed after each iteration. */
    @State(Scope.Benchmark)
    public static class LoadedDuckDb {

        DuckDbBatch database;

        /**
         * Frees the database.
         *
         * @throws SQLException if DuckDB fails
         */
        @TearDown(Level.Iteration)
        public void tearDown() throws SQLException {
            if (database != null) {
                database.close();
                database = null;
            }
        }
    }

    /** The columnar path on the calling thread. */
    @Benchmark
    @OperationsPerInvocation(ITEMS)
    public BitSet columnarOneThread(Batch batch) {
        return batch.checked(batch.evaluator.trainable(batch.items));
    }

    /** The columnar path on all cores. */
    @Benchmark
    @OperationsPerInvocation(ITEMS)
    public BitSet columnarAllCores(Batch batch) {
        return batch.checked(batch.evaluator.trainable(batch.items, batch.pool));
    }

    /** The primary reason of every row, on the calling thread. */
    @Benchmark
    @OperationsPerInvocation(ITEMS)
    public Reason[] columnarReasonsOneThread(Batch batch) {
        Reason[] reasons = batch.evaluator.reasons(batch.items);
        int trainable = 0;
        for (Reason reason : reasons) {
            trainable += reason.isTrainable() ? 1 : 0;
        }
        check(trainable, batch.trainable, "the columnar reasons");
        return reasons;
    }

    /** The per-member pass and the columnar path on all cores: everything from the store to the answer. */
    @Benchmark
    @OperationsPerInvocation(ITEMS)
    public BitSet columnarAllCoresWithEvaluator(Batch batch) {
        BatchEvaluator evaluator = BatchEvaluator.builder(batch.sample.policy(), batch.sample.memberStore())
                .resolveOn(batch.pool).build(batch.sample.asOf());
        return batch.checked(evaluator.trainable(batch.items, batch.pool));
    }

    /** The per-member pass alone on all cores, in members per second. */
    @Benchmark
    @OperationsPerInvocation(MEMBERS)
    public BatchEvaluator evaluatorConstruction(Batch batch) {
        return BatchEvaluator.builder(batch.sample.policy(), batch.sample.memberStore()).resolveOn(batch.pool)
                .build(batch.sample.asOf());
    }

    /** The object path on the calling thread, over {@value #OBJECT_ITEMS} items: a list of them at once. */
    @Benchmark
    @OperationsPerInvocation(OBJECT_ITEMS)
    public BitSet objectsOneThread(Batch batch, ItemObjects objects) {
        BitSet rows = batch.evaluator.trainable(objects.list);
        check(rows.cardinality(), objects.trainable, "the object path");
        return rows;
    }

    /** The object path on the calling thread, over {@value #OBJECT_ITEMS} items: one item at a time. */
    @Benchmark
    @OperationsPerInvocation(OBJECT_ITEMS)
    public int objectsOneAtATime(Batch batch, ItemObjects objects) {
        BatchEvaluator evaluator = batch.evaluator;
        int trainable = 0;
        for (ContentItem item : objects.items) {
            if (evaluator.isTrainable(item)) {
                trainable++;
            }
        }
        return check(trainable, objects.trainable, "the object path");
    }

    /**
     * DuckDB's query, on {@code THREADS} threads.
     *
     * @throws SQLException if DuckDB fails
     */
    @Benchmark
    @OperationsPerInvocation(ITEMS)
    public long duckDbAsofJoin(Batch batch, DuckDb duckDb) throws SQLException {
        return check(duckDb.database.trainableCount(), batch.trainable, "DuckDB");
    }

    /**
     * Loading the sample into a new DuckDB database through its appender.
     *
     * @throws SQLException if DuckDB fails
     */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 1)
    @Measurement(iterations = 3)
    public long duckDbLoad(Batch batch, LoadedDuckDb loaded) throws SQLException {
        loaded.database = DuckDbBatch.load(batch.sample, THREADS);
        return loaded.database.loadNanos();
    }

    private static int check(long count, int expected, String path) {
        if (count != expected) {
            throw new IllegalStateException(path + " counts " + count + " trainable items where the columnar path on "
                    + "one thread counts " + expected);
        }
        return expected;
    }
}
