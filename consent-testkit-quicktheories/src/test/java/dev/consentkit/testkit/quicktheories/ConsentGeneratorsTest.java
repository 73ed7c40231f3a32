package dev.consentkit.testkit.quicktheories;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import dev.consentkit.ConsentEvent;
import dev.consentkit.ConsentHistory;
import dev.consentkit.DataCategory;
import dev.consentkit.Decision;
import dev.consentkit.Jurisdiction;
import dev.consentkit.Purpose;
import dev.consentkit.Reason;
import dev.consentkit.StoredSpan;
import dev.consentkit.TrainingPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Shows that the generators never throw, also around policies at the edges of time and with keys as
 * long as keys get, that their values are what their documentation promises, and that scenarios reach
 * every reason a decision can give.
 */
class ConsentGeneratorsTest {

    private static final int EXAMPLES = 300;

    @Test
    void shouldNeverThrowFromAnyGenerator() {
        List<Gen<?>> generators = List.of(ConsentGenerators.instants(), ConsentGenerators.nudged(ConsentGenerators.instants()),
                ConsentGenerators.instantsBetween(Instant.MIN, Instant.MAX), ConsentGenerators.birthDates(),
                ConsentGenerators.dataCategories(), ConsentGenerators.purposes(),
                ConsentGenerators.purposesAround(Purpose.GENERATIVE_AI_TRAINING), ConsentGenerators.places(),
                ConsentGenerators.ruleJurisdictions(), ConsentGenerators.jurisdictions(), ConsentGenerators.legalBases(),
                ConsentGenerators.consentChoices(), ConsentGenerators.consentChannels(), ConsentGenerators.reservationSources(),
                ConsentGenerators.farInstants(), ConsentGenerators.unknownAges(), ConsentGenerators.consentEvents(),
                ConsentGenerators.consentEventLists(ConsentGenerators.consentEvents()), ConsentGenerators.consentHistories(),
                ConsentGenerators.residences(), ConsentGenerators.jurisdictionTimelines(), ConsentGenerators.accountClosures(),
                ConsentGenerators.members("m-9"),
                ConsentGenerators.members("m-9", Purpose.AI_TRAINING), ConsentGenerators.reservations(),
                ConsentGenerators.contentItems("m-9"), ConsentGenerators.jurisdictionRules(), ConsentGenerators.policyVersions(),
                ConsentGenerators.trainingPolicies(), ConsentGenerators.scenarios(), ConsentGenerators.decisions(),
                ConsentGenerators.batches());
        for (Gen<?> generator : generators) {
            qt().withExamples(EXAMPLES).forAll(generator).check(value -> value != null);
        }
    }

    @Test
    void shouldNeverThrowAroundAPolicyAtTheEdgesOfTime() {
        TrainingPolicy edges = Fixtures.edgesOfTime();

        qt().withExamples(EXAMPLES).forAll(ConsentGenerators.scenarios(edges)).checkAssert(s -> s.replay());
        qt().withExamples(EXAMPLES / 3).forAll(ConsentGenerators.batches(Generate.constant(edges)))
                .checkAssert(batch -> batch.trainableRows());
        for (Invariant<?> invariant : Invariants.ALL) {
            qt().withExamples(EXAMPLES / 3).forAll(invariant.examples(edges)).check(example -> example != null);
        }
    }

    @Test
    void shouldKeepInstantsInTheWindow() {
        qt().withExamples(EXAMPLES).forAll(ConsentGenerators.instants()).check(at ->
                !at.isBefore(ConsentGenerators.WINDOW_START) && !at.isAfter(ConsentGenerators.WINDOW_END));
    }

    @Test
    void shouldDrawFarInstantsOutsideTheWindowAtTheEndsOfTimeAndOfTheStoredSpan() {
        Set<Instant> drawn = new HashSet<>();
        qt().withExamples(EXAMPLES).forAll(ConsentGenerators.farInstants()).checkAssert(at -> {
            assertTrue(at.isBefore(ConsentGenerators.WINDOW_START) || at.isAfter(ConsentGenerators.WINDOW_END), at.toString());
            drawn.add(at);
        });

        assertTrue(drawn.containsAll(List.of(Instant.MIN, Instant.MAX, StoredSpan.FIRST, StoredSpan.LAST,
                Instant.EPOCH.plusNanos(Long.MIN_VALUE), Instant.EPOCH.plusNanos(Long.MAX_VALUE))), drawn.toString());
        assertTrue(drawn.stream().anyMatch(at -> !StoredSpan.contains(at)), drawn.toString());
    }

    @Test
    void shouldKeepInstantsBetweenTheirBoundsInclusive() {
        Instant first = Instant.parse("2025-11-03T00:00:00Z");
        Instant last = first.plusNanos(1);

        qt().withExamples(EXAMPLES).forAll(ConsentGenerators.instantsBetween(first, last))
                .check(at -> at.equals(first) || at.equals(last));
    }

    @Test
    void shouldRefuseBoundsInTheWrongOrder() {
        assertThrows(IllegalArgumentException.class,
                () -> ConsentGenerators.instantsBetween(Instant.parse("2025-01-02T00:00:00Z"), Instant.parse("2025-01-01T00:00:00Z")));
    }

    @Test
    void shouldNeverPlaceAMemberInAGroup() {
        qt().withExamples(EXAMPLES).forAll(ConsentGenerators.places()).check(place -> !place.isGroup());
    }

    @Test
    void shouldGiveMembersNoClosuresClosuresNotReopenedAndReopenedOnes() {
        Set<String> shapes = new HashSet<>();

        qt().withExamples(EXAMPLES).forAll(ConsentGenerators.members("m-42")).checkAssert(member -> shapes.add(
                member.closures().isEmpty() ? "none" : member.closedAt().isPresent() ? "closed" : "reopened"));

        assertEquals(Set.of("none", "closed", "reopened"), shapes);
    }

    @Test
    void shouldGiveMembersTheIdAskedFor() {
        qt().withExamples(EXAMPLES).forAll(ConsentGenerators.members("m-42")).check(member -> member.id().equals("m-42"));
    }

    @Test
    void shouldGiveItemsTheAuthorAskedForAndNoDeletionBeforeCreation() {
        qt().withExamples(EXAMPLES).forAll(ConsentGenerators.contentItems("m-42")).check(item -> item.authorId().equals("m-42")
                && item.deletedAt().map(at -> !at.isBefore(item.createdAt())).orElse(true));
    }

    @Test
    void shouldRefuseABlankId() {
        assertThrows(IllegalArgumentException.class, () -> ConsentGenerators.members(" "));
        assertThrows(IllegalArgumentException.class, () -> ConsentGenerators.contentItems(""));
    }

    @Test
    void shouldRecordEveryEventNoEarlierThanItTakesEffect() {
        qt().withExamples(EXAMPLES).forAll(ConsentGenerators.consentHistories()).check(history -> history.events().stream()
                .noneMatch(e -> e.recordedAt().isBefore(e.effectiveAt())));
    }

    @Test
    void shouldDrawEventListsThatAreValidHistoriesShortAndLong() {
        Set<Integer> sizes = new HashSet<>();
        qt().withExamples(EXAMPLES).forAll(ConsentGenerators.consentEventLists(ConsentGenerators.consentEvents()))
                .checkAssert(events -> {
                    for (int i = 0; i < events.size(); i++) {
                        assertEquals("e-" + (i + 1), events.get(i).id());
                    }
                    assertEquals(events.size(), ConsentHistory.of(events).size());
                    assertTrue(events.size() <= 7 || events.size() >= 17 && events.size() <= 40, events.toString());
                    sizes.add(events.size());
                });

        assertTrue(sizes.contains(0), sizes.toString());
        assertTrue(sizes.stream().anyMatch(size -> size >= 1 && size <= 7), sizes.toString());
        assertTrue(sizes.stream().anyMatch(size -> size >= 17), sizes.toString());
    }

    @Test
    void shouldDrawBatchesOfSeveralMembersAndTheirItemsAtOneInstant() {
        Set<Boolean> audits = new HashSet<>();
        Set<Boolean> farFromTheWindow = new HashSet<>();
        Set<Boolean> beyondAscii = new HashSet<>();
        Set<Boolean> earlyFirstVersions = new HashSet<>();
        qt().withExamples(EXAMPLES).forAll(ConsentGenerators.batches()).checkAssert(batch -> {
            assertTrue(batch.members().size() >= 1 && batch.members().size() <= 6, batch.members().toString());
            assertTrue(batch.items().size() >= 1 && batch.items().size() <= 40, batch.items().toString());
            for (int i = 0; i < batch.items().size(); i++) {
                assertEquals("item-" + (i + 1), batch.items().get(i).id());
            }
            audits.add(batch.knownAt().isPresent());
            farFromTheWindow.add(!StoredSpan.contains(batch.asOf()));
            beyondAscii.add(batch.members().stream().anyMatch(m -> m.id().chars().anyMatch(c -> c > 127)));
            earlyFirstVersions.add(batch.policy().versions().stream().anyMatch(v -> v.id().equals("v0")));
        });

        for (Set<Boolean> seen : List.of(audits, farFromTheWindow, beyondAscii, earlyFirstVersions)) {
            assertEquals(Set.of(true, false), seen);
        }
    }

    @Test
    void shouldDrawEventsCountedFromWhenTheyWereRecordedWithinFiveSecondsAndKeepThemInHistories() {
        List<Duration> skews = new ArrayList<>();
        qt().withExamples(EXAMPLES).forAll(ConsentGenerators.consentHistories()).checkAssert(history -> {
            for (ConsentEvent event : history.events()) {
                if (event.isSkewAdjusted()) {
                    assertEquals(event.recordedAt(), event.effectiveAt());
                    skews.add(Duration.between(event.recordedAt(), event.statedEffectiveAt()));
                }
            }
        });

        assertFalse(skews.isEmpty());
        assertTrue(skews.stream().allMatch(skew -> !skew.isNegative() && !skew.isZero() && skew.compareTo(Duration.ofSeconds(5)) <= 0), skews.toString());
    }

    @Test
    void shouldMostlyGiveMembersChoicesThatCountForThePurposeAsked() {
        List<Boolean> counting = new ArrayList<>();
        qt().withExamples(EXAMPLES).forAll(ConsentGenerators.members("m-1", Purpose.GENERATIVE_AI_TRAINING)).checkAssert(member -> {
            for (ConsentEvent event : member.consent().events()) {
                counting.add(event.purpose().covers(Purpose.GENERATIVE_AI_TRAINING));
            }
        });

        long count = counting.stream().filter(c -> c).count();
        assertTrue(count * 2 > counting.size(), count + " of " + counting.size());
    }

    @Test
    void shouldAskAboutThePolicyGivenWithTheItemsAuthor() {
        TrainingPolicy linkedIn = Fixtures.linkedIn();

        qt().withExamples(EXAMPLES).forAll(ConsentGenerators.scenarios(linkedIn)).checkAssert(s -> {
            assertSame(linkedIn, s.policy());
            assertEquals(ConsentGenerators.MEMBER_ID, s.member().id());
            assertEquals(s.member().id(), s.item().authorId());
        });
    }

    @Test
    void shouldReachEveryReasonFromScenarios() {
        Set<Reason> reached = EnumSet.noneOf(Reason.class);
        qt().withExamples(5000).forAll(ConsentGenerators.scenarios()).checkAssert(s -> {
            reached.add(s.evaluate().reason());
            reached.addAll(s.replay().failedChecks());
        });

        assertEquals(EnumSet.allOf(Reason.class), reached);
    }

    @Test
    void shouldAskWithAndWithoutAnAuditInstant() {
        Set<Boolean> audits = new HashSet<>();
        qt().withExamples(EXAMPLES).forAll(ConsentGenerators.scenarios()).checkAssert(s -> audits.add(s.knownAt().isPresent()));

        assertEquals(Set.of(true, false), audits);
    }

    @Test
    void shouldDrawPoliciesThatChangeOverTimeAndExcludeRegions() {
        Set<Integer> versionCounts = new HashSet<>();
        Set<Boolean> excluding = new HashSet<>();
        qt().withExamples(EXAMPLES).forAll(ConsentGenerators.trainingPolicies()).checkAssert(policy -> {
            versionCounts.add(policy.versions().size());
            excluding.add(policy.versions().stream().anyMatch(v -> v.defaultBasis().isEmpty()
                    || v.jurisdictionRules().stream().anyMatch(r -> r.isExcluded())));
        });

        assertEquals(Set.of(1, 2, 3, 4), versionCounts);
        assertEquals(Set.of(true, false), excluding);
    }

    @Test
    void shouldDrawDecisionsTheEngineMade() {
        qt().withExamples(EXAMPLES).forAll(ConsentGenerators.decisions()).check((Decision d) -> d.trainable() == d.failedChecks().isEmpty());
    }

    @Test
    void shouldDrawJurisdictionsOfEveryKind() {
        Set<Jurisdiction.Kind> kinds = EnumSet.noneOf(Jurisdiction.Kind.class);
        qt().withExamples(EXAMPLES).forAll(ConsentGenerators.jurisdictions()).checkAssert(j -> kinds.add(j.kind()));

        assertEquals(EnumSet.allOf(Jurisdiction.Kind.class), kinds);
    }

    @Test
    void shouldDrawCategoriesUnderTheBuiltInOnes() {
        Set<Boolean> nested = new HashSet<>();
        qt().withExamples(EXAMPLES).forAll(ConsentGenerators.dataCategories())
                .checkAssert(c -> nested.add(c.parent().flatMap(DataCategory::parent).isPresent()));

        assertEquals(Set.of(true, false), nested);
    }
}
