package dev.consentkit.cli;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/** Input files as the commands read them: buffered, and decompressed when they are gzip files. */
final class Inputs {

    private static final int BUFFER = 1 << 16;

    private Inputs() {}

    /**
     * The bytes of {@code raw}, decompressed when they start with gzip's magic number ({@code 1f 8b}),
     * as a {@code .gz} export does. A JSON text never starts with those bytes, so nothing else is taken
     * for gzip.
     *
     * @throws IOException if the input cannot be read, or its gzip header is broken
     */
    static InputStream open(InputStream raw) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, BUFFER);
        in.mark(2);
        int first = in.read();
        int second = in.read();
        in.reset();
        return first == 0x1f && second == 0x8b ? new GZIPInputStream(in, BUFFER) : in;
    }
}
