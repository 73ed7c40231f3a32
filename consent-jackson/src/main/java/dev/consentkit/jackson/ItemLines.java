package dev.consentkit.jackson;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.consentkit.ContentItem;
import dev.consentkit.DataCategory;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The common shape of an item line of an export, read straight off Jackson's streaming parser: the
 * speed path of {@link NdjsonReader#items}, which reads millions of lines.
 *
 * <p>It takes only lines that the databinding ({@link ItemJson.ItemForm}) reads to the same item: one
 * object with each of {@code id}, {@code authorId}, {@code category}, {@code createdAt} and an empty
 * {@code reservations} array once, {@code deletedAt} and {@code resumedAt} as strings or left out,
 * instants written the way {@link Instant#toString()} writes them with a four-digit year, and nothing
 * after the object. For anything else (a {@code format} field, a reservation, a {@code null}, an error
 * of any kind) it answers {@code null}, and the line goes through the databinding, which reads it or
 * says exactly what is wrong. So messages and strictness are the databinding's alone.
 */
final class ItemLines {

    private static final int ID = 1;
    private static final int AUTHOR = 2;
    private static final int CATEGORY = 4;
    private static final int CREATED = 8;
    private static final int DELETED = 16;
    private static final int RESUMED = 32;
    private static final int RESERVATIONS = 64;
    private static final int REQUIRED = ID | AUTHOR | CATEGORY | CREATED | RESERVATIONS;

    private ItemLines() {}

    /**
     * The content item in the common shape that the parser reads next, one JSON object, leaving the parser
     * on its end; or {@code null} when the object is not in the common shape.
     *
     * @throws IOException if the parser finds no well-formed JSON
     * @throws IllegalArgumentException if the core refuses a value
     * @throws DateTimeException if a time is not in the common form
     */
    static @Nullable ContentItem object(JsonParser parser) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            return null;
        }
        int seen = 0;
        String id = null;
        String author = null;
        String category = null;
        Instant created = null;
        Instant deleted = null;
        Instant resumed = null;
        int expected = 0;
        while (true) {
            int field;
            boolean inOrder;
            if (expected < ORDER.length) {
                inOrder = parser.nextFieldName(ORDER[expected]);
            } else {
                parser.nextToken();
                inOrder = false;
            }
            if (inOrder) {
                field = FIELDS[expected++];
            } else if (parser.currentToken() == JsonToken.FIELD_NAME) {
                field = field(parser.currentName());
                expected = positionAfter(field);
            } else {
                break;
            }
            if (field == 0 || (seen & field) != 0) {
                return null;
            }
            seen |= field;
            if (field == RESERVATIONS) {
                if (parser.nextToken() != JsonToken.START_ARRAY || parser.nextToken() != JsonToken.END_ARRAY) {
                    return null;
                }
                continue;
            }
            if (parser.nextToken() != JsonToken.VALUE_STRING) {
                return null;
            }
            switch (field) {
                case ID -> id = parser.getText();
                case AUTHOR -> author = parser.getText();
                case CATEGORY -> category = parser.getText();
                case CREATED -> created = TimeForms.instant(parser);
                case DELETED -> deleted = TimeForms.instant(parser);
                default -> resumed = TimeForms.instant(parser);
            }
        }
        if (parser.currentToken() != JsonToken.END_OBJECT || (seen & REQUIRED) != REQUIRED
                || id == null || author == null || category == null || created == null) {
            return null;
        }
        ContentItem item = ContentItem.of(id, author, DataCategory.of(category), created, deleted, List.of());
        return resumed == null ? item : item.withResumedAt(resumed);
    }

    /** The fields in the order the library writes them, tried first: a match costs no lookup. */
    private static final SerializedString[] ORDER = Stream.of("id", "authorId", "category", "createdAt", "deletedAt",
            "resumedAt", "reservations").map(SerializedString::new).toArray(SerializedString[]::new);
    private static final int[] FIELDS = {ID, AUTHOR, CATEGORY, CREATED, DELETED, RESUMED, RESERVATIONS};

    /** Where in {@link #ORDER} the field after {@code field} is. */
    private static int positionAfter(int field) {
        for (int i = 0; i < FIELDS.length; i++) {
            if (FIELDS[i] == field) {
                return i + 1;
            }
        }
        return ORDER.length;
    }

    private static int field(String name) {
        return switch (name) {
            case "id" -> ID;
            case "authorId" -> AUTHOR;
            case "category" -> CATEGORY;
            case "createdAt" -> CREATED;
            case "deletedAt" -> DELETED;
            case "resumedAt" -> RESUMED;
            case "reservations" -> RESERVATIONS;
            default -> 0;
        };
    }
}
