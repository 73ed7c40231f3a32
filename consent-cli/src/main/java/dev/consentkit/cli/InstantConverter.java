package dev.consentkit.cli;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads an instant option: an ISO-8601 UTC instant such as {@code 2025-11-04T00:00:00Z}, or a plain
 * date such as {@code 2025-11-04}, which means midnight UTC at its start.
 */
final class InstantConverter implements ITypeConverter<Instant> {

    private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");

    @Override
    public Instant convert(String value) {
        try {
            if (DATE.matcher(value).matches()) {
                return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return Instant.parse(value);
        } catch (DateTimeException e) {
            throw new TypeConversionException("'" + value + "' is not an instant; give an ISO-8601 UTC instant such as "
                    + "2025-11-04T00:00:00Z, or a date such as 2025-11-04 for midnight UTC");
        }
    }
}
