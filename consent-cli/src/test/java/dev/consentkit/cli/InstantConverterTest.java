package dev.consentkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

/** Shows which instants the command line accepts: ISO-8601 UTC instants, and dates meaning midnight UTC. */
class InstantConverterTest {

    private final InstantConverter converter = new InstantConverter();

    @Test
    void shouldReadADateAsMidnightUtcAtItsStart() {
        assertEquals(Instant.parse("2025-11-04T00:00:00Z"), converter.convert("2025-11-04"));
    }

    @Test
    void shouldReadAnIsoInstant() {
        assertEquals(Instant.parse("2025-11-04T09:30:15.250Z"), converter.convert("2025-11-04T09:30:15.250Z"));
    }

    @Test
    void shouldRejectADateThatDoesNotExistSayingWhatItExpects() {
        TypeConversionException e = assertThrows(TypeConversionException.class, () -> converter.convert("2025-02-30"));

        assertEquals("'2025-02-30' is not an instant; give an ISO-8601 UTC instant such as 2025-11-04T00:00:00Z, "
                + "or a date such as 2025-11-04 for midnight UTC", e.getMessage());
    }
}
