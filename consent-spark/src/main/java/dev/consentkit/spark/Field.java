package dev.consentkit.spark;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One field ConsentKit reads from a table: its name (the document field's), what it holds, whether a
 * table may lack it, and for a list, the fields of its elements.
 */
record Field(String name, Kind kind, boolean required, @Nullable List<Field> elements) {

    /** What a field holds, and so which Spark types its column may have. */
    enum Kind {
        /** A string: an id, a key, a code or an enum constant's name. */
        TEXT("a string"),
        /** An instant: a TIMESTAMP, or a string as documents write instants. */
        INSTANT("a TIMESTAMP, or a string such as 2025-11-03T00:00:00Z"),
        /** A calendar date: a DATE, or a string as documents write dates. */
        DATE("a DATE, or a string such as 1990-04-01"),
        /** An array of structs. */
        LIST("an array of structs");

        private final String expected;

        Kind(String expected) {
            this.expected = expected;
        }

        String expected() {
            return expected;
        }
    }

    static Field required(String name, Kind kind) {
        return new Field(name, kind, true, null);
    }

    static Field optional(String name, Kind kind) {
        return new Field(name, kind, false, null);
    }

    static Field list(String name, List<Field> elements) {
        return new Field(name, Kind.LIST, false, List.copyOf(elements));
    }
}
