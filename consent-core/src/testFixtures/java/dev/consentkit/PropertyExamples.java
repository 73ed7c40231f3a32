package dev.consentkit;

/**
 * How many examples a property test draws. Each property states the count that gives it confidence in
 * an ordinary test run; the system property {@value #PERCENT_PROPERTY} scales every count by a
 * percentage, so that a run that repeats the tests many times (mutation testing runs them once per
 * mutant) can draw fewer while still drawing at least one example per property. A test fixture: the
 * property tests of consent-core and those of the engine in consent-testkit-quicktheories, which run
 * together under mutation testing, all state their counts through it.
 */
public final class PropertyExamples {

    /** The system property giving the percentage of each property's standard count to draw (100 when unset). */
    public static final String PERCENT_PROPERTY = "consentkit.propertyExamplesPercent";

    private static final int PERCENT = percent(System.getProperty(PERCENT_PROPERTY));

    private PropertyExamples() {}

    /**
     * The number of examples to draw for a property whose standard count is {@code standard}.
     *
     * @param standard the count the property draws in an ordinary run, at least one
     * @return {@code standard} scaled by the configured percentage, rounded up, and never below one
     */
    public static int scaled(int standard) {
        return scaled(standard, PERCENT);
    }

    static int scaled(int standard, int percent) {
        if (standard < 1) {
            throw new IllegalArgumentException("a property draws at least one example, not " + standard);
        }
        return (int) ((standard * (long) percent + 99) / 100);
    }

    static int percent(String configured) {
        if (configured == null || configured.isBlank()) {
            return 100;
        }
        try {
            int value = Integer.parseInt(configured.strip());
            if (value >= 1 && value <= 100) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below with the value
        }
        throw new IllegalArgumentException(PERCENT_PROPERTY + " must be a whole percentage from 1 to 100, not '"
                + configured + "'");
    }
}
