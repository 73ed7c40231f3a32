package dev.consentkit.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.consentkit.PropertyExamples;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Year;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** Property tests showing that the allocation-free calendar arithmetic of age checks agrees with {@code java.time}. */
class CalendarDaysTest {

    private static final int EXAMPLES = PropertyExamples.scaled(2000);
    private static final LocalDate FIRST = LocalDate.of(-1_000_000, 1, 1);
    private static final LocalDate LAST = LocalDate.of(1_000_000, 12, 31);

    @Test
    void shouldAgreeWithLocalDateOnEpochDays() {
        qt().withExamples(EXAMPLES).forAll(dates()).checkAssert(date -> assertEquals(date.toEpochDay(),
                CalendarDays.epochDay(date.getYear(), date.getMonthValue(), date.getDayOfMonth())));
    }

    @Test
    void shouldAgreeWithPlusYearsOnAnniversariesWhenLeapDaysFallOn28February() {
        qt().withExamples(EXAMPLES).forAll(dates(), integers().between(0, 150)).checkAssert((born, years) -> {
            assertEquals(born.plusYears(years).toEpochDay(),
                    CalendarDays.comingOfAgeDay(CalendarDays.pack(born), years, false));
            assertEquals(born.plusYears(years), CalendarDays.comingOfAge(born, years, false));
        });
    }

    @Test
    void shouldMoveOnlyALeapDayBirthdayInACommonYearTo1March() {
        qt().withExamples(EXAMPLES).forAll(dates(), integers().between(0, 150)).checkAssert((born, years) -> {
            LocalDate anniversary = born.plusYears(years);
            LocalDate expected = born.getMonthValue() == 2 && born.getDayOfMonth() == 29 && !anniversary.isLeapYear()
                    ? LocalDate.of(anniversary.getYear(), 3, 1) : anniversary;
            assertEquals(expected.toEpochDay(), CalendarDays.comingOfAgeDay(CalendarDays.pack(born), years, true));
            assertEquals(expected, CalendarDays.comingOfAge(born, years, true));
        });
    }

    @Test
    void shouldCountALeapDayBirthdayEitherWayInACommonYearAndAsItselfInALeapYear() {
        LocalDate born = LocalDate.of(2008, 2, 29);
        assertEquals(LocalDate.of(2026, 2, 28), CalendarDays.comingOfAge(born, 18, false));
        assertEquals(LocalDate.of(2026, 3, 1), CalendarDays.comingOfAge(born, 18, true));
        assertEquals(LocalDate.of(2028, 2, 29), CalendarDays.comingOfAge(born, 20, true));
        assertEquals(LocalDate.of(2028, 2, 29), CalendarDays.comingOfAge(born, 20, false));
        // 2100 is a common year: the century rule applies to the leap-day reading too.
        assertEquals(LocalDate.of(2100, 3, 1), CalendarDays.comingOfAge(LocalDate.of(2000, 2, 29), 100, true));
    }

    @Test
    void shouldAgreeWithLocalDateOnTheUtcDayOfAnInstant() {
        qt().withExamples(EXAMPLES).forAll(instants()).checkAssert(instant -> assertEquals(
                LocalDate.ofInstant(instant, ZoneOffset.UTC).toEpochDay(), KernelTime.utcEpochDay(instant)));
    }

    @Test
    void shouldAgreeWithYearOnLeapYears() {
        qt().withExamples(EXAMPLES).forAll(years())
                .checkAssert(year -> assertEquals(Year.isLeap(year), CalendarDays.isLeapYear(year)));
    }

    /** Years from a million years before the common era to a million after, centuries often. */
    private static Gen<Long> years() {
        return Generate.frequency(
                Pair.of(3, longs().between(FIRST.getYear(), LAST.getYear())),
                Pair.of(1, longs().between(-10_000, 10_000).map(century -> century * 100)),
                Pair.of(1, longs().between(1600, 2400)));
    }

    /**
     * Dates over two million years, dates near today, the days around the end of February, and
     * 29 February in leap years.
     */
    private static Gen<LocalDate> dates() {
        Gen<Integer> nearYears = integers().between(1600, 2400);
        Gen<Integer> anyYears = integers().between(FIRST.getYear(), LAST.getYear());
        Gen<LocalDate> endsOfFebruary = Generate.frequency(Pair.of(1, nearYears), Pair.of(1, anyYears))
                .zip(Generate.pick(List.of(27, 28, 29, 30)), (year, day) -> LocalDate.ofYearDay(year, 31 + day));
        Gen<LocalDate> leapDays = Generate.frequency(Pair.of(1, nearYears), Pair.of(1, anyYears))
                .map(year -> leapDayOnOrAfter(year));
        return Generate.frequency(
                Pair.of(3, longs().between(FIRST.toEpochDay(), LAST.toEpochDay()).map(day -> LocalDate.ofEpochDay(day))),
                Pair.of(2, longs().between(LocalDate.of(1900, 1, 1).toEpochDay(), LocalDate.of(2100, 12, 31).toEpochDay())
                        .map(day -> LocalDate.ofEpochDay(day))),
                Pair.of(1, endsOfFebruary),
                Pair.of(1, leapDays));
    }

    /** Instants whose UTC dates span the same two million years, and instants around the epoch, with nanoseconds. */
    private static Gen<Instant> instants() {
        long firstSecond = FIRST.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        long lastSecond = LAST.atStartOfDay(ZoneOffset.UTC).toEpochSecond() + 86_399;
        Gen<Long> seconds = Generate.frequency(
                Pair.of(2, longs().between(firstSecond, lastSecond)),
                Pair.of(1, longs().between(-3 * 86_400L, 3 * 86_400L)));
        return seconds.zip(integers().between(0, 999_999_999), (second, nanos) -> Instant.ofEpochSecond(second, nanos));
    }

    private static LocalDate leapDayOnOrAfter(int year) {
        int leapYear = year;
        while (!Year.isLeap(leapYear)) {
            leapYear++;
        }
        return LocalDate.of(leapYear, 2, 29);
    }
}
