package dev.consentkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.consentkit.jackson.ConsentDocumentException;
import dev.consentkit.jackson.ConsentDocuments;
import dev.consentkit.jackson.Located;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

/**
 * Shows which instants the command line accepts: exactly the ISO-8601 UTC instants and the dates of
 * ConsentKit documents, a date meaning midnight UTC at its start; every other form is refused with the
 * value, the reason and the accepted forms.
 */
class InstantConverterTest {

    private static final String FORMS = "give an ISO-8601 UTC instant with seconds and Z, such as "
            + "2025-11-04T00:00:00Z or 2025-11-04T09:30:15.250Z, or a date such as 2025-11-04 for midnight UTC";

    private final InstantConverter converter = new InstantConverter();

    @Test
    void shouldReadADateAsMidnightUtcAtItsStart() {
        assertEquals(Instant.parse("2025-11-04T00:00:00Z"), converter.convert("2025-11-04"));
    }

    @Test
    void shouldReadAnIsoInstant() {
        assertEquals(Instant.parse("2025-11-04T09:30:15.250Z"), converter.convert("2025-11-04T09:30:15.250Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-11-04T00:00:00Z", "2025-11-04T23:59:59Z", "2025-11-04T09:30:15.2Z",
            "2025-11-04T09:30:15.123456789Z", "2024-02-29T12:00:00Z", "0001-01-01T00:00:00Z", "+10000-01-01T00:00:00Z"})
    void shouldReadEveryInstantAsInstantParseDoes(String value) {
        assertEquals(Instant.parse(value), converter.convert(value));
    }

    /** Each rejected value with the reason its message gives. */
    static Stream<Arguments> rejected() {
        return Stream.of(
                Arguments.of("2025-11-04T00:00:00+01:00", "it has the offset +01:00; write the instant in UTC, ending in Z"),
                Arguments.of("2025-11-04T00:00:00-05:00", "it has the offset -05:00; write the instant in UTC, ending in Z"),
                Arguments.of("2025-11-04T00:00:00+00:00", "it has the offset +00:00; write the instant in UTC, ending in Z"),
                Arguments.of("2025-11-04T00:00:00+0100", "it has the offset +0100; write the instant in UTC, ending in Z"),
                Arguments.of("2025-11-04t00:00:00Z", "the 'T' and the 'Z' are upper case"),
                Arguments.of("2025-11-04T00:00:00z", "the 'T' and the 'Z' are upper case"),
                Arguments.of("2025-11-04t00:00:00z", "the 'T' and the 'Z' are upper case"),
                Arguments.of("2016-12-31T23:59:60Z", "second 60, a leap second, is not accepted; write 59 or the next minute"),
                Arguments.of("2025-11-04T24:00:00Z",
                        "24:00 is the end of the day, which is 00:00:00Z of the next day; write that"),
                Arguments.of("2025-11-04T24:00Z", "24:00 is the end of the day, which is 00:00:00Z of the next day; write that"),
                Arguments.of("2025-11-04T00:00Z", "the time has no seconds"),
                Arguments.of("2025-11-04T09:30:15", "it has no Z, so it is a local time and no instant; add Z for UTC"),
                Arguments.of("2025-02-30", "there is no such date"),
                Arguments.of("2025-13-01T00:00:00Z", "there is no such date"),
                Arguments.of("2025-11-04T09:30:15.1234567890Z", "it is in neither accepted form"),
                Arguments.of("2025-11-04 09:30:15Z", "it is in neither accepted form"),
                Arguments.of("2025-11-4", "it is in neither accepted form"),
                Arguments.of("20251104", "it is in neither accepted form"),
                Arguments.of("now", "it is in neither accepted form"),
                Arguments.of("", "it is in neither accepted form"));
    }

    @ParameterizedTest
    @MethodSource("rejected")
    void shouldRejectEveryOtherFormNamingTheValueWhyAndTheAcceptedForms(String value, String why) {
        TypeConversionException e = assertThrows(TypeConversionException.class, () -> converter.convert(value));

        assertEquals("'" + value + "' is not an instant: " + why + "; " + FORMS, e.getMessage());
    }

    /** A document of one instant, bound as ConsentKit documents bind theirs. */
    record At(Located<Instant> at) {}

    /** A document of one date, bound as ConsentKit documents bind theirs. */
    record On(Located<LocalDate> on) {}

    /** The instant a value means in a ConsentKit document, as an instant or else as a date; empty if neither. */
    private static Optional<Instant> asDocumentsReadIt(String value) {
        try {
            return Optional.of(ConsentDocuments.readEmbedding("{\"at\": \"" + value + "\"}", At.class).at().value());
        } catch (ConsentDocumentException notAnInstant) {
            try {
                return Optional.of(ConsentDocuments.readEmbedding("{\"on\": \"" + value + "\"}", On.class).on().value()
                        .atStartOfDay(ZoneOffset.UTC).toInstant());
            } catch (ConsentDocumentException notADate) {
                return Optional.empty();
            }
        }
    }

    private Optional<Instant> asTheCommandLineReadsIt(String value) {
        try {
            return Optional.of(converter.convert(value));
        } catch (TypeConversionException e) {
            return Optional.empty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-11-04", "2025-11-04T00:00:00Z", "2025-11-04T09:30:15.250Z", "2025-11-04T09:30:15.2Z",
            "2025-11-04T09:30:15.123456789Z", "+10000-01-01T00:00:00Z", "+10000-01-01", "2024-02-29",
            "2025-11-04T00:00:00+01:00", "2025-11-04t00:00:00Z", "2025-11-04T00:00:00z", "2016-12-31T23:59:60Z",
            "2025-11-04T24:00:00Z", "2025-11-04T00:00Z", "2025-11-04T09:30:15", "2025-02-30", "2025-02-30T00:00:00Z",
            "2025-11-04T09:30:15.1234567890Z", "2025-11-4", "-0001-01-01T00:00:00Z", "now"})
    void shouldAcceptExactlyWhatConsentKitDocumentsAcceptAsTheSameInstant(String value) {
        assertEquals(asDocumentsReadIt(value), asTheCommandLineReadsIt(value), value);
    }
}
