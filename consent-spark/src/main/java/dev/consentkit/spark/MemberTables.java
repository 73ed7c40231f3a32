package dev.consentkit.spark;

import java.util.Objects;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.jspecify.annotations.Nullable;

/**
 * Where the members are: the data sets {@link ConsentFilter} reads the members' histories from. Two
 * shapes:
 *
 * <ul>
 *   <li><b>nested</b> ({@link #nested}): one row per member in the shape of a member document, as
 *       {@code spark.read().json(...)} reads a file of member documents or Parquet keeps them: {@code id},
 *       {@code birthDate}, {@code closedAt}, and the arrays of structs {@code jurisdictions}
 *       ({@code jurisdiction}, {@code from}), {@code closures} ({@code closedAt}, {@code reopenedAt}) and
 *       {@code consent} ({@code id}, {@code purpose}, {@code choice}, {@code effectiveAt},
 *       {@code recordedAt}, {@code channel}). The top-level columns can be mapped with
 *       {@link ColumnNames}; the structs' fields are read by these names.
 *   <li><b>tables</b> ({@link #of}): members ({@code id}, {@code birthDate}, {@code closedAt}) and, each
 *       optional, residences ({@code memberId}, {@code jurisdiction}, {@code from}), consent events
 *       ({@code memberId}, {@code id}, {@code purpose}, {@code choice}, {@code effectiveAt},
 *       {@code recordedAt}, {@code channel}) and closures ({@code memberId}, {@code closedAt},
 *       {@code reopenedAt}), one row each, every column mappable. Spark groups them by member.
 * </ul>
 *
 * <p>Instants are TIMESTAMP columns or UTC text as documents write it; dates are DATE columns or text;
 * ids, keys and codes are strings; {@code choice} and {@code channel} are the names of
 * {@link dev.consentkit.ConsentChoice} and {@link dev.consentkit.ConsentChannel} constants. Residences and
 * closures may come in any order. A row of residences, consent events or closures whose member has no
 * member row decides nothing: the items of such a member are reported as having no member row. Immutable;
 * nothing is read until a decision is asked for.
 */
public final class MemberTables {

    private final Dataset<Row> members;
    private final ColumnNames memberColumns;
    private final boolean nested;
    private final @Nullable Part residences;
    private final @Nullable Part consentEvents;
    private final @Nullable Part closures;

    /** One optional table of the tables shape. */
    private record Part(Dataset<Row> rows, ColumnNames columns) {}

    private MemberTables(Dataset<Row> members, ColumnNames memberColumns, boolean nested, @Nullable Part residences,
            @Nullable Part consentEvents, @Nullable Part closures) {
        this.members = members;
        this.memberColumns = memberColumns;
        this.nested = nested;
        this.residences = residences;
        this.consentEvents = consentEvents;
        this.closures = closures;
    }

    /**
     * Members with nested histories, each column named as its field.
     *
     * @param members one row per member, in the shape of a member document
     * @return the member tables
     * @throws NullPointerException if {@code members} is null
     */
    public static MemberTables nested(Dataset<Row> members) {
        return nested(members, ColumnNames.defaults());
    }

    /**
     * Members with nested histories, their top-level columns mapped.
     *
     * @param members one row per member, in the shape of a member document
     * @param columns which column holds each top-level field ({@code id}, {@code birthDate},
     *     {@code closedAt}, {@code jurisdictions}, {@code closures}, {@code consent})
     * @return the member tables
     * @throws NullPointerException if an argument is null
     */
    public static MemberTables nested(Dataset<Row> members, ColumnNames columns) {
        return new MemberTables(Objects.requireNonNull(members, "members"), Objects.requireNonNull(columns, "columns"),
                true, null, null, null);
    }

    /**
     * Members one row each, their histories in tables added with {@link #withResidences},
     * {@link #withConsentEvents} and {@link #withClosures}; each column named as its field.
     *
     * @param members one row per member: {@code id}, and optionally {@code birthDate} and {@code closedAt}
     * @return the member tables
     * @throws NullPointerException if {@code members} is null
     */
    public static MemberTables of(Dataset<Row> members) {
        return of(members, ColumnNames.defaults());
    }

    /**
     * Members one row each, their columns mapped.
     *
     * @param members one row per member
     * @param columns which column holds {@code id}, {@code birthDate} and {@code closedAt}
     * @return the member tables
     * @throws NullPointerException if an argument is null
     */
    public static MemberTables of(Dataset<Row> members, ColumnNames columns) {
        return new MemberTables(Objects.requireNonNull(members, "members"), Objects.requireNonNull(columns, "columns"),
                false, null, null, null);
    }

    /**
     * A copy with the members' residences, each column named as its field.
     *
     * @param residences one row per move: {@code memberId}, {@code jurisdiction} and {@code from}
     *     ({@code null} for as far back as known)
     * @return the copy
     * @throws NullPointerException if {@code residences} is null
     * @throws IllegalStateException if the members are nested, or residences were given already
     */
    public MemberTables withResidences(Dataset<Row> residences) {
        return withResidences(residences, ColumnNames.defaults());
    }

    /**
     * A copy with the members' residences, their columns mapped.
     *
     * @param residences one row per move
     * @param columns which column holds {@code memberId}, {@code jurisdiction} and {@code from}
     * @return the copy
     * @throws NullPointerException if an argument is null
     * @throws IllegalStateException if the members are nested, or residences were given already
     */
    public MemberTables withResidences(Dataset<Row> residences, ColumnNames columns) {
        checkAdding("residences", this.residences);
        return new MemberTables(members, memberColumns, false, part(residences, columns), consentEvents, closures);
    }

    /**
     * A copy with the members' consent events, each column named as its field.
     *
     * @param events one row per consent event
     * @return the copy
     * @throws NullPointerException if {@code events} is null
     * @throws IllegalStateException if the members are nested, or consent events were given already
     */
    public MemberTables withConsentEvents(Dataset<Row> events) {
        return withConsentEvents(events, ColumnNames.defaults());
    }

    /**
     * A copy with the members' consent events, their columns mapped.
     *
     * @param events one row per consent event
     * @param columns which column holds {@code memberId}, {@code id}, {@code purpose}, {@code choice},
     *     {@code effectiveAt}, {@code recordedAt} and {@code channel}
     * @return the copy
     * @throws NullPointerException if an argument is null
     * @throws IllegalStateException if the members are nested, or consent events were given already
     */
    public MemberTables withConsentEvents(Dataset<Row> events, ColumnNames columns) {
        checkAdding("consent events", consentEvents);
        return new MemberTables(members, memberColumns, false, residences, part(events, columns), closures);
    }

    /**
     * A copy with the members' account closures, each column named as its field.
     *
     * @param closures one row per closure
     * @return the copy
     * @throws NullPointerException if {@code closures} is null
     * @throws IllegalStateException if the members are nested, or closures were given already
     */
    public MemberTables withClosures(Dataset<Row> closures) {
        return withClosures(closures, ColumnNames.defaults());
    }

    /**
     * A copy with the members' account closures, their columns mapped.
     *
     * @param closures one row per closure
     * @param columns which column holds {@code memberId}, {@code closedAt} and {@code reopenedAt}
     * @return the copy
     * @throws NullPointerException if an argument is null
     * @throws IllegalStateException if the members are nested, or closures were given already
     */
    public MemberTables withClosures(Dataset<Row> closures, ColumnNames columns) {
        checkAdding("closures", this.closures);
        return new MemberTables(members, memberColumns, false, residences, consentEvents, part(closures, columns));
    }

    private void checkAdding(String what, @Nullable Part before) {
        if (nested) {
            throw new IllegalStateException("the members' histories are nested in their rows; " + what
                    + " cannot be added as a table (use MemberTables.of for members in tables)");
        }
        if (before != null) {
            throw new IllegalStateException(what + " were given already; union the data sets first");
        }
    }

    private static Part part(Dataset<Row> rows, ColumnNames columns) {
        return new Part(Objects.requireNonNull(rows, "rows"), Objects.requireNonNull(columns, "columns"));
    }

    /**
     * One row per member row in the nested shape, every field in the form the executors read
     * ({@link Columns}): {@code id}, {@code birthDate}, {@code closedAt}, {@code jurisdictions},
     * {@code closures}, {@code consent}.
     *
     * @throws IllegalArgumentException if a column is missing or of the wrong type
     */
    Dataset<Row> normalForm() {
        if (nested) {
            return members.select(Columns.of(members, Table.NESTED_MEMBERS, memberColumns));
        }
        Dataset<Row> rows = members.select(Columns.of(members, Table.MEMBERS, memberColumns));
        rows = withList(rows, residences, Table.RESIDENCES, "jurisdictions");
        rows = withList(rows, closures, Table.CLOSURES, "closures");
        rows = withList(rows, consentEvents, Table.CONSENT_EVENTS, "consent");
        return rows.select("id", "birthDate", "closedAt", "jurisdictions", "closures", "consent");
    }

    /** Adds the list column {@code name}: the rows of {@code part} of each member, or null without the table. */
    private static Dataset<Row> withList(Dataset<Row> members, @Nullable Part part, Table table, String name) {
        if (part == null) {
            return members.withColumn(name, functions.lit(null).cast("array<struct<none:string>>"));
        }
        Column[] fields = Columns.of(part.rows(), table, part.columns());
        Column[] element = new Column[fields.length - 1];
        for (int i = 1; i < fields.length; i++) {
            element[i - 1] = functions.col(table.fields().get(i).name());
        }
        String key = "__consentkit_member";
        Dataset<Row> lists = part.rows().select(fields)
                .groupBy(functions.col("memberId").as(key))
                .agg(functions.collect_list(functions.struct(element)).as(name));
        return members.join(lists, members.col("id").equalTo(lists.col(key)), "left_outer").drop(key);
    }
}
