package dev.consentkit.jackson;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;

/** A Jackson serializer for one core type, writing the same JSON as {@link ConsentDocuments}. */
final class ValueSerializer<T> extends StdSerializer<T> {

    private static final long serialVersionUID = 1L;

    private final ValueWriter<T> writer;

    ValueSerializer(Class<T> type, ValueWriter<T> writer) {
        super(type);
        this.writer = writer;
    }

    @Override
    public void serialize(T value, JsonGenerator json, SerializerProvider provider) throws IOException {
        writer.write(value, json);
    }
}
