package dev.consentkit.testkit.quicktheories;

import static dev.consentkit.testkit.quicktheories.ConsentGenerators.birthDates;
import static dev.consentkit.testkit.quicktheories.ConsentGenerators.consentChannels;
import static dev.consentkit.testkit.quicktheories.ConsentGenerators.consentChoices;
import static dev.consentkit.testkit.quicktheories.ConsentGenerators.consentEvents;
import static dev.consentkit.testkit.quicktheories.ConsentGenerators.coveringPurposes;
import static dev.consentkit.testkit.quicktheories.ConsentGenerators.instants;
import static dev.consentkit.testkit.quicktheories.ConsentGenerators.momentsOf;
import static dev.consentkit.testkit.quicktheories.ConsentGenerators.nonNegativeDurations;
import static dev.consentkit.testkit.quicktheories.ConsentGenerators.nudged;
import static dev.consentkit.testkit.quicktheories.ConsentGenerators.positiveDurations;
import static dev.consentkit.testkit.quicktheories.ConsentGenerators.purposesAround;
import static dev.consentkit.testkit.quicktheories.ConsentGenerators.recordingLags;
import static dev.consentkit.testkit.quicktheories.ConsentGenerators.trainingPolicies;
import static dev.consentkit.testkit.quicktheories.ConsentGenerators.utcMidnight;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.consentkit.ConsentChoice;
import dev.consentkit.ConsentEvent;
import dev.consentkit.ConsentHistory;
import dev.consentkit.ContentItem;
import dev.consentkit.DataCategory;
import dev.consentkit.Decision;
import dev.consentkit.LegalBasis;
import dev.consentkit.Member;
import dev.consentkit.PolicyVersion;
import dev.consentkit.PropertyExamples;
import dev.consentkit.Purpose;
import dev.consentkit.Reason;
import dev.consentkit.TrainingPolicy;
import dev.consentkit.suite.Scenario;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Property tests showing that the engine's invariants ({@link TrainingPolicy}, in consent-core) hold for any
 * generated policy, member, item and instant.
 */
class TrainingPolicyPropertiesTest {

    private static final int EXAMPLES = PropertyExamples.scaled(500);
    // The two paths share their checks but not their control flow: a divergence may need a rare
    // combination (a single failed check late in the order), so this property looks further.
    private static final int MANY_EXAMPLES = PropertyExamples.scaled(3000);

    @Test
    void shouldNeverTrainOnNeverAllowedCategories() {
        qt().withExamples(EXAMPLES).forAll(itemsUnderANeverAllowedCategoryOfTheVersionInForce()).checkAssert(s -> {
            assertFalse(s.isTrainable());
            assertTrue(s.evaluate().failed(Reason.CATEGORY_EXCLUDED));
        });
    }

    @Test
    void shouldNeverTrainBeforeCreationOrFromDeletion() {
        qt().withExamples(EXAMPLES).forAll(asOfOutsideTheItemsLifetime()).checkAssert(s -> {
            Decision decision = s.evaluate();
            boolean deleted = s.item().deletedAt().map(at -> !at.isAfter(s.asOf())).orElse(false);
            assertFalse(s.isTrainable());
            assertEquals(s.asOf().isBefore(s.item().createdAt()), decision.failed(Reason.ITEM_NOT_YET_CREATED));
            assertEquals(deleted, decision.failed(Reason.ITEM_DELETED));
        });
    }

    @Test
    void shouldNeverTrainAfterAnOptOutWithoutLaterOptIn() {
        qt().withExamples(EXAMPLES).forAll(Invariants.asOfAfterAnOptOutWithoutLaterOptIn(scenarios())).checkAssert(s -> {
            assertFalse(s.isTrainable());
            assertTrue(s.evaluate().failed(Reason.OPTED_OUT));
        });
    }

    @Test
    void shouldNotWidenOnOptOut() {
        qt().withExamples(EXAMPLES).forAll(withAddedChoice(ConsentChoice.OPT_OUT)).checkAssert(added -> {
            boolean before = added.scenario().isTrainable();
            boolean after = added.after().isTrainable();
            assertFalse(after && !before, "an opt-out made the item trainable");
        });
    }

    @Test
    void shouldNotNarrowOnOptIn() {
        qt().withExamples(EXAMPLES).forAll(withAddedChoice(ConsentChoice.OPT_IN)).checkAssert(added -> {
            boolean before = added.scenario().isTrainable();
            boolean after = added.after().isTrainable();
            assertFalse(before && !after, "an opt-in made the item not trainable");
        });
    }

    @Test
    void shouldAgreeBetweenIsTrainableAndEvaluate() {
        qt().withExamples(MANY_EXAMPLES).forAll(scenarios())
                .checkAssert(s -> assertEquals(s.evaluate().trainable(), s.isTrainable()));
    }

    @Test
    void shouldNotDependOnEventOrder() {
        qt().withExamples(EXAMPLES).forAll(shuffledWithDuplicates()).checkAssert(supplied -> {
            Scenario s = supplied.scenario();
            Member member = s.member().withConsent(ConsentHistory.empty());
            for (ConsentEvent event : supplied.events()) {
                member = member.withConsentEvent(event);
            }
            assertEquals(s.evaluate(), s.withMember(member).evaluate());
            assertEquals(s.replay(), s.withMember(member).replay());
        });
    }

    @Test
    void shouldNotBeRetroactive() {
        qt().withExamples(EXAMPLES).forAll(withChoicesEffectiveAfterAsOf()).checkAssert(later -> {
            Scenario s = later.scenario();
            Scenario after = later.after();
            assertEquals(s.evaluate(), after.evaluate());
            assertEquals(s.replay(), after.replay());
        });
    }

    @Test
    void shouldReplayAsKnownAt() {
        qt().withExamples(EXAMPLES).forAll(scenarios()).checkAssert(s -> {
            Decision replayed = s.replay();
            Member asKnown = s.member().withConsent(s.member().consent().knownAt(s.knownAt().orElseThrow()));
            Decision expected = s.withMember(asKnown).evaluate();
            assertEquals(expected.trainable(), replayed.trainable());
            assertEquals(expected.reason(), replayed.reason());
            assertEquals(expected.failedChecks(), replayed.failedChecks());
            assertEquals(expected.policyVersion(), replayed.policyVersion());
            assertEquals(expected.evidence(), replayed.evidence());
            assertEquals(s.knownAt(), replayed.knownAt());
        });
    }

    @Test
    void shouldRequireAnOptInUnderConsent() {
        qt().withExamples(EXAMPLES).forAll(underConsentWithNoOptInInEffect()).checkAssert(s -> {
            assertFalse(s.isTrainable());
            assertFalse(s.evaluate().trainable());
        });
    }

    @Test
    void shouldNeverTrainWhatAMinorCreated() {
        qt().withExamples(EXAMPLES).forAll(itemsCreatedAroundComingOfAge()).checkAssert(s -> {
            PolicyVersion version = s.versionInForce().orElseThrow();
            LocalDate born = s.member().birthDate().orElseThrow();
            LocalDate created = LocalDate.ofInstant(s.item().createdAt(), ZoneOffset.UTC);
            boolean createdWhileMinor = version.minimumAge() > 0 && created.isBefore(Invariants.comingOfAge(born, version));
            assertEquals(createdWhileMinor, s.evaluate().failed(Reason.CREATED_WHILE_MINOR));
            assertFalse(createdWhileMinor && s.isTrainable(), "an item created while its author was a minor is trainable");
        });
    }

    @Test
    void shouldListFailuresInEvaluationOrder() {
        qt().withExamples(EXAMPLES).forAll(scenarios()).checkAssert(s -> {
            for (Decision decision : List.of(s.evaluate(), s.replay())) {
                List<Reason> failed = decision.failedChecks();
                assertEquals(failed.isEmpty(), decision.trainable());
                assertEquals(decision.trainable(), decision.reason().isTrainable());
                if (!failed.isEmpty()) {
                    assertEquals(failed.get(0), decision.reason());
                }
                for (int i = 1; i < failed.size(); i++) {
                    assertTrue(failed.get(i - 1).compareTo(failed.get(i)) < 0, "not in evaluation order: " + failed);
                }
                for (Reason reason : Reason.values()) {
                    assertEquals(failed.contains(reason), decision.failed(reason));
                }
                Decision.Builder rebuilt = Decision.builder(decision.itemId(), decision.memberId(), decision.asOf())
                        .failedChecks(decision.failedChecks()).policy(decision.policyId(),
                                decision.policyVersion().orElse(null)).evidence(decision.evidence());
                decision.knownAt().ifPresent(rebuilt::knownAt);
                assertEquals(decision, rebuilt.build());
                assertEquals(decision.reason(), decision.evidence().reason());
            }
        });
    }

    // ---- derived scenarios ----

    /** Scenarios under any generated policy, each with a {@code knownAt}: see {@link #scenarios(Gen)}. */
    private static Gen<Scenario> scenarios() {
        return scenarios(trainingPolicies());
    }

    /**
     * Scenarios as the test kit draws them under these policies, each with a {@code knownAt}, so that
     * every property checks the replay too: where the kit draws none, one on or next to an instant that
     * matters to the decision, as the kit draws them.
     */
    private static Gen<Scenario> scenarios(Gen<TrainingPolicy> policies) {
        Gen<Scenario> drawn = ConsentGenerators.scenarios(policies);
        return in -> {
            Scenario s = drawn.generate(in);
            return s.knownAt().isPresent() ? s
                    : s.withKnownAt(momentsOf(s.policy(), s.member(), s.item()).generate(in));
        };
    }

    /** A scenario and consent events supplied with it or added to it. */
    record WithEvents(Scenario scenario, List<ConsentEvent> events) {

        /** The scenario after the member's history gained {@link #events()}. */
        Scenario after() {
            Member member = scenario.member();
            for (ConsentEvent event : events) {
                member = member.withConsentEvent(event);
            }
            return scenario.withMember(member);
        }
    }

    /** Scenarios whose asOf has a version in force, and whose item is of, or under, a category that version never allows. */
    private static Gen<Scenario> itemsUnderANeverAllowedCategoryOfTheVersionInForce() {
        return in -> {
            Scenario s = withVersionInForce(scenarios().generate(in));
            PolicyVersion version = s.versionInForce().orElseThrow();
            if (version.neverAllowedCategories().isEmpty()) {
                PolicyVersion excluding = version.toBuilder(version.id(), version.effectiveFrom())
                        .neverAllow(DataCategory.PRIVATE_MESSAGES).build();
                s = s.withPolicy(replacing(s.policy(), version, excluding));
                version = excluding;
            }
            DataCategory never = Generate.pick(List.copyOf(version.neverAllowedCategories())).generate(in);
            DataCategory category = booleans().all().generate(in) ? DataCategory.of(never.key() + ".archived") : never;
            return s.withItem(copy(s.item(), category, s.item().createdAt()));
        };
    }

    /** Scenarios asking before the item was created, or at or after it was deleted. */
    private static Gen<Scenario> asOfOutsideTheItemsLifetime() {
        return in -> {
            Scenario s = scenarios().generate(in);
            ContentItem item = s.item();
            if (booleans().all().generate(in)) {
                return s.withAsOf(item.createdAt().minus(positiveDurations().generate(in)));
            }
            Instant deletedAt = item.deletedAt().isPresent()
                    ? item.deletedAt().get()
                    : item.createdAt().plus(nonNegativeDurations().generate(in));
            return s.withItem(item.withDeletedAt(deletedAt)).withAsOf(deletedAt.plus(nonNegativeDurations().generate(in)));
        };
    }

    /** Scenarios with one more choice, under a fresh id, often effective at or right next to asOf. */
    private static Gen<WithEvents> withAddedChoice(ConsentChoice choice) {
        return in -> {
            Scenario s = scenarios().generate(in);
            Gen<Instant> effectiveAts = Generate.frequency(
                    Pair.of(1, instants()), Pair.of(2, nudged(Generate.constant(s.asOf()))));
            ConsentEvent drawn = consentEvents(purposesAround(s.policy().purpose()), effectiveAts).generate(in);
            ConsentEvent added = new ConsentEvent("added", drawn.purpose(), choice, drawn.effectiveAt(),
                    drawn.recordedAt(), drawn.channel());
            return new WithEvents(s, List.of(added));
        };
    }

    /**
     * Scenarios whose member's events are supplied in another order, some of them more than once.
     * Some events get a twin: the same choice at the same instant under another id, purpose, channel
     * or recording, since only such ties could let the order show through.
     */
    private static Gen<WithEvents> shuffledWithDuplicates() {
        Gen<Integer> copies = Generate.frequency(Pair.of(3, Generate.constant(1)), Pair.of(1, Generate.range(2, 3)));
        return in -> {
            Scenario s = scenarios().generate(in);
            Gen<Purpose> purposes = purposesAround(s.policy().purpose());
            List<ConsentEvent> events = new ArrayList<>();
            for (ConsentEvent event : s.member().consent().events()) {
                events.add(event);
                if (Generate.range(0, 2).generate(in) == 0) {
                    events.add(new ConsentEvent(event.id() + "-twin", purposes.generate(in), event.choice(),
                            event.effectiveAt(), event.effectiveAt().plus(recordingLags().generate(in)),
                            consentChannels().generate(in)));
                }
            }
            List<ConsentEvent> supplied = new ArrayList<>();
            for (ConsentEvent event : events) {
                supplied.addAll(Collections.nCopies(copies.generate(in), event));
            }
            Collections.shuffle(supplied, new Random(longs().all().generate(in)));
            return new WithEvents(s.withMember(s.member().withConsent(ConsentHistory.of(events))), supplied);
        };
    }

    /** Scenarios with one to three more choices, under fresh ids, all effective strictly after asOf. */
    private static Gen<WithEvents> withChoicesEffectiveAfterAsOf() {
        return in -> {
            Scenario s = scenarios().generate(in);
            int count = Generate.range(1, 3).generate(in);
            List<ConsentEvent> later = new ArrayList<>();
            for (int i = 1; i <= count; i++) {
                Instant effectiveAt = s.asOf().plus(positiveDurations().generate(in));
                later.add(new ConsentEvent("later-" + i, purposesAround(s.policy().purpose()).generate(in),
                        consentChoices().generate(in), effectiveAt, effectiveAt.plus(recordingLags().generate(in)),
                        consentChannels().generate(in)));
            }
            return new WithEvents(s, later);
        };
    }

    /**
     * Scenarios under a policy whose every default and rule is consent (or excluded), whose member has
     * no opt-in in effect at asOf: when the generated history has one, the member withdraws it, at its
     * own instant or at asOf.
     */
    private static Gen<Scenario> underConsentWithNoOptInInEffect() {
        return in -> {
            Scenario s = scenarios(trainingPolicies(Generate.constant(LegalBasis.CONSENT))).generate(in);
            Purpose governed = s.policy().purpose();
            ConsentEvent inEffect = s.member().consent().choiceInEffect(governed, s.asOf()).orElse(null);
            if (inEffect == null || inEffect.isOptOut()) {
                return s;
            }
            Instant withdrawnAt = Generate.pick(List.of(inEffect.effectiveAt(), s.asOf())).generate(in);
            ConsentEvent withdrawal = ConsentEvent.optOut("withdrawal", Generate.pick(coveringPurposes(governed)).generate(in),
                    withdrawnAt, withdrawnAt.plus(recordingLags().generate(in)), consentChannels().generate(in));
            return s.withMember(s.member().withConsentEvent(withdrawal));
        };
    }

    /**
     * Scenarios with a version in force whose minimum age is above zero, a member with a known birth
     * date, and an item created around the UTC midnight on which the member comes of age, or long
     * before it.
     */
    private static Gen<Scenario> itemsCreatedAroundComingOfAge() {
        Gen<Duration> offsets = Generate.frequency(
                Pair.of(3, Generate.pick(List.of(Duration.ZERO, Duration.ofNanos(-1), Duration.ofNanos(1),
                        Duration.ofSeconds(-1), Duration.ofHours(23), Duration.ofDays(-1), Duration.ofDays(1)))),
                Pair.of(2, Generate.range(-4000, 2000).map(days -> Duration.ofDays(days))));
        return in -> {
            Scenario s = withVersionInForce(scenarios().generate(in));
            PolicyVersion version = s.versionInForce().orElseThrow();
            if (version.minimumAge() == 0) {
                PolicyVersion adultsOnly = version.toBuilder(version.id(), version.effectiveFrom()).minimumAge(18).build();
                s = s.withPolicy(replacing(s.policy(), version, adultsOnly));
                version = adultsOnly;
            }
            LocalDate born = s.member().birthDate().isPresent() ? s.member().birthDate().get() : birthDates().generate(in);
            Member member = s.member().toBuilder().birthDate(born).build();
            Instant createdAt = utcMidnight(born.plusYears(version.minimumAge())).plus(offsets.generate(in));
            return s.withMember(member).withItem(copy(s.item(), s.item().category(), createdAt));
        };
    }

    /** The scenario, asking at the first version's start when no version is in force at its asOf. */
    private static Scenario withVersionInForce(Scenario s) {
        return s.versionInForce().isPresent() ? s : s.withAsOf(s.policy().versions().get(0).effectiveFrom());
    }

    private static TrainingPolicy replacing(TrainingPolicy policy, PolicyVersion old, PolicyVersion replacement) {
        TrainingPolicy.Builder builder = TrainingPolicy.builder(policy.id(), policy.purpose());
        policy.versions().forEach(version -> builder.version(version.equals(old) ? replacement : version));
        return builder.build();
    }

    /** The item with another category and creation; a deletion before the new creation is dropped. */
    private static ContentItem copy(ContentItem item, DataCategory category, Instant createdAt) {
        Instant deletedAt = item.deletedAt().filter(at -> !at.isBefore(createdAt)).orElse(null);
        return ContentItem.of(item.id(), item.authorId(), category, createdAt, deletedAt, item.reservations());
    }
}
