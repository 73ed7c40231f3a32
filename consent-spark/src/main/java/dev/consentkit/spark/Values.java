package dev.consentkit.spark;

import dev.consentkit.jackson.ConsentDocuments;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.util.DateTimeUtils;
import org.apache.spark.sql.types.StructType;
import org.jspecify.annotations.Nullable;
import scala.Option;

/**
 * Turns the values Spark hands a function into ConsentKit's: instants and dates exactly, whatever
 * {@code spark.sql.session.timeZone} says, and text as the documents write it.
 *
 * <p>An instant arrives as the microseconds of the epoch (the module's plans read top-level TIMESTAMP
 * columns with {@code unix_micros}), as text (read by {@link ConsentDocuments#readInstant}, to the
 * nanosecond), or as the {@link java.sql.Timestamp} or {@link Instant} Spark converts a TIMESTAMP to
 * (those inside lists, and every one in the SQL functions): a {@code Timestamp} is turned back into
 * Spark's microseconds by Spark's own inverse of that conversion, exact for every instant, also before
 * 1900, where Spark moves it to the hybrid Julian calendar. A date arrives as days of the epoch
 * ({@code unix_date}), as text, or as the {@link java.sql.Date} or {@link LocalDate} Spark converts a DATE
 * to, turned back the same way. Every other value is refused with a message that names it.
 */
final class Values {

    private static final long MICROS_PER_SECOND = 1_000_000L;
    private static final long NANOS_PER_MICRO = 1_000L;

    private Values() {}

    /** {@return the instant {@code value} holds, or {@code null}} The message of a refusal starts with {@code what}. */
    static @Nullable Instant instant(@Nullable Object value, String what) {
        if (value == null) {
            return null;
        }
        if (value instanceof Long micros) {
            return micros(micros);
        }
        if (value instanceof String text) {
            try {
                return ConsentDocuments.readInstant(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(what + ": " + e.getMessage(), e);
            }
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            // Spark made this Timestamp from its microseconds, moved to the hybrid Julian calendar for
            // instants before 1900 in the JVM's zone; its own inverse gives the microseconds back exactly.
            return micros(DateTimeUtils.fromJavaTimestamp(timestamp));
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof LocalDateTime local) {
            throw new IllegalArgumentException(what + " is a TIMESTAMP_NTZ, " + local
                    + ", which is no instant without a time zone; give a TIMESTAMP or UTC text");
        }
        throw new IllegalArgumentException(what + " is " + value.getClass().getSimpleName() + " " + value
                + "; expected " + Field.Kind.INSTANT.expected());
    }

    private static Instant micros(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, MICROS_PER_SECOND),
                Math.floorMod(micros, MICROS_PER_SECOND) * NANOS_PER_MICRO);
    }

    /** {@return the date {@code value} holds, or {@code null}} */
    static @Nullable LocalDate date(@Nullable Object value, String what) {
        if (value == null) {
            return null;
        }
        if (value instanceof Integer days) {
            return LocalDate.ofEpochDay(days);
        }
        if (value instanceof String text) {
            try {
                return ConsentDocuments.readDate(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(what + ": " + e.getMessage(), e);
            }
        }
        if (value instanceof java.sql.Date date) {
            return LocalDate.ofEpochDay(DateTimeUtils.fromJavaDate(date));
        }
        if (value instanceof LocalDate date) {
            return date;
        }
        throw new IllegalArgumentException(what + " is " + value.getClass().getSimpleName() + " " + value
                + "; expected " + Field.Kind.DATE.expected());
    }

    /** {@return the text {@code value} holds, or {@code null}} */
    static @Nullable String text(@Nullable Object value, String what) {
        if (value == null || value instanceof String) {
            return (String) value;
        }
        throw new IllegalArgumentException(what + " is " + value.getClass().getSimpleName() + " " + value
                + "; expected a string");
    }

    /** {@return the text {@code value} holds} A missing value is refused. */
    static String requiredText(@Nullable Object value, String what) {
        String text = text(value, what);
        if (text == null) {
            throw new IllegalArgumentException(what + " is missing");
        }
        return text;
    }

    /** {@return the structs of an array value, empty for {@code null}} */
    static List<Row> rows(@Nullable Object value, String what) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof scala.collection.mutable.ArraySeq<?> seq && seq.array() instanceof Object[] array) {
            // What Spark makes of an array column: its elements are checked in place, not copied.
            return rowsOf(Arrays.asList(array), what);
        }
        if (value instanceof scala.collection.Seq<?> seq) {
            int size = seq.length();
            List<Row> rows = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                if (!(seq.apply(i) instanceof Row row)) {
                    throw notAStruct(what, i, seq.apply(i));
                }
                rows.add(row);
            }
            return rows;
        }
        if (value instanceof List<?> list) {
            return rowsOf(list, what);
        }
        throw new IllegalArgumentException(what + " is " + value.getClass().getSimpleName() + "; expected "
                + Field.Kind.LIST.expected());
    }

    private static IllegalArgumentException notAStruct(String what, int index, @Nullable Object element) {
        return new IllegalArgumentException(what + "[" + index + "] is " + (element == null ? "null"
                : element.getClass().getSimpleName() + " " + element) + "; expected a struct");
    }

    private static List<Row> rowsOf(List<?> list, String what) {
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Row)) {
                throw notAStruct(what, i, list.get(i));
            }
        }
        @SuppressWarnings("unchecked")
        List<Row> rows = (List<Row>) list;
        return rows;
    }

    /** {@return the value of the field {@code name} of a struct, {@code null} when the struct has no such field} */
    static @Nullable Object field(Row row, String name) {
        StructType schema = row.schema();
        if (schema == null) {
            throw new IllegalArgumentException("a struct without field names; give a struct with named fields");
        }
        Option<Object> index = schema.getFieldIndex(name);
        return index.isEmpty() ? null : row.get((Integer) index.get());
    }

    /** {@return the constant of {@code type} named {@code name}} The refusal lists the names. */
    static <E extends Enum<E>> E constant(Class<E> type, String name, String what) {
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            List<String> names = new ArrayList<>();
            for (E constant : type.getEnumConstants()) {
                names.add(constant.name());
            }
            throw new IllegalArgumentException(what + " is '" + name + "'; expected one of " + names, e);
        }
    }
}
