package dev.consentkit.jackson;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Instants and dates in the common form of ConsentKit documents, read without a formatter: what
 * {@link Instant#toString()} and {@link LocalDate#toString()} write for the years 0000 to 9999. The
 * fast way for the millions of instants of an export; any other text is refused, and the full
 * grammar ({@code Scalars.TimeText}) then reads it or says what is wrong.
 */
final class TimeForms {

    private TimeForms() {}

    /**
     * The instant written {@code yyyy-MM-ddTHH:mm:ss[.fraction]Z}, with 1 to 9 fraction digits.
     *
     * @throws DateTimeException if the text is in another form or names no such day or time
     */
    static Instant instant(String text) {
        int length = text.length();
        if (length < 20 || length > 30 || length == 21 || text.charAt(10) != 'T' || text.charAt(13) != ':'
                || text.charAt(16) != ':' || text.charAt(length - 1) != 'Z' || (length > 20 && text.charAt(19) != '.')) {
            throw new DateTimeException("not the instant form");
        }
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        if (hour > 23 || minute > 59 || second > 59) {
            throw new DateTimeException("no such time");
        }
        int nanos = 0;
        if (length > 20) {
            nanos = digits(text, 20, length - 1);
            for (int scale = length - 21; scale < 9; scale++) {
                nanos *= 10;
            }
        }
        return Instant.ofEpochSecond(day(text).toEpochDay() * 86_400L + hour * 3_600L + minute * 60L + second, nanos);
    }

    /**
     * The date written {@code yyyy-MM-dd}.
     *
     * @throws DateTimeException if the text is in another form or names no such day
     */
    static LocalDate date(String text) {
        if (text.length() != 10) {
            throw new DateTimeException("not the date form");
        }
        return day(text);
    }

    private static LocalDate day(String text) {
        if (text.charAt(4) != '-' || text.charAt(7) != '-') {
            throw new DateTimeException("not the date form");
        }
        return LocalDate.of(digits(text, 0, 4), digits(text, 5, 7), digits(text, 8, 10));
    }

    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            int digit = text.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                throw new DateTimeException("not a digit");
            }
            value = value * 10 + digit;
        }
        return value;
    }
}
