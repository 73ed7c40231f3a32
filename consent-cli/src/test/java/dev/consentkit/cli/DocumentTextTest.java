package dev.consentkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.consentkit.jackson.ConsentDocuments;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Shows that a document file is read within the 16 MiB limit of a document, never whole first. */
class DocumentTextTest {

    private static final int LIMIT = (int) ConsentDocuments.MAX_DOCUMENT_LENGTH;

    /** Spaces without end, as {@code /dev/zero} gives zeros, counting how many were read. */
    private static final class Endless extends InputStream {

        long read;

        @Override
        public int read() {
            read++;
            return ' ';
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            Arrays.fill(buffer, offset, offset + length, (byte) ' ');
            read += length;
            return length;
        }
    }

    @Test
    void shouldRefuseAStreamThatNeverEndsAfterReadingOneByteMoreThanTheLimit() {
        Endless endless = new Endless();

        CliException e = assertThrows(CliException.class, () -> DocumentText.read(endless, "file", "endless.json"));

        assertEquals(CliException.USAGE, e.exitCode());
        assertEquals("cannot read the file endless.json: it is longer than 16777216 bytes (16 MiB), the limit of a "
                + "document (ConsentDocuments.MAX_DOCUMENT_LENGTH); check that it is the document you meant",
                e.getMessage());
        assertEquals(LIMIT + 1L, endless.read);
    }

    @Test
    void shouldReadADocumentOfExactlyTheLimit() throws Exception {
        byte[] bytes = new byte[LIMIT];
        Arrays.fill(bytes, (byte) ' ');

        assertEquals(LIMIT, DocumentText.read(new ByteArrayInputStream(bytes), "file", "p.json").length());
    }

    @Test
    void shouldRefuseTextThatIsNotUtf8() {
        byte[] latin1 = {'{', '"', 'n', '"', ':', '"', (byte) 0xE9, '"', '}'};

        CliException e = assertThrows(CliException.class,
                () -> DocumentText.read(new ByteArrayInputStream(latin1), "file", "latin1.json"));

        assertEquals("cannot read the file latin1.json: it is not UTF-8 text; save it as UTF-8", e.getMessage());
        assertEquals(CliException.USAGE, e.exitCode());
    }
}
