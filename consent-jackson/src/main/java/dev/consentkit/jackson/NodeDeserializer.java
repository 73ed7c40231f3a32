package dev.consentkit.jackson;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;

/**
 * A Jackson deserializer for one core type: reads the value into a {@link Node} and binds it, so an
 * {@link com.fasterxml.jackson.databind.ObjectMapper} with the {@link ConsentModule} reads exactly as
 * strictly as {@link ConsentDocuments}, and fails with {@link ConsentDocumentException} too.
 */
final class NodeDeserializer<T> extends StdDeserializer<T> {

    private static final long serialVersionUID = 1L;

    private final NodeReader<T> reader;

    NodeDeserializer(Class<T> type, NodeReader<T> reader) {
        super(type);
        this.reader = reader;
    }

    @Override
    public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        return reader.read(Node.read(parser, Node.pathOfValue(parser)));
    }
}
