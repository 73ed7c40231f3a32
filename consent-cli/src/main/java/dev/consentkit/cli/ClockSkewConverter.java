package dev.consentkit.cli;

import dev.consentkit.jackson.ReadOptions;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads the {@code --clock-skew} option: an ISO-8601 duration, zero or more, such as {@code PT5S} or
 * {@code PT0.5S}, as reading options that tolerate that much clock skew between the service that
 * stamps a consent event's {@code effectiveAt} and the log that stamps its {@code recordedAt}.
 */
final class ClockSkewConverter implements ITypeConverter<ReadOptions> {

    /** The option's help text, shared by the commands that read members. */
    static final String DESCRIPTION = "How long before it takes effect a consent event may be recorded, as an "
            + "ISO-8601 duration: such an event counts from when it was recorded; one recorded longer before is an "
            + "error naming it. Default: ${DEFAULT-VALUE}; PT0S accepts no skew.";

    /** The default, as the option shows it. */
    static final String DEFAULT = "PT5S";

    @Override
    public ReadOptions convert(String value) {
        Duration tolerance;
        try {
            tolerance = Duration.parse(value);
        } catch (DateTimeParseException e) {
            throw new TypeConversionException("'" + value + "' is not a duration; give an ISO-8601 duration such as "
                    + "PT5S (five seconds), PT0.5S or PT0S (no clock skew accepted)");
        }
        try {
            return ReadOptions.defaults().withClockSkewTolerance(tolerance);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException("'" + value + "' is negative; give zero (PT0S) or more, such as PT5S");
        }
    }
}
