package dev.consentkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.common.testing.EqualsTester;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Shows that a member resides in a country or subdivision from an instant on, never in a group. */
class ResidenceTest {

    private static final Instant FROM = Instant.parse("2025-03-01T00:00:00Z");

    @Test
    void shouldAcceptACountry() {
        Residence residence = new Residence(FROM, Jurisdiction.of("DE"));

        assertEquals(FROM, residence.from());
        assertEquals(Jurisdiction.of("DE"), residence.jurisdiction());
    }

    @Test
    void shouldAcceptASubdivision() {
        assertEquals(Jurisdiction.of("US-CA"), new Residence(FROM, Jurisdiction.of("US-CA")).jurisdiction());
    }

    @Test
    void shouldStartAlwaysAtTheEarliestInstant() {
        assertEquals(new Residence(Instant.MIN, Jurisdiction.of("GB")), Residence.always(Jurisdiction.of("GB")));
    }

    @Test
    void shouldRejectTheEuShowingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Residence(FROM, Jurisdiction.EU));

        assertEquals("a member resides in a country or subdivision, not in the group 'EU'", e.getMessage());
    }

    @Test
    void shouldRejectTheEeaShowingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Residence.always(Jurisdiction.EEA));

        assertEquals("a member resides in a country or subdivision, not in the group 'EEA'", e.getMessage());
    }

    @Test
    void shouldBeEqualExactlyWhenStartAndJurisdictionAreEqual() {
        new EqualsTester()
                .addEqualityGroup(new Residence(FROM, Jurisdiction.of("DE")), new Residence(FROM, Jurisdiction.of("de")))
                .addEqualityGroup(new Residence(FROM.plusNanos(1), Jurisdiction.of("DE")))
                .addEqualityGroup(new Residence(FROM, Jurisdiction.of("FR")))
                .addEqualityGroup(Residence.always(Jurisdiction.of("DE")))
                .testEquals();
    }
}
