package dev.consentkit.spark;

import dev.consentkit.TrainingPolicy;
import dev.consentkit.jackson.ConsentDocuments;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;

class ScratchPerfTest {
    static long time(String what, java.util.function.LongSupplier run) {
        long t0 = System.nanoTime();
        long n = run.getAsLong();
        System.err.printf("PERF %-40s %.2fs (%d)%n", what, (System.nanoTime() - t0) / 1e9, n);
        return n;
    }

    @Test
    void perf() throws Exception {
        SparkSession spark = SparkSessions.shared();
        spark.conf().set("spark.sql.shuffle.partitions", "8");
        TrainingPolicy policy = ConsentDocuments.readPolicy(Path.of("../examples/linkedin/policy.json"));
        Path dir = Path.of("/work/wt-spark-bench/consent-spark-benchmarks/target/spark-vs-sql/data-m1000000-i10000000-s20251104");
        Dataset<Row> m = spark.read().parquet(dir.resolve("members").toString());
        Instant asOf = Instant.parse("2025-11-04T00:00:00Z");
        Question q = new Question(policy, asOf, null, java.time.Duration.ofSeconds(5));
        MapPartitionsFunction<Row, Long> counter = it -> { long n = 0; while (it.hasNext()) { it.next(); n++; } return List.of(n).iterator(); };
        for (int run = 0; run < 3; run++) {
            time("E1 raw rows", () -> m.mapPartitions(counter, Encoders.LONG()).collectAsList().stream().mapToLong(Long::longValue).sum());
            time("E2 normal form rows", () -> MemberTables.nested(m).normalForm().mapPartitions(counter, Encoders.LONG()).collectAsList().stream().mapToLong(Long::longValue).sum());
            time("E3 member half", () -> MemberTables.nested(m).normalForm().mapPartitions(new MemberHalf(q), Encoders.row(MemberHalf.VERDICTS)).count());
            time("E4 memberVerdicts", () -> ConsentFilter.of(policy).asOf(asOf).memberVerdicts(MemberTables.nested(m)).count());
            time("E5 to_json strings", () -> m.select(functions.to_json(functions.struct(functions.col("*")), java.util.Map.of("timestampFormat", "yyyy-MM-dd'T'HH:mm:ss[.SSSSSS]'Z'", "timeZone", "UTC"))).as(Encoders.STRING()).mapPartitions((MapPartitionsFunction<String, Long>) it -> { long n = 0; while (it.hasNext()) { n += it.next().length(); } return List.of(n).iterator(); }, Encoders.LONG()).collectAsList().stream().mapToLong(Long::longValue).sum());
            time("E6 parquet scan count", () -> m.select("id", "consent").where("size(consent) >= 0").count());
        }
        System.err.println("PERF sample json " + m.select(functions.to_json(functions.struct(functions.col("*")), java.util.Map.of("timestampFormat", "yyyy-MM-dd'T'HH:mm:ss[.SSSSSS]'Z'", "timeZone", "UTC"))).first());
    }
}
