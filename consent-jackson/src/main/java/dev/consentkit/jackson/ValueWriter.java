package dev.consentkit.jackson;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.Serializable;

/** Writes a core value as JSON. Serializable, so that the Jackson serializers holding one are. */
@FunctionalInterface
interface ValueWriter<T> extends Serializable {

    void write(T value, JsonGenerator json) throws IOException;
}
