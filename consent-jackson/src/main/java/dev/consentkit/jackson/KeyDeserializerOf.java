package dev.consentkit.jackson;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.KeyDeserializer;
import java.io.IOException;

/**
 * Reads a data category, purpose or jurisdiction used as a map key, as strictly as the same value
 * inside a document.
 */
final class KeyDeserializerOf<T> extends KeyDeserializer {

    private final NodeReader<T> reader;

    KeyDeserializerOf(NodeReader<T> reader) {
        this.reader = reader;
    }

    @Override
    public Object deserializeKey(String key, DeserializationContext context) throws IOException {
        JsonParser parser = context.getParser();
        String path = parser == null ? "$" : Node.pathOf(parser);
        JsonLocation at = parser == null ? JsonLocation.NA : parser.currentTokenLocation();
        return reader.read(Node.string(key, path, at));
    }
}
