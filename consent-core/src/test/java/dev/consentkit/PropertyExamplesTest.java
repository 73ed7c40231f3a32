package dev.consentkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Tests of how the percentage that scales the property tests' example counts is read. */
class PropertyExamplesTest {

    @Test
    void unsetOrBlankMeansEveryExample() {
        assertEquals(100, PropertyExamples.percent(null));
        assertEquals(100, PropertyExamples.percent(" "));
    }

    @Test
    void aWholePercentageFromOneToAHundredIsRead() {
        assertEquals(1, PropertyExamples.percent("1"));
        assertEquals(10, PropertyExamples.percent(" 10 "));
        assertEquals(100, PropertyExamples.percent("100"));
    }

    @Test
    void anythingElseIsRefusedWithTheValue() {
        for (String bad : new String[] {"0", "101", "-5", "ten", "12.5"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PropertyExamples.percent(bad));
            assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
            assertTrue(e.getMessage().contains(PropertyExamples.PERCENT_PROPERTY), e.getMessage());
        }
    }

    @Test
    void aCountIsScaledRoundingUpSoThatEveryPropertyDrawsAtLeastOneExample() {
        assertEquals(500, PropertyExamples.scaled(500, 100));
        assertEquals(50, PropertyExamples.scaled(500, 10));
        assertEquals(3, PropertyExamples.scaled(25, 10));
        assertEquals(1, PropertyExamples.scaled(5, 10));
        assertEquals(1, PropertyExamples.scaled(1, 1));
        assertThrows(IllegalArgumentException.class, () -> PropertyExamples.scaled(0, 100));
    }
}
