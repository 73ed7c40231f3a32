package dev.consentkit.cli;

import dev.consentkit.jackson.ConsentDocuments;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads an instant option ({@code --as-of}, {@code --known-at}) in exactly the forms ConsentKit documents
 * accept: an ISO-8601 UTC instant as {@link Instant#toString()} writes it, such as
 * {@code 2025-11-04T00:00:00Z} or {@code 2025-11-04T09:30:15.250Z}, or a plain date as
 * {@link java.time.LocalDate#toString()} writes it, such as {@code 2025-11-04}, which means midnight UTC at its start.
 *
 * <p>Anything else is a usage error naming the value and these forms, among them what {@link Instant#parse}
 * alone would take: an offset ({@code +01:00}), a lower-case {@code t} or {@code z}, a time without
 * seconds, a leap second ({@code 23:59:60}) and {@code 24:00:00}, which would silently mean the next day.
 */
final class InstantConverter implements ITypeConverter<Instant> {

    // The date part of an instant, for the hints below that name what is wrong with a refused value.
    private static final String YEAR_MONTH_DAY = "(?:[0-9]{4}|[+-][0-9]{4,10})-[0-9]{2}-[0-9]{2}";

    private static final Pattern OFFSET = Pattern.compile(".*[Tt].*([+-][0-9]{2}(?::?[0-9]{2})?(?::?[0-9]{2})?)");
    private static final Pattern LOWER_CASE = Pattern.compile(".*[0-9]t[0-9].*|.*[0-9]z");
    private static final Pattern MIDNIGHT_AT_THE_END = Pattern.compile(".*T24:00(?::00(?:\\.0*)?)?Z?");
    private static final Pattern LEAP_SECOND = Pattern.compile(".*T[0-9]{2}:[0-9]{2}:60.*");
    private static final Pattern WITHOUT_SECONDS = Pattern.compile(YEAR_MONTH_DAY + "T[0-9]{2}:[0-9]{2}Z");
    private static final Pattern WITHOUT_ZONE = Pattern.compile(YEAR_MONTH_DAY + "T[0-9:.]+");

    /** The forms accepted, as every rejection states them. */
    static final String FORMS = "give an ISO-8601 UTC instant with seconds and Z, such as 2025-11-04T00:00:00Z "
            + "or 2025-11-04T09:30:15.250Z, or a date such as 2025-11-04 for midnight UTC";

    @Override
    public Instant convert(String value) {
        // The documents' own readers decide what is accepted; only the hints below are the command line's.
        boolean date = value.indexOf('T') < 0 && value.indexOf('t') < 0;
        try {
            return date ? ConsentDocuments.readDate(value).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : ConsentDocuments.readInstant(value);
        } catch (IllegalArgumentException e) {
            throw rejected(value, e.getCause() instanceof DateTimeException ? "there is no such date" : why(value));
        }
    }

    private static TypeConversionException rejected(String value, String why) {
        return new TypeConversionException("'" + value + "' is not an instant: " + why + "; " + FORMS);
    }

    /** Why a value in neither form is rejected, for the forms people write most often. */
    private static String why(String value) {
        Matcher offset = OFFSET.matcher(value);
        if (offset.matches()) {
            return "it has the offset " + offset.group(1) + "; write the instant in UTC, ending in Z";
        }
        if (MIDNIGHT_AT_THE_END.matcher(value).matches()) {
            return "24:00 is the end of the day, which is 00:00:00Z of the next day; write that";
        }
        if (LEAP_SECOND.matcher(value).matches()) {
            return "second 60, a leap second, is not accepted; write 59 or the next minute";
        }
        if (LOWER_CASE.matcher(value).matches()) {
            return "the 'T' and the 'Z' are upper case";
        }
        if (WITHOUT_SECONDS.matcher(value).matches()) {
            return "the time has no seconds";
        }
        if (WITHOUT_ZONE.matcher(value).matches()) {
            return "it has no Z, so it is a local time and no instant; add Z for UTC";
        }
        return "it is in neither accepted form";
    }
}
