package dev.consentkit.cli;

import dev.consentkit.jackson.ConsentDocuments;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The text of a document file, read within the limit every ConsentKit document has,
 * {@link ConsentDocuments#MAX_DOCUMENT_LENGTH} (16 MiB): at most one byte past the limit is read, so that
 * a file of gigabytes, or one that never ends such as {@code /dev/zero}, is refused at once, in the memory
 * of one document, rather than read whole first.
 */
final class DocumentText {

    private static final int LIMIT = Math.toIntExact(ConsentDocuments.MAX_DOCUMENT_LENGTH);

    private DocumentText() {}

    /**
     * Reads a file's text.
     *
     * @param file the file, resolved against the working directory
     * @param role what the file is, such as "file" or "policy file"
     * @param shown the path as the user gave it
     * @throws CliException with exit code 2 if the file cannot be read, is longer than the limit or is not UTF-8
     */
    static String read(Path file, String role, String shown) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, role, shown);
        } catch (IOException e) {
            throw CliException.unreadable(role, shown, e);
        }
    }

    /**
     * Reads the text of a stream, to its end if it ends within the limit; the stream is left open.
     *
     * @param in the document's bytes
     * @param role what the stream is, such as "file"
     * @param shown where it comes from, as the user gave it
     * @throws CliException with exit code 2 if the stream is longer than the limit or is not UTF-8
     * @throws IOException if reading fails
     */
    static String read(InputStream in, String role, String shown) throws IOException {
        byte[] bytes = in.readNBytes(LIMIT + 1);
        if (bytes.length > LIMIT) {
            throw new CliException("cannot read the " + role + " " + shown + ": it is longer than " + LIMIT
                    + " bytes (" + (LIMIT >> 20) + " MiB), the limit of a document (ConsentDocuments.MAX_DOCUMENT_LENGTH); check that it is"
                    + " the document you meant", CliException.USAGE);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new CliException("cannot read the " + role + " " + shown + ": it is not UTF-8 text; save it as UTF-8",
                    CliException.USAGE, e);
        }
    }
}
