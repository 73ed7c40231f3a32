package dev.consentkit.jackson;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.DeserializationContext;

/**
 * Turns a parser's locations into the line and column a {@link ConsentDocumentException} reports: the
 * one place where Jackson's idea of a position becomes ours.
 *
 * <p>In a document read whole they are the parser's own. On a line of a newline-delimited stream, the
 * line is the stream's and the column the position within that line, in characters: the stream's lines
 * end only at {@code \n}, but the parser, which reads the line's text alone, also starts a new line at
 * a bare {@code \r}, and would place a problem after one on a later line of the stream than the one it
 * is on.
 */
final class Locator {

    /** The parser's own lines and columns, for a document read whole or a value inside one. */
    static final Locator DOCUMENT = new Locator(0);

    /** The line of the stream, or 0 for a document read whole. */
    private long streamLine;

    private Locator(long streamLine) {
        this.streamLine = streamLine;
    }

    /**
     * Locations on the lines of a stream, each line's text, without its terminator, read by a parser of
     * its own; {@link #moveTo(long)} says which line is read. One reader of a stream uses it, from one
     * thread, and sets it on its Jackson reader once rather than for every line.
     */
    static Locator onStream() {
        return new Locator(1);
    }

    /** Locations from now on are on line {@code line} of the stream. */
    void moveTo(long line) {
        if (streamLine == 0 || line < 1) {
            throw new IllegalStateException("only a stream's locator moves, to a line from 1, not " + line);
        }
        streamLine = line;
    }

    /** The locator a reading sets on its deserialization context, or {@link #DOCUMENT} when it sets none. */
    static Locator of(DeserializationContext context) {
        return context.getAttribute(Locator.class) instanceof Locator locator ? locator : DOCUMENT;
    }

    /** The 1-based line of {@code at}. */
    long line(JsonLocation at) {
        return streamLine > 0 ? streamLine : Math.max(1, at.getLineNr());
    }

    /** The 1-based column of {@code at}, in characters. */
    int column(JsonLocation at) {
        long offset = at.getCharOffset();
        if (streamLine > 0 && offset >= 0) {
            return (int) Math.min(Integer.MAX_VALUE, offset + 1);
        }
        return Math.max(1, at.getColumnNr());
    }
}
