package dev.consentkit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.testing.EqualsTester;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Shows that a reservation is in effect from its instant on, inclusive, and is a plain value. */
class ReservationTest {

    private static final Instant FROM = Instant.parse("2025-02-01T00:00:00Z");
    private static final Reservation TDM = new Reservation(ReservationSource.TDM_REP, FROM);

    @Test
    void shouldBeInEffectFromItsInstant() {
        assertTrue(TDM.isInEffectAt(FROM));
        assertTrue(TDM.isInEffectAt(Instant.MAX));
    }

    @Test
    void shouldNotBeInEffectOneNanosecondBefore() {
        assertFalse(TDM.isInEffectAt(FROM.minusNanos(1)));
    }

    @Test
    void shouldNotBeInEffectAtAnInstantBeforeTheStoredSpan() {
        assertFalse(TDM.isInEffectAt(Instant.MIN));
        assertTrue(new Reservation(ReservationSource.TDM_REP, StoredSpan.FIRST).isInEffectAt(StoredSpan.FIRST));
        assertFalse(new Reservation(ReservationSource.TDM_REP, StoredSpan.LAST).isInEffectAt(StoredSpan.LAST.minusNanos(1)));
    }

    @Test
    void shouldBeEqualExactlyWhenSourceAndInstantAreEqual() {
        new EqualsTester()
                .addEqualityGroup(TDM, new Reservation(ReservationSource.TDM_REP, FROM))
                .addEqualityGroup(new Reservation(ReservationSource.ITEM_FLAG, FROM))
                .addEqualityGroup(new Reservation(ReservationSource.TDM_REP, FROM.plusNanos(1)))
                .testEquals();
    }
}
