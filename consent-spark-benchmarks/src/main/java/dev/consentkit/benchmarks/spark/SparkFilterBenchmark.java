package dev.consentkit.benchmarks.spark;

import dev.consentkit.TrainingPolicy;
import dev.consentkit.jackson.ConsentDocuments;
import dev.consentkit.spark.ConsentFilter;
import dev.consentkit.spark.MemberTables;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.jspecify.annotations.Nullable;

/**
 * Times how long each form takes to count the items that may train a model at an instant, on one local
 * Spark session on two threads, over a data set {@link SparkExportGenerator} wrote: {@code ConsentFilter}
 * with and without its broadcast of the members' verdicts, and the two SQL forms ({@code expert.sql},
 * {@code first-form.sql}). Two kinds of run:
 *
 * <ul>
 *   <li>{@code --cold FORM}: the first count of one form in this JVM, its query planned and its code
 *       compiled for the first time; the session is started and the Parquet footers read before the
 *       clock starts. The run script starts one JVM per form for it.
 *   <li>warm (the default): {@code --warmups} rounds not timed, then {@code --runs} timed rounds, each
 *       round counting once with every form in turn, starting one form further on each round, so that the
 *       load of a shared machine falls on all forms alike; prints each form's median and fastest, and
 *       each form's median over consent-spark's (above 1: consent-spark is faster). The rounds also time
 *       {@code memberVerdicts(...).count()} alone, the member half of consent-spark without the items.
 *       Every count must be the same; with {@code --check} the forms must also name the same items, or the
 *       run fails with examples.
 * </ul>
 *
 * <p>{@code --member-sides}, instead of the warm counts, times consent-spark's member half alone against
 * {@code expert.sql}'s member side alone, for a profile of where consent-spark's time goes; the member
 * half is timed twice, with its check for a member id on two rows and with member ids trusted unique
 * ({@code withUniqueMemberIds()}), so the difference is what the check costs.
 *
 * <p>{@code --explain} writes the formatted plans of the counts next to the SQL files
 * ({@code expert.explain.txt}, {@code first-form.explain.txt}, {@code consent-spark.explain.txt}), the
 * data set's directory replaced by {@code <data>}.
 *
 * <pre>
 * SparkFilterBenchmark --data DIR --policy FILE --sql DIR [--as-of INSTANT] [--cold FORM]
 *     [--warmups N] [--runs N] [--forms KEY,...] [--check] [--explain] [--cold-results FILE]
 *     [--member-sides]
 * </pre>
 *
 * <p>Each timing is also printed as a line {@code result<TAB>form<TAB>kind<TAB>seconds<TAB>count}, and
 * each form's warm median and fastest as {@code median<TAB>form<TAB>median<TAB>min}, for the run
 * script; {@code --cold-results} appends the cold ones to a file that a later warm run reads back into its
 * table.
 */
public final class SparkFilterBenchmark {

    private static final String MEMBER_HALF = "consent-spark-member-half";

    private SparkFilterBenchmark() {}

    /**
     * Runs the benchmark as the arguments say (see the class description).
     *
     * @param args the options
     * @throws IOException if the policy, the SQL or a result file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        Options options = Options.parse(args);
        TrainingPolicy policy;
        try (Reader reader = Files.newBufferedReader(options.policy, StandardCharsets.UTF_8)) {
            policy = ConsentDocuments.readPolicy(reader);
        }
        long start = System.nanoTime();
        SparkSession spark = BenchmarkSession.local("consent-spark against Spark SQL", "UTC");
        Inputs in = Inputs.read(spark, options.data, policy, options.asOf, options.sql);
        System.out.printf(Locale.ROOT, "session started and data found in %.2f s; %,d members, %,d items, as of %s%n",
                seconds(start), in.members().count(), in.items().count(), options.asOf);
        if (options.explain) {
            explain(in, options.data);
        }
        if (options.cold != null) {
            Form form = options.cold;
            long t = System.nanoTime();
            long count = form.trainable(in).count();
            double s = seconds(t);
            result(form.key(), "cold", s, count);
            if (options.coldResults != null) {
                Files.writeString(options.coldResults, form.key() + "\t" + s + "\t" + count + "\n", StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
        } else if (options.memberSides) {
            memberSides(in, options);
        } else {
            warm(in, options);
        }
        spark.stop();
    }

    private static void warm(Inputs in, Options options) throws IOException {
        ConsentFilter.AsOf filter = ConsentFilter.of(in.policy()).asOf(in.asOf());
        List<String> keys = new ArrayList<>();
        List<LongSupplier> counts = new ArrayList<>();
        for (Form form : options.forms) {
            keys.add(form.key());
            counts.add(() -> form.trainable(in).count());
        }
        keys.add(MEMBER_HALF);
        counts.add(() -> filter.memberVerdicts(MemberTables.nested(in.members())).count());
        List<Timing> timed = time(keys, counts, options);
        Map<Form, Timing> timings = new EnumMap<>(Form.class);
        long expected = timed.get(0).count;
        for (int i = 0; i < options.forms.size(); i++) {
            Form form = options.forms.get(i);
            Timing timing = timed.get(i);
            if (timing.count != expected) {
                throw new IllegalStateException(form.title() + " counts " + timing.count + " trainable items where "
                        + options.forms.get(0).title() + " counts " + expected);
            }
            timings.put(form, timing);
        }
        Timing memberHalf = timed.get(timed.size() - 1);
        if (options.check) {
            Form reference = options.forms.get(0);
            for (Form form : options.forms.subList(1, options.forms.size())) {
                long t = System.nanoTime();
                Agreement.check(in, reference, form);
                System.out.printf(Locale.ROOT, "%s and %s name the same %,d items (checked in %.1f s)%n", reference.title(),
                        form.title(), expected, seconds(t));
            }
        }
        Map<String, Double> cold = options.coldResults != null && Files.exists(options.coldResults)
                ? readCold(options.coldResults) : Map.of();
        print(timings, memberHalf, cold, options);
    }

    /**
     * Where the time goes: consent-spark's member half alone ({@code memberVerdicts(...).count()}) against
     * the member side of {@code expert.sql} alone (its {@code verdicts} query, every column hashed so that
     * none is pruned), in rounds as the warm counts.
     */
    private static void memberSides(Inputs in, Options options) {
        String sql = Form.EXPERT_SQL.sql(in);
        int from = sql.indexOf("WITH verdicts AS (");
        int to = sql.indexOf("\n),\ndecided AS (");
        if (from < 0 || to < 0) {
            throw new IllegalStateException("expert.sql has no query 'verdicts' followed by 'decided' to time apart");
        }
        String verdicts = sql.substring(from, to) + "\n)\nSELECT count(*), sum(hash(member_id, closed, place, age_unknown,"
                + " adult_from, choice)) FROM verdicts";
        ConsentFilter.AsOf filter = ConsentFilter.of(in.policy()).asOf(in.asOf());
        ConsentFilter.AsOf trusting = ConsentFilter.of(in.policy()).withUniqueMemberIds().asOf(in.asOf());
        List<Timing> timed = time(List.of(MEMBER_HALF, MEMBER_HALF + "-unique", "expert-sql-member-side"), List.of(
                () -> filter.memberVerdicts(MemberTables.nested(in.members())).count(),
                () -> trusting.memberVerdicts(MemberTables.nested(in.members())).count(),
                () -> in.spark().sql(verdicts, Map.of("as_of", in.asOf())).collectAsList().get(0).getLong(0)), options);
        System.out.printf(Locale.ROOT, "member sides alone, %d timed rounds: consent-spark memberVerdicts median %.2f s"
                + " (min %.2f), with ids trusted unique %.2f s (min %.2f), expert.sql verdicts median %.2f s"
                + " (min %.2f), %,d members%n", options.runs, timed.get(0).median, timed.get(0).min,
                timed.get(1).median, timed.get(1).min, timed.get(2).median, timed.get(2).min, timed.get(2).count);
    }

    /**
     * Times the counts in rounds, every count once per round, each round starting one count further on,
     * so that a load that comes and goes on a shared machine falls on every count alike. The warm-up rounds
     * are not timed. Every run of a count, warm-up or timed, must give the same number.
     */
    private static List<Timing> time(List<String> keys, List<LongSupplier> counts, Options options) {
        int n = counts.size();
        long[] counted = new long[n];
        Arrays.fill(counted, -1);
        for (int round = 0; round < options.warmups; round++) {
            for (int j = 0; j < n; j++) {
                int k = (round + j) % n;
                counted[k] = same(keys.get(k), counted[k], counts.get(k).getAsLong());
            }
        }
        double[][] times = new double[n][options.runs];
        for (int round = 0; round < options.runs; round++) {
            for (int j = 0; j < n; j++) {
                int k = (round + j) % n;
                long t = System.nanoTime();
                long c = counts.get(k).getAsLong();
                times[k][round] = seconds(t);
                counted[k] = same(keys.get(k), counted[k], c);
                result(keys.get(k), "warm", times[k][round], c);
            }
        }
        List<Timing> timings = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            double[] sorted = times[k].clone();
            Arrays.sort(sorted);
            int m = sorted.length;
            double median = m % 2 == 1 ? sorted[m / 2] : (sorted[m / 2 - 1] + sorted[m / 2]) / 2;
            timings.add(new Timing(median, sorted[0], counted[k]));
        }
        return timings;
    }

    private static long same(String key, long before, long now) {
        if (before >= 0 && before != now) {
            throw new IllegalStateException(key + " counted " + before + " and then " + now + " on the same data");
        }
        return now;
    }

    private static void print(Map<Form, Timing> timings, Timing memberHalf, Map<String, Double> cold, Options options) {
        Timing base = timings.get(Form.CONSENT_SPARK);
        Double baseCold = cold.get(Form.CONSENT_SPARK.key());
        System.out.printf(Locale.ROOT, "%nwarm: %d warm-up and %d timed rounds, every form once a round;"
                + " cold: the first count in a fresh JVM%n",
                options.warmups, options.runs);
        System.out.printf(Locale.ROOT, "%-36s %10s %10s %10s %14s %14s %12s%n", "form", "median s", "min s", "cold s",
                "median ratio", "cold ratio", "trainable");
        for (Map.Entry<Form, Timing> e : timings.entrySet()) {
            Timing t = e.getValue();
            Double c = cold.get(e.getKey().key());
            System.out.printf(Locale.ROOT, "%-36s %10.2f %10.2f %10s %14s %14s %,12d%n", e.getKey().title(), t.median, t.min,
                    c == null ? "-" : String.format(Locale.ROOT, "%.2f", c),
                    base == null ? "-" : String.format(Locale.ROOT, "%.2f", t.median / base.median),
                    c == null || baseCold == null ? "-" : String.format(Locale.ROOT, "%.2f", c / baseCold), t.count);
        }
        System.out.printf(Locale.ROOT, "%-36s %10.2f %10.2f %10s %14s %14s %,12d%n", "consent-spark member half alone",
                memberHalf.median, memberHalf.min, "-", "-", "-", memberHalf.count);
        for (Map.Entry<Form, Timing> e : timings.entrySet()) {
            System.out.printf(Locale.ROOT, "median\t%s\t%.3f\t%.3f%n", e.getKey().key(), e.getValue().median, e.getValue().min);
        }
        System.out.printf(Locale.ROOT, "median\t%s\t%.3f\t%.3f%n", MEMBER_HALF, memberHalf.median, memberHalf.min);
        System.out.println("ratio: the form's time over consent-spark's (members broadcast); above 1, consent-spark is faster");
    }

    /** Writes the formatted plans of the counts next to the SQL files. */
    private static void explain(Inputs in, Path data) throws IOException {
        String location = data.toAbsolutePath().normalize().toUri().toString();
        String plainLocation = data.toAbsolutePath().normalize().toString();
        for (Form form : List.of(Form.CONSENT_SPARK, Form.EXPERT_SQL, Form.FIRST_FORM_SQL)) {
            form.trainable(in).createOrReplaceTempView("counted");
            String plan = in.spark().sql("EXPLAIN FORMATTED SELECT count(*) FROM counted").collectAsList().get(0).getString(0);
            plan = plan.replace(location.endsWith("/") ? location.substring(0, location.length() - 1) : location, "<data>")
                    .replace(plainLocation, "<data>");
            String stem = form.isSql() ? form.fileStem() : form.key();
            Path out = in.sqlDirectory().resolve(stem + ".explain.txt");
            Files.writeString(out, "-- EXPLAIN FORMATTED of the count of trainable items of " + form.title() + ", as of "
                    + in.asOf() + "\n" + plan.stripTrailing() + "\n", StandardCharsets.UTF_8);
            System.out.println("wrote " + in.sqlDirectory().getFileName() + "/" + out.getFileName());
        }
    }

    private static Map<String, Double> readCold(Path file) throws IOException {
        Map<String, Double> cold = new java.util.HashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] parts = line.split("\t", -1);
            if (parts.length >= 2) {
                cold.put(parts[0], Double.parseDouble(parts[1]));
            }
        }
        return cold;
    }

    private static void result(String key, String kind, double seconds, long count) {
        System.out.printf(Locale.ROOT, "result\t%s\t%s\t%.3f\t%d%n", key, kind, seconds, count);
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** A form's warm timings: the median and fastest of the timed runs, and the count they gave. */
    private record Timing(double median, double min, long count) {}

    /** The command line. */
    private static final class Options {
        Path data = Path.of(".");
        Path policy = Path.of("policy.json");
        Path sql = Path.of("spark-vs-sql");
        Instant asOf = SparkExportGenerator.AS_OF;
        @Nullable Form cold;
        int warmups = 1;
        int runs = 5;
        List<Form> forms = List.of(Form.values());
        boolean check;
        boolean explain;
        boolean memberSides;
        @Nullable Path coldResults;

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--data" -> o.data = Path.of(value(args, ++i, arg));
                    case "--policy" -> o.policy = Path.of(value(args, ++i, arg));
                    case "--sql" -> o.sql = Path.of(value(args, ++i, arg));
                    case "--as-of" -> o.asOf = instant(value(args, ++i, arg));
                    case "--cold" -> o.cold = Form.of(value(args, ++i, arg));
                    case "--warmups" -> o.warmups = Integer.parseInt(value(args, ++i, arg));
                    case "--runs" -> o.runs = Integer.parseInt(value(args, ++i, arg));
                    case "--forms" -> {
                        List<Form> forms = new ArrayList<>();
                        for (String key : value(args, ++i, arg).split(",", -1)) {
                            forms.add(Form.of(key.strip()));
                        }
                        o.forms = List.copyOf(forms);
                    }
                    case "--check" -> o.check = true;
                    case "--explain" -> o.explain = true;
                    case "--member-sides" -> o.memberSides = true;
                    case "--cold-results" -> o.coldResults = Path.of(value(args, ++i, arg));
                    default -> throw new IllegalArgumentException("unknown option " + arg);
                }
            }
            if (o.runs < 1 || o.warmups < 0) {
                throw new IllegalArgumentException("--runs must be at least 1 and --warmups at least 0");
            }
            return o;
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }

        /** An instant, or a date meaning its first instant in UTC. */
        private static Instant instant(String text) {
            return text.contains("T") ? Instant.parse(text) : Instant.parse(text + "T00:00:00Z");
        }
    }
}
