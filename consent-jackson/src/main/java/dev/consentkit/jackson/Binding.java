package dev.consentkit.jackson;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Where a {@link Form}'s object was written, and how it is read: what {@link Form#bind(Binding)} needs
 * to report a missing field or a problem with the object as a whole at the object, and to read
 * consent events with the reader's clock-skew tolerance.
 *
 * @param object the form's object, where it was written
 * @param options how the reading was asked to read, such as its clock-skew tolerance
 */
record Binding(Located<?> object, ReadOptions options) {

    /** The binding of a form read inside this one, such as a version of a policy. */
    Binding inside(Located<?> part) {
        return new Binding(part, options);
    }

    /** The field's value, which the form must have. */
    <V> V required(@Nullable V value, String field, String expected) throws ConsentDocumentException {
        if (value == null) {
            throw missing(field, expected);
        }
        return value;
    }

    /** The value of a field the form must have. */
    <V> V value(@Nullable Located<V> field, String name, String expected) throws ConsentDocumentException {
        return required(field, name, expected).value();
    }

    /** The elements of an array field the form must have, none of them {@code null}. */
    <E> List<E> list(@Nullable Located<List<E>> array, String field, String expected) throws ConsentDocumentException {
        Located<List<E>> located = required(array, field, expected);
        List<E> elements = located.value();
        int index = elements.indexOf(null);
        if (index >= 0) {
            throw new ConsentDocumentException(located.path() + "[" + index + "]", "null", located.line(), located.column(),
                    "element " + index + " is null", expected, null);
        }
        return elements;
    }

    /** This object lacks a field it needs. */
    ConsentDocumentException missing(String field, String expected) {
        return new ConsentDocumentException(JsonPaths.field(object.path(), field), null, object.line(), object.column(),
                "missing field \"" + field + "\"", expected, null);
    }

    /** A problem with the object as a whole, caused by {@code cause} when there is one. */
    ConsentDocumentException fail(String problem, String expected, @Nullable Throwable cause) {
        return object.fail(problem, expected, cause);
    }
}
