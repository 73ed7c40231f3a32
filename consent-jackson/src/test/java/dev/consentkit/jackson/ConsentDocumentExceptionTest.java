package dev.consentkit.jackson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonMappingException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Shows that a document problem carries its field path, bad value, line, column and expectation, in its message and on their own. */
class ConsentDocumentExceptionTest {

    private static final String ITEM = "{\n"
            + "  \"format\": \"consentkit.item/v1\",\n"
            + "  \"id\": \"post-1\",\n"
            + "  \"authorId\": \"m-1\",\n"
            + "  \"category\": \"content.public\",\n"
            + "  \"createdAt\": \"2025-10-01T12:00:00Z\",\n"
            + "  \"reservations\": [{\"source\": \"ROBOTS_TXT\", \"effectiveFrom\": \"2025-10-01T12:00:00Z\"}]\n"
            + "}\n";

    private static ConsentDocumentException problemIn(String item) {
        return assertThrows(ConsentDocumentException.class, () -> ConsentDocuments.readItem(item));
    }

    @Test
    void shouldCarryEachPartOfTheProblemOnItsOwn() {
        ConsentDocumentException e = problemIn(ITEM);

        assertEquals("$.reservations[0].source", e.fieldPath());
        assertEquals(Optional.of("ROBOTS_TXT"), e.badValue());
        assertEquals(7, e.line());
        assertEquals(31, e.column());
        assertEquals("unknown reservation source \"ROBOTS_TXT\"", e.problem());
        assertEquals("one of IPTC_DATA_MINING, C2PA_TRAINING_MINING, TDM_REP, AI_PREFERENCES, ITEM_FLAG", e.expected());
    }

    @Test
    void shouldSayItAllInOneLine() {
        assertEquals("$.reservations[0].source at line 7, column 31: unknown reservation source \"ROBOTS_TXT\"; expected one of"
                + " IPTC_DATA_MINING, C2PA_TRAINING_MINING, TDM_REP, AI_PREFERENCES, ITEM_FLAG", problemIn(ITEM).getMessage());
    }

    @Test
    void shouldHaveNoBadValueWhenSomethingIsMissing() {
        ConsentDocumentException e = problemIn(ITEM.replace("\"source\": \"ROBOTS_TXT\", ", ""));

        assertEquals("$.reservations[0].source", e.fieldPath());
        assertEquals(Optional.empty(), e.badValue());
    }

    @Test
    void shouldBeAJacksonMappingExceptionWithTheSameLocation() {
        ConsentDocumentException e = problemIn(ITEM);

        assertInstanceOf(JsonMappingException.class, e);
        assertEquals(7, e.getLocation().getLineNr());
        assertEquals(31, e.getLocation().getColumnNr());
    }

    @Test
    void shouldKeepItsMessageWhenJacksonAddsAReferenceChain() {
        ConsentDocumentException e = problemIn(ITEM);
        String message = e.getMessage();

        e.prependPath(new JsonMappingException.Reference(null, "batch"));

        assertEquals(message, e.getMessage());
        assertEquals(message, e.getLocalizedMessage());
        assertEquals(ConsentDocumentException.class.getName() + ": " + message, e.toString());
    }

    @Test
    void shouldKeepTheCoresExceptionAsItsCause() {
        ConsentDocumentException e = problemIn(ITEM.replace("content.public", "Content"));

        assertInstanceOf(IllegalArgumentException.class, e.getCause());
    }

    @Test
    void shouldShortenAVeryLongBadValue() {
        ConsentDocumentException e = problemIn(ITEM.replace("ROBOTS_TXT", "X".repeat(1000)));

        assertEquals("X".repeat(200) + "…", e.badValue().orElseThrow());
        assertTrue(e.getMessage().length() < 600, e::getMessage);
    }
}
