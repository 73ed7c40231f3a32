package dev.consentkit.spark;

import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.jspecify.annotations.Nullable;

/**
 * The one local Spark session of a test run, on two threads as the CI machine has two cores. Its
 * session time zone is half an hour off any whole-hour zone, and the JVM's default zone (set by the
 * build) is fourteen hours ahead of UTC, so an answer that depended on either would differ from the
 * engine's.
 */
final class SparkSessions {

    /** The session time zone of the shared session. */
    static final String TIME_ZONE = "America/St_Johns";

    private static @Nullable SparkSession session;

    private SparkSessions() {}

    static synchronized SparkSession shared() {
        if (session == null) {
            session = SparkSession.builder()
                    .master("local[2]")
                    .appName("consent-spark tests")
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.shuffle.partitions", "4")
                    .config("spark.sql.session.timeZone", TIME_ZONE)
                    .config("spark.sql.warehouse.dir", Path.of("target", "spark-warehouse").toAbsolutePath().toString())
                    // Instants from 1677 on, written as Parquet's microsecond timestamps as they are.
                    .config("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS")
                    .config("spark.sql.parquet.datetimeRebaseModeInWrite", "CORRECTED")
                    .getOrCreate();
        }
        return session;
    }
}
