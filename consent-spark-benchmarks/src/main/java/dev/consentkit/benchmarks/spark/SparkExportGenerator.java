package dev.consentkit.benchmarks.spark;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Writes members and items of a training set as Parquet, from a fixed seed, on Spark itself: every value
 * of row {@code n} is a function of hashes of the seed and {@code n} ({@code xxhash64}), never of a random
 * generator's state, so the same seed and sizes give the same rows on any number of partitions.
 *
 * <p><b>Members</b> ({@code m-0000001}, ...), in the shape of member documents, with TIMESTAMP and DATE
 * columns: {@code id}, {@code birthDate}, {@code closedAt}, {@code jurisdictions} (jurisdiction, from),
 * {@code closures} (closedAt, reopenedAt) and {@code consent} (id, purpose, choice, effectiveAt,
 * recordedAt, channel). Birth dates run from 1950 to 2011, so some members are minors at {@link #AS_OF};
 * 3% are unknown, 1.5% fall on 29 February, 1% make the member 18 the day before, of or after
 * {@link #AS_OF}. Members live in twenty places (the United States and two of its states, EU members and
 * Guadeloupe, Norway, Iceland, Liechtenstein, the United Kingdom, Switzerland, French Polynesia, Svalbard,
 * Brazil, India, Canada, Japan); 1% have no residence, 1% only one that starts after {@link #AS_OF}, 0.5%
 * one that starts exactly at it, 8.5% moved once (before or after {@link #AS_OF}). Each member has 0 to 3
 * consent events (half none): for {@code ai-training.generative}, the broader {@code ai-training} or the
 * unrelated {@code marketing.email} (half of those by Global Privacy Control), a first opt-out more often
 * than not and changes of mind after, in any order; a tenth of those with two or more events have an
 * opt-in and an opt-out at the same instant; some take effect exactly at {@link #AS_OF}, some after it;
 * 15% are recorded days late and 5% two seconds before they take effect (within the readers' five-second
 * clock-skew tolerance). 2.7% of the accounts have a closing instant (some exactly at {@link #AS_OF},
 * some after it); 0.8% have a closure history instead: closed and reopened, reopened exactly at
 * {@link #AS_OF}, or closed and never reopened.
 *
 * <p><b>Items</b> ({@code i-00000001}, ...): {@code id}, {@code authorId}, {@code category},
 * {@code createdAt}, {@code deletedAt}. A tenth are written by the first thousand members; 0.1% by an
 * author with no member row. Their categories are allowed by the LinkedIn policy ({@code profile},
 * {@code content.public} and its child {@code content.public.poll}, {@code content.group},
 * {@code ai.interactions}, {@code jobs.saved}), never allowed ({@code messages.private} and its child
 * {@code messages.private.voice}, {@code account.*}, {@code jobs.application}) or covered by no rule
 * ({@code ads.clicks}, {@code content.newsletter}). They are created from 2019 to February 2026, to the
 * microsecond, 1% exactly at {@link #AS_OF} and 0.5% a microsecond after it; 5% are deleted, 1% exactly at
 * {@link #AS_OF} (or, if created later, when created).
 */
public final class SparkExportGenerator {

    /** The seed the benchmark script uses unless told otherwise. */
    public static final long DEFAULT_SEED = 20_251_104L;

    /** The members of the full-size data set. */
    public static final long DEFAULT_MEMBERS = 1_000_000L;

    /** The items of the full-size data set. */
    public static final long DEFAULT_ITEMS = 10_000_000L;

    /** The instant the data set puts its edge cases at: the one the benchmark asks about. */
    public static final Instant AS_OF = Instant.parse("2025-11-04T00:00:00Z");

    private static final long AS_OF_SECOND = AS_OF.getEpochSecond();
    private static final long DAY = 86_400L;
    private static final long ITEMS_FROM = Instant.parse("2019-01-01T00:00:00Z").getEpochSecond();
    private static final long ITEMS_UNTIL = Instant.parse("2026-03-01T00:00:00Z").getEpochSecond();

    private static final String PLACES = "array('US', 'US-CA', 'US-NY', 'DE', 'FR', 'IE', 'NL', 'ES', 'GP', 'NO', 'IS',"
            + " 'LI', 'GB', 'CH', 'PF', 'SJ', 'BR', 'IN', 'CA', 'JP')";
    private static final int PLACE_COUNT = 20;
    // Allowed categories come up more often than the others, as in a real export.
    private static final String CATEGORIES = "array('profile', 'profile', 'content.public', 'content.public',"
            + " 'content.public', 'content.public.poll', 'content.group', 'ai.interactions', 'jobs.saved',"
            + " 'messages.private', 'messages.private.voice', 'account.credentials', 'account.payment',"
            + " 'account.salary', 'jobs.application', 'ads.clicks', 'content.newsletter', 'content.group')";
    private static final int CATEGORY_COUNT = 18;

    private static final String CLOSURE_TYPE = "array<struct<closedAt:timestamp,reopenedAt:timestamp>>";
    private static final String RESIDENCE_TYPE = "array<struct<jurisdiction:string,from:timestamp>>";

    private final long seed;

    private SparkExportGenerator(long seed) {
        this.seed = seed;
    }

    /**
     * Writes {@code members} members to {@code directory/members} and {@code items} items to
     * {@code directory/items}, as Parquet, replacing what is there.
     *
     * @param spark the session to generate on
     * @param directory where the two data sets go
     * @param members how many members, at least one
     * @param items how many items
     * @param seed the seed every value derives from
     * @throws IllegalArgumentException if {@code members} is less than one or {@code items} negative
     */
    public static void generate(SparkSession spark, Path directory, long members, long items, long seed) {
        if (members < 1 || items < 0) {
            throw new IllegalArgumentException("sizes must be at least one member and no negative number of items: "
                    + members + " members, " + items + " items");
        }
        SparkExportGenerator generator = new SparkExportGenerator(seed);
        generator.members(spark, members).write().mode(SaveMode.Overwrite)
                .parquet(directory.resolve("members").toString());
        generator.items(spark, members, items).write().mode(SaveMode.Overwrite)
                .parquet(directory.resolve("items").toString());
    }

    /**
     * Generates a data set: {@code SparkExportGenerator DIRECTORY [MEMBERS ITEMS [SEED]]}, by default a
     * million members and ten million items from {@link #DEFAULT_SEED}.
     *
     * @param args the directory, and optionally the sizes and the seed
     */
    public static void main(String[] args) {
        if (args.length != 1 && args.length != 3 && args.length != 4) {
            System.err.println("usage: SparkExportGenerator DIRECTORY [MEMBERS ITEMS [SEED]]");
            System.exit(2);
        }
        Path directory = Path.of(args[0]);
        long members = args.length > 1 ? Long.parseLong(args[1]) : DEFAULT_MEMBERS;
        long items = args.length > 1 ? Long.parseLong(args[2]) : DEFAULT_ITEMS;
        long seed = args.length > 3 ? Long.parseLong(args[3]) : DEFAULT_SEED;
        SparkSession spark = BenchmarkSession.local("generate members and items", "UTC");
        long start = System.nanoTime();
        generate(spark, directory, members, items, seed);
        System.out.printf(Locale.ROOT, "generated %,d members and %,d items (seed %d) in %.1f s%n", members, items, seed,
                (System.nanoTime() - start) / 1e9);
        spark.stop();
    }

    private Dataset<Row> members(SparkSession spark, long count) {
        int partitions = (int) Math.max(2, Math.min(16, count / 125_000));
        return spark.range(0, count, 1, partitions).selectExpr(
                "format_string('m-%07d', id + 1) AS id",
                birthDate() + " AS birthDate",
                closedAt() + " AS closedAt",
                jurisdictions() + " AS jurisdictions",
                closures() + " AS closures",
                consent() + " AS consent");
    }

    private Dataset<Row> items(SparkSession spark, long members, long count) {
        int partitions = (int) Math.max(2, Math.min(64, count / 1_250_000));
        String createdAt = "CASE WHEN " + uniform(20, 1000) + " < 10 THEN " + instant(AS_OF_SECOND)
                + " WHEN " + uniform(20, 1000) + " < 15 THEN timestamp_micros(" + AS_OF_SECOND + "L * 1000000 + 1)"
                + " ELSE timestamp_micros((" + ITEMS_FROM + "L + " + uniform(21, ITEMS_UNTIL - ITEMS_FROM)
                + ") * 1000000 + " + uniform(22, 1_000_000) + ") END";
        return spark.range(0, count, 1, partitions)
                .selectExpr(
                        "format_string('i-%08d', id + 1) AS id",
                        "CASE WHEN " + uniform(10, 1000) + " = 0 THEN format_string('m-x%06d', " + uniform(11, 1000)
                                + ") WHEN " + uniform(12, 10) + " = 0 THEN format_string('m-%07d', "
                                + uniform(13, Math.min(members, 1000)) + " + 1) ELSE format_string('m-%07d', "
                                + uniform(13, members) + " + 1) END AS authorId",
                        "element_at(" + CATEGORIES + ", CAST(" + uniform(14, CATEGORY_COUNT) + " AS INT) + 1) AS category",
                        createdAt + " AS createdAt",
                        uniform(23, 100) + " AS deletion")
                .selectExpr("id", "authorId", "category", "createdAt",
                        "CASE WHEN deletion < 4 THEN createdAt + make_dt_interval(CAST(" + uniform(24, 500)
                                + " AS INT), CAST(" + uniform(25, 24) + " AS INT), 0, 0) WHEN deletion = 4 THEN greatest(createdAt, "
                                + instant(AS_OF_SECOND) + ") END AS deletedAt");
    }

    private String birthDate() {
        String u = uniform(1, 1000);
        return "CASE WHEN " + u + " < 30 THEN CAST(NULL AS DATE)"
                // Born on 29 February of a leap year from 1952 to 2008: some are minors.
                + " WHEN " + u + " < 45 THEN make_date(1952 + 4 * CAST(" + uniform(2, 15) + " AS INT), 2, 29)"
                // 18 the day before, of or after the instant asked about.
                + " WHEN " + u + " < 55 THEN date_add(DATE '2007-11-04', CAST(" + uniform(2, 3) + " AS INT) - 1)"
                + " ELSE date_add(DATE '1950-01-01', CAST(" + uniform(2, 22_645) + " AS INT)) END";
    }

    private String closedAt() {
        String u = uniform(3, 1000);
        return "CASE WHEN " + u + " < 20 THEN timestamp_seconds(" + AS_OF_SECOND + "L - " + uniform(4, 800 * DAY) + ")"
                + " WHEN " + u + " < 24 THEN " + instant(AS_OF_SECOND)
                + " WHEN " + u + " < 27 THEN timestamp_seconds(" + AS_OF_SECOND + "L + 1 + " + uniform(4, 100 * DAY) + ")"
                + " END";
    }

    private String closures() {
        String u = uniform(3, 1000);
        String ago = "timestamp_seconds(" + AS_OF_SECOND + "L - 1 - " + uniform(4, 300 * DAY) + ")";
        String longAgo = "timestamp_seconds(" + AS_OF_SECOND + "L - 400 * " + DAY + "L - " + uniform(4, 300 * DAY) + ")";
        return "CAST(CASE WHEN " + u + " >= 27 AND " + u + " < 31 THEN array(named_struct('closedAt', " + longAgo
                + ", 'reopenedAt', " + ago + "))"
                + " WHEN " + u + " >= 31 AND " + u + " < 33 THEN array(named_struct('closedAt', " + ago
                + ", 'reopenedAt', " + instant(AS_OF_SECOND) + "))"
                + " WHEN " + u + " >= 33 AND " + u + " < 35 THEN array(named_struct('closedAt', " + ago
                + ", 'reopenedAt', CAST(NULL AS TIMESTAMP)))"
                + " ELSE array() END AS " + CLOSURE_TYPE + ")";
    }

    private String jurisdictions() {
        String u = uniform(5, 1000);
        String first = "element_at(" + PLACES + ", CAST(" + uniform(6, PLACE_COUNT) + " AS INT) + 1)";
        String second = "element_at(" + PLACES + ", CAST(" + uniform(7, PLACE_COUNT) + " AS INT) + 1)";
        String always = "CAST(NULL AS TIMESTAMP)";
        return "CAST(CASE WHEN " + u + " < 10 THEN array()"
                + " WHEN " + u + " < 20 THEN array(named_struct('jurisdiction', " + first + ", 'from', timestamp_seconds("
                + AS_OF_SECOND + "L + 1 + " + uniform(8, 200 * DAY) + ")))"
                + " WHEN " + u + " < 25 THEN array(named_struct('jurisdiction', " + first + ", 'from', "
                + instant(AS_OF_SECOND) + "))"
                + " WHEN " + u + " < 110 THEN array(named_struct('jurisdiction', " + first + ", 'from', " + always
                + "), named_struct('jurisdiction', " + second + ", 'from', timestamp_seconds(" + AS_OF_SECOND
                + "L - 400 * " + DAY + "L + " + uniform(8, 600 * DAY) + ")))"
                + " ELSE array(named_struct('jurisdiction', " + first + ", 'from', CASE WHEN " + uniform(8, 2)
                + " = 0 THEN " + always + " ELSE timestamp_seconds(1420070400L + " + uniform(9, 3000 * DAY)
                + ") END)) END AS " + RESIDENCE_TYPE + ")";
    }

    private String consent() {
        String count = "CASE WHEN " + uniform(30, 8) + " < 4 THEN 0 WHEN " + uniform(30, 8) + " < 6 THEN 1 WHEN "
                + uniform(30, 8) + " = 6 THEN 2 ELSE 3 END";
        String event = "named_struct("
                + "'id', format_string('e-%d-%d', id + 1, k), "
                + "'purpose', " + purpose("k") + ", "
                + "'choice', CASE WHEN k = 1 AND " + uniform(31, 10) + " = 0 THEN (CASE WHEN " + choice("0")
                + " = 'OPT_OUT' THEN 'OPT_IN' ELSE 'OPT_OUT' END) ELSE " + choice("k") + " END, "
                + "'effectiveAt', " + effectiveAt() + ", "
                + "'recordedAt', CASE WHEN " + eventUniform("k", 4, 100) + " < 5 THEN " + effectiveAt()
                + " - INTERVAL 2 SECONDS WHEN " + eventUniform("k", 4, 100) + " < 20 THEN " + effectiveAt()
                + " + make_dt_interval(CAST(" + eventUniform("k", 5, 10) + " AS INT), CAST(" + eventUniform("k", 6, 24)
                + " AS INT), 0, 0) ELSE "
                + effectiveAt() + " END, "
                + "'channel', CASE WHEN " + purpose("k") + " = 'marketing.email' AND " + eventUniform("k", 7, 2)
                + " = 0 THEN 'GPC_SIGNAL' ELSE 'SETTINGS_TOGGLE' END)";
        return "transform(slice(array(0, 1, 2), 1, " + count + "), k -> " + event + ")";
    }

    /** The instant event {@code k} takes effect: for a tenth of the members, event 1 at event 0's. */
    private String effectiveAt() {
        String own = "CASE WHEN k = 0 AND " + uniform(32, 40) + " = 0 THEN " + instant(AS_OF_SECOND)
                + " ELSE timestamp_seconds(" + AS_OF_SECOND + "L - 700 * " + DAY + "L + " + eventUniform("k", 3, 760 * DAY)
                + ") END";
        String first = "CASE WHEN " + uniform(32, 40) + " = 0 THEN " + instant(AS_OF_SECOND) + " ELSE timestamp_seconds("
                + AS_OF_SECOND + "L - 700 * " + DAY + "L + " + eventUniform("0", 3, 760 * DAY) + ") END";
        return "(CASE WHEN k = 1 AND " + uniform(31, 10) + " = 0 THEN " + first + " ELSE " + own + " END)";
    }

    private String purpose(String k) {
        String u = eventUniform(k, 1, 10);
        return "(CASE WHEN " + u + " < 6 THEN 'ai-training.generative' WHEN " + u
                + " < 8 THEN 'ai-training' ELSE 'marketing.email' END)";
    }

    /** Event {@code k}'s own choice: the first an opt-out seven times in ten, the others four in ten. */
    private String choice(String k) {
        return "(CASE WHEN " + eventUniform(k, 2, 10) + " < (CASE WHEN " + k + " = 0 THEN 7 ELSE 4 END)"
                + " THEN 'OPT_OUT' ELSE 'OPT_IN' END)";
    }

    /** A number in {@code [0, bound)} from the seed, the row and {@code salt}. */
    private String uniform(int salt, long bound) {
        return "pmod(xxhash64(" + seed + "L, id, " + salt + "), " + bound + "L)";
    }

    /** A number in {@code [0, bound)} from the seed, the row, consent event {@code k} and {@code salt}. */
    private String eventUniform(String k, int salt, long bound) {
        return "pmod(xxhash64(" + seed + "L, id, 100 + " + k + ", " + salt + "), " + bound + "L)";
    }

    private static String instant(long epochSecond) {
        return "timestamp_seconds(" + epochSecond + "L)";
    }
}
