package dev.consentkit.benchmarks.spark;

import dev.consentkit.spark.ConsentFilter;
import dev.consentkit.spark.MemberTables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.jspecify.annotations.Nullable;

/**
 * The ways of answering "which items may train a model at the instant" that the benchmark compares: the
 * module with and without its broadcast of the members' verdicts, and the two SQL forms in the
 * {@code spark-vs-sql} directory.
 */
enum Form {

    /** {@code ConsentFilter.of(policy).broadcastMembers().asOf(asOf)}: the module as its javadoc advises. */
    CONSENT_SPARK("consent-spark", "consent-spark, members broadcast", null),
    /**
     * {@code ConsentFilter.of(policy).broadcastMembers().withUniqueMemberIds().asOf(asOf)}: the module
     * trusting the member ids to be unique, as the SQL forms do.
     */
    CONSENT_SPARK_UNIQUE("consent-spark-unique", "consent-spark, members broadcast, ids trusted unique", null),
    /** {@code ConsentFilter.of(policy).asOf(asOf)}: the module, Spark choosing the join. */
    CONSENT_SPARK_UNHINTED("consent-spark-unhinted", "consent-spark, Spark's join", null),
    /** {@code expert.sql}: higher-order functions over the nested histories, members broadcast. */
    EXPERT_SQL("expert-sql", "expert.sql", "expert"),
    /** {@code first-form.sql}: exploded histories, grouped per member, joined back. */
    FIRST_FORM_SQL("first-form-sql", "first-form.sql", "first-form");

    private final String key;
    private final String title;
    private final @Nullable String file;

    Form(String key, String title, @Nullable String file) {
        this.key = key;
        this.title = title;
        this.file = file;
    }

    /** The name the command line and the result lines use. */
    String key() {
        return key;
    }

    /** The name the result table shows. */
    String title() {
        return title;
    }

    /** Whether this form is one of the SQL files. */
    boolean isSql() {
        return file != null;
    }

    /** The SQL file's name without {@code .sql}, for its plan's file name. */
    String fileStem() {
        if (file == null) {
            throw new IllegalStateException(this + " is not a SQL form");
        }
        return file;
    }

    /** The form whose key is {@code key}. */
    static Form of(String key) {
        for (Form form : values()) {
            if (form.key.equals(key)) {
                return form;
            }
        }
        throw new IllegalArgumentException("no form '" + key + "'; the forms are consent-spark, consent-spark-unique,"
                + " consent-spark-unhinted, expert-sql and first-form-sql");
    }

    /** Only the trainable items, with at least their {@code id}: what is counted. */
    Dataset<Row> trainable(Inputs in) {
        return switch (this) {
            case CONSENT_SPARK -> filter(in, true).trainable(in.items(), MemberTables.nested(in.members()));
            case CONSENT_SPARK_UNIQUE -> unique(in).trainable(in.items(), MemberTables.nested(in.members()));
            case CONSENT_SPARK_UNHINTED -> filter(in, false).trainable(in.items(), MemberTables.nested(in.members()));
            case EXPERT_SQL, FIRST_FORM_SQL -> decided(in).where(functions.col("trainable"));
        };
    }

    /** Every item with {@code trainable} and {@code reason}: the primary reason, or null when undecided. */
    Dataset<Row> decided(Inputs in) {
        return switch (this) {
            case CONSENT_SPARK -> filter(in, true).decide(in.items(), MemberTables.nested(in.members()));
            case CONSENT_SPARK_UNIQUE -> unique(in).decide(in.items(), MemberTables.nested(in.members()));
            case CONSENT_SPARK_UNHINTED -> filter(in, false).decide(in.items(), MemberTables.nested(in.members()));
            case EXPERT_SQL, FIRST_FORM_SQL -> in.spark().sql(sql(in), Map.of("as_of", in.asOf()));
        };
    }

    /** The text of this SQL form as committed. */
    String sql(Inputs in) {
        Path path = in.sqlDirectory().resolve(fileStem() + ".sql");
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the SQL form " + path, e);
        }
    }

    private static ConsentFilter.AsOf unique(Inputs in) {
        return ConsentFilter.of(in.policy()).broadcastMembers().withUniqueMemberIds().asOf(in.asOf());
    }

    private static ConsentFilter.AsOf filter(Inputs in, boolean broadcast) {
        ConsentFilter filter = ConsentFilter.of(in.policy());
        return (broadcast ? filter.broadcastMembers() : filter).asOf(in.asOf());
    }
}
