package dev.consentkit.internal;

import java.time.LocalDate;

/**
 * Allocation-free calendar arithmetic for the age rules. Ages are whole years on UTC calendar dates,
 * with the rule of {@link LocalDate#plusYears}, except that a member born on 29 February comes of age
 * in a common year on the day the version's {@link dev.consentkit.LeapDayBirthday} reading says:
 * 28 February (as {@code plusYears}) or 1 March.
 *
 * <p>Birth dates travel packed in an {@code int} ({@code year * 512 + month * 32 + day}), or as
 * {@link #UNKNOWN_BIRTH}, so that member layouts keep them in primitive arrays.
 */
public final class CalendarDays {

    /** A packed birth date that is not known. */
    public static final int UNKNOWN_BIRTH = Integer.MIN_VALUE;
    /** The first year a birth date may lie in. */
    public static final int FIRST_BIRTH_YEAR = 1;
    /** The last year a birth date may lie in; with an age of up to 150 every coming of age is a date and an instant. */
    public static final int LAST_BIRTH_YEAR = 9999;

    private CalendarDays() {}

    /**
     * {@code birthDate} packed, or {@link #UNKNOWN_BIRTH} for {@code null}.
     *
     * @param birthDate a birth date in years {@value #FIRST_BIRTH_YEAR} to {@value #LAST_BIRTH_YEAR}, or null
     * @return the packed date
     */
    public static int pack(LocalDate birthDate) {
        return birthDate.getYear() * 512 + birthDate.getMonthValue() * 32 + birthDate.getDayOfMonth();
    }

    /**
     * The UTC day, counted from 1970-01-01, on which a member born on {@code packed} turns {@code years}.
     *
     * @param packed a packed birth date, not {@link #UNKNOWN_BIRTH}
     * @param years the age
     * @param leapDayOnMarchFirst whether a 29 February birthday falls on 1 March in a common year,
     *     rather than on 28 February ({@link dev.consentkit.LeapDayBirthday})
     * @return the day of coming of age
     */
    public static long comingOfAgeDay(int packed, int years, boolean leapDayOnMarchFirst) {
        return comingOfAgeDay(packed >> 9, (packed >>> 5) & 15, packed & 31, years, leapDayOnMarchFirst);
    }

    /**
     * The UTC date on which a member born on {@code birthDate} turns {@code years}: what evidence and
     * decisions show, by the same arithmetic the rules compare with.
     *
     * @param birthDate the birth date
     * @param years the age
     * @param leapDayOnMarchFirst whether a 29 February birthday falls on 1 March in a common year
     * @return the date of coming of age
     * @throws java.time.DateTimeException if that date is beyond the range of {@link LocalDate}
     */
    public static LocalDate comingOfAge(LocalDate birthDate, int years, boolean leapDayOnMarchFirst) {
        return LocalDate.ofEpochDay(comingOfAgeDay(birthDate.getYear(), birthDate.getMonthValue(),
                birthDate.getDayOfMonth(), years, leapDayOnMarchFirst));
    }

    private static long comingOfAgeDay(long birthYear, int birthMonth, int birthDay, int years,
            boolean leapDayOnMarchFirst) {
        long year = birthYear + years;
        if (birthMonth == 2 && birthDay == 29 && !isLeapYear(year)) {
            return leapDayOnMarchFirst ? epochDay(year, 3, 1) : epochDay(year, 2, 28);
        }
        return epochDay(year, birthMonth, birthDay);
    }

    /**
     * Days from 1970-01-01 to the given proleptic Gregorian date.
     *
     * @param year the year
     * @param month the month, 1 to 12
     * @param day the day of the month
     * @return the epoch day
     */
    public static long epochDay(long year, int month, int day) {
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yearOfEra = y - era * 400;
        long dayOfYear = (153L * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
        long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097 + dayOfEra - 719_468;
    }

    /**
     * Whether {@code year} is a leap year in the proleptic Gregorian calendar.
     *
     * @param year the year
     * @return true for a leap year
     */
    public static boolean isLeapYear(long year) {
        return (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);
    }
}
