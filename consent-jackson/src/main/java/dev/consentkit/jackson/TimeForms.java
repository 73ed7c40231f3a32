package dev.consentkit.jackson;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
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
        return instant(text.toCharArray(), 0, text.length());
    }

    /**
     * The instant in the common form of the string value the parser is on, read from the parser's
     * own characters, without making a {@link String} of them.
     *
     * @throws IOException if the parser cannot give its text
     * @throws DateTimeException if the value is in another form or names no such day or time
     */
    static Instant instant(JsonParser parser) throws IOException {
        return instant(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
    }

    private static Instant instant(char[] text, int at, int length) {
        if (length < 20 || length > 30 || length == 21 || text[at + 10] != 'T' || text[at + 13] != ':'
                || text[at + 16] != ':' || text[at + length - 1] != 'Z' || (length > 20 && text[at + 19] != '.')) {
            throw new DateTimeException("not the instant form");
        }
        int hour = digits(text, at + 11, at + 13);
        int minute = digits(text, at + 14, at + 16);
        int second = digits(text, at + 17, at + 19);
        if (hour > 23 || minute > 59 || second > 59) {
            throw new DateTimeException("no such time");
        }
        int nanos = 0;
        if (length > 20) {
            nanos = digits(text, at + 20, at + length - 1);
            for (int scale = length - 21; scale < 9; scale++) {
                nanos *= 10;
            }
        }
        return Instant.ofEpochSecond(day(text, at).toEpochDay() * 86_400L + hour * 3_600L + minute * 60L + second, nanos);
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
        return day(text.toCharArray(), 0);
    }

    private static LocalDate day(char[] text, int at) {
        if (text[at + 4] != '-' || text[at + 7] != '-') {
            throw new DateTimeException("not the date form");
        }
        return LocalDate.of(digits(text, at, at + 4), digits(text, at + 5, at + 7), digits(text, at + 8, at + 10));
    }

    private static int digits(char[] text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            int digit = text[i] - '0';
            if (digit < 0 || digit > 9) {
                throw new DateTimeException("not a digit");
            }
            value = value * 10 + digit;
        }
        return value;
    }
}
