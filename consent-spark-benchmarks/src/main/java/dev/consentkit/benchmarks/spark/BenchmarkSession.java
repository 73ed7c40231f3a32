package dev.consentkit.benchmarks.spark;

import org.apache.spark.sql.SparkSession;

/**
 * The one local Spark session of a benchmark run: two worker threads, as the measuring machine has two
 * cores, no web UI, and few shuffle partitions.
 */
final class BenchmarkSession {

    /**
     * Shuffle partitions: four per core. Spark's default of 200 makes every shuffle of a two-core run pay
     * for 200 tasks of a few hundred kilobytes; adaptive execution coalesces them anyway.
     */
    static final int SHUFFLE_PARTITIONS = 8;

    private BenchmarkSession() {}

    /**
     * A local session on two threads whose session time zone is {@code timeZone}: the answers of every
     * form must not depend on it.
     */
    static SparkSession local(String appName, String timeZone) {
        return SparkSession.builder()
                .master("local[2]")
                .appName(appName)
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", String.valueOf(SHUFFLE_PARTITIONS))
                .config("spark.sql.session.timeZone", timeZone)
                // Instants as Parquet's microsecond timestamps, dates and instants before 1582 as they are.
                .config("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS")
                .config("spark.sql.parquet.datetimeRebaseModeInWrite", "CORRECTED")
                .config("spark.sql.parquet.datetimeRebaseModeInRead", "CORRECTED")
                .getOrCreate();
    }
}
