package dev.consentkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.testing.EqualsTester;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Shows that a consent history orders events by when they take effect, keeps each event once, refuses
 * conflicting ids, and finds the choice in effect at an instant over half-open intervals.
 */
class ConsentHistoryTest {

    private static final Instant T1 = Instant.parse("2025-01-01T00:00:00Z");
    private static final Instant T2 = Instant.parse("2025-06-01T00:00:00Z");
    private static final Instant T3 = Instant.parse("2025-11-10T00:00:00Z");

    private static final ConsentEvent IN_AT_T1 = ConsentEvent.optIn(
            "e-1", Purpose.GENERATIVE_AI_TRAINING, T1, T1, ConsentChannel.SETTINGS_TOGGLE);
    private static final ConsentEvent OUT_AT_T2 = ConsentEvent.optOut(
            "e-2", Purpose.GENERATIVE_AI_TRAINING, T2, T2.plusSeconds(5), ConsentChannel.SETTINGS_TOGGLE);
    private static final ConsentEvent IN_AT_T3 = ConsentEvent.optIn(
            "e-3", Purpose.GENERATIVE_AI_TRAINING, T3, T3, ConsentChannel.API);

    @Test
    void shouldSortEventsByWhenTheyTakeEffect() {
        ConsentHistory history = ConsentHistory.of(IN_AT_T3, IN_AT_T1, OUT_AT_T2);

        assertEquals(List.of(IN_AT_T1, OUT_AT_T2, IN_AT_T3), history.events());
    }

    @Test
    void shouldSortByEffectNotByRecording() {
        ConsentEvent lateRecordedEarlyChoice = ConsentEvent.optOut(
                "e-late", Purpose.AI_TRAINING, T1.plusSeconds(1), T3.plusSeconds(1), ConsentChannel.IMPORT);

        ConsentHistory history = ConsentHistory.of(OUT_AT_T2, lateRecordedEarlyChoice);

        assertEquals(List.of(lateRecordedEarlyChoice, OUT_AT_T2), history.events());
    }

    @Test
    void shouldKeepTheSameEventOnce() {
        ConsentHistory history = ConsentHistory.of(IN_AT_T1, IN_AT_T1, OUT_AT_T2, IN_AT_T1);

        assertEquals(List.of(IN_AT_T1, OUT_AT_T2), history.events());
        assertEquals(2, history.size());
    }

    @Test
    void shouldKeepAnEqualEventUnderTheSameIdOnce() {
        ConsentEvent copy = ConsentEvent.optIn("e-1", Purpose.of("ai-training.generative"), T1, T1,
                ConsentChannel.SETTINGS_TOGGLE);

        assertEquals(1, ConsentHistory.of(IN_AT_T1, copy).size());
    }

    @Test
    void shouldRejectTwoDifferentEventsUnderOneIdNamingTheId() {
        ConsentEvent conflicting = ConsentEvent.optOut("e-1", Purpose.GENERATIVE_AI_TRAINING, T1, T1,
                ConsentChannel.SETTINGS_TOGGLE);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConsentHistory.of(IN_AT_T1, conflicting));

        assertTrue(e.getMessage().startsWith("consent event id e-1 is used for two different events: "), e.getMessage());
        assertTrue(e.getMessage().contains(IN_AT_T1.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(conflicting.toString()), e.getMessage());
    }

    @Test
    void shouldTellEventsCountedFromRecordingApartByTheInstantTheirSourceStated() {
        ConsentEvent stated = ConsentEvent.effectiveWhenRecorded("e-9", Purpose.GENERATIVE_AI_TRAINING,
                ConsentChoice.OPT_OUT, T3.plusSeconds(2), T3, ConsentChannel.API);
        ConsentEvent repeated = ConsentEvent.effectiveWhenRecorded("e-9", Purpose.GENERATIVE_AI_TRAINING,
                ConsentChoice.OPT_OUT, T3.plusSeconds(2), T3, ConsentChannel.API);
        ConsentEvent statedOtherwise = ConsentEvent.effectiveWhenRecorded("e-9", Purpose.GENERATIVE_AI_TRAINING,
                ConsentChoice.OPT_OUT, T3.plusSeconds(3), T3, ConsentChannel.API);
        ConsentEvent statedAsCounted = ConsentEvent.optOut("e-9", Purpose.GENERATIVE_AI_TRAINING, T3, T3,
                ConsentChannel.API);

        assertEquals(List.of(stated), ConsentHistory.of(stated, repeated).events());
        assertThrows(IllegalArgumentException.class, () -> ConsentHistory.of(stated, statedOtherwise));
        assertThrows(IllegalArgumentException.class, () -> ConsentHistory.of(stated, statedAsCounted));
    }

    @Test
    void shouldApplyAnEventCountedFromRecordingFromWhenItWasRecorded() {
        ConsentHistory history = ConsentHistory.of(ConsentEvent.effectiveWhenRecorded("e-9", Purpose.GENERATIVE_AI_TRAINING,
                ConsentChoice.OPT_OUT, T3.plusSeconds(2), T3, ConsentChannel.API));

        assertEquals(ConsentChoice.OPT_OUT, history.choiceInEffect(Purpose.GENERATIVE_AI_TRAINING, T3).orElseThrow().choice());
        assertEquals(Optional.empty(), history.choiceInEffect(Purpose.GENERATIVE_AI_TRAINING, T3.minusNanos(1)));
    }

    @Test
    void shouldPutAnOptOutAfterAnOptInAtTheSameInstant() {
        ConsentEvent out = ConsentEvent.optOut("a-out", Purpose.GENERATIVE_AI_TRAINING, T2, T2, ConsentChannel.API);
        ConsentEvent in = ConsentEvent.optIn("z-in", Purpose.GENERATIVE_AI_TRAINING, T2, T2.plusSeconds(60),
                ConsentChannel.API);

        assertEquals(List.of(in, out), ConsentHistory.of(out, in).events());
        assertEquals(List.of(in, out), ConsentHistory.of(in, out).events());
    }

    @Test
    void shouldLetTheOptOutWinAtTheSameInstant() {
        ConsentEvent out = ConsentEvent.optOut("a-out", Purpose.GENERATIVE_AI_TRAINING, T2, T2, ConsentChannel.API);
        ConsentEvent in = ConsentEvent.optIn("z-in", Purpose.GENERATIVE_AI_TRAINING, T2, T2, ConsentChannel.API);

        assertSame(out, ConsentHistory.of(out, in).choiceInEffect(Purpose.GENERATIVE_AI_TRAINING, T2).orElseThrow());
    }

    @Test
    void shouldApplyAChoiceFromTheInstantItTakesEffect() {
        ConsentHistory history = ConsentHistory.of(OUT_AT_T2);

        assertSame(OUT_AT_T2, history.choiceInEffect(Purpose.GENERATIVE_AI_TRAINING, T2).orElseThrow());
    }

    @Test
    void shouldNotApplyAChoiceOneNanosecondBeforeItTakesEffect() {
        ConsentHistory history = ConsentHistory.of(OUT_AT_T2);

        assertEquals(Optional.empty(), history.choiceInEffect(Purpose.GENERATIVE_AI_TRAINING, T2.minusNanos(1)));
    }

    @Test
    void shouldApplyTheLatestChoiceInEffect() {
        ConsentHistory history = ConsentHistory.of(IN_AT_T1, OUT_AT_T2, IN_AT_T3);

        assertSame(IN_AT_T1, history.choiceInEffect(Purpose.GENERATIVE_AI_TRAINING, T2.minusNanos(1)).orElseThrow());
        assertSame(OUT_AT_T2, history.choiceInEffect(Purpose.GENERATIVE_AI_TRAINING, T3.minusNanos(1)).orElseThrow());
        assertSame(IN_AT_T3, history.choiceInEffect(Purpose.GENERATIVE_AI_TRAINING, Instant.MAX).orElseThrow());
    }

    @Test
    void shouldApplyAChoiceForABroaderPurposeToTheNarrowerOne() {
        ConsentEvent outOfAll = ConsentEvent.optOut("e-all", Purpose.AI_TRAINING, T2, T2, ConsentChannel.OBJECTION_FORM);

        assertSame(outOfAll, ConsentHistory.of(outOfAll).choiceInEffect(Purpose.GENERATIVE_AI_TRAINING, T3).orElseThrow());
    }

    @Test
    void shouldNotApplyAChoiceForANarrowerPurposeToTheBroaderOne() {
        assertEquals(Optional.empty(), ConsentHistory.of(OUT_AT_T2).choiceInEffect(Purpose.AI_TRAINING, T3));
    }

    @Test
    void shouldSkipLaterChoicesForOtherPurposes() {
        ConsentEvent safety = ConsentEvent.optOut("e-safety", Purpose.of("ai-training.safety"), T3, T3,
                ConsentChannel.API);

        ConsentHistory history = ConsentHistory.of(IN_AT_T1, safety);

        assertSame(IN_AT_T1, history.choiceInEffect(Purpose.GENERATIVE_AI_TRAINING, T3).orElseThrow());
    }

    @Test
    void shouldKeepEveryEventOfBothWhenMerging() {
        ConsentHistory merged = ConsentHistory.of(IN_AT_T1, IN_AT_T3).merge(ConsentHistory.of(OUT_AT_T2, IN_AT_T1));

        assertEquals(List.of(IN_AT_T1, OUT_AT_T2, IN_AT_T3), merged.events());
    }

    @Test
    void shouldRejectAMergeOfDifferentEventsUnderOneIdNamingTheId() {
        ConsentEvent conflicting = ConsentEvent.optIn("e-2", Purpose.GENERATIVE_AI_TRAINING, T2, T2, ConsentChannel.API);
        ConsentHistory history = ConsentHistory.of(OUT_AT_T2);
        ConsentHistory other = ConsentHistory.of(conflicting);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> history.merge(other));

        assertTrue(e.getMessage().contains("consent event id e-2"), e.getMessage());
    }

    @Test
    void shouldMergeWithAnEmptyHistoryOnEitherSideToTheOtherHistory() {
        ConsentHistory history = ConsentHistory.of(OUT_AT_T2, IN_AT_T1);

        assertEquals(List.of(IN_AT_T1, OUT_AT_T2), ConsentHistory.empty().merge(history).events());
        assertEquals(List.of(IN_AT_T1, OUT_AT_T2), history.merge(ConsentHistory.empty()).events());
        assertEquals(List.of(), ConsentHistory.empty().merge(ConsentHistory.empty()).events());
        assertEquals(history.choiceInEffect(Purpose.GENERATIVE_AI_TRAINING, T3),
                ConsentHistory.empty().merge(history).choiceInEffect(Purpose.GENERATIVE_AI_TRAINING, T3));
    }

    @Test
    void shouldLeaveBothHistoriesUnchangedWhenMerging() {
        ConsentHistory first = ConsentHistory.of(IN_AT_T1);
        ConsentHistory second = ConsentHistory.of(OUT_AT_T2);

        first.merge(second);

        assertEquals(List.of(IN_AT_T1), first.events());
        assertEquals(List.of(OUT_AT_T2), second.events());
    }

    @Test
    void shouldAddAnEventWithWith() {
        ConsentHistory history = ConsentHistory.of(IN_AT_T1, IN_AT_T3);

        assertEquals(List.of(IN_AT_T1, OUT_AT_T2, IN_AT_T3), history.with(OUT_AT_T2).events());
        assertEquals(List.of(IN_AT_T1, IN_AT_T3), history.events());
    }

    @Test
    void shouldIgnoreAnEventAlreadyThereWithWith() {
        ConsentHistory history = ConsentHistory.of(IN_AT_T1, OUT_AT_T2);

        assertEquals(history, history.with(OUT_AT_T2));
        assertEquals(2, history.with(OUT_AT_T2).size());
    }

    @Test
    void shouldRejectWithOfADifferentEventUnderAnExistingIdNamingTheId() {
        ConsentHistory history = ConsentHistory.of(IN_AT_T1);
        ConsentEvent conflicting = ConsentEvent.optIn("e-1", Purpose.AI_TRAINING, T1, T1, ConsentChannel.API);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> history.with(conflicting));

        assertTrue(e.getMessage().contains("consent event id e-1"), e.getMessage());
    }

    @Test
    void shouldDropEventsRecordedAfterTheKnowledgeInstant() {
        ConsentHistory history = ConsentHistory.of(IN_AT_T1, OUT_AT_T2, IN_AT_T3);

        assertEquals(List.of(IN_AT_T1), history.knownAt(OUT_AT_T2.recordedAt().minusNanos(1)).events());
    }

    @Test
    void shouldKeepAnEventRecordedExactlyAtTheKnowledgeInstant() {
        ConsentHistory history = ConsentHistory.of(IN_AT_T1, OUT_AT_T2, IN_AT_T3);

        assertEquals(List.of(IN_AT_T1, OUT_AT_T2), history.knownAt(OUT_AT_T2.recordedAt()).events());
    }

    @Test
    void shouldJudgeKnowledgeByRecordingNotByEffect() {
        ConsentEvent lateRecorded = ConsentEvent.optOut("e-late", Purpose.AI_TRAINING, T1, T3, ConsentChannel.IMPORT);

        ConsentHistory known = ConsentHistory.of(lateRecorded, OUT_AT_T2).knownAt(T2.plusSeconds(5));

        assertEquals(List.of(OUT_AT_T2), known.events());
    }

    @Test
    void shouldHoldNothingWhenEmpty() {
        ConsentHistory empty = ConsentHistory.empty();

        assertTrue(empty.isEmpty());
        assertEquals(0, empty.size());
        assertEquals(List.of(), empty.events());
        assertEquals(Optional.empty(), empty.choiceInEffect(Purpose.AI_TRAINING, Instant.MAX));
    }

    @Test
    void shouldEqualTheEmptyHistoryWhenMadeFromNoEvents() {
        assertEquals(ConsentHistory.empty(), ConsentHistory.of());
        assertEquals(ConsentHistory.empty(), ConsentHistory.of(List.of()));
    }

    @Test
    void shouldNotLetCallersChangeItsEvents() {
        List<ConsentEvent> events = ConsentHistory.of(IN_AT_T1).events();

        assertThrows(UnsupportedOperationException.class, () -> events.add(OUT_AT_T2));
    }

    @Test
    void shouldNotChangeWhenTheGivenCollectionChangesAfterwards() {
        List<ConsentEvent> given = new ArrayList<>(List.of(IN_AT_T1));
        ConsentHistory history = ConsentHistory.of(given);

        given.add(OUT_AT_T2);

        assertEquals(List.of(IN_AT_T1), history.events());
    }

    @Test
    void shouldNameTheIndexOfANullEvent() {
        NullPointerException e = assertThrows(NullPointerException.class,
                () -> ConsentHistory.of(IN_AT_T1, null));

        assertEquals("events[1]", e.getMessage());
    }

    @Test
    void shouldBeEqualExactlyWhenHoldingTheSameEvents() {
        new EqualsTester()
                .addEqualityGroup(ConsentHistory.of(IN_AT_T1, OUT_AT_T2), ConsentHistory.of(OUT_AT_T2, IN_AT_T1),
                        ConsentHistory.of(IN_AT_T1, OUT_AT_T2, IN_AT_T1), ConsentHistory.of(IN_AT_T1).with(OUT_AT_T2))
                .addEqualityGroup(ConsentHistory.of(IN_AT_T1))
                .addEqualityGroup(ConsentHistory.of(IN_AT_T1, OUT_AT_T2, IN_AT_T3))
                .addEqualityGroup(ConsentHistory.empty(), ConsentHistory.of())
                .testEquals();
    }
}
