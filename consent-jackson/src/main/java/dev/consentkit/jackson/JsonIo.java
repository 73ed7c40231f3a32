package dev.consentkit.jackson;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The parsing and writing shared by {@link ConsentDocuments}, {@link NdjsonReader} and
 * {@link NdjsonWriter}: one {@link JsonFactory} with the documented limits, strict UTF-8, one JSON
 * value per document, and the pretty form of single documents.
 */
final class JsonIo {

    static final StreamReadConstraints CONSTRAINTS = StreamReadConstraints.builder()
            .maxDocumentLength(ConsentDocuments.MAX_DOCUMENT_LENGTH)
            .maxNestingDepth(ConsentDocuments.MAX_NESTING_DEPTH)
            .maxStringLength(ConsentDocuments.MAX_STRING_LENGTH)
            .maxNameLength(ConsentDocuments.MAX_NAME_LENGTH)
            .maxNumberLength(ConsentDocuments.MAX_NUMBER_LENGTH)
            .build();

    static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(CONSTRAINTS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();

    /**
     * The mapper every reading here binds with: the {@link ConsentModule}, and none of Jackson's
     * lenience (no scalar coercion, no numbers for enums or floats for whole numbers, no null for a
     * primitive).
     */
    static final ObjectMapper MAPPER = JsonMapper.builder(FACTORY)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .withCoercionConfigDefaults(coercions -> coercions.setAcceptBlankAsEmpty(false)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
            .addModule(new ConsentModule())
            .build();

    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter(Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
            .withObjectEmptySeparator("")
            .withArrayEmptySeparator(""))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"));

    /** The byte order mark, U+FEFF; in UTF-8 the bytes EF BB BF. */
    static final char BYTE_ORDER_MARK = '\uFEFF';
    private static final char REPLACEMENT_CHARACTER = '\uFFFD';

    private JsonIo() {}

    /** What reads a document of {@code type} with {@code options}, its {@code format} required. */
    static ObjectReader reader(Class<?> type, ReadOptions options) {
        return MAPPER.readerFor(type).withAttribute(ReadOptions.class, options);
    }

    /** Reads one document from text, as a whole, without one byte order mark at its start. */
    static <T> T read(String text, Class<T> type, ObjectReader reader) throws ConsentDocumentException {
        String json = !text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK ? text.substring(1) : text;
        if (json.length() > ConsentDocuments.MAX_DOCUMENT_LENGTH) {
            throw tooLong(json, ConsentDocuments.MAX_DOCUMENT_LENGTH, "characters");
        }
        return readWhole(json, type, reader);
    }

    /** Reads one document from the whole of {@code json}, a byte order mark already dropped. */
    private static <T> T readWhole(String json, Class<T> type, ObjectReader reader) throws ConsentDocumentException {
        try (JsonParser parser = FACTORY.createParser(json)) {
            return bind(parser, type, reader, Locator.DOCUMENT);
        } catch (ConsentDocumentException e) {
            throw e;
        } catch (IOException cannotHappenOnAString) {
            throw new IllegalStateException(cannotHappenOnAString);
        }
    }

    /** Reads one document from characters, without one byte order mark at their start; the reader is left open. */
    static <T> T read(Reader in, Class<T> type, ObjectReader reader) throws IOException {
        PushbackReader source = new PushbackReader(in, 1);
        int first = source.read();
        if (first >= 0 && first != BYTE_ORDER_MARK) {
            source.unread(first);
        }
        try (JsonParser parser = FACTORY.createParser(source)) {
            return bind(parser, type, reader, Locator.DOCUMENT);
        }
    }

    /** Reads one UTF-8 document from bytes, without one byte order mark at their start; the stream is left open. */
    static <T> T read(InputStream in, Class<T> type, ObjectReader reader) throws IOException {
        byte[] bytes = in.readNBytes((int) ConsentDocuments.MAX_DOCUMENT_LENGTH + 1);
        if (bytes.length > ConsentDocuments.MAX_DOCUMENT_LENGTH) {
            throw tooLong(new String(bytes, 0, (int) ConsentDocuments.MAX_DOCUMENT_LENGTH, StandardCharsets.UTF_8),
                    ConsentDocuments.MAX_DOCUMENT_LENGTH, "bytes");
        }
        return readWhole(decode(bytes, 0, bytes.length, 1, true), type, reader);
    }

    /**
     * Binds the one value of a document: exactly one JSON value, and nothing but whitespace after it.
     *
     * @param reader what binds the value; it carries {@code where} as its {@link Locator} attribute, unless
     *     {@code where} is the parser's own
     * @param where how the parser's locations read as lines and columns: the parser's own for a
     *     document, or those of one line of a stream
     * @throws ConsentDocumentException if the text is empty, not JSON, breaks a limit, is not a valid
     *     value or goes on after it
     */
    static <T> T bind(JsonParser parser, Class<T> type, ObjectReader reader, Locator where) throws IOException {
        try {
            if (parser.nextToken() == null) {
                JsonLocation at = parser.currentLocation();
                throw new ConsentDocumentException("$", null, where.line(at), where.column(at), "the document is empty",
                        "a JSON object", null);
            }
            if (parser.currentToken() == JsonToken.VALUE_NULL) {
                JsonLocation at = parser.currentTokenLocation();
                throw new ConsentDocumentException("$", "null", where.line(at), where.column(at), "found null",
                        "a JSON object", null);
            }
            T value = type.cast(reader.readValue(parser));
            if (parser.nextToken() != null) {
                JsonLocation at = parser.currentTokenLocation();
                throw new ConsentDocumentException("$", parser.getText(), where.line(at), where.column(at),
                        "more content after the document", "the end of the input", null);
            }
            return value;
        } catch (ConsentDocumentException e) {
            throw e;
        } catch (JsonMappingException e) {
            throw Problems.translate(e, parser, "$", where);
        } catch (JsonProcessingException e) {
            throw Problems.ofParser(parser, e, where);
        }
    }

    /** Whether the {@code length} bytes from {@code offset} start with the UTF-8 byte order mark. */
    static boolean startsWithByteOrderMark(byte[] bytes, int offset, int length) {
        return length >= 3 && bytes[offset] == (byte) 0xEF && bytes[offset + 1] == (byte) 0xBB
                && bytes[offset + 2] == (byte) 0xBF;
    }

    /**
     * Decodes UTF-8 strictly. A malformed byte always decodes to U+FFFD when decoding replaces, so
     * text without one is decoded in one fast pass; only text with one is decoded again, strictly, to
     * tell a malformed byte from a U+FFFD written in the input.
     *
     * @param line the line {@code bytes} start on, for the location of a malformed byte
     * @param dropByteOrderMark whether a leading byte order mark is skipped: at the start of the input
     * @throws ConsentDocumentException at the first byte that is not UTF-8
     */
    static String decode(byte[] bytes, int offset, int length, long line, boolean dropByteOrderMark)
            throws ConsentDocumentException {
        int start = dropByteOrderMark && startsWithByteOrderMark(bytes, offset, length) ? offset + 3 : offset;
        String text = new String(bytes, start, offset + length - start, StandardCharsets.UTF_8);
        if (text.indexOf(REPLACEMENT_CHARACTER) < 0) {
            return text;
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, offset + length - start);
        CharBuffer out = CharBuffer.allocate(length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            out.flip();
            String before = out.toString();
            int lastNewline = before.lastIndexOf('\n');
            long badLine = line + before.chars().filter(c -> c == '\n').count();
            int column = before.length() - lastNewline;
            throw new ConsentDocumentException("$", String.format("0x%02X", bytes[in.position()]), badLine, column,
                    "malformed UTF-8: byte 0x" + String.format("%02X", bytes[in.position()]) + " is not valid here",
                    "text encoded in UTF-8 (RFC 8259)", null);
        }
        decoder.flush(out);
        out.flip();
        return out.toString();
    }

    private static ConsentDocumentException tooLong(String text, long limit, String unit) {
        String allowed = text.substring(0, (int) Math.min(text.length(), limit));
        int lastNewline = allowed.lastIndexOf('\n');
        long line = 1 + allowed.chars().filter(c -> c == '\n').count();
        return new ConsentDocumentException("$", null, line, allowed.length() - lastNewline,
                "the document is longer than " + limit + " " + unit,
                "a document of at most " + limit + " " + unit + " (ConsentDocuments.MAX_DOCUMENT_LENGTH)", null);
    }

    /** Writes one document in its readable form, ending with a newline; the writer is left open. */
    static <T> void writePretty(T value, ValueWriter<T> writer, Writer out) throws IOException {
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            writePretty(value, writer, json);
        }
    }

    /** Writes one document in UTF-8 in its readable form, ending with a newline; the stream is left open. */
    static <T> void writePretty(T value, ValueWriter<T> writer, OutputStream out) throws IOException {
        try (JsonGenerator json = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            writePretty(value, writer, json);
        }
    }

    private static <T> void writePretty(T value, ValueWriter<T> writer, JsonGenerator json) throws IOException {
        json.setPrettyPrinter(PRETTY.createInstance());
        writer.write(value, json);
        json.writeRaw('\n');
    }
}
