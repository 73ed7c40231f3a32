package dev.consentkit.benchmarks.jdbc;

import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Where a load's time goes, between {@link ConsentLedgerBenchmark#copyOut} and
 * {@link ConsentLedgerBenchmark#loadMembers} on the same kind of ledger: the rows read through JDBC
 * with the loader's getters ({@link #readRows}), and read as text only ({@link #readRowsAsText}), by
 * {@link RowReader}. Not part of the targets; {@code ledger-bench.sh --breakdown} runs it.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
@Warmup(iterations = 2)
@Measurement(iterations = 5)
public class LoadBreakdownBenchmark {

    /**
     * Every row of the four queries through JDBC, dates and instants parsed as the loader parses them.
     *
     * @param ledger the filled ledger
     * @return the rows read
     * @throws SQLException if the database fails
     */
    @Benchmark
    public RowReader.Read readRows(ConsentLedgerBenchmark.Ledger ledger) throws SQLException {
        return RowReader.read(ledger.dataSource(), LedgerQueries.EVERY_MEMBER, true);
    }

    /**
     * Every row of the four queries through JDBC, every column as a string.
     *
     * @param ledger the filled ledger
     * @return the rows read
     * @throws SQLException if the database fails
     */
    @Benchmark
    public RowReader.Read readRowsAsText(ConsentLedgerBenchmark.Ledger ledger) throws SQLException {
        return RowReader.read(ledger.dataSource(), LedgerQueries.EVERY_MEMBER, false);
    }
}
