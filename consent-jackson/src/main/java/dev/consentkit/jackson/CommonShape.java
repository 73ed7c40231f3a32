package dev.consentkit.jackson;

import com.fasterxml.jackson.core.JsonParser;
import dev.consentkit.ContentItem;
import dev.consentkit.Member;
import java.io.IOException;
import java.time.DateTimeException;
import org.jspecify.annotations.Nullable;

/**
 * The speed path of a kind of stream line: reads one object in the common shape of its lines
 * ({@link ItemLines}, {@link MemberLines}) straight off Jackson's streaming parser, or answers
 * {@code null} for any other line, which then goes to the databinding.
 */
@FunctionalInterface
interface CommonShape {

    /** Item lines. */
    CommonShape ITEMS = ItemLines::object;

    /** Member lines. */
    CommonShape MEMBERS = MemberLines::object;

    /**
     * The value in the common shape that the parser reads next, one JSON object, leaving the parser on
     * its end; or {@code null} when the object is not in the common shape.
     *
     * @throws IOException if the parser finds no well-formed JSON
     * @throws IllegalArgumentException if the core refuses a value
     * @throws DateTimeException if a time is not in the common form
     */
    @Nullable Object object(JsonParser parser) throws IOException;

    /** The speed path of lines of {@code type}, or {@code null} if it has none. */
    static @Nullable CommonShape of(Class<?> type) {
        return type == ContentItem.class ? ITEMS : type == Member.class ? MEMBERS : null;
    }

    /**
     * The value on a line of text in the common shape, with nothing after it, or {@code null} when the
     * line needs the databinding.
     *
     * @param text the line, without its terminator
     */
    default @Nullable Object line(String text) {
        try (JsonParser parser = JsonIo.FACTORY.createParser(text)) {
            return whole(parser);
        } catch (IOException | IllegalArgumentException | DateTimeException notCommon) {
            return null;
        }
    }

    private @Nullable Object whole(JsonParser parser) throws IOException {
        Object value = object(parser);
        return value != null && parser.nextToken() == null ? value : null;
    }
}
