package dev.consentkit.jackson;

import org.jspecify.annotations.Nullable;

/**
 * Where a {@link Form}'s object was written, and how it is read: what {@link Form#bind(Binding)} needs
 * to report a missing field or a problem with the object as a whole at the object, and to read
 * consent events with the reader's clock-skew tolerance.
 *
 * @param path the object's JSONPath from the document's root
 * @param line the 1-based line of the object's first character
 * @param column the 1-based column of the object's first character
 * @param options how the reading was asked to read, such as its clock-skew tolerance
 */
record Binding(String path, long line, int column, ReadOptions options) {

    /** The field's value, which the form must have. */
    <V> V required(@Nullable V value, String field, String expected) throws ConsentDocumentException {
        if (value == null) {
            throw missing(field, expected);
        }
        return value;
    }

    /** This object lacks a field it needs. */
    ConsentDocumentException missing(String field, String expected) {
        return new ConsentDocumentException(JsonPaths.field(path, field), null, line, column,
                "missing field \"" + field + "\"", expected, null);
    }

    /** A problem with the object as a whole, caused by {@code cause} when there is one. */
    ConsentDocumentException fail(String problem, String expected, @Nullable Throwable cause) {
        return new ConsentDocumentException(path, "{…}", line, column, problem, expected, cause);
    }
}
