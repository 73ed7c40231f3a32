package dev.consentkit.benchmarks.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.consentkit.jdbc.AppendResult;
import dev.consentkit.jdbc.ConsentLedger;
import dev.consentkit.jdbc.LedgerBatch;
import dev.consentkit.jdbc.MemberSnapshot;
import java.io.IOException;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * consent-jdbc's {@link ConsentLedger} on a PostgreSQL 17 server of its own, filled once per trial by
 * {@link LedgerDataGenerator} through {@link ConsentLedger#append} (by default 1,000,000 members with
 * about 1,500,000 consent events; the fill prints its own rate), then vacuumed. Every benchmark takes
 * its connections from a HikariCP pool of up to {@value #POOL_SIZE}, as a service would: without one,
 * each call would start a new server backend, which costs more than a small update.
 *
 * <ul>
 *   <li>{@link #loadMembers}: every member into a {@link dev.consentkit.batch.MemberStore}, the whole
 *       call, from taking a connection to the built store;
 *   <li>{@link #copyOut}: PostgreSQL's {@code COPY (query) TO STDOUT} of the same four queries to a stream
 *       that keeps nothing ({@link CopyOut}), the baseline of a load;
 *   <li>{@link #update}: {@link ConsentLedger#update} of the snapshot from before 10,000 members got one
 *       new consent event each (appended before each call, untimed); {@link #loadMembers} is the reload
 *       it is compared with. Each call's result is the next call's snapshot, so the store's layers grow
 *       and it is compacted, as {@link dev.consentkit.batch.MemberStore#withChanges} documents, once the
 *       changes since its last flat store pass a quarter of its members. At the default sizes that is
 *       every {@value #COMPACTION_CYCLE}th call: twelve calls add a layer (the vacated members and the
 *       delta grow by 20,000 a call) and the thirteenth, at 260,000, compacts. The warm-up is one such
 *       cycle, so that the timed calls run compiled code on memory the JVM has used before, as a
 *       service's updates do and as {@link #loadMembers}'s timed loads do after their warm-up; the
 *       timed calls are the next cycle, so that their mean is the cost of an update with its share of
 *       a compaction, one in {@value #COMPACTION_CYCLE};
 *   <li>{@link #append}: consent events appended in batches of {@value #APPEND_BATCH}, one new event for
 *       each of {@value #APPEND_BATCH} distinct members per {@link ConsentLedger#append} call; the score
 *       is events per second.
 * </ul>
 *
 * <p>Each benchmark method runs with its own server and its own fill, in a JVM of its own unless JMH is
 * told not to fork ({@code -f 0}), as {@code ledger-bench.sh} does for {@link #copyOut} and
 * {@link #loadMembers} so that they are compared in one JVM; {@code -p members=2000} makes a quick run.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public class ConsentLedgerBenchmark {

    /** Consent events per append call in {@link #append}. */
    public static final int APPEND_BATCH = 1_000;

    /**
     * The calls to {@link #update} from one compaction to the next at the default sizes, warmed up once
     * and timed once.
     */
    public static final int COMPACTION_CYCLE = 13;

    /** Members per append call when filling the ledger. */
    public static final int FILL_BATCH = 5_000;

    /** The most connections the pool holds: a load or an update takes one, the fill one at a time. */
    public static final int POOL_SIZE = 4;

    /** A server with a filled ledger, for one trial. */
    @State(Scope.Benchmark)
    public static class Ledger {

        /** How many members the ledger has. */
        @Param("1000000")
        public int members;

        /** The generator's seed. */
        @Param("20251104")
        public long seed;

        @Nullable LedgerServer server;
        @Nullable HikariDataSource pool;
        @Nullable ConsentLedger ledger;
        @Nullable DataSource dataSource;
        LedgerDataGenerator.@Nullable Fill fill;

        /**
         * Starts the server and a pool of connections to it, creates the schema, fills the ledger and
         * vacuums it.
         *
         * @throws IOException if the server does not start
         * @throws SQLException if the database fails
         */
        @Setup(Level.Trial)
        public void start() throws IOException, SQLException {
            LedgerServer started = LedgerServer.start();
            server = started;
            HikariConfig config = new HikariConfig();
            config.setDataSource(started.dataSource());
            config.setMaximumPoolSize(POOL_SIZE);
            HikariDataSource database = new HikariDataSource(config);
            pool = database;
            dataSource = database;
            ConsentLedger on = ConsentLedger.on(database);
            ledger = on;
            on.createSchema();
            LedgerDataGenerator.Fill filled = new LedgerDataGenerator(seed).fill(on, members, FILL_BATCH);
            fill = filled;
            started.vacuum();
            System.out.println(filled);
        }

        /**
         * Closes the pool and stops the server.
         *
         * @throws IOException if it does not stop cleanly
         */
        @TearDown(Level.Trial)
        public void stop() throws IOException {
            HikariDataSource connections = pool;
            if (connections != null) {
                connections.close();
            }
            LedgerServer started = server;
            if (started != null) {
                started.close();
            }
        }

        ConsentLedger ledger() {
            ConsentLedger on = ledger;
            if (on == null) {
                throw new IllegalStateException("the ledger has not been started");
            }
            return on;
        }

        DataSource dataSource() {
            DataSource database = dataSource;
            if (database == null) {
                throw new IllegalStateException("the ledger has not been started");
            }
            return database;
        }
    }

    /**
     * For {@link #update}: a loaded snapshot, and before each call one new consent event for each of
     * {@code changes} distinct members (the next ones after the last call's), appended after the
     * snapshot was taken. Each call's result is the next call's snapshot, as a service keeps its store
     * up to date.
     */
    @State(Scope.Benchmark)
    public static class Changes {

        /** How many members change before each update. */
        @Param("10000")
        public int changes;

        @Nullable MemberSnapshot snapshot;
        @Nullable MemberSnapshot updated;
        int round;

        /**
         * Loads the snapshot the first update starts from.
         *
         * @param ledger the filled ledger
         * @throws SQLException if the database fails
         */
        @Setup(Level.Trial)
        public void load(Ledger ledger) throws SQLException {
            snapshot = ledger.ledger().loadMembers();
        }

        /**
         * Appends the next changes, after the snapshot the update starts from.
         *
         * @param ledger the filled ledger
         * @throws SQLException if the database fails
         */
        @Setup(Level.Invocation)
        public void change(Ledger ledger) throws SQLException {
            MemberSnapshot last = updated;
            if (last != null) {
                snapshot = last;
            }
            for (int done = 0; done < changes; done += FILL_BATCH) {
                int count = Math.min(FILL_BATCH, changes - done);
                ledger.ledger().append(LedgerDataGenerator.newEvents("u" + round, round * changes + done, count,
                        ledger.members, round));
            }
            round++;
        }

        MemberSnapshot snapshot() {
            MemberSnapshot loaded = snapshot;
            if (loaded == null) {
                throw new IllegalStateException("no snapshot loaded");
            }
            return loaded;
        }
    }

    /** For {@link #append}: the next batch of new consent events, made before each call. */
    @State(Scope.Benchmark)
    public static class Appends {

        @Nullable LedgerBatch next;
        int round;

        /**
         * Makes the next batch: one new event for each of the next {@value #APPEND_BATCH} members.
         *
         * @param ledger the filled ledger
         */
        @Setup(Level.Invocation)
        public void prepare(Ledger ledger) {
            next = LedgerDataGenerator.newEvents("a" + round, round * APPEND_BATCH, APPEND_BATCH, ledger.members, round);
            round++;
        }

        LedgerBatch next() {
            LedgerBatch batch = next;
            if (batch == null) {
                throw new IllegalStateException("no batch prepared");
            }
            return batch;
        }
    }

    /**
     * Every member into a store: {@link ConsentLedger#loadMembers()}.
     *
     * @param ledger the filled ledger
     * @return the snapshot
     * @throws SQLException if the database fails
     */
    @Benchmark
    @Warmup(iterations = 2)
    @Measurement(iterations = 5)
    public MemberSnapshot loadMembers(Ledger ledger) throws SQLException {
        return ledger.ledger().loadMembers();
    }

    /**
     * The same rows as {@link #loadMembers}, copied out by PostgreSQL and dropped.
     *
     * @param ledger the filled ledger
     * @return the rows copied
     * @throws SQLException if the database fails
     */
    @Benchmark
    @Warmup(iterations = 2)
    @Measurement(iterations = 5)
    public long copyOut(Ledger ledger) throws SQLException {
        return CopyOut.discard(ledger.dataSource(), LedgerQueries.EVERY_MEMBER);
    }

    /**
     * A snapshot brought up to date after {@code changes} members changed: {@link ConsentLedger#update}.
     *
     * @param ledger the filled ledger
     * @param changes the snapshot, and the changes appended after it
     * @return the updated snapshot
     * @throws SQLException if the database fails
     */
    @Benchmark
    @Warmup(iterations = COMPACTION_CYCLE)
    @Measurement(iterations = COMPACTION_CYCLE)
    public MemberSnapshot update(Ledger ledger, Changes changes) throws SQLException {
        MemberSnapshot updated = ledger.ledger().update(changes.snapshot());
        changes.updated = updated;
        return updated;
    }

    /**
     * A batch of {@value #APPEND_BATCH} new consent events, one per member, in one transaction:
     * {@link ConsentLedger#append}. The score is events per second.
     *
     * @param ledger the filled ledger
     * @param appends the batch
     * @return what the append wrote
     * @throws SQLException if the database fails
     */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(APPEND_BATCH)
    @Warmup(iterations = 2, time = 5)
    @Measurement(iterations = 3, time = 5)
    public AppendResult append(Ledger ledger, Appends appends) throws SQLException {
        return ledger.ledger().append(appends.next());
    }
}
