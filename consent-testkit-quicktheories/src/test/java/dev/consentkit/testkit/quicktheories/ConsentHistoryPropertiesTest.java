package dev.consentkit.testkit.quicktheories;

import static dev.consentkit.testkit.quicktheories.ConsentGenerators.consentEventLists;
import static dev.consentkit.testkit.quicktheories.ConsentGenerators.consentEvents;
import static dev.consentkit.testkit.quicktheories.ConsentGenerators.instants;
import static dev.consentkit.testkit.quicktheories.ConsentGenerators.nudged;
import static dev.consentkit.testkit.quicktheories.ConsentGenerators.purposes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.consentkit.ConsentChoice;
import dev.consentkit.ConsentEvent;
import dev.consentkit.ConsentHistory;
import dev.consentkit.PropertyExamples;
import dev.consentkit.Purpose;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Property tests showing that a consent history ({@link ConsentHistory}, in consent-core) keeps every
 * event once, whatever the order given, and finds the choice in effect.
 */
class ConsentHistoryPropertiesTest {

    private static final int EXAMPLES = PropertyExamples.scaled(500);

    @Test
    void shouldKeepEveryEventOfBothHistoriesWhenMerging() {
        qt().withExamples(EXAMPLES).forAll(overlappingEventLists()).checkAssert(lists -> {
            ConsentHistory merged = ConsentHistory.of(lists._1).merge(ConsentHistory.of(lists._2));
            Set<ConsentEvent> union = new LinkedHashSet<>(lists._1);
            union.addAll(lists._2);
            assertTrue(merged.events().containsAll(union), "merge lost an event");
            assertEquals(union.size(), merged.size());
        });
    }

    @Test
    void shouldMergeCommutatively() {
        qt().withExamples(EXAMPLES).forAll(overlappingEventLists()).checkAssert(lists -> {
            ConsentHistory first = ConsentHistory.of(lists._1);
            ConsentHistory second = ConsentHistory.of(lists._2);
            assertEquals(first.merge(second), second.merge(first));
        });
    }

    @Test
    void shouldBuildTheSameHistoryFromAnyOrderWithDuplicates() {
        qt().withExamples(EXAMPLES).forAll(eventLists(), longs().all(), longs().all()).checkAssert((given, duplicateSeed, orderSeed) -> {
            List<ConsentEvent> supplied = new ArrayList<>(given);
            Random duplicates = new Random(duplicateSeed);
            for (ConsentEvent event : given) {
                if (duplicates.nextBoolean()) {
                    supplied.add(event);
                }
            }
            Collections.shuffle(supplied, new Random(orderSeed));
            assertEquals(ConsentHistory.of(given), ConsentHistory.of(supplied));
        });
    }

    @Test
    void shouldKeepExactlyTheEventsRecordedByKnownAt() {
        Gen<Pair<List<ConsentEvent>, Instant>> eventsAndKnownAt =
                eventLists().flatMap(given -> recordedAround(given).map(knownAt -> Pair.of(given, knownAt)));
        qt().withExamples(EXAMPLES).forAll(eventsAndKnownAt).checkAssert(pair -> {
            ConsentHistory history = ConsentHistory.of(pair._1);
            List<ConsentEvent> expected = history.events().stream()
                    .filter(event -> !event.recordedAt().isAfter(pair._2))
                    .collect(Collectors.toList());
            assertEquals(expected, history.knownAt(pair._2).events());
        });
    }

    @Test
    void shouldFindTheLatestCoveringChoiceWithOptOutWinningTies() {
        Gen<Pair<List<ConsentEvent>, Instant>> eventsAndAsOf =
                eventLists().flatMap(given -> effectiveAround(given).map(asOf -> Pair.of(given, asOf)));
        qt().withExamples(EXAMPLES).forAll(eventsAndAsOf, purposes()).checkAssert((pair, purpose) -> {
            List<ConsentEvent> given = pair._1;
            Instant asOf = pair._2;
            ConsentEvent actual = ConsentHistory.of(given).choiceInEffect(purpose, asOf).orElse(null);
            List<ConsentEvent> latest = latestCoveringChoices(given, purpose, asOf);
            if (latest.isEmpty()) {
                assertNull(actual);
                return;
            }
            assertNotNull(actual);
            assertTrue(latest.contains(actual), actual + " is not among the latest covering choices " + latest);
            boolean anyOptOut = latest.stream().anyMatch(ConsentEvent::isOptOut);
            assertEquals(anyOptOut ? ConsentChoice.OPT_OUT : ConsentChoice.OPT_IN, actual.choice());
        });
    }

    /**
     * The reference: among events for {@code purpose} or a broader one effective at or before
     * {@code asOf}, those at the latest such instant. A plain scan over the events as given.
     */
    private static List<ConsentEvent> latestCoveringChoices(List<ConsentEvent> events, Purpose purpose, Instant asOf) {
        @Nullable Instant latest = null;
        for (ConsentEvent event : events) {
            if (event.purpose().covers(purpose) && !event.effectiveAt().isAfter(asOf)
                    && (latest == null || event.effectiveAt().isAfter(latest))) {
                latest = event.effectiveAt();
            }
        }
        List<ConsentEvent> atLatest = new ArrayList<>();
        for (ConsentEvent event : events) {
            if (event.purpose().covers(purpose) && event.effectiveAt().equals(latest)) {
                atLatest.add(event);
            }
        }
        return atLatest;
    }

    /** Lists of events with distinct ids, often sharing instants. */
    private static Gen<List<ConsentEvent>> eventLists() {
        return consentEventLists(consentEvents(purposes(), tiedInstants()));
    }

    /** Two lists of events with distinct ids that may share events, as two systems' logs of one member. */
    private static Gen<Pair<List<ConsentEvent>, List<ConsentEvent>>> overlappingEventLists() {
        Gen<List<ConsentEvent>> events = eventLists();
        Gen<Integer> sides = Generate.range(0, 2);
        return in -> {
            List<ConsentEvent> first = new ArrayList<>();
            List<ConsentEvent> second = new ArrayList<>();
            for (ConsentEvent event : events.generate(in)) {
                int side = sides.generate(in);
                if (side != 1) {
                    first.add(event);
                }
                if (side != 0) {
                    second.add(event);
                }
            }
            return Pair.of(first, second);
        };
    }

    /** Instants in the window, with a few anchors drawn often enough that choices share instants. */
    private static Gen<Instant> tiedInstants() {
        return Generate.frequency(Pair.of(1, instants()), Pair.of(1, Generate.pick(List.of(
                Instant.parse("2024-09-18T00:00:00Z"), Instant.parse("2025-11-03T00:00:00Z")))));
    }

    /** Any instant, or one on or next to an event's recording. */
    private static Gen<Instant> recordedAround(List<ConsentEvent> events) {
        if (events.isEmpty()) {
            return instants();
        }
        List<Instant> recorded = events.stream().map(ConsentEvent::recordedAt).collect(Collectors.toList());
        return Generate.frequency(Pair.of(1, instants()), Pair.of(2, nudged(Generate.pick(recorded))));
    }

    /** Any instant, or one on or next to an event's taking effect. */
    private static Gen<Instant> effectiveAround(List<ConsentEvent> events) {
        if (events.isEmpty()) {
            return instants();
        }
        List<Instant> effective = events.stream().map(ConsentEvent::effectiveAt).collect(Collectors.toList());
        return Generate.frequency(Pair.of(1, instants()), Pair.of(2, nudged(Generate.pick(effective))));
    }
}
