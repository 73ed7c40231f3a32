package dev.consentkit.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.consentkit.AccountClosure;
import dev.consentkit.ConsentChannel;
import dev.consentkit.ConsentEvent;
import dev.consentkit.ContentItem;
import dev.consentkit.DataCategory;
import dev.consentkit.Decision;
import dev.consentkit.Jurisdiction;
import dev.consentkit.LeapDayBirthday;
import dev.consentkit.LegalBasis;
import dev.consentkit.Member;
import dev.consentkit.PolicyVersion;
import dev.consentkit.Purpose;
import dev.consentkit.Reason;
import dev.consentkit.Reservation;
import dev.consentkit.ReservationSource;
import dev.consentkit.TrainingPolicy;
import dev.consentkit.UnknownAge;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Shows that the batch evaluator, over item objects and over item columns, decides every check as the policy does. */
class BatchEvaluatorTest {

    private static final Instant V1_FROM = Instant.parse("2025-01-01T00:00:00Z");
    private static final Instant CREATED = Instant.parse("2025-02-01T00:00:00Z");
    private static final Instant AS_OF = Instant.parse("2025-03-01T00:00:00Z");

    private static final Jurisdiction DE = Jurisdiction.of("DE");
    private static final Jurisdiction CH = Jurisdiction.of("CH");

    private static final TrainingPolicy OPT_OUT_POLICY = policy(rules().build());
    private static final TrainingPolicy FEBRUARY_28_POLICY =
            policy(rules().leapDayBirthday(LeapDayBirthday.FEBRUARY_28).build());
    private static final TrainingPolicy CONSENT_POLICY = policy(rules().defaultBasis(LegalBasis.CONSENT).build());

    /**
     * The ways to ask: one item object at a time, a list of item objects, a column of items in
     * nanoseconds, or an item object with its author's verdict resolved apart.
     */
    enum Path {
        OBJECTS {
            @Override
            boolean isTrainable(BatchEvaluator batch, MemberStore store, ContentItem item) {
                return batch.isTrainable(item);
            }
        },
        LIST {
            @Override
            boolean isTrainable(BatchEvaluator batch, MemberStore store, ContentItem item) {
                BitSet trainable = batch.trainable(List.of(item));
                assertTrue(trainable.length() <= 1, trainable::toString);
                return trainable.get(0);
            }
        },
        COLUMNS {
            @Override
            boolean isTrainable(BatchEvaluator batch, MemberStore store, ContentItem item) {
                BitSet trainable = batch.trainable(ColumnsOfItems.of(store, List.of(item), TimeUnit.NANOSECONDS));
                assertTrue(trainable.length() <= 1, trainable::toString);
                return trainable.get(0);
            }
        },
        /** The member half resolved apart, carried as two numbers, and joined to the item. */
        SPLIT {
            @Override
            boolean isTrainable(BatchEvaluator batch, MemberStore store, ContentItem item) {
                MemberVerdict resolved = batch.memberVerdict(store.indexOf(item.authorId()));
                MemberVerdict carried = MemberVerdict.of(resolved.verdict(), resolved.choiceScope());
                return batch.reason(item, carried).isTrainable();
            }
        },
        /**
         * The item's own checks asked first, with no author, then its author's verdict resolved apart: how a
         * count of trainable items on a distributed engine drops items before finding their authors.
         */
        ITEM_CHECKS_FIRST {
            @Override
            boolean isTrainable(BatchEvaluator batch, MemberStore store, ContentItem item) {
                return batch.itemChecksPass(item) && SPLIT.isTrainable(batch, store, item);
            }
        };

        abstract boolean isTrainable(BatchEvaluator batch, MemberStore store, ContentItem item);

        /** Asks about {@code item} of {@code member}, kept in a store among other members. */
        boolean isTrainable(TrainingPolicy policy, Member member, ContentItem item, Instant asOf) {
            MemberStore store = storeWith(member);
            return isTrainable(BatchEvaluator.of(policy, store, asOf), store, item);
        }
    }

    // ---- one test per check, each isolating its condition ----

    @ParameterizedTest
    @EnumSource(Path.class)
    void shouldDenyBeforeThePolicyIsInForce(Path path) {
        ContentItem older = post(Instant.parse("2024-12-01T00:00:00Z"));

        assertDenied(Reason.POLICY_NOT_IN_FORCE, path, OPT_OUT_POLICY, adult().build(), older, V1_FROM.minusNanos(1));
    }

    @ParameterizedTest
    @EnumSource(Path.class)
    void shouldAllowFromTheInstantThePolicyTakesEffect(Path path) {
        ContentItem older = post(Instant.parse("2024-12-01T00:00:00Z"));

        assertAllowed(Reason.ALLOWED_BY_DEFAULT, path, OPT_OUT_POLICY, adult().build(), older, V1_FROM);
    }

    @ParameterizedTest
    @EnumSource(Path.class)
    void shouldDecideByTheVersionInForceAtAsOf(Path path) {
        Instant v2From = Instant.parse("2025-02-15T00:00:00Z");
        TrainingPolicy policy = policy(rules().build(), rules("v2", v2From).exclude(DE).build());

        assertAllowed(Reason.ALLOWED_BY_DEFAULT, path, policy, adult().build(), post(), v2From.minusNanos(1));
        assertDenied(Reason.JURISDICTION_EXCLUDED, path, policy, adult().build(), post(), v2From);
    }

    @ParameterizedTest
    @EnumSource(Path.class)
    void shouldDenyAnItemCreatedAfterAsOf(Path path) {
        assertDenied(Reason.ITEM_NOT_YET_CREATED, path, OPT_OUT_POLICY, adult().build(), post(AS_OF.plusNanos(1)), AS_OF);
    }

    @ParameterizedTest
    @EnumSource(Path.class)
    void shouldAllowAnItemCreatedAtAsOf(Path path) {
        assertAllowed(Reason.ALLOWED_BY_DEFAULT, path, OPT_OUT_POLICY, adult().build(), post(AS_OF), AS_OF);
    }

    @ParameterizedTest
    @EnumSource(Path.class)
    void shouldDenyAnItemDeletedAtAsOf(Path path) {
        assertDenied(Reason.ITEM_DELETED, path, OPT_OUT_POLICY, adult().build(), post().withDeletedAt(AS_OF), AS_OF);
    }

    @ParameterizedTest
    @EnumSource(Path.class)
    void shouldAllowAnItemDeletedOnlyAfterAsOf(Path path) {
        ContentItem deletedLater = post().withDeletedAt(AS_OF.plusNanos(1));

        assertAllowed(Reason.ALLOWED_BY_DEFAULT, path, OPT_OUT_POLICY, adult().build(), deletedLater, AS_OF);
    }

    @ParameterizedTest
    @EnumSource(Path.class)
    void shouldDenyTheItemsOfAnAccountClosedAtAsOf(Path path) {
        assertDenied(Reason.ACCOUNT_CLOSED, path, OPT_OUT_POLICY, adult().closedAt(AS_OF).build(), post(), AS_OF);
    }

    @ParameterizedTest
    @EnumSource(Path.class)
    void shouldAllowTheItemsOfAnAccountClosedOnlyAfterAsOf(Path path) {
        Member closesLater = adult().closedAt(AS_OF.plusNanos(1)).build();

        assertAllowed(Reason.ALLOWED_BY_DEFAULT, path, OPT_OUT_POLICY, closesLater, post(), AS_OF);
    }

    @ParameterizedTest
    @EnumSource(Path.class)
    void shouldDenyTheItemsOfAReopenedAccountUntilJustBeforeTheReopening(Path path) {
        Member reopened = adult().closure(AccountClosure.between(CREATED, AS_OF.plusNanos(1))).build();

        assertDenied(Reason.ACCOUNT_CLOSED, path, OPT_OUT_POLICY, reopened, post(), AS_OF);
    }

    @ParameterizedTest
    @EnumSource(Path.class)
    void shouldAllowTheItemsOfAnAccountReopenedAtAsOf(Path path) {
        Member reopened = adult().closure(AccountClosure.between(CREATED, AS_OF)).build();

        assertAllowed(Reason.ALLOWED_BY_DEFAULT, path, OPT_OUT_POLICY, reopened, post(), AS_OF);
    }

    @ParameterizedTest
    @EnumSource(Path.class)
    void shouldDenyTheItemsOfAnAccountClosedAgainAfterAReopening(Path path) {
        Member closedTwice = adult().closure(AccountClosure.between(V1_FROM, CREATED))
                .closure(AccountClosure.between(AS_OF, AS_OF.plusSeconds(60))).build();

        assertDenied(Reason.ACCOUNT_CLOSED, path, OPT_OUT_POLICY, closedTwice, post(), AS_OF);
        assertAllowed(Reason.ALLOWED_BY_DEFAULT, path, OPT_OUT_POLICY, closedTwice, post(), AS_OF.plusSeconds(60));
    }

    @ParameterizedTest
    @EnumSource(Path.class)
    void shouldDenyAnItemCreatedBeforeTheItemScope(Path path) {
        TrainingPolicy scoped = policy(rules().itemsCreatedFrom(CREATED.plusNanos(1)).build());

        assertDenied(Reason.ITEM_OUT_OF_SCOPE, path, scoped, adult().build(), post(), AS_OF);
    }

    @ParameterizedTest
    @EnumSource(Path.class)
    void shouldAllowAnItemCreatedAtTheStartOfTheItemScope(Path path) {
        TrainingPolicy scoped = policy(rules().itemsCreatedFrom(CREATED).build());

        assertAllowed(Reason.ALLOWED_BY_DEFAULT, path, scoped, adult().build(), post(), AS_OF);
    }

    @ParameterizedTest
    @EnumSource(Path.class)
    void shouldDenyANeverAllowedCategory(Path path) {
        ContentItem message = ContentItem.of("i-1", "m-1", DataCategory.PRIVATE_MESSAGES, CREATED);

        assertDenied(Reason.CATEGORY_EXCLUDED, path, OPT_OUT_POLICY, adult().build(), message, AS_OF);
    }

    @ParameterizedTest
    @EnumSource(Path.class)
    void shouldDenyANeverAllowedCategoryUnderAnAllowedOne(Path path) {
        TrainingPolicy noGroups = policy(rules().neverAllow(DataCategory.GROUP_CONTENT).build());
        ContentItem groupMessage = ContentItem.of("i-1", "m-1", DataCategory.of("content.group.message"), CREATED);

        assertDenied(Reason.CATEGORY_EXCLUDED, path, noGroups, adult().build(), groupMessage, AS_OF);
    }

    @ParameterizedTest
    @EnumSource(Path.class)
    void shouldDenyACategoryUnderNoAllowedOne(Path path) {
        ContentItem salary = ContentItem.of("i-1", "m-1", DataCategory.SALARY, CREATED);

        assertDenied(Reason.CATEGORY_NOT_COVERED, path, OPT_OUT_POLICY, adult().build(), salary, AS_OF);
    }

    @ParameterizedTest
    @EnumSource(Path.class)
    void shouldAllowACategoryUnderAnAllowedOne(Path path) {
        ContentItem video = ContentItem.of("i-1", "m-1", DataCategory.of("content.public.video"), CREATED);

        assertAllowed(Reason.ALLOWED_BY_DEFAULT, path, OPT_OUT_POLICY, adult().build(), video, AS_OF);
    }

    @ParameterizedTest
    @EnumSource(Path.class)
    void shouldDenyAMemberWithNoKnownJurisdiction(Path path) {
        Member nowhere = Member.builder("m-1").birthDate(LocalDate.of(1990, 6, 15)).build();

        assertDenied(Reason.JURISDICTION_UNKNOWN, path, OPT_OUT_POLICY, nowhere, post(), AS_OF);
    }

    @ParameterizedTest
    @EnumSource(Path.class)
    void shouldDenyAMemberWhoseFirstKnownResidenceStartsAfterAsOf(Path path) {
        Member arrivesLater = Member.builder("m-1").birthDate(LocalDate.of(1990, 6, 15))
                .residentIn(DE, AS_OF.plusNanos(1)).build();

        assertDenied(Reason.JURISDICTION_UNKNOWN, path, OPT_OUT_POLICY, arrivesLater, post(), AS_OF);
    }

    @ParameterizedTest
    @EnumSource(Path.class)
    void shouldDenyAMemberInAnExcludedJurisdiction(Path path) {
        assertDenied(Reason.JURISDICTION_EXCLUDED, path, OPT_OUT_POLICY, adult().residentIn(CH).build(), post(), AS_OF);
    }

    @ParameterizedTest
    @EnumSource(Path.class)
    void shouldDenyAMemberWhoMovedIntoAnExcludedJurisdictionAtAsOf(Path path) {
        Member moved = adult().residentIn(CH, AS_OF).build();

        assertDenied(Reason.JURISDICTION_EXCLUDED, path, OPT_OUT_POLICY, moved, post(), AS_OF);
    }

    @ParameterizedTest
    @EnumSource(Path.class)
    void shouldAllowAMemberWhoMovesIntoAnExcludedJurisdictionOnlyAfterAsOf(Path path) {
        Member movesLater = adult().residentIn(CH, AS_OF.plusNanos(1)).build();

        assertAllowed(Reason.ALLOWED_BY_DEFAULT, path, OPT_OUT_POLICY, movesLater, post(), AS_OF);
    }

    @ParameterizedTest
    @EnumSource(Path.class)
    void shouldApplyTheMostSpecificJurisdictionRule(Path path) {
        // EEA excluded, EU under consent, France back to legitimate interests.
        TrainingPolicy layered = policy(rules()
                .exclude(Jurisdiction.EEA)
                .basis(Jurisdiction.EU, LegalBasis.CONSENT)
                .basis(Jurisdiction.of("FR"), LegalBasis.LEGITIMATE_INTERESTS)
                .build());

        assertAllowed(Reason.ALLOWED_BY_DEFAULT, path, layered, adult().residentIn(Jurisdiction.of("FR-75")).build(),
                post(), AS_OF);
        assertDenied(Reason.NO_CONSENT, path, layered, adult().build(), post(), AS_OF);
        assertDenied(Reason.JURISDICTION_EXCLUDED, path, layered, adult().residentIn(Jurisdiction.of("NO")).build(),
                post(), AS_OF);
    }

    @ParameterizedTest
    @EnumSource(Path.class)
    void shouldDenyAMemberWithNoBirthDateWhenUnknownAgesAreDenied(Path path) {
        Member ageless = Member.builder("m-1").residentIn(DE).build();

        assertDenied(Reason.AGE_UNKNOWN, path, OPT_OUT_POLICY, ageless, post(), AS_OF);
    }

    @ParameterizedTest
    @EnumSource(Path.class)
    void shouldAllowAMemberWithNoBirthDateWhenTheVersionTreatsThemAsAdults(Path path) {
        TrainingPolicy verified = policy(rules().unknownAge(UnknownAge.TREAT_AS_ADULT).build());
        Member ageless = Member.builder("m-1").residentIn(DE).build();

        assertAllowed(Reason.ALLOWED_BY_DEFAULT, path, verified, ageless, post(), AS_OF);
    }

    @ParameterizedTest
    @EnumSource(Path.class)
    void shouldSkipEveryAgeCheckWithMinimumAgeZero(Path path) {
        TrainingPolicy anyAge = policy(rules().minimumAge(0).build());
        Member ageless = Member.builder("m-1").residentIn(DE).build();
        Member child = adult().birthDate(LocalDate.of(2020, 1, 1)).build();

        assertAllowed(Reason.ALLOWED_BY_DEFAULT, path, anyAge, ageless, post(), AS_OF);
        assertAllowed(Reason.ALLOWED_BY_DEFAULT, path, anyAge, child, post(), AS_OF);
    }

    @ParameterizedTest
    @EnumSource(Path.class)
    void shouldDenyAMinor(Path path) {
        Member minor = adult().birthDate(LocalDate.of(2008, 6, 15)).build();

        assertDenied(Reason.MINOR, path, OPT_OUT_POLICY, minor, post(), AS_OF);
    }

    @ParameterizedTest
    @EnumSource(Path.class)
    void shouldDenyAMemberOnTheLastDayBeforeTheyComeOfAge(Path path) {
        Member almost = adult().birthDate(LocalDate.of(2007, 3, 2)).build();

        assertDenied(Reason.MINOR, path, OPT_OUT_POLICY, almost, post(), Instant.parse("2025-03-01T23:59:59.999999999Z"));
    }

    @ParameterizedTest
    @EnumSource(Path.class)
    void shouldAllowFromTheFirstInstantOfTheDayAMemberComesOfAge(Path path) {
        Member comesOfAge = adult().birthDate(LocalDate.of(2007, 3, 1)).build();
        Instant birthday = Instant.parse("2025-03-01T00:00:00Z");

        assertAllowed(Reason.ALLOWED_BY_DEFAULT, path, OPT_OUT_POLICY, comesOfAge, post(birthday), birthday);
    }

    @ParameterizedTest
    @EnumSource(Path.class)
    void shouldDenyAnItemCreatedInTheLastNanosecondBeforeTheMemberCameOfAge(Path path) {
        Member cameOfAge = adult().birthDate(LocalDate.of(2007, 2, 10)).build();
        ContentItem lastChildhoodPost = post(Instant.parse("2025-02-09T23:59:59.999999999Z"));

        assertDenied(Reason.CREATED_WHILE_MINOR, path, OPT_OUT_POLICY, cameOfAge, lastChildhoodPost, AS_OF);
    }

    @ParameterizedTest
    @EnumSource(Path.class)
    void shouldAllowAnItemCreatedAtTheFirstInstantOfTheDayTheMemberCameOfAge(Path path) {
        Member cameOfAge = adult().birthDate(LocalDate.of(2007, 2, 10)).build();

        assertAllowed(Reason.ALLOWED_BY_DEFAULT, path, OPT_OUT_POLICY, cameOfAge,
                post(Instant.parse("2025-02-10T00:00:00Z")), AS_OF);
    }

    @ParameterizedTest
    @EnumSource(Path.class)
    void shouldDenyAnItemCreatedBefore28FebruaryByAMemberBornOn29FebruaryReadAs28February(Path path) {
        Member leapling = adult().birthDate(LocalDate.of(2008, 2, 29)).build();
        ContentItem post = post(Instant.parse("2026-02-27T23:59:59.999999999Z"));

        assertDenied(Reason.CREATED_WHILE_MINOR, path, FEBRUARY_28_POLICY, leapling, post,
                Instant.parse("2026-03-01T00:00:00Z"));
    }

    @ParameterizedTest
    @EnumSource(Path.class)
    void shouldAllowAnItemCreatedOn28FebruaryByAMemberBornOn29FebruaryReadAs28February(Path path) {
        Member leapling = adult().birthDate(LocalDate.of(2008, 2, 29)).build();
        ContentItem post = post(Instant.parse("2026-02-28T00:00:00Z"));

        assertAllowed(Reason.ALLOWED_BY_DEFAULT, path, FEBRUARY_28_POLICY, leapling, post,
                Instant.parse("2026-03-01T00:00:00Z"));
    }

    @ParameterizedTest
    @EnumSource(Path.class)
    void shouldDenyAnItemCreatedOn28FebruaryByAMemberBornOn29FebruaryByDefault(Path path) {
        Member leapling = adult().birthDate(LocalDate.of(2008, 2, 29)).build();
        ContentItem post = post(Instant.parse("2026-02-28T23:59:59.999999999Z"));

        assertDenied(Reason.CREATED_WHILE_MINOR, path, OPT_OUT_POLICY, leapling, post,
                Instant.parse("2026-03-01T00:00:00Z"));
    }

    @ParameterizedTest
    @EnumSource(Path.class)
    void shouldDenyAMemberBornOn29FebruaryAsAMinorOn28FebruaryByDefault(Path path) {
        Member leapling = adult().birthDate(LocalDate.of(2008, 2, 29)).build();
        ContentItem post = post(Instant.parse("2025-06-01T00:00:00Z"));

        assertDenied(Reason.MINOR, path, OPT_OUT_POLICY, leapling, post, Instant.parse("2026-02-28T12:00:00Z"));
        // Read as 28 February the member is of age that day; only the item, written at 17, still counts.
        assertDenied(Reason.CREATED_WHILE_MINOR, path, FEBRUARY_28_POLICY, leapling, post,
                Instant.parse("2026-02-28T12:00:00Z"));
    }

    @ParameterizedTest
    @EnumSource(Path.class)
    void shouldAllowAnItemCreatedOn1MarchByAMemberBornOn29FebruaryByDefault(Path path) {
        Member leapling = adult().birthDate(LocalDate.of(2008, 2, 29)).build();
        ContentItem post = post(Instant.parse("2026-03-01T00:00:00Z"));

        assertAllowed(Reason.ALLOWED_BY_DEFAULT, path, OPT_OUT_POLICY, leapling, post,
                Instant.parse("2026-03-01T00:00:00Z"));
    }

    @ParameterizedTest
    @EnumSource(Path.class)
    void shouldDenyAnItemReservedFromAsOf(Path path) {
        ContentItem reserved = post().withReservation(new Reservation(ReservationSource.TDM_REP, AS_OF));

        assertDenied(Reason.ITEM_RESERVED, path, OPT_OUT_POLICY, adult().build(), reserved, AS_OF);
    }

    @ParameterizedTest
    @EnumSource(Path.class)
    void shouldDenyAnItemWithAnyReservationInEffect(Path path) {
        ContentItem reserved = post()
                .withReservation(new Reservation(ReservationSource.TDM_REP, AS_OF.plusSeconds(60)))
                .withReservation(new Reservation(ReservationSource.IPTC_DATA_MINING, CREATED));

        assertDenied(Reason.ITEM_RESERVED, path, OPT_OUT_POLICY, adult().build(), reserved, AS_OF);
    }

    @ParameterizedTest
    @EnumSource(Path.class)
    void shouldAllowAnItemReservedOnlyAfterAsOf(Path path) {
        ContentItem reservedLater = post().withReservation(new Reservation(ReservationSource.TDM_REP, AS_OF.plusNanos(1)));

        assertAllowed(Reason.ALLOWED_BY_DEFAULT, path, OPT_OUT_POLICY, adult().build(), reservedLater, AS_OF);
    }

    @ParameterizedTest
    @EnumSource(Path.class)
    void shouldDenyFromTheInstantAnOptOutTakesEffect(Path path) {
        Member optedOut = adult().consent(optOut("e-1", Purpose.GENERATIVE_AI_TRAINING, AS_OF)).build();

        assertDenied(Reason.OPTED_OUT, path, OPT_OUT_POLICY, optedOut, post(), AS_OF);
    }

    @ParameterizedTest
    @EnumSource(Path.class)
    void shouldAllowJustBeforeAnOptOutTakesEffect(Path path) {
        Member optsOutLater = adult().consent(optOut("e-1", Purpose.GENERATIVE_AI_TRAINING, AS_OF.plusNanos(1))).build();

        assertAllowed(Reason.ALLOWED_BY_DEFAULT, path, OPT_OUT_POLICY, optsOutLater, post(), AS_OF);
    }

    @ParameterizedTest
    @EnumSource(Path.class)
    void shouldDenyAfterAnOptOutOfABroaderPurpose(Path path) {
        Member optedOut = adult().consent(optOut("e-1", Purpose.AI_TRAINING, CREATED)).build();

        assertDenied(Reason.OPTED_OUT, path, OPT_OUT_POLICY, optedOut, post(), AS_OF);
    }

    @ParameterizedTest
    @EnumSource(Path.class)
    void shouldIgnoreAnOptOutOfAnotherPurpose(Path path) {
        Member optedOutOfSafety = adult().consent(optOut("e-1", Purpose.of("ai-training.safety"), CREATED))
                .consent(optOut("e-2", Purpose.of("ai-training.generative.images"), CREATED)).build();

        assertAllowed(Reason.ALLOWED_BY_DEFAULT, path, OPT_OUT_POLICY, optedOutOfSafety, post(), AS_OF);
    }

    @ParameterizedTest
    @EnumSource(Path.class)
    void shouldDenyWhenAnOptInAndAnOptOutTakeEffectAtTheSameInstant(Path path) {
        Member torn = adult().consent(optIn("e-1", Purpose.GENERATIVE_AI_TRAINING, CREATED),
                optOut("e-2", Purpose.GENERATIVE_AI_TRAINING, CREATED)).build();

        assertDenied(Reason.OPTED_OUT, path, OPT_OUT_POLICY, torn, post(), AS_OF);
    }

    @ParameterizedTest
    @EnumSource(Path.class)
    void shouldAllowAfterAnOptInLiftsAnEarlierOptOut(Path path) {
        Member changedMind = adult().consent(optOut("e-1", Purpose.AI_TRAINING, CREATED),
                optIn("e-2", Purpose.GENERATIVE_AI_TRAINING, CREATED.plusSeconds(1))).build();

        assertAllowed(Reason.ALLOWED_OPTED_IN, path, OPT_OUT_POLICY, changedMind, post(), AS_OF);
    }

    @ParameterizedTest
    @EnumSource(Path.class)
    void shouldDenyUnderConsentWithoutAnOptIn(Path path) {
        assertDenied(Reason.NO_CONSENT, path, CONSENT_POLICY, adult().build(), post(), AS_OF);
    }

    @ParameterizedTest
    @EnumSource(Path.class)
    void shouldDenyUnderConsentWhenTheOnlyOptInTakesEffectAfterAsOf(Path path) {
        Member optsInLater = adult().consent(optIn("e-1", Purpose.GENERATIVE_AI_TRAINING, AS_OF.plusNanos(1))).build();

        assertDenied(Reason.NO_CONSENT, path, CONSENT_POLICY, optsInLater, post(), AS_OF);
    }

    @ParameterizedTest
    @EnumSource(Path.class)
    void shouldAllowUnderConsentAfterAnOptIn(Path path) {
        Member optedIn = adult().consent(optIn("e-1", Purpose.AI_TRAINING, AS_OF)).build();

        assertAllowed(Reason.ALLOWED_OPTED_IN, path, CONSENT_POLICY, optedIn, post(), AS_OF);
    }

    @ParameterizedTest
    @EnumSource(Path.class)
    void shouldAllowByDefaultInAnOptOutRegime(Path path) {
        assertAllowed(Reason.ALLOWED_BY_DEFAULT, path, OPT_OUT_POLICY, adult().build(), post(), AS_OF);
    }

    // ---- asking as known at an instant ----

    @ParameterizedTest
    @EnumSource(Path.class)
    void shouldIgnoreAnOptOutRecordedAfterKnownAt(Path path) {
        Instant knownAt = Instant.parse("2025-03-05T00:00:00Z");
        Member member = adult().consent(lateOptOut()).build();

        assertTrue(OPT_OUT_POLICY.asKnownAt(knownAt).evaluate(post(), member, AS_OF).trainable());
        assertTrue(isTrainableAsKnownAt(path, member, knownAt));
    }

    @ParameterizedTest
    @EnumSource(Path.class)
    void shouldCountAnOptOutRecordedAtKnownAt(Path path) {
        Member member = adult().consent(lateOptOut()).build();
        Instant knownAt = lateOptOut().recordedAt();

        assertFalse(OPT_OUT_POLICY.asKnownAt(knownAt).evaluate(post(), member, AS_OF).trainable());
        assertFalse(isTrainableAsKnownAt(path, member, knownAt));
    }

    @ParameterizedTest
    @EnumSource(Path.class)
    void shouldCountAnOptOutRecordedAfterAsOfWhenNotAskedAsKnownAt(Path path) {
        Member member = adult().consent(lateOptOut()).build();

        assertDenied(Reason.OPTED_OUT, path, OPT_OUT_POLICY, member, post(), AS_OF);
    }

    @ParameterizedTest
    @EnumSource(Path.class)
    void shouldIgnoreAnOptInRecordedAfterKnownAtUnderConsent(Path path) {
        Instant knownAt = Instant.parse("2025-03-05T00:00:00Z");
        Member member = adult().consent(ConsentEvent.optIn("e-1", Purpose.GENERATIVE_AI_TRAINING, CREATED,
                Instant.parse("2025-03-10T00:00:00Z"), ConsentChannel.IMPORT)).build();
        MemberStore store = storeWith(member);

        assertFalse(CONSENT_POLICY.asKnownAt(knownAt).evaluate(post(), member, AS_OF).trainable());
        assertFalse(path.isTrainable(BatchEvaluator.builder(CONSENT_POLICY, store).knownAt(knownAt).build(AS_OF), store, post()));
    }

    // ---- instants outside the span a store holds ----

    @ParameterizedTest
    @EnumSource(Path.class)
    void shouldAnswerAtTheEndOfTimeAsThePolicyDoes(Path path) {
        assertAllowed(Reason.ALLOWED_BY_DEFAULT, path, OPT_OUT_POLICY, adult().build(), post(), Instant.MAX);
        assertDenied(Reason.ACCOUNT_CLOSED, path, OPT_OUT_POLICY,
                adult().closedAt(Instant.parse("2262-04-10T00:00:00Z")).build(), post(), Instant.MAX);
        assertDenied(Reason.OPTED_OUT, path, OPT_OUT_POLICY,
                adult().consent(optOut("e-1", Purpose.GENERATIVE_AI_TRAINING, Instant.parse("2200-01-01T00:00:00Z")))
                        .build(), post(), Instant.MAX);
    }

    @ParameterizedTest
    @EnumSource(Path.class)
    void shouldAnswerAtTheStartOfTimeAsThePolicyDoes(Path path) {
        TrainingPolicy always = policy(rules("v0", Instant.MIN).build());
        ContentItem oldest = post(Instant.parse("1677-09-22T00:00:00Z"));

        assertDenied(Reason.ITEM_NOT_YET_CREATED, path, always, adult().build(), oldest, Instant.MIN);
        assertDenied(Reason.ITEM_NOT_YET_CREATED, path, always, adult().build(), oldest,
                Instant.parse("1600-01-01T00:00:00Z"));
    }

    @ParameterizedTest
    @EnumSource(Path.class)
    void shouldTreatAMemberWhoComesOfAgeNearTheEndOfTheSpanAsAnAdultWhenAskedLaterStill(Path path) {
        Member bornLate = adult().birthDate(LocalDate.of(2240, 6, 1)).build();
        ContentItem post = post(Instant.parse("2260-01-01T00:00:00Z"));

        assertAllowed(Reason.ALLOWED_BY_DEFAULT, path, OPT_OUT_POLICY, bornLate, post,
                Instant.parse("2300-01-01T00:00:00Z"));
        assertAllowed(Reason.ALLOWED_BY_DEFAULT, path, OPT_OUT_POLICY, bornLate, post, Instant.MAX);
    }

    @Test
    void shouldTreatAnItemCreatedAfterTheSpanOfNanosecondsInSecondColumnsByItsInstant() {
        // Objects keep instants to 2262; columns in seconds reach further, and are compared exactly.
        Member bornLate = adult().birthDate(LocalDate.of(2250, 6, 1)).build();
        MemberStore store = storeWith(bornLate);
        long created = Instant.parse("2270-01-01T00:00:00Z").getEpochSecond();
        long whileMinor = Instant.parse("2268-05-31T23:59:59Z").getEpochSecond();
        int author = store.indexOf("m-1");
        ItemColumns columns = ItemColumns.of(new int[] {author, author}, new int[] {0, 0},
                List.of(DataCategory.PUBLIC_CONTENT), new long[] {created, whileMinor}, TimeUnit.SECONDS);

        BatchEvaluator later = BatchEvaluator.of(OPT_OUT_POLICY, store, Instant.MAX);
        assertArrayEquals(new Reason[] {Reason.ALLOWED_BY_DEFAULT, Reason.CREATED_WHILE_MINOR}, later.reasons(columns));
        BatchEvaluator before = BatchEvaluator.of(OPT_OUT_POLICY, store, Instant.parse("2269-12-31T23:59:59.999Z"));
        assertArrayEquals(new Reason[] {Reason.ITEM_NOT_YET_CREATED, Reason.CREATED_WHILE_MINOR},
                before.reasons(columns));
    }

    // ---- columns in coarser units ----

    @ParameterizedTest
    @EnumSource(value = TimeUnit.class, names = {"MICROSECONDS", "MILLISECONDS", "SECONDS", "MINUTES", "HOURS"})
    void shouldCountAnItemAsCreatedFromItsInstantInAnyUnit(TimeUnit unit) {
        MemberStore store = storeWith(adult().build());
        ItemColumns columns = ColumnsOfItems.of(store, List.of(post()), unit);

        assertFalse(BatchEvaluator.of(OPT_OUT_POLICY, store, CREATED.minusNanos(1)).trainable(columns).get(0));
        assertTrue(BatchEvaluator.of(OPT_OUT_POLICY, store, CREATED).trainable(columns).get(0));
        assertTrue(BatchEvaluator.of(OPT_OUT_POLICY, store, CREATED.plusNanos(1)).trainable(columns).get(0));
    }

    @ParameterizedTest
    @EnumSource(value = TimeUnit.class, names = {"MICROSECONDS", "MILLISECONDS", "SECONDS", "MINUTES", "HOURS"})
    void shouldCountADeletionAndAReservationFromTheirInstantsInAnyUnit(TimeUnit unit) {
        MemberStore store = storeWith(adult().build());
        Instant end = CREATED.plusSeconds(86_400);
        ItemColumns deleted = ColumnsOfItems.of(store, List.of(post().withDeletedAt(end)), unit);
        ItemColumns reserved = ColumnsOfItems.of(store,
                List.of(post().withReservation(new Reservation(ReservationSource.ITEM_FLAG, end))), unit);

        for (ItemColumns columns : List.of(deleted, reserved)) {
            assertTrue(BatchEvaluator.of(OPT_OUT_POLICY, store, end.minusNanos(1)).trainable(columns).get(0), columns::toString);
            assertFalse(BatchEvaluator.of(OPT_OUT_POLICY, store, end).trainable(columns).get(0), columns::toString);
        }
    }

    @ParameterizedTest
    @EnumSource(value = TimeUnit.class, names = {"MICROSECONDS", "MILLISECONDS", "SECONDS", "MINUTES", "HOURS"})
    void shouldPutAnItemScopeStartingWithinAUnitAfterTheItemsOfThatUnit(TimeUnit unit) {
        TrainingPolicy scoped = policy(rules().itemsCreatedFrom(CREATED.plusNanos(1)).build());
        MemberStore store = storeWith(adult().build());
        Instant nextUnit = CREATED.plusNanos(unit.toNanos(1));
        ItemColumns columns = ColumnsOfItems.of(store, List.of(post(CREATED), post(nextUnit)), unit);

        BitSet trainable = BatchEvaluator.of(scoped, store, AS_OF).trainable(columns);

        assertFalse(trainable.get(0));
        assertTrue(trainable.get(1));
    }

    @ParameterizedTest
    @EnumSource(value = TimeUnit.class, names = {"MICROSECONDS", "MILLISECONDS", "SECONDS", "MINUTES", "HOURS"})
    void shouldDenyInAnyUnitAnItemCreatedBeforeTheDayTheMemberCameOfAge(TimeUnit unit) {
        Member cameOfAge = adult().birthDate(LocalDate.of(2007, 2, 10)).build();
        Instant comingOfAge = Instant.parse("2025-02-10T00:00:00Z");
        MemberStore store = storeWith(cameOfAge);
        ItemColumns columns = ColumnsOfItems.of(store,
                List.of(post(comingOfAge.minusNanos(unit.toNanos(1))), post(comingOfAge)), unit);

        BitSet trainable = BatchEvaluator.of(OPT_OUT_POLICY, store, AS_OF).trainable(columns);

        assertFalse(trainable.get(0));
        assertTrue(trainable.get(1));
    }

    // ---- many items ----

    @Test
    void shouldMarkEveryTrainableRowOfAColumn() {
        Member optedOut = member("m-3").consent(optOut("e-1", Purpose.AI_TRAINING, CREATED)).build();
        MemberStore store = MemberStore.of(List.of(adult().build(), optedOut, member("m-4").build()));
        List<ContentItem> items = List.of(post(), ContentItem.of("i-2", "m-3", DataCategory.PUBLIC_CONTENT, CREATED),
                ContentItem.of("i-3", "m-4", DataCategory.PRIVATE_MESSAGES, CREATED),
                ContentItem.of("i-4", "m-4", DataCategory.PROFILE_DETAILS, CREATED), post(AS_OF.plusSeconds(1)));

        BitSet trainable = BatchEvaluator.of(OPT_OUT_POLICY, store, AS_OF)
                .trainable(ColumnsOfItems.of(store, items, TimeUnit.NANOSECONDS));

        assertEquals(bits(0, 3), trainable);
    }

    @Test
    void shouldDecideEachRowByItsOwnMemberAcrossTheBlocksItsVerdictsAreReadIn() {
        // 1,000 rows of the three members in turn: the columnar paths read the members' verdicts a
        // block of rows at a time, and every row must still get its own member's answer.
        MemberStore store = storeWith(adult().build());
        int[] memberIndexes = new int[1_000];
        for (int row = 0; row < memberIndexes.length; row++) {
            memberIndexes[row] = row % 3;
        }
        ItemColumns columns = columnOfMembers(memberIndexes);
        BatchEvaluator batch = BatchEvaluator.of(OPT_OUT_POLICY, store, AS_OF);
        Reason[] eachMember = batch.reasons(columnOfMembers(0, 1, 2));

        BitSet trainable = batch.trainable(columns);
        Reason[] reasons = batch.reasons(columns);

        BitSet expected = new BitSet();
        for (int row = 0; row < memberIndexes.length; row++) {
            expected.set(row, row % 3 == 1);
            assertEquals(eachMember[row % 3], reasons[row], "row " + row);
        }
        assertEquals(expected, trainable);
        assertEquals(3, Set.of(eachMember).size(), "the three members must be decided differently");
    }

    @Test
    void shouldMarkTheSameRowsInParallelAsOnOneThread() {
        Member optedOut = member("m-3").consent(optOut("e-1", Purpose.AI_TRAINING, CREATED)).build();
        MemberStore store = MemberStore.of(List.of(adult().build(), optedOut));
        // 200,003 rows: several chunks, the last one partial and not a whole number of 64-row words.
        int rows = 200_003;
        int[] memberIndexes = new int[rows];
        int[] categoryIndexes = new int[rows];
        long[] createdAt = new long[rows];
        for (int row = 0; row < rows; row++) {
            memberIndexes[row] = row % 3 == 0 ? store.indexOf("m-3") : store.indexOf("m-1");
            categoryIndexes[row] = row % 5 == 0 ? 1 : 0;
            createdAt[row] = ColumnsOfItems.count(row % 7 == 0 ? AS_OF.plusSeconds(1) : CREATED, TimeUnit.MILLISECONDS);
        }
        ItemColumns columns = ItemColumns.of(memberIndexes, categoryIndexes,
                List.of(DataCategory.PUBLIC_CONTENT, DataCategory.PRIVATE_MESSAGES), createdAt, TimeUnit.MILLISECONDS);
        BatchEvaluator batch = BatchEvaluator.of(OPT_OUT_POLICY, store, AS_OF);

        BitSet parallel = batch.trainable(columns, ForkJoinPool.commonPool());

        assertEquals(batch.trainable(columns), parallel);
        for (int row : new int[] {0, 1, 2, 4, 5, 7, 8, 199_999, 200_002}) {
            assertEquals(row % 3 != 0 && row % 5 != 0 && row % 7 != 0, parallel.get(row), "row " + row);
        }
    }

    @Test
    void shouldMarkNoRowOfAnEmptyColumn() {
        MemberStore store = storeWith(adult().build());
        ItemColumns empty = ItemColumns.of(new int[0], new int[0], List.of(), new long[0], TimeUnit.NANOSECONDS);
        BatchEvaluator batch = BatchEvaluator.of(OPT_OUT_POLICY, store, AS_OF);

        assertEquals(new BitSet(), batch.trainable(empty));
        assertEquals(new BitSet(), batch.trainable(empty, ForkJoinPool.commonPool()));
    }

    @Test
    void shouldKeepTheTrainableItemsOfAStreamInOrder() {
        MemberStore store = storeWith(adult().build());
        List<ContentItem> items = List.of(post(), post(AS_OF.plusSeconds(1)), ContentItem.of("i-3", "m-1",
                DataCategory.PROFILE_DETAILS, CREATED), post().withDeletedAt(AS_OF), post(AS_OF));

        List<ContentItem> kept = BatchEvaluator.of(OPT_OUT_POLICY, store, AS_OF).trainable(items.stream())
                .collect(Collectors.toList());

        assertEquals(List.of(items.get(0), items.get(2), items.get(4)), kept);
    }

    @Test
    void shouldKeepTheTrainableItemsOfAParallelStreamInOrder() {
        MemberStore store = storeWith(adult().build());
        List<ContentItem> items = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            items.add(ContentItem.of("i-" + i, "m-1", DataCategory.PUBLIC_CONTENT, AS_OF.minusSeconds(5_000).plusSeconds(i)));
        }

        List<ContentItem> kept = BatchEvaluator.of(OPT_OUT_POLICY, store, AS_OF).trainable(items.parallelStream())
                .collect(Collectors.toList());

        assertEquals(items.subList(0, 5_001), kept);
    }

    @Test
    void shouldGiveEachItemTheReasonThePolicyGives() {
        Member optedOut = member("m-3").consent(optOut("e-1", Purpose.AI_TRAINING, CREATED)).build();
        Member minor = member("m-4").birthDate(LocalDate.of(2010, 1, 1)).build();
        Map<String, Member> byId = Map.of("m-1", adult().build(), "m-3", optedOut, "m-4", minor);
        List<ContentItem> items = List.of(post(), ContentItem.of("i-2", "m-3", DataCategory.PUBLIC_CONTENT, CREATED),
                ContentItem.of("i-3", "m-4", DataCategory.PUBLIC_CONTENT, CREATED), post(AS_OF.plusSeconds(1)));
        BatchEvaluator batch = BatchEvaluator.of(OPT_OUT_POLICY, MemberStore.of(byId.values()), AS_OF);

        List<Reason> reasons = batch.reasons(items);

        List<Reason> expected = new ArrayList<>();
        for (ContentItem item : items) {
            expected.add(OPT_OUT_POLICY.evaluate(item, byId.get(item.authorId()), AS_OF).reason());
            assertEquals(expected.get(expected.size() - 1), batch.reason(item), item.id());
        }
        assertEquals(expected, reasons);
        assertEquals(List.of(Reason.ALLOWED_BY_DEFAULT, Reason.OPTED_OUT, Reason.MINOR, Reason.ITEM_NOT_YET_CREATED),
                reasons);
    }

    @Test
    void shouldGiveTheReasonAsKnownAtForAnAuditReplay() {
        Instant knownAt = Instant.parse("2025-03-05T00:00:00Z");
        Member member = adult().consent(lateOptOut()).build();
        BatchEvaluator batch = BatchEvaluator.builder(OPT_OUT_POLICY, MemberStore.of(List.of(member)))
                .knownAt(knownAt).build(AS_OF);

        assertEquals(OPT_OUT_POLICY.asKnownAt(knownAt).evaluate(post(), member, AS_OF).reason(), batch.reason(post()));
        assertEquals(Reason.ALLOWED_BY_DEFAULT, batch.reason(post()));
        assertEquals(Optional.of(knownAt), batch.knownAt());
    }

    @Test
    void shouldRejectAReasonForAnAuthorNotInTheStore() {
        BatchEvaluator batch = BatchEvaluator.of(OPT_OUT_POLICY, MemberStore.of(List.of(adult().build())), AS_OF);
        ContentItem stray = ContentItem.of("post-9", "m-9", DataCategory.PUBLIC_CONTENT, CREATED);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> batch.reasons(List.of(post(), stray)));

        assertEquals("author m-9 of content item post-9 is not in the member store", e.getMessage());
    }

    // ---- misuse ----

    @Test
    void shouldRejectAnItemWhoseAuthorIsNotInTheStoreNamingAuthorAndItem() {
        BatchEvaluator batch = BatchEvaluator.of(OPT_OUT_POLICY, storeWith(adult().build()), AS_OF);
        ContentItem stray = ContentItem.of("post-9", "m-9", DataCategory.PUBLIC_CONTENT, CREATED);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> batch.isTrainable(stray));

        assertEquals("author m-9 of content item post-9 is not in the member store", e.getMessage());
    }

    @Test
    void shouldRejectAnItemWhoseAuthorIsNotInTheStoreEvenBeforeThePolicyIsInForce() {
        BatchEvaluator batch = BatchEvaluator.of(OPT_OUT_POLICY, storeWith(adult().build()), V1_FROM.minusSeconds(1));
        ContentItem stray = ContentItem.of("post-9", "m-9", DataCategory.PUBLIC_CONTENT, CREATED);

        assertThrows(IllegalArgumentException.class, () -> batch.isTrainable(stray));
    }

    @Test
    void shouldRejectFromAStreamAnItemWhoseAuthorIsNotInTheStore() {
        BatchEvaluator batch = BatchEvaluator.of(OPT_OUT_POLICY, storeWith(adult().build()), AS_OF);
        ContentItem stray = ContentItem.of("post-9", "m-9", DataCategory.PUBLIC_CONTENT, CREATED);
        Stream<ContentItem> kept = batch.trainable(Stream.of(post(), stray));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, kept::count);

        assertTrue(e.getMessage().contains("post-9"), e.getMessage());
    }

    @Test
    void shouldRejectFromAListTheFirstItemWhoseAuthorIsNotInTheStoreNamingAuthorAndItem() {
        BatchEvaluator batch = BatchEvaluator.of(OPT_OUT_POLICY, storeWith(adult().build()), AS_OF);
        List<ContentItem> items = new ArrayList<>(Collections.nCopies(40, post()));
        items.set(21, ContentItem.of("post-21", "m-21", DataCategory.PUBLIC_CONTENT, CREATED));
        items.set(37, ContentItem.of("post-37", "m-37", DataCategory.PUBLIC_CONTENT, CREATED));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> batch.trainable(items));

        assertEquals("author m-21 of content item post-21 is not in the member store", e.getMessage());
    }

    @Test
    void shouldRejectFromAListAnItemWhoseAuthorIsNotInTheStoreEvenBeforeThePolicyIsInForce() {
        BatchEvaluator batch = BatchEvaluator.of(OPT_OUT_POLICY, storeWith(adult().build()), V1_FROM.minusSeconds(1));
        ContentItem stray = ContentItem.of("post-9", "m-9", DataCategory.PUBLIC_CONTENT, CREATED);

        assertThrows(IllegalArgumentException.class, () -> batch.trainable(List.of(post(), stray)));
    }

    @Test
    void shouldReportTheFirstBadItemOfAListWhenANullItemFollowsIt() {
        BatchEvaluator batch = BatchEvaluator.of(OPT_OUT_POLICY, storeWith(adult().build()), AS_OF);
        ContentItem stray = ContentItem.of("post-9", "m-9", DataCategory.PUBLIC_CONTENT, CREATED);

        assertThrows(IllegalArgumentException.class, () -> batch.trainable(Arrays.asList(post(), stray, null)));
        assertThrows(NullPointerException.class, () -> batch.trainable(Arrays.asList(post(), null, stray)));
    }

    @Test
    void shouldMarkTheTrainableItemsOfAListAcrossGroupsByPosition() {
        Member adult = adult().build();
        Member optedOut = member("m-3").consent(optOut("e-1", Purpose.AI_TRAINING, CREATED)).build();
        MemberStore store = MemberStore.of(List.of(adult, optedOut));
        BatchEvaluator batch = BatchEvaluator.of(OPT_OUT_POLICY, store, AS_OF);
        List<ContentItem> items = new ArrayList<>();
        BitSet expected = new BitSet();
        for (int i = 0; i < 100; i++) {
            boolean byAdult = i % 3 != 1;
            items.add(ContentItem.of("post-" + i, byAdult ? adult.id() : optedOut.id(), DataCategory.PUBLIC_CONTENT,
                    CREATED));
            expected.set(i, byAdult);
        }

        assertEquals(expected, batch.trainable(items));
    }

    @Test
    void shouldMarkNothingForAnEmptyList() {
        BatchEvaluator batch = BatchEvaluator.of(OPT_OUT_POLICY, storeWith(adult().build()), AS_OF);

        assertEquals(new BitSet(), batch.trainable(List.<ContentItem>of()));
    }

    @Test
    void shouldRejectAMemberIndexBeyondTheStoreNamingTheRow() {
        MemberStore store = storeWith(adult().build());
        ItemColumns columns = columnOfMembers(0, 1, store.size(), 2);
        BatchEvaluator batch = BatchEvaluator.of(OPT_OUT_POLICY, store, AS_OF);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> batch.trainable(columns));

        assertEquals("member index 3 in row 2 is not in the member store of 3 members", e.getMessage());
    }

    @Test
    void shouldRejectANegativeMemberIndexNamingTheRow() {
        MemberStore store = storeWith(adult().build());
        ItemColumns columns = columnOfMembers(0, -1);
        BatchEvaluator batch = BatchEvaluator.of(OPT_OUT_POLICY, store, AS_OF);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> batch.trainable(columns));

        assertTrue(e.getMessage().contains("row 1"), e.getMessage());
    }

    @Test
    void shouldRejectAMemberIndexBeyondTheStoreNamingTheRowInParallel() {
        MemberStore store = storeWith(adult().build());
        int[] memberIndexes = new int[150_000];
        memberIndexes[123_456] = 7;
        ItemColumns columns = ItemColumns.of(memberIndexes, new int[memberIndexes.length],
                List.of(DataCategory.PUBLIC_CONTENT), new long[memberIndexes.length], TimeUnit.SECONDS);
        BatchEvaluator batch = BatchEvaluator.of(OPT_OUT_POLICY, store, AS_OF);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> batch.trainable(columns, ForkJoinPool.commonPool()));

        assertTrue(e.getMessage().contains("row 123456"), e.getMessage());
    }

    @Test
    void shouldRejectAMemberIndexBeyondTheStoreEvenBeforeThePolicyIsInForce() {
        MemberStore store = storeWith(adult().build());
        ItemColumns columns = columnOfMembers(0, 5);
        BatchEvaluator batch = BatchEvaluator.of(OPT_OUT_POLICY, store, V1_FROM.minusSeconds(1));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> batch.trainable(columns));

        assertTrue(e.getMessage().contains("row 1"), e.getMessage());
    }

    @Test
    void shouldFailTheItemChecksOfAnItemThatIsNotTrainableWhoeverItsAuthorIs() {
        BatchEvaluator batch = BatchEvaluator.of(OPT_OUT_POLICY, MemberStore.of(List.of()), AS_OF);
        Map<Reason, ContentItem> failing = Map.of(
                Reason.ITEM_NOT_YET_CREATED, post(AS_OF.plusNanos(1)),
                Reason.ITEM_DELETED, post().withDeletedAt(AS_OF),
                Reason.ITEM_RESERVED, post().withReservation(new Reservation(ReservationSource.TDM_REP, AS_OF)),
                Reason.CATEGORY_EXCLUDED, ContentItem.of("i-1", "m-1", DataCategory.PRIVATE_MESSAGES, CREATED),
                Reason.CATEGORY_NOT_COVERED, ContentItem.of("i-1", "m-1", DataCategory.SALARY, CREATED));

        failing.forEach((reason, item) -> assertFalse(batch.itemChecksPass(item), () -> reason + ": " + item));
        BatchEvaluator scoped = BatchEvaluator.of(policy(rules().itemsCreatedFrom(CREATED.plusNanos(1)).build()),
                MemberStore.of(List.of()), AS_OF);
        assertFalse(scoped.itemChecksPass(post()), "an item created before the version's item scope");
        BatchEvaluator early = BatchEvaluator.of(OPT_OUT_POLICY, MemberStore.of(List.of()), V1_FROM.minusNanos(1));
        assertFalse(early.itemChecksPass(post(V1_FROM.minusSeconds(1))), "no version in force");
    }

    @Test
    void shouldPassTheItemChecksOfAnItemWithoutLookingAtItsAuthor() {
        Member optedOut = adult().consent(optOut("e-1", Purpose.GENERATIVE_AI_TRAINING, CREATED)).build();
        BatchEvaluator batch = BatchEvaluator.of(OPT_OUT_POLICY, storeWith(optedOut), AS_OF);
        ContentItem ofNobodyInTheStore = ContentItem.of("i-2", "m-unknown", DataCategory.PUBLIC_CONTENT, CREATED);

        assertTrue(batch.itemChecksPass(post()), "an item of a member who opted out passes its own checks");
        assertTrue(batch.itemChecksPass(ofNobodyInTheStore), "the author is not looked up");
        assertEquals(Reason.OPTED_OUT, batch.reason(post()));
    }

    @Test
    void shouldSayWhichInstantItDecidesFor() {
        assertEquals(AS_OF, BatchEvaluator.of(OPT_OUT_POLICY, storeWith(adult().build()), AS_OF).asOf());
        BatchEvaluator replay = BatchEvaluator.builder(OPT_OUT_POLICY, storeWith(adult().build())).knownAt(V1_FROM)
                .build(AS_OF);
        assertEquals(AS_OF, replay.asOf());
        assertEquals(Optional.of(V1_FROM), replay.knownAt());
    }

    // ---- fixtures ----

    /** The policy decides {@code reason}, and the batch path denies too. */
    private static void assertDenied(Reason reason, Path path, TrainingPolicy policy, Member member, ContentItem item,
            Instant asOf) {
        Decision reference = policy.evaluate(item, member, asOf);
        assertEquals(reason, reference.reason(), reference::toString);
        assertFalse(path.isTrainable(policy, member, item, asOf), () -> path + " allows where the policy says " + reference);
    }

    /** The policy allows for {@code reason}, and the batch path allows too. */
    private static void assertAllowed(Reason reason, Path path, TrainingPolicy policy, Member member, ContentItem item,
            Instant asOf) {
        Decision reference = policy.evaluate(item, member, asOf);
        assertEquals(reason, reference.reason(), reference::toString);
        assertTrue(path.isTrainable(policy, member, item, asOf), () -> path + " denies where the policy says " + reference);
    }

    private static boolean isTrainableAsKnownAt(Path path, Member member, Instant knownAt) {
        MemberStore store = storeWith(member);
        return path.isTrainable(BatchEvaluator.builder(OPT_OUT_POLICY, store).knownAt(knownAt).build(AS_OF), store, post());
    }

    /** An opt-out effective before {@link #AS_OF} that the platform learned of only afterwards. */
    private static ConsentEvent lateOptOut() {
        return ConsentEvent.optOut("e-1", Purpose.GENERATIVE_AI_TRAINING, Instant.parse("2025-02-15T00:00:00Z"),
                Instant.parse("2025-03-10T00:00:00Z"), ConsentChannel.OBJECTION_FORM);
    }

    /**
     * A store of {@code member} between two others whose facts would deny anything: an opted-out
     * adult and a minor whose account is closed, so that reading another member's facts shows.
     */
    private static MemberStore storeWith(Member member) {
        Member optedOut = member("m-0").consent(optOut("e-0", Purpose.AI_TRAINING, Instant.parse("2000-01-01T00:00:00Z")))
                .build();
        Member closedMinor = member("m-2").birthDate(LocalDate.of(2015, 1, 1)).closedAt(V1_FROM).build();
        return MemberStore.of(List.of(optedOut, member, closedMinor));
    }

    /** One row per member index, each a public post created at {@link #CREATED}. */
    private static ItemColumns columnOfMembers(int... memberIndexes) {
        long[] createdAt = new long[memberIndexes.length];
        Arrays.fill(createdAt, ColumnsOfItems.count(CREATED, TimeUnit.NANOSECONDS));
        return ItemColumns.of(memberIndexes, new int[memberIndexes.length], List.of(DataCategory.PUBLIC_CONTENT),
                createdAt, TimeUnit.NANOSECONDS);
    }

    private static BitSet bits(int... set) {
        BitSet bits = new BitSet();
        for (int bit : set) {
            bits.set(bit);
        }
        return bits;
    }

    private static PolicyVersion.Builder rules() {
        return rules("v1", V1_FROM);
    }

    /** Legitimate interests, Switzerland excluded, content and profile used, private messages never, adults only. */
    private static PolicyVersion.Builder rules(String id, Instant from) {
        return PolicyVersion.builder(id, from)
                .defaultBasis(LegalBasis.LEGITIMATE_INTERESTS)
                .exclude(CH)
                .allow(DataCategory.CONTENT, DataCategory.PROFILE_DETAILS)
                .neverAllow(DataCategory.PRIVATE_MESSAGES)
                .minimumAge(18);
    }

    private static TrainingPolicy policy(PolicyVersion... versions) {
        TrainingPolicy.Builder builder = TrainingPolicy.builder("p", Purpose.GENERATIVE_AI_TRAINING);
        for (PolicyVersion version : versions) {
            builder.version(version);
        }
        return builder.build();
    }

    /** An adult in Germany, the author of {@link #post()}. */
    private static Member.Builder adult() {
        return member("m-1");
    }

    private static Member.Builder member(String id) {
        return Member.builder(id).birthDate(LocalDate.of(1990, 6, 15)).residentIn(DE);
    }

    private static ContentItem post() {
        return post(CREATED);
    }

    private static ContentItem post(Instant createdAt) {
        return ContentItem.of("i-1", "m-1", DataCategory.PUBLIC_CONTENT, createdAt);
    }

    private static ConsentEvent optOut(String id, Purpose purpose, Instant effectiveAt) {
        return ConsentEvent.optOut(id, purpose, effectiveAt, effectiveAt, ConsentChannel.SETTINGS_TOGGLE);
    }

    private static ConsentEvent optIn(String id, Purpose purpose, Instant effectiveAt) {
        return ConsentEvent.optIn(id, purpose, effectiveAt, effectiveAt, ConsentChannel.SETTINGS_TOGGLE);
    }
}
