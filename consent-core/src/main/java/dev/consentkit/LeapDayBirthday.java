package dev.consentkit;

/**
 * When a member born on 29 February comes of age in a common year, a year without that day: a
 * {@link PolicyVersion}'s reading of the birthday for its minimum age.
 *
 * <p>Readings differ between legal systems. Hong Kong's Age of Majority (Related Provisions)
 * Ordinance (Cap. 410, section 5) and the law of the United Kingdom (Family Law Reform Act 1969,
 * section 9, as read for 29 February) count the anniversary in a common year as 1 March; other
 * systems and {@link java.time.LocalDate#plusYears} count 28 February. For a rule that protects
 * children the later day is the safe one, so {@link PolicyVersion#builder} starts with
 * {@link #MARCH_1}. A policy document written before versions had this option keeps
 * {@link #FEBRUARY_28}, the reading it was decided by, so that a replay of a past audit does not
 * change silently.
 */
public enum LeapDayBirthday {

    /** Of age on 28 February in a common year: one day earlier, as {@link java.time.LocalDate#plusYears} counts. */
    FEBRUARY_28,

    /** Of age on 1 March in a common year: the later, fail-closed reading for a child-protection rule. */
    MARCH_1
}
