package dev.consentkit.spark;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.jspecify.annotations.Nullable;
import scala.Option;

/**
 * Reads some fields of structs by name, finding their positions once for each struct type it meets
 * rather than for every row: the rows of one data set share their type. Thread-safe: a type and its
 * positions are replaced together, as one immutable value. Yet each thread should have its own: the
 * tasks of one executor each make their own type objects, so a reader shared by two tasks would find
 * the positions again at almost every row, as the two types took turns.
 */
final class StructReader {

    private final String[] names;
    private @Nullable Positions last;

    /** The positions of the names in one struct type, -1 for a name the type lacks. */
    private static final class Positions {
        final StructType type;
        final int[] of;

        Positions(StructType type, int[] of) {
            this.type = type;
            this.of = of;
        }
    }

    /**
     * A reader of the fields {@code names}, later asked for by their index in this list.
     *
     * @param names the fields' names
     */
    StructReader(String... names) {
        this.names = names.clone();
    }

    /**
     * {@return the value of the field {@code names[field]} of {@code row}, {@code null} when its type has no such field}
     *
     * @throws IllegalArgumentException if the row has no schema, so no field names
     */
    @Nullable Object get(Row row, int field) {
        StructType type = row.schema();
        if (type == null) {
            throw new IllegalArgumentException("a struct without field names; give a struct with named fields");
        }
        Positions positions = last;
        // By identity: the rows of one data set share their type object, and comparing types by value
        // would cost more than finding the positions again.
        @SuppressWarnings("ReferenceEquality")
        boolean known = positions != null && positions.type == type;
        if (!known || positions == null) {
            int[] of = new int[names.length];
            for (int i = 0; i < of.length; i++) {
                Option<Object> index = type.getFieldIndex(names[i]);
                of[i] = index.isEmpty() ? -1 : (Integer) index.get();
            }
            positions = new Positions(type, of);
            last = positions;
        }
        int position = positions.of[field];
        return position < 0 ? null : row.get(position);
    }
}
