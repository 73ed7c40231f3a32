/**
 * ConsentKit on Apache Spark against Spark SQL alone answering the same question: a generator of members
 * and items as Parquet ({@link dev.consentkit.benchmarks.spark.SparkExportGenerator}) and a runner that
 * times {@link dev.consentkit.spark.ConsentFilter} and two SQL forms of the same rules on one local
 * session and checks that they name the same trainable items
 * ({@link dev.consentkit.benchmarks.spark.SparkFilterBenchmark}).
 */
@NullMarked
package dev.consentkit.benchmarks.spark;

import org.jspecify.annotations.NullMarked;
