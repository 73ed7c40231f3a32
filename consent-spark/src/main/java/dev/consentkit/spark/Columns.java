package dev.consentkit.spark;

import dev.consentkit.spark.Field.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NullType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.jspecify.annotations.Nullable;

/**
 * The columns of a user's table as ConsentKit reads them: found through the {@link ColumnNames}, their
 * types checked when the plan is built, and each turned into the form the executors read
 * ({@link Values}): a TIMESTAMP into its microseconds ({@code unix_micros}) and a DATE into its days
 * ({@code unix_date}), both exact and independent of the session's time zone; text stays text; a list
 * of structs stays as it is, its fields' types checked here and its values read by name on the
 * executors ({@link Values}). A field the table lacks is {@code null} when it is optional and an error
 * naming the table's columns when it is required.
 */
final class Columns {

    private Columns() {}

    /**
     * The fields of {@code table} read from {@code data}, in the table's order, each named after its field.
     *
     * @throws IllegalArgumentException if a mapped field is not one of the table's, a required column is
     *     missing, or a column has a type its field cannot have; the message names the column, its type
     *     and what was expected
     */
    static Column[] of(Dataset<Row> data, Table table, ColumnNames names) {
        checkMapped(table, names);
        List<Column> columns = new ArrayList<>();
        for (Field field : table.fields()) {
            columns.add(column(data, table, field, names.column(field.name())).as(field.name()));
        }
        return columns.toArray(new Column[0]);
    }

    /**
     * The one field {@code name} of {@code table} read from {@code data}, as {@link #of} reads it.
     *
     * @throws IllegalArgumentException as {@link #of}
     */
    static Column one(Dataset<Row> data, Table table, ColumnNames names, String name) {
        checkMapped(table, names);
        return column(data, table, table.field(name), names.column(name));
    }

    private static void checkMapped(Table table, ColumnNames names) {
        for (String mapped : names.mappedFields()) {
            if (table.fields().stream().noneMatch(f -> f.name().equals(mapped))) {
                throw new IllegalArgumentException("the " + table.title() + " have no field " + mapped
                        + " to map to a column; their fields are " + fieldNames(table.fields()));
            }
        }
    }

    private static Column column(Dataset<Row> data, Table table, Field field, String name) {
        StructField found = find(data.schema(), name);
        String column = "column '" + name + "'" + (name.equals(field.name()) ? "" : " (field " + field.name() + ")");
        String what = "column '" + name + "' of the " + table.title()
                + (name.equals(field.name()) ? "" : " (field " + field.name() + ")");
        if (found == null) {
            if (field.required()) {
                throw new IllegalArgumentException("the " + table.title() + " have no " + column + "; their columns are "
                        + List.of(data.columns()) + "; name the column that holds " + field.name()
                        + " with ColumnNames.map(\"" + field.name() + "\", column)");
            }
            return functions.lit(null).cast(DataTypes.StringType);
        }
        return convert(data.col(quoted(found.name())), found.dataType(), field, what);
    }

    private static Column convert(Column column, DataType type, Field field, String what) {
        if (type instanceof NullType) {
            return functions.lit(null).cast(DataTypes.StringType);
        }
        Kind kind = field.kind();
        if (kind == Kind.TEXT && type.equals(DataTypes.StringType)) {
            return column;
        }
        if (kind == Kind.INSTANT && (type.equals(DataTypes.StringType) || type.equals(DataTypes.TimestampType))) {
            return type.equals(DataTypes.TimestampType) ? functions.unix_micros(column) : column;
        }
        if (kind == Kind.DATE && (type.equals(DataTypes.StringType) || type.equals(DataTypes.DateType))) {
            return type.equals(DataTypes.DateType) ? functions.unix_date(column) : column;
        }
        if (kind == Kind.LIST && type instanceof ArrayType array && array.elementType() instanceof StructType element) {
            List<Field> fields = field.elements();
            if (fields == null) {
                throw new IllegalStateException("list field " + field.name() + " without element fields");
            }
            for (Field f : fields) {
                if (f.required() && element.getFieldIndex(f.name()).isEmpty()) {
                    throw new IllegalArgumentException(what + " holds structs without the field " + f.name()
                            + "; its structs have " + List.of(element.fieldNames()));
                }
            }
            for (StructField inner : element.fields()) {
                Field f = fields.stream().filter(candidate -> candidate.name().equals(inner.name())).findFirst()
                        .orElse(null);
                if (f != null) {
                    checkElementType(inner.dataType(), f, what + " field " + f.name());
                }
            }
            // Read as they are, the executors find the fields by name (Values.field): a TIMESTAMP in a
            // list arrives as Spark's Timestamp or Instant, which Values turns back exactly. Rewriting
            // every list in the plan (transform) would cost more than the rest of the member half.
            return column;
        }
        if (kind == Kind.LIST && type instanceof ArrayType array
                && (array.elementType().equals(DataTypes.StringType) || array.elementType() instanceof NullType)) {
            // What Spark's JSON reader infers for a list that is empty on every line: read as it is, and any
            // element found is refused, with the row, when it is read (Values.rows).
            return column;
        }
        String timeZoneFree = type.equals(DataTypes.TimestampNTZType)
                ? " (a TIMESTAMP_NTZ has no time zone, so it names no instant: convert it with to_utc_timestamp in"
                        + " the zone it was recorded in)" : "";
        throw new IllegalArgumentException(what + " is of type " + type.sql() + timeZoneFree + "; expected "
                + kind.expected());
    }

    /** Checks that a field of a list's structs has a type its field can have, as {@link #convert} does. */
    private static void checkElementType(DataType type, Field field, String what) {
        Kind kind = field.kind();
        boolean text = type.equals(DataTypes.StringType);
        boolean fits = type instanceof NullType
                || (kind == Kind.TEXT && text)
                || (kind == Kind.INSTANT && (text || type.equals(DataTypes.TimestampType)))
                || (kind == Kind.DATE && (text || type.equals(DataTypes.DateType)));
        if (!fits) {
            convert(functions.lit(null), type, field, what);
        }
    }

    /** The field of {@code schema} named {@code name}: exactly, or else the one that differs only in case. */
    static @Nullable StructField find(StructType schema, String name) {
        StructField caseless = null;
        int caselessCount = 0;
        for (StructField f : schema.fields()) {
            if (f.name().equals(name)) {
                return f;
            }
            if (f.name().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                caseless = f;
                caselessCount++;
            }
        }
        return caselessCount == 1 ? caseless : null;
    }

    /** A column name as Spark's resolver takes it literally: in backticks, backticks doubled. */
    static String quoted(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    private static List<String> fieldNames(List<Field> fields) {
        List<String> names = new ArrayList<>();
        for (Field f : fields) {
            names.add(f.name());
        }
        return names;
    }
}
