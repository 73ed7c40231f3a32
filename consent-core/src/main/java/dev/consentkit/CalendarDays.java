package dev.consentkit;

import java.time.Instant;

/**
 * Allocation-free calendar arithmetic for age checks on the decision path. Ages are computed on UTC
 * calendar dates, with the same rule as {@link java.time.LocalDate#plusYears}: a member born on
 * 29 February comes of age on 28 February in a common year.
 */
final class CalendarDays {

    private static final long SECONDS_PER_DAY = 86_400L;

    private CalendarDays() {}

    /** The UTC calendar day of {@code instant}, counted from 1970-01-01. */
    static long utcEpochDay(Instant instant) {
        return Math.floorDiv(instant.getEpochSecond(), SECONDS_PER_DAY);
    }

    /** The first day, counted from 1970-01-01, on which someone born on the given date is {@code years} old. */
    static long anniversaryEpochDay(int birthYear, int birthMonth, int birthDay, int years) {
        int year = birthYear + years;
        int day = birthMonth == 2 && birthDay == 29 && !isLeapYear(year) ? 28 : birthDay;
        return epochDay(year, birthMonth, day);
    }

    /** Days from 1970-01-01 to the given proleptic Gregorian date. */
    static long epochDay(long year, int month, int day) {
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yearOfEra = y - era * 400;
        long dayOfYear = (153L * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
        long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097 + dayOfEra - 719_468;
    }

    static boolean isLeapYear(long year) {
        return (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);
    }
}
