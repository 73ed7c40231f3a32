package dev.consentkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.testing.EqualsTester;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Shows that a consent event cannot be recorded before it takes effect, needs an id, and is a plain value;
 * and that one stated after it was recorded is counted from when it was recorded, keeping the stated instant.
 */
class ConsentEventTest {

    private static final Instant EFFECTIVE = Instant.parse("2025-11-10T00:00:00Z");
    private static final Instant RECORDED = Instant.parse("2025-11-10T00:00:05Z");

    @Test
    void shouldMakeAnOptOutWithTheFactory() {
        ConsentEvent event = ConsentEvent.optOut("e-7", Purpose.GENERATIVE_AI_TRAINING, EFFECTIVE, RECORDED,
                ConsentChannel.SETTINGS_TOGGLE);

        assertEquals(new ConsentEvent("e-7", Purpose.GENERATIVE_AI_TRAINING, ConsentChoice.OPT_OUT, EFFECTIVE, RECORDED,
                ConsentChannel.SETTINGS_TOGGLE), event);
        assertTrue(event.isOptOut());
    }

    @Test
    void shouldMakeAnOptInWithTheFactory() {
        ConsentEvent event = ConsentEvent.optIn("e-8", Purpose.AI_TRAINING, EFFECTIVE, RECORDED, ConsentChannel.API);

        assertEquals(new ConsentEvent("e-8", Purpose.AI_TRAINING, ConsentChoice.OPT_IN, EFFECTIVE, RECORDED,
                ConsentChannel.API), event);
        assertFalse(event.isOptOut());
    }

    @Test
    void shouldAcceptAnEventRecordedAtTheInstantItTakesEffect() {
        ConsentEvent event = ConsentEvent.optOut("e-1", Purpose.AI_TRAINING, EFFECTIVE, EFFECTIVE, ConsentChannel.GPC_SIGNAL);

        assertEquals(event.effectiveAt(), event.recordedAt());
    }

    @Test
    void shouldRejectAnEventRecordedBeforeItTakesEffectShowingBothInstantsAndTheId() {
        Instant recorded = EFFECTIVE.minusNanos(1);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConsentEvent.optOut(
                "e-7", Purpose.AI_TRAINING, EFFECTIVE, recorded, ConsentChannel.IMPORT));

        assertEquals("consent event e-7 is recorded at 2025-11-09T23:59:59.999999999Z, before it takes effect at "
                + "2025-11-10T00:00:00Z; recordedAt must not be before effectiveAt", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t", "\n "})
    void shouldRejectABlankIdShowingIt(String id) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConsentEvent.optIn(id, Purpose.AI_TRAINING, EFFECTIVE, RECORDED, ConsentChannel.API));

        assertEquals("consent event id is blank: '" + id + "'", e.getMessage());
    }

    @Test
    void shouldBeEqualExactlyWhenEveryComponentIsEqual() {
        ConsentEvent event = ConsentEvent.optOut("e-7", Purpose.AI_TRAINING, EFFECTIVE, RECORDED, ConsentChannel.API);
        new EqualsTester()
                .addEqualityGroup(event,
                        ConsentEvent.optOut("e-7", Purpose.of("ai-training"), EFFECTIVE, RECORDED, ConsentChannel.API))
                .addEqualityGroup(ConsentEvent.optOut("e-8", Purpose.AI_TRAINING, EFFECTIVE, RECORDED, ConsentChannel.API))
                .addEqualityGroup(ConsentEvent.optOut("e-7", Purpose.GENERATIVE_AI_TRAINING, EFFECTIVE, RECORDED,
                        ConsentChannel.API))
                .addEqualityGroup(ConsentEvent.optIn("e-7", Purpose.AI_TRAINING, EFFECTIVE, RECORDED, ConsentChannel.API))
                .addEqualityGroup(ConsentEvent.optOut("e-7", Purpose.AI_TRAINING, EFFECTIVE.minusSeconds(1), RECORDED,
                        ConsentChannel.API))
                .addEqualityGroup(ConsentEvent.optOut("e-7", Purpose.AI_TRAINING, EFFECTIVE, RECORDED.plusSeconds(1),
                        ConsentChannel.API))
                .addEqualityGroup(ConsentEvent.optOut("e-7", Purpose.AI_TRAINING, EFFECTIVE, RECORDED,
                        ConsentChannel.IMPORT))
                .addEqualityGroup(ConsentEvent.effectiveWhenRecorded("e-7", Purpose.AI_TRAINING, ConsentChoice.OPT_OUT,
                        RECORDED.plusSeconds(1), RECORDED, ConsentChannel.API))
                .addEqualityGroup(ConsentEvent.effectiveWhenRecorded("e-7", Purpose.AI_TRAINING, ConsentChoice.OPT_OUT,
                        RECORDED.plusSeconds(2), RECORDED, ConsentChannel.API))
                .addEqualityGroup(ConsentEvent.optOut("e-7", Purpose.AI_TRAINING, RECORDED, RECORDED, ConsentChannel.API))
                .testEquals();
    }

    @Test
    void shouldStateItsEffectiveInstantAsEffectiveAtWhenNotAdjusted() {
        ConsentEvent event = ConsentEvent.optOut("e-7", Purpose.AI_TRAINING, EFFECTIVE, RECORDED, ConsentChannel.API);

        assertEquals(EFFECTIVE, event.statedEffectiveAt());
        assertFalse(event.isSkewAdjusted());
        assertEquals(event, new ConsentEvent("e-7", Purpose.AI_TRAINING, ConsentChoice.OPT_OUT, EFFECTIVE, RECORDED,
                ConsentChannel.API, EFFECTIVE));
    }

    @Test
    void shouldCountAnEventStatedAfterItWasRecordedFromWhenItWasRecordedKeepingTheStatedInstant() {
        Instant stated = RECORDED.plusMillis(1);

        ConsentEvent event = ConsentEvent.effectiveWhenRecorded("e-7", Purpose.AI_TRAINING, ConsentChoice.OPT_OUT, stated,
                RECORDED, ConsentChannel.API);

        assertEquals(RECORDED, event.effectiveAt());
        assertEquals(RECORDED, event.recordedAt());
        assertEquals(stated, event.statedEffectiveAt());
        assertTrue(event.isSkewAdjusted());
        assertTrue(event.isOptOut());
    }

    @Test
    void shouldNotCountFromRecordingAnEventStatedAtOrBeforeItWasRecorded() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConsentEvent.effectiveWhenRecorded(
                "e-7", Purpose.AI_TRAINING, ConsentChoice.OPT_OUT, RECORDED, RECORDED, ConsentChannel.API));

        assertEquals("consent event e-7 is stated to take effect at 2025-11-10T00:00:05Z, not after it is recorded at "
                + "2025-11-10T00:00:05Z; only an event stated after it was recorded is counted from when it was recorded",
                e.getMessage());
    }

    @Test
    void shouldRejectAStatedInstantThatDoesNotDescribeAnEventCountedFromWhenItWasRecorded() {
        IllegalArgumentException beforeRecording = assertThrows(IllegalArgumentException.class, () -> new ConsentEvent(
                "e-7", Purpose.AI_TRAINING, ConsentChoice.OPT_OUT, EFFECTIVE, RECORDED, ConsentChannel.API,
                RECORDED.minusSeconds(1)));
        IllegalArgumentException notFromRecording = assertThrows(IllegalArgumentException.class, () -> new ConsentEvent(
                "e-7", Purpose.AI_TRAINING, ConsentChoice.OPT_OUT, EFFECTIVE, RECORDED, ConsentChannel.API,
                RECORDED.plusSeconds(1)));

        assertEquals("consent event e-7 is stated to take effect at 2025-11-10T00:00:04Z but takes effect at "
                + "2025-11-10T00:00:00Z and is recorded at 2025-11-10T00:00:05Z; a stated effective instant other than"
                + " effectiveAt is kept only for an event stated after it was recorded and counted from when it was"
                + " recorded (effectiveAt equal to recordedAt)", beforeRecording.getMessage());
        assertTrue(notFromRecording.getMessage().startsWith("consent event e-7 is stated to take effect at "
                + "2025-11-10T00:00:06Z but takes effect at 2025-11-10T00:00:00Z"), notFromRecording.getMessage());
    }

    @Test
    void shouldRejectAStatedInstantOutsideTheStoredSpanNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConsentEvent.effectiveWhenRecorded(
                "e-7", Purpose.AI_TRAINING, ConsentChoice.OPT_OUT, StoredSpan.LAST.plusNanos(1), StoredSpan.LAST,
                ConsentChannel.API));

        assertTrue(e.getMessage().contains("statedEffectiveAt of consent event e-7"), e.getMessage());
    }

    @Test
    void shouldBuildAnEventRecordedAtOrAfterItsStatedStartAsStated() {
        ConsentEvent event = ConsentEvent.asStated("e-1", Purpose.AI_TRAINING, ConsentChoice.OPT_OUT, EFFECTIVE, RECORDED,
                ConsentChannel.SETTINGS_TOGGLE, Duration.ZERO);

        assertEquals(new ConsentEvent("e-1", Purpose.AI_TRAINING, ConsentChoice.OPT_OUT, EFFECTIVE, RECORDED,
                ConsentChannel.SETTINGS_TOGGLE), event);
    }

    @Test
    void shouldCountAnEventStatedWithinTheToleranceAfterItsRecordingFromTheRecording() {
        Instant stated = RECORDED.plusSeconds(5);

        ConsentEvent event = ConsentEvent.asStated("e-1", Purpose.AI_TRAINING, ConsentChoice.OPT_OUT, stated, RECORDED,
                ConsentChannel.API, Duration.ofSeconds(5));

        assertEquals(ConsentEvent.effectiveWhenRecorded("e-1", Purpose.AI_TRAINING, ConsentChoice.OPT_OUT, stated,
                RECORDED, ConsentChannel.API), event);
        assertEquals(RECORDED, event.effectiveAt());
    }

    @Test
    void shouldRefuseAnEventStatedBeyondTheToleranceAfterItsRecording() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConsentEvent.asStated("e-1",
                Purpose.AI_TRAINING, ConsentChoice.OPT_OUT, RECORDED.plusSeconds(6), RECORDED, ConsentChannel.API,
                Duration.ofSeconds(5)));

        assertEquals("consent event e-1 is recorded at 2025-11-10T00:00:05Z, before it takes effect at"
                + " 2025-11-10T00:00:11Z: PT6S before, more than the clock-skew tolerance of PT5S", e.getMessage());
    }

    @Test
    void shouldRefuseANegativeTolerance() {
        assertThrows(IllegalArgumentException.class, () -> ConsentEvent.asStated("e-1", Purpose.AI_TRAINING,
                ConsentChoice.OPT_OUT, EFFECTIVE, RECORDED, ConsentChannel.API, Duration.ofSeconds(-1)));
    }
}
