package dev.consentkit.jackson;

import java.io.Serializable;

/**
 * Binds a {@link Node} to a core value, calling the core's own constructors and factories so that
 * a changed core signature breaks this module's build rather than a reader at run time.
 * Serializable, so that the Jackson deserializers holding one are.
 */
@FunctionalInterface
interface NodeReader<T> extends Serializable {

    T read(Node node) throws ConsentDocumentException;
}
