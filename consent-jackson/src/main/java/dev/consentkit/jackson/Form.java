package dev.consentkit.jackson;

/**
 * The JSON shape of a ConsentKit value as Jackson binds it: a record whose components are the fields
 * of its JSON form, in the order the form documents them, each read by Jackson's own deserializers
 * (instants, dates and identifiers through {@link Scalars}). {@link #bind(Binding)} then checks what
 * spans several fields and builds the value with the core's own factories, so that a changed core
 * signature breaks this module's build rather than a reader at run time. Every form that is an object
 * ends with a component that collects the fields it does not define, read with {@link UnknownFields},
 * which refuses them where they are met.
 *
 * <p>A form is read through {@link FormDeserializer}, which makes it as strict in any mapper as in
 * {@link ConsentDocuments} and turns every problem into a located {@link ConsentDocumentException}.
 *
 * @param <T> the core value the form describes
 */
interface Form<T> {


    /**
     * The value this form describes.
     *
     * @param at where the form's object is, for problems that concern it as a whole or a missing field
     * @throws ConsentDocumentException if a field is missing or the fields do not make a valid value
     * @throws IllegalArgumentException if the core rejects the value; reported at the form's object
     */
    T bind(Binding at) throws ConsentDocumentException;

    /**
     * A form of a whole document, with its {@code format} field.
     *
     * @param <T> the core value the document describes
     */
    interface OfDocument<T> extends Form<T> {

        /** {@return the major version the document's {@code format} declares, or {@code null} when it has none} */
        Integer format();
    }
}
