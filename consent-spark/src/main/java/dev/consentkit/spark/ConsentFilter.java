package dev.consentkit.spark;

import dev.consentkit.Reason;
import dev.consentkit.TrainingPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF10;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.api.java.UDF6;
import org.apache.spark.sql.api.java.UDF8;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.jspecify.annotations.Nullable;

/**
 * Decides which items of a training set on Apache Spark may train a model, with a
 * {@link TrainingPolicy}: the same answers as {@link TrainingPolicy#evaluate}, row by row, from one
 * laptop to a cluster.
 *
 * <pre>{@code
 * Dataset<Row> decided = ConsentFilter.of(policy)
 *         .asOf(Instant.parse("2025-11-03T00:00:00Z"))
 *         .decide(items, MemberTables.nested(members));
 * }</pre>
 *
 * <h2>How it runs</h2>
 * The member half of the rules runs on the executors, once per member: each member row becomes the
 * member's verdict at the instant ({@link dev.consentkit.batch.MemberVerdict}). The verdicts are grouped
 * by member id, so that an id on two member rows is reported instead of joined twice (unless
 * {@link #withUniqueMemberIds()}): {@link AsOf#trainable}, which shows no member's error, groups the
 * verdicts' numbers alone, in a hash table; {@link AsOf#decide} and {@link AsOf#memberVerdicts} also keep
 * each member row's error, which Spark groups by sorting. Spark joins the items to those verdicts by
 * the items' author, with its own join: a broadcast when it estimates the verdicts small or
 * {@link #broadcastMembers()} says so, a shuffle otherwise. The item half then runs row by row in the
 * items' partitions. {@link AsOf#trainable} first leaves out the items that fail a check of their own
 * ({@link dev.consentkit.batch.BatchEvaluator#itemChecksPass}) and the verdicts of members who fail one,
 * since neither can be in a trainable pair, and joins the rest. Both halves are the core's rule kernel.
 * No member is collected on the driver; a broadcast passes the verdicts through it, as every broadcast
 * does. The policy travels to the executors as its JSON document.
 *
 * <h2>Items</h2>
 * One row per item: {@code id}, {@code authorId}, {@code category} (a data category key),
 * {@code createdAt}, and optionally {@code deletedAt}, {@code resumedAt} and its do-not-train
 * reservations: the list {@code reservations} of an item document ({@code source}, {@code effectiveFrom}),
 * or {@code reservedFrom}, the start of its earliest reservation; so a file of item documents read with
 * {@code spark.read().json(...)} is read as it is. Map other names with {@link #withItemColumns}.
 * Instants are TIMESTAMP columns, exact to the microsecond Spark keeps, or UTC text, exact to the
 * nanosecond; the instant of use may have nanoseconds, and every comparison is made in nanoseconds of the
 * epoch, so a TIMESTAMP is the instant at the start of its microsecond. {@code spark.sql.session.timeZone}
 * plays no part.
 *
 * <h2>What comes out</h2>
 * {@link AsOf#decide} returns every item row with three more columns: {@code trainable} (boolean),
 * {@code reason} (the primary {@link Reason}'s name) and {@code consentError}. A row that cannot be
 * decided (its author has no member row or a member row that cannot be read, or its category, an instant
 * or a reservation is missing or malformed) is never dropped: it is not trainable, has no reason, and
 * {@code consentError} says what is wrong, naming the item and its author. {@link AsOf#trainable} returns
 * only the trainable rows, with the items' own columns. A category the policy does not know is a
 * decision ({@link Reason#CATEGORY_NOT_COVERED}), not an error.
 *
 * <p>Immutable, and used on the driver only: what the executors need travels in parts of its own.
 * Configure with the {@code with} methods, then ask with {@link #asOf}.
 */
public final class ConsentFilter {

    /** The name of the column {@link AsOf#decide} adds for whether an item may train a model. */
    public static final String TRAINABLE = "trainable";
    /** The name of the column {@link AsOf#decide} adds for the primary reason. */
    public static final String REASON = "reason";
    /** The name of the column {@link AsOf#decide} adds for why a row cannot be decided. */
    public static final String CONSENT_ERROR = "consentError";

    private static final String PREFIX = "__consentkit_";
    private static final String VERDICT = PREFIX + "verdict";
    private static final String SCOPE = PREFIX + "choiceScope";
    private static final String MEMBER_ERROR = PREFIX + "memberError";
    private static final String MEMBER_ID = PREFIX + "memberId";
    private static final String CODE = PREFIX + "code";
    private static final Reason[] REASONS = Reason.values();

    private final TrainingPolicy policy;
    private final @Nullable Instant knownAt;
    private final ColumnNames itemColumns;
    private final Duration clockSkewTolerance;
    private final boolean broadcastMembers;
    private final boolean uniqueMemberIds;

    private ConsentFilter(TrainingPolicy policy, @Nullable Instant knownAt, ColumnNames itemColumns,
            Duration clockSkewTolerance, boolean broadcastMembers, boolean uniqueMemberIds) {
        this.policy = policy;
        this.knownAt = knownAt;
        this.itemColumns = itemColumns;
        this.clockSkewTolerance = clockSkewTolerance;
        this.broadcastMembers = broadcastMembers;
        this.uniqueMemberIds = uniqueMemberIds;
    }

    /**
     * A filter for {@code policy}, reading items by their fields' own column names, with the JSON
     * readers' default clock-skew tolerance of five seconds.
     *
     * @param policy the policy to apply
     * @return the filter
     * @throws NullPointerException if {@code policy} is null
     */
    public static ConsentFilter of(TrainingPolicy policy) {
        return new ConsentFilter(Objects.requireNonNull(policy, "policy"), null, ColumnNames.defaults(),
                Duration.ofSeconds(5), false, false);
    }

    /**
     * The audit form: a copy that decides as the platform could have at {@code knownAt}, ignoring consent
     * events recorded after it, as {@link TrainingPolicy#asKnownAt} does.
     *
     * @param knownAt the instant whose knowledge counts
     * @return the copy
     * @throws NullPointerException if {@code knownAt} is null
     */
    public ConsentFilter asKnownAt(Instant knownAt) {
        return new ConsentFilter(policy, Objects.requireNonNull(knownAt, "knownAt"), itemColumns, clockSkewTolerance,
                broadcastMembers, uniqueMemberIds);
    }

    /**
     * A copy that reads the items' fields from these columns.
     *
     * @param columns which column holds each field of an item
     * @return the copy
     * @throws NullPointerException if {@code columns} is null
     */
    public ConsentFilter withItemColumns(ColumnNames columns) {
        return new ConsentFilter(policy, knownAt, Objects.requireNonNull(columns, "columns"), clockSkewTolerance,
                broadcastMembers, uniqueMemberIds);
    }

    /**
     * A copy that reads consent events with this clock-skew tolerance: an event recorded before its
     * stated effective instant by at most this much counts from when it was recorded; a larger gap makes
     * the member's row fail ({@link dev.consentkit.ConsentEvent#asStated}).
     *
     * @param tolerance zero or more
     * @return the copy
     * @throws NullPointerException if {@code tolerance} is null
     * @throws IllegalArgumentException if {@code tolerance} is negative
     */
    public ConsentFilter withClockSkewTolerance(Duration tolerance) {
        if (Objects.requireNonNull(tolerance, "tolerance").isNegative()) {
            throw new IllegalArgumentException("the clock-skew tolerance is negative: " + tolerance);
        }
        return new ConsentFilter(policy, knownAt, itemColumns, tolerance, broadcastMembers, uniqueMemberIds);
    }

    /**
     * A copy that asks Spark to broadcast the members' verdicts to the items' partitions instead of
     * letting it choose: the fastest join when the verdicts (about 40 bytes and the id per member) fit
     * every executor's memory, as for a million members. Spark then collects the verdicts through the
     * driver once, as every broadcast does.
     *
     * @return the copy
     */
    public ConsentFilter broadcastMembers() {
        return new ConsentFilter(policy, knownAt, itemColumns, clockSkewTolerance, true, uniqueMemberIds);
    }

    /**
     * A copy that trusts every member id to be on one member row only, as a primary key or a table
     * written one row per member guarantees, and so skips the check that finds an id on more than one
     * row: an aggregation of every member's verdict by id, a shuffle of a row per member. If an id is
     * on two rows after all, each of its items is joined to both and comes twice out of
     * {@link AsOf#decide} (and out of {@link AsOf#trainable} when trainable): decided by each row, or,
     * where the two rows met in one chunk of an executor's rows, once with the {@code consentError} of
     * an id on more than one row. Without this, such items come once, with that error.
     *
     * @return the copy
     */
    public ConsentFilter withUniqueMemberIds() {
        return new ConsentFilter(policy, knownAt, itemColumns, clockSkewTolerance, broadcastMembers, true);
    }

    /**
     * The question at one instant of use.
     *
     * @param asOf the instant of use
     * @return the filter at {@code asOf}
     * @throws NullPointerException if {@code asOf} is null
     */
    public AsOf asOf(Instant asOf) {
        return new AsOf(new Question(policy, Objects.requireNonNull(asOf, "asOf"), knownAt, clockSkewTolerance));
    }

    /** {@return the policy, the audit instant and the options, for logs} */
    @Override
    public String toString() {
        return "ConsentFilter[" + policy + (knownAt == null ? "" : " as known at " + knownAt) + ", items " + itemColumns
                + ", clock-skew tolerance " + clockSkewTolerance + (broadcastMembers ? ", members broadcast" : "")
                + (uniqueMemberIds ? ", member ids unique" : "") + "]";
    }

    /** A {@link ConsentFilter} at one instant of use: decides items, resolves members, registers SQL functions. */
    public final class AsOf {

        private final Question question;

        private AsOf(Question question) {
            this.question = question;
        }

        /**
         * Every item row with {@code trainable}, {@code reason} and {@code consentError} added (see
         * {@link ConsentFilter}). Lazy, as every Spark transformation.
         *
         * @param items one row per item
         * @param members the items' authors
         * @return the items with their decisions
         * @throws NullPointerException if an argument is null
         * @throws IllegalArgumentException if a column is missing, of the wrong type, or the items already
         *     have a column of one of the names added; the message names it
         */
        public Dataset<Row> decide(Dataset<Row> items, MemberTables members) {
            Objects.requireNonNull(items, "items");
            for (String added : List.of(TRAINABLE, REASON, CONSENT_ERROR)) {
                if (Columns.find(items.schema(), added) != null) {
                    throw new IllegalArgumentException("the items have a column '" + added + "' already, the name of a"
                            + " column decide adds; rename it first");
                }
            }
            Dataset<Row> coded = coded(items, memberVerdicts(members), "left_outer");
            Column code = coded.col(CODE);
            Column decided = code.geq(0);
            List<Column> out = new ArrayList<>();
            for (String name : items.columns()) {
                out.add(coded.col(Columns.quoted(name)));
            }
            out.add(functions.when(decided, functions.element_at(trainableByCode(), code.plus(1))).otherwise(false)
                    .as(TRAINABLE));
            out.add(functions.when(decided, functions.element_at(namesByCode(), code.plus(1))).as(REASON));
            out.add(functions.when(code.lt(0), errorOf(coded, items)).as(CONSENT_ERROR));
            return coded.select(out.toArray(new Column[0]));
        }

        /**
         * Only the item rows that may train a model at the instant, with the items' own columns. Rows that
         * cannot be decided are left out like the untrainable ones; use {@link #decide} to see them. The
         * same rows as {@code decide(items, members).where("trainable")}, found with less work: an item
         * that fails a check of its own (created after the instant, deleted, reserved, of a category the
         * policy does not allow) is dropped before its author is looked up, and only members who pass every
         * member check are joined.
         *
         * @param items one row per item
         * @param members the items' authors
         * @return the trainable items
         * @throws NullPointerException if an argument is null
         * @throws IllegalArgumentException if a column is missing or of the wrong type
         */
        public Dataset<Row> trainable(Dataset<Row> items, MemberTables members) {
            Objects.requireNonNull(items, "items");
            // An item that fails a check of its own, or a member who fails one, is in no trainable pair: both
            // are left out before the join, so that Spark looks up fewer items in a smaller table.
            Dataset<Row> coded = coded(items.where(itemChecksPass(items)), openVerdicts(members), "inner");
            Column code = coded.col(CODE);
            List<Column> out = new ArrayList<>();
            for (String name : items.columns()) {
                out.add(coded.col(Columns.quoted(name)));
            }
            return coded.where(code.geq(0).and(functions.element_at(trainableByCode(), code.plus(1))))
                    .select(out.toArray(new Column[0]));
        }

        /**
         * Each member row's verdict at the instant: the member's id ({@code memberId}), {@code verdict} and
         * {@code choiceScope} (a {@link dev.consentkit.batch.MemberVerdict}'s two numbers), and
         * {@code error}, why the row cannot be read; a row with an error has no numbers. A member id on
         * more than one row gets one row with an error, unless the filter trusts the ids to be unique
         * ({@link ConsentFilter#withUniqueMemberIds}). For caching when many item sets are decided against
         * the same members at the same instant; the numbers mean something only to this filter at this
         * instant.
         *
         * @param tables the members
         * @return one row per member id
         * @throws NullPointerException if {@code tables} is null
         * @throws IllegalArgumentException if a column is missing or of the wrong type
         */
        public Dataset<Row> memberVerdicts(MemberTables tables) {
            Objects.requireNonNull(tables, "tables");
            Dataset<Row> rows = tables.normalForm().mapPartitions(new MemberHalf(question),
                    Encoders.row(MemberHalf.VERDICTS));
            if (uniqueMemberIds) {
                return rows;
            }
            Column count = functions.count(functions.lit(1));
            return rows.groupBy("memberId")
                    .agg(count.as("rows"), functions.first("verdict").as("verdict"),
                            functions.first("choiceScope").as("choiceScope"), functions.first("error").as("error"))
                    .select(functions.col("memberId"),
                            functions.when(functions.col("rows").gt(1), null).otherwise(functions.col("verdict"))
                                    .as("verdict"),
                            functions.when(functions.col("rows").gt(1), null).otherwise(functions.col("choiceScope"))
                                    .as("choiceScope"),
                            functions.when(functions.col("rows").gt(1), functions.concat(functions.lit("member "),
                                    functions.col("memberId"), functions.lit(" has "),
                                    functions.col("rows").cast("string"), functions.lit(" member rows")))
                                    .otherwise(functions.col("error")).as("error"));
        }

        /**
         * Registers this question as two Spark SQL functions on {@code spark}, for SQL and PySpark users:
         * {@code <prefix>_member_verdict(member)} takes a member as a struct in the nested shape of
         * {@link MemberTables} (for example {@code struct(m.*)}) and gives its verdict as
         * {@code struct<verdict bigint, choiceScope bigint, error string>}; {@code <prefix>_decide(verdict,
         * item)} takes that verdict ({@code null} when the item's author has no member row) and an item as
         * a struct of the item fields ({@code named_struct('id', ..., 'authorId', ..., ...)}) and gives
         * {@code struct<trainable boolean, reason string, consentError string>}. Both call the same rule
         * kernel as {@link #decide}, and read TIMESTAMPs as exactly.
         *
         * @param spark the session
         * @param prefix the functions' prefix, such as {@code consent}; letters, digits and underscores
         * @throws NullPointerException if an argument is null
         * @throws IllegalArgumentException if {@code prefix} is not an identifier
         */
        public void registerFunctions(SparkSession spark, String prefix) {
            Objects.requireNonNull(spark, "spark");
            if (!Objects.requireNonNull(prefix, "prefix").matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new IllegalArgumentException("function prefix '" + prefix
                        + "' is not an identifier: letters, digits and underscores, not starting with a digit");
            }
            SqlFunctions functions = new SqlFunctions(question);
            spark.udf().register(prefix + "_member_verdict", functions.memberVerdict());
            spark.udf().register(prefix + "_decide", functions.decide());
        }

        /** {@return the filter, the instant of use and the audit instant, for logs} */
        @Override
        public String toString() {
            return ConsentFilter.this + " as of " + question.asOf();
        }

        /**
         * The verdicts of the members who pass every member check: the only members whose items may train
         * a model.
         */
        private Dataset<Row> openVerdicts(MemberTables members) {
            Dataset<Row> verdicts = memberVerdicts(members);
            UserDefinedFunction open = functions.udf((UDF2<Long, Long, Boolean>) MemberHalf::memberChecksPass,
                    DataTypes.BooleanType);
            return verdicts.where(open.apply(verdicts.col("verdict"), verdicts.col("choiceScope")));
        }

        /**
         * The items joined to their authors' {@code memberVerdicts} by a join of type {@code join}, with the
         * code of each row's decision.
         */
        private Dataset<Row> coded(Dataset<Row> items, Dataset<Row> memberVerdicts, String join) {
            Column author = Columns.one(items, Table.ITEMS, itemColumns, "authorId");
            Dataset<Row> verdicts = memberVerdicts.select(
                    functions.col("memberId").as(MEMBER_ID),
                    functions.col("verdict").as(VERDICT), functions.col("choiceScope").as(SCOPE),
                    functions.col("error").as(MEMBER_ERROR));
            if (broadcastMembers) {
                verdicts = functions.broadcast(verdicts);
            }
            for (String name : items.columns()) {
                if (name.startsWith(PREFIX)) {
                    throw new IllegalArgumentException("the items have a column '" + name + "'; names starting with "
                            + PREFIX + " are ConsentKit's own");
                }
            }
            Dataset<Row> joined = items.join(verdicts, author.equalTo(verdicts.col(MEMBER_ID)), join);
            Column[] fields = Columns.of(items, Table.ITEMS, itemColumns);
            ItemHalf half = new ItemHalf(question);
            // A member row that cannot be decided, or an id on two rows, has no verdict: the code needs no
            // message, so a count of trainable items leaves the members' errors out of its plan.
            UserDefinedFunction code = functions.udf((UDF8<Long, Long, Object, Object, Object, Object, Object, Object,
                    Integer>) (verdict, scope, category, createdAt, deletedAt, reservedFrom, resumedAt,
                            reservations) -> half.code(verdict, scope, category, createdAt, deletedAt, reservedFrom,
                                    resumedAt, reservations), DataTypes.IntegerType);
            return joined.withColumn(CODE, code.apply(joined.col(VERDICT), joined.col(SCOPE), fields[2], fields[3],
                    fields[4], fields[5], fields[6], fields[7]));
        }

        /** Whether each item row passes the checks of the item alone, which need no author. */
        private Column itemChecksPass(Dataset<Row> items) {
            Column[] fields = Columns.of(items, Table.ITEMS, itemColumns);
            ItemHalf half = new ItemHalf(question);
            UserDefinedFunction passes = functions.udf((UDF6<Object, Object, Object, Object, Object, Object, Boolean>)
                    (category, createdAt, deletedAt, reservedFrom, resumedAt, reservations) -> half.itemChecksPass(
                            category, createdAt, deletedAt, reservedFrom, resumedAt, reservations),
                    DataTypes.BooleanType);
            return passes.apply(fields[2], fields[3], fields[4], fields[5], fields[6], fields[7]);
        }

        /** Why each row of {@code coded} cannot be decided. */
        private Column errorOf(Dataset<Row> coded, Dataset<Row> items) {
            Column[] fields = Columns.of(items, Table.ITEMS, itemColumns);
            ItemHalf half = new ItemHalf(question);
            UserDefinedFunction error = functions.udf((UDF10<Row, Long, Long, String, Object, Object, Object, Object,
                    Object, Object, String>) (ids, verdict, scope, memberError, category, createdAt, deletedAt,
                            reservedFrom, resumedAt, reservations) -> half.error(ids.get(0), ids.get(1), verdict, scope,
                                    memberError, category, createdAt, deletedAt, reservedFrom, resumedAt, reservations),
                    DataTypes.StringType);
            return error.apply(functions.struct(fields[0], fields[1]), coded.col(VERDICT), coded.col(SCOPE),
                    coded.col(MEMBER_ERROR), fields[2], fields[3], fields[4], fields[5], fields[6], fields[7]);
        }
    }

    private static Column namesByCode() {
        Column[] names = new Column[REASONS.length];
        for (Reason reason : REASONS) {
            names[reason.ordinal()] = functions.lit(reason.name());
        }
        return functions.array(names);
    }

    private static Column trainableByCode() {
        Column[] trainable = new Column[REASONS.length];
        for (Reason reason : REASONS) {
            trainable[reason.ordinal()] = functions.lit(reason.isTrainable());
        }
        return functions.array(trainable);
    }
}
