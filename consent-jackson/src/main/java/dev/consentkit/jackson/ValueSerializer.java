package dev.consentkit.jackson;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.WritableTypeId;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.util.TokenBuffer;
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

    /**
     * Writes the value with the type id its owner's mapper asks for (default typing, or a property
     * declared as {@code Object}): the value is written first into a buffer, so that the type id is
     * given the shape the value has (an object, a string), and then copied out between the type id's
     * prefix and suffix. For an object the prefix opens it (the type id may be one of its properties)
     * and the suffix closes it, so only its properties are copied. The matching deserializer reads it
     * back through Jackson's own type handling.
     */
    @Override
    public void serializeWithType(T value, JsonGenerator json, SerializerProvider provider, TypeSerializer types)
            throws IOException {
        TokenBuffer buffer = new TokenBuffer(json.getCodec(), false);
        writer.write(value, buffer);
        JsonToken shape = buffer.firstToken();
        WritableTypeId typeId = types.writeTypePrefix(json, types.typeId(value, shape));
        if (shape == JsonToken.START_OBJECT) {
            try (JsonParser properties = buffer.asParser()) {
                properties.nextToken();
                while (properties.nextToken() == JsonToken.FIELD_NAME) {
                    json.copyCurrentStructure(properties);
                }
            }
        } else {
            buffer.serialize(json);
        }
        types.writeTypeSuffix(json, typeId);
    }
}
