package dev.consentkit.benchmarks.export;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code consent evaluate} does, done by DuckDB: reads a policy, a members export and an items
 * export, decides every item at one instant with the SQL of {@code evaluate-vs-duckdb/evaluate.sql},
 * and writes one NDJSON record per item with DuckDB's own JSON writer, in the items' order:
 *
 * <pre>{"itemId":"i-0000001","memberId":"m-000042","trainable":true,"reason":"ALLOWED_BY_DEFAULT"}</pre>
 *
 * <p>The database is in memory and runs on DuckDB's default number of threads (one per core). The SQL
 * file is run as it is, after four {@code SET VARIABLE} statements that name the files and the
 * instant; it defines the view {@code decisions}, which {@code COPY decisions TO 'FILE' (FORMAT json)} writes.
 *
 * <pre>
 * DuckDbEvaluate --sql evaluate.sql --policy policy.json --members members.ndjson --items items.ndjson \
 *     --as-of 2025-11-04 --output decisions.ndjson
 * DuckDbEvaluate --sql evaluate.sql --policy ... --as-of 2025-11-04 --explain
 * </pre>
 *
 * With {@code --explain}, it prints DuckDB's {@code EXPLAIN} of that statement instead of running it.
 */
public final class DuckDbEvaluate {

    /** The statement that writes the decisions, with the output file as a string literal for {@code %s}. */
    public static final String COPY = "COPY decisions TO %s (FORMAT json)";

    private DuckDbEvaluate() {}

    /**
     * Runs the SQL, or explains it.
     *
     * @param args {@code --sql FILE --policy FILE --members FILE --items FILE --as-of INSTANT}, then
     *     {@code --output FILE} or {@code --explain}; an instant is an ISO-8601 UTC instant or a date
     *     (midnight UTC)
     * @throws IOException if a file cannot be read
     * @throws SQLException if DuckDB fails
     */
    public static void main(String[] args) throws IOException, SQLException {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--explain")) {
                options.put("--explain", "");
            } else if (args[i].startsWith("--") && i + 1 < args.length) {
                options.put(args[i], args[++i]);
            } else {
                usage("unexpected argument '" + args[i] + "'");
            }
        }
        for (String required : new String[] {"--sql", "--policy", "--members", "--items", "--as-of"}) {
            if (!options.containsKey(required)) {
                usage("missing " + required);
            }
        }
        boolean explain = options.containsKey("--explain");
        if (explain == options.containsKey("--output")) {
            usage("give either --output FILE or --explain");
        }
        Inputs inputs = new Inputs(Path.of(options.get("--sql")), Path.of(options.get("--policy")),
                Path.of(options.get("--members")), Path.of(options.get("--items")), parseInstant(options.get("--as-of")));
        if (explain) {
            System.out.print(explain(inputs));
            return;
        }
        long start = System.nanoTime();
        evaluate(inputs, Path.of(options.get("--output")));
        System.err.printf(Locale.ROOT, "DuckDB wrote %s in %.2f s%n", options.get("--output"),
                (System.nanoTime() - start) / 1e9);
    }

    /**
     * The files and the instant the SQL is run on.
     *
     * @param sql the SQL file
     * @param policy the policy document
     * @param members the members export
     * @param items the items export
     * @param asOf the instant of use
     */
    public record Inputs(Path sql, Path policy, Path members, Path items, Instant asOf) {}

    /**
     * Decides every item of {@code inputs} and writes the records to {@code output}.
     *
     * @param inputs the SQL, the files and the instant
     * @param output the NDJSON file to write, replaced if it exists
     * @throws IOException if the SQL file cannot be read
     * @throws SQLException if DuckDB fails, also for a file it cannot read or a rule the SQL does not do
     */
    public static void evaluate(Inputs inputs, Path output) throws IOException, SQLException {
        try (Connection connection = open(inputs); Statement statement = connection.createStatement()) {
            statement.execute(String.format(Locale.ROOT, COPY, literal(output.toString())));
        }
    }

    /**
     * DuckDB's {@code EXPLAIN} of the statement {@link #evaluate} runs, with the output file
     * {@code decisions.ndjson}: the physical plan, as DuckDB prints it.
     *
     * @param inputs the SQL, the files and the instant (the plan's estimates depend on the files)
     * @return the plan, ending in a line break
     * @throws IOException if the SQL file cannot be read
     * @throws SQLException if DuckDB fails
     */
    public static String explain(Inputs inputs) throws IOException, SQLException {
        StringBuilder plan = new StringBuilder();
        try (Connection connection = open(inputs); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("EXPLAIN " + String.format(Locale.ROOT, COPY, literal("decisions.ndjson")))) {
            while (rows.next()) {
                plan.append(rows.getString(2).stripTrailing()).append('\n');
            }
        }
        return plan.toString();
    }

    private static Connection open(Inputs inputs) throws IOException, SQLException {
        String sql = Files.readString(inputs.sql(), StandardCharsets.UTF_8);
        Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET VARIABLE policy_file = " + literal(inputs.policy().toString()));
            statement.execute("SET VARIABLE members_file = " + literal(inputs.members().toString()));
            statement.execute("SET VARIABLE items_file = " + literal(inputs.items().toString()));
            statement.execute("SET VARIABLE as_of = TIMESTAMPTZ " + literal(inputs.asOf().toString()));
            statement.execute(sql);
            return connection;
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /**
     * An instant as {@code consent evaluate} reads one: an ISO-8601 UTC instant, or a date meaning
     * midnight UTC.
     *
     * @param text the instant or date
     * @return the instant
     * @throws DateTimeParseException if {@code text} is neither
     */
    public static Instant parseInstant(String text) {
        if (text.length() == 10) {
            return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        return Instant.parse(text);
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    private static void usage(String problem) {
        System.err.println("DuckDbEvaluate: " + problem + "\nusage: DuckDbEvaluate --sql FILE --policy FILE --members FILE"
                + " --items FILE --as-of INSTANT (--output FILE | --explain)");
        System.exit(2);
    }
}
