package dev.consentkit.spark;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Which column of a table holds each field ConsentKit reads: a field not mapped is read from the column
 * of its own name. The fields are those of the ConsentKit documents, such as {@code authorId} and
 * {@code createdAt} of an item; each table's javadoc lists its own ({@link MemberTables},
 * {@link ConsentFilter}). For example, items whose author is in {@code user_id} and whose creation is
 * in {@code created_ts}:
 *
 * <pre>{@code
 * ColumnNames items = ColumnNames.defaults().map("authorId", "user_id").map("createdAt", "created_ts");
 * }</pre>
 *
 * <p>A mapping names columns, never expressions: compute a column with Spark first when the value needs
 * work. A field mapped that the table does not have is reported when the mapping is used, with the
 * table's fields. Immutable.
 */
public final class ColumnNames {

    private static final ColumnNames DEFAULTS = new ColumnNames(Map.of());

    private final Map<String, String> columns;

    private ColumnNames(Map<String, String> columns) {
        this.columns = columns;
    }

    /** {@return the mapping that reads every field from the column of its own name} */
    public static ColumnNames defaults() {
        return DEFAULTS;
    }

    /**
     * A copy that reads {@code field} from {@code column}.
     *
     * @param field a field of the table, such as {@code authorId}
     * @param column the name of the top-level column of the table that holds it, as the table's schema
     *     writes it, without quoting (a name that differs only in case is found too, when it is the only
     *     one)
     * @return the copy
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code field} or {@code column} is blank, or {@code field} is
     *     mapped already; the message shows both columns
     */
    public ColumnNames map(String field, String column) {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(column, "column");
        if (field.isBlank() || column.isBlank()) {
            throw new IllegalArgumentException("a field and its column need names: field '" + field + "', column '"
                    + column + "'");
        }
        String before = columns.get(field);
        if (before != null) {
            throw new IllegalArgumentException("field " + field + " is mapped to column '" + before
                    + "' already; it cannot also be read from '" + column + "'");
        }
        Map<String, String> copy = new LinkedHashMap<>(columns);
        copy.put(field, column);
        return new ColumnNames(Map.copyOf(copy));
    }

    /**
     * {@return the column that holds {@code field}: the one mapped, or the field's own name}
     *
     * @param field a field of the table
     */
    public String column(String field) {
        return columns.getOrDefault(Objects.requireNonNull(field, "field"), field);
    }

    /** {@return the fields mapped to a column of another name} */
    Iterable<String> mappedFields() {
        return columns.keySet();
    }

    /** Equal when every field is read from the same column. */
    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof ColumnNames c && columns.equals(c.columns);
    }

    @Override
    public int hashCode() {
        return columns.hashCode();
    }

    /** The mapped fields, such as {@code ColumnNames{authorId=user_id}}. */
    @Override
    public String toString() {
        return "ColumnNames" + new java.util.TreeMap<>(columns);
    }
}
