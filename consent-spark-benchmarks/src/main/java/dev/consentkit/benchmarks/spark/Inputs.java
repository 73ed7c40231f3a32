package dev.consentkit.benchmarks.spark;

import dev.consentkit.TrainingPolicy;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * One question every {@link Form} answers: the members and items, the policy, the instant of use, and
 * where the SQL forms' files are. Creating it registers the members and items as the views
 * {@code members} and {@code items} the SQL reads.
 */
record Inputs(SparkSession spark, Dataset<Row> members, Dataset<Row> items, TrainingPolicy policy, Instant asOf,
        Path sqlDirectory) {

    Inputs {
        Objects.requireNonNull(spark, "spark");
        Objects.requireNonNull(members, "members");
        Objects.requireNonNull(items, "items");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(sqlDirectory, "sqlDirectory");
        members.createOrReplaceTempView("members");
        items.createOrReplaceTempView("items");
    }

    /** The members and items of a data set {@link SparkExportGenerator} wrote under {@code directory}. */
    static Inputs read(SparkSession spark, Path directory, TrainingPolicy policy, Instant asOf, Path sqlDirectory) {
        return new Inputs(spark, spark.read().parquet(directory.resolve("members").toString()),
                spark.read().parquet(directory.resolve("items").toString()), policy, asOf, sqlDirectory);
    }
}
