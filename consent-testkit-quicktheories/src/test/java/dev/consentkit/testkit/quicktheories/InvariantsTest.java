package dev.consentkit.testkit.quicktheories;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.consentkit.AccountClosure;
import dev.consentkit.ConsentChannel;
import dev.consentkit.ConsentEvent;
import dev.consentkit.ContentItem;
import dev.consentkit.DataCategory;
import dev.consentkit.Decision;
import dev.consentkit.Evidence;
import dev.consentkit.Jurisdiction;
import dev.consentkit.Member;
import dev.consentkit.Purpose;
import dev.consentkit.Reason;
import dev.consentkit.TrainingPolicy;
import dev.consentkit.suite.Scenario;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Shows that each invariant's predicate finds a violation in answers made up to break it, and none in
 * the engine's real answers: no real policy breaks an invariant, so this is how each check is shown
 * able to fail.
 */
class InvariantsTest {

    private static final TrainingPolicy LINKEDIN = Fixtures.linkedIn();
    private static final Instant OPT_OUT_AT = Instant.parse("2025-11-10T00:00:00Z");
    private static final Instant AFTER_THE_OPT_OUT = Instant.parse("2025-11-12T00:00:00Z");
    private static final Instant BEFORE_THE_OPT_OUT = Instant.parse("2025-11-05T00:00:00Z");
    private static final ConsentEvent OPT_OUT = ConsentEvent.optOut("e-7", Purpose.GENERATIVE_AI_TRAINING, OPT_OUT_AT,
            Instant.parse("2025-11-10T00:00:05Z"), ConsentChannel.SETTINGS_TOGGLE);
    private static final Member GERMAN = Member.builder("m-de").birthDate(LocalDate.of(1990, 4, 1))
            .residentIn(Jurisdiction.of("DE")).build();
    private static final ContentItem POST = ContentItem.of("post-de", "m-de", DataCategory.PUBLIC_CONTENT,
            Instant.parse("2025-03-01T09:30:00Z"));
    private static final ContentItem MESSAGE = ContentItem.of("dm-de", "m-de", DataCategory.PRIVATE_MESSAGES,
            Instant.parse("2025-03-01T10:00:00Z"));

    /** A decision made up for the scenario: trainable by default, whatever the engine would say. */
    private static Decision madeUpTrainable(Scenario s) {
        return madeUp(s, Reason.ALLOWED_BY_DEFAULT, List.of());
    }

    /** A decision made up for the scenario: not trainable for {@code reason} alone. */
    private static Decision madeUpDenial(Scenario s, Reason reason) {
        return madeUp(s, reason, List.of(reason));
    }

    private static Decision madeUp(Scenario s, Reason reason, List<Reason> failedChecks) {
        ConsentEvent event = reason == Reason.ALLOWED_OPTED_IN
                ? ConsentEvent.optIn("made-up", LINKEDIN.purpose(), s.asOf(), ConsentChannel.API)
                : ConsentEvent.optOut("made-up", LINKEDIN.purpose(), s.asOf(), ConsentChannel.API);
        Decision.Builder builder = Decision.builder(s.item().id(), s.member().id(), s.asOf()).failedChecks(failedChecks)
                .policy(LINKEDIN.id(), "2025-11").evidence(Evidence.recorded(reason, "made up", null,
                        Evidence.Kind.of(reason) == Evidence.Kind.CONSENT_EVENT ? event : null));
        s.knownAt().ifPresent(builder::knownAt);
        return builder.build();
    }

    /** An answer that says trainable on every path. */
    private static Answer trainableAnswer(Scenario s) {
        return new Answer(s, madeUpTrainable(s), madeUpTrainable(s), true);
    }

    private static Scenario german(ContentItem item, Instant asOf) {
        return Scenario.of(LINKEDIN, GERMAN, item, asOf, null);
    }

    // ---------------------------------------------------------------- never-allowed categories

    @Test
    void shouldFindATrainablePrivateMessage() {
        Answer madeUp = trainableAnswer(german(MESSAGE, AFTER_THE_OPT_OUT));

        Optional<String> violation = Invariants.NEVER_ALLOWED_CATEGORIES.violation(madeUp);

        assertEquals(Optional.of("category messages.private is the category messages.private, which version 2025-11 never"
                + " allows, yet isTrainable is true; evaluate decided " + madeUp.decision() + "; replay decided "
                + madeUp.replayed() + "; CATEGORY_EXCLUDED is not among evaluate's failed checks []"), violation);
    }

    @Test
    void shouldFindADenialOfANeverAllowedCategoryForAnotherReasonOnly() {
        Scenario s = german(ContentItem.of("dm-de", "m-de", DataCategory.of("messages.private.archived"),
                MESSAGE.createdAt()), AFTER_THE_OPT_OUT);
        Answer madeUp = new Answer(s, madeUpDenial(s, Reason.OPTED_OUT), madeUpDenial(s, Reason.OPTED_OUT), false);

        assertEquals(Optional.of("category messages.private.archived is under the category messages.private, which version"
                + " 2025-11 never allows, yet CATEGORY_EXCLUDED is not among evaluate's failed checks [OPTED_OUT]"),
                Invariants.NEVER_ALLOWED_CATEGORIES.violation(madeUp));
    }

    @Test
    void shouldFindNoViolationInTheEnginesAnswerForAPrivateMessage() {
        assertEquals(Optional.empty(), Invariants.NEVER_ALLOWED_CATEGORIES.violation(Answer.of(german(MESSAGE, AFTER_THE_OPT_OUT))));
    }

    @Test
    void shouldIgnoreAllowedCategoriesForTheNeverAllowedInvariant() {
        assertEquals(Optional.empty(), Invariants.NEVER_ALLOWED_CATEGORIES.violation(trainableAnswer(german(POST, AFTER_THE_OPT_OUT))));
    }

    // ---------------------------------------------------------------- non-retroactivity and event order

    @Test
    void shouldFindADecisionThatChangedWhenEventsWereAdded() {
        Scenario s = german(POST, BEFORE_THE_OPT_OUT);
        Answer before = Answer.of(s);
        Answer after = new Answer(s, madeUpDenial(s, Reason.OPTED_OUT), before.replayed(), false);

        Optional<String> violation = Invariants.NON_RETROACTIVITY.violation(new Change("adding OPT_OUT e-7", before, after));

        assertEquals(Optional.of("after adding OPT_OUT e-7, yet evaluate changed from " + before.decision() + " to "
                + after.decision() + "; isTrainable changed from true to false"), violation);
    }

    @Test
    void shouldFindNoViolationWhenALaterOptOutLeavesTheDecisionAlone() {
        Scenario s = german(POST, BEFORE_THE_OPT_OUT);

        Change later = new Change("adding OPT_OUT e-7", Answer.of(s), Answer.of(s.withMember(GERMAN.withConsentEvent(OPT_OUT))));

        assertEquals(Optional.empty(), Invariants.NON_RETROACTIVITY.violation(later));
    }

    @Test
    void shouldFindAReplayThatDependsOnTheOrderOfEvents() {
        Scenario s = german(POST, AFTER_THE_OPT_OUT).withKnownAt(AFTER_THE_OPT_OUT);
        Answer before = Answer.of(s);
        Answer after = new Answer(s, before.decision(), madeUpTrainable(s), before.fast());

        Optional<String> violation = Invariants.EVENT_ORDER_INDEPENDENCE.violation(new Change("supplying e-7 twice", before, after));

        assertEquals(Optional.of("after supplying e-7 twice, yet replay changed from " + before.replayed() + " to "
                + after.replayed()), violation);
    }

    // ---------------------------------------------------------------- monotonicity

    @Test
    void shouldFindAnOptOutThatMadeAnItemTrainable() {
        Scenario s = german(POST, AFTER_THE_OPT_OUT);
        Answer before = new Answer(s, madeUpDenial(s, Reason.MINOR), madeUpDenial(s, Reason.MINOR), false);

        Optional<String> violation = Invariants.OPT_OUT_NEVER_WIDENS.violation(new Change("adding OPT_OUT x", before,
                trainableAnswer(s)));

        assertEquals(Optional.of("after adding OPT_OUT x, yet isTrainable turned from not trainable to trainable: false then"
                + " true; evaluate turned from not trainable to trainable: " + before.decision() + " then "
                + madeUpTrainable(s) + "; replay turned from not trainable to trainable: " + before.replayed() + " then "
                + madeUpTrainable(s)), violation);
    }

    @Test
    void shouldLetAnOptOutMakeAnItemNotTrainable() {
        Scenario s = german(POST, AFTER_THE_OPT_OUT);

        Change optOut = new Change("adding e-7", Answer.of(s), Answer.of(s.withMember(GERMAN.withConsentEvent(OPT_OUT))));

        assertEquals(Optional.empty(), Invariants.OPT_OUT_NEVER_WIDENS.violation(optOut));
        assertTrue(Invariants.OPT_IN_NEVER_NARROWS.violation(optOut).isPresent());
    }

    @Test
    void shouldFindAnOptInThatMadeAnItemNotTrainable() {
        Scenario s = german(POST, BEFORE_THE_OPT_OUT);
        Answer after = new Answer(s, madeUpDenial(s, Reason.NO_CONSENT), Answer.of(s).replayed(), true);

        Optional<String> violation = Invariants.OPT_IN_NEVER_NARROWS.violation(new Change("adding OPT_IN y", Answer.of(s), after));

        assertEquals(Optional.of("after adding OPT_IN y, yet evaluate turned from trainable to not trainable: "
                + Answer.of(s).decision() + " then " + after.decision()), violation);
    }

    // ---------------------------------------------------------------- fast path

    @Test
    void shouldFindAFastAnswerThatDisagreesWithEvaluate() {
        Scenario s = german(MESSAGE, AFTER_THE_OPT_OUT);
        Answer real = Answer.of(s);

        Optional<String> violation = Invariants.FAST_PATH_AGREES.violation(new Answer(s, real.decision(), real.replayed(), true));

        assertEquals(Optional.of("isTrainable is true but evaluate decided " + real.decision()), violation);
        assertEquals(Optional.empty(), Invariants.FAST_PATH_AGREES.violation(real));
    }

    // ---------------------------------------------------------------- replay as known at

    @Test
    void shouldFindAReplayThatDiffersFromTheHistoryAsKnownThen() {
        Instant knownAt = Instant.parse("2025-11-10T00:00:04Z");
        Scenario s = Scenario.of(LINKEDIN, GERMAN.withConsentEvent(OPT_OUT), POST, AFTER_THE_OPT_OUT, knownAt);
        Answer asKnown = Answer.of(s.withMember(GERMAN).withKnownAt(null));
        Answer madeUp = new Answer(s, Answer.of(s).decision(), madeUpDenial(s, Reason.OPTED_OUT), false);

        Optional<String> violation = Invariants.REPLAY_AS_KNOWN_AT.violation(new Change("removing e-7", madeUp, asKnown));

        assertEquals(Optional.of("replaying as known at 2025-11-10T00:00:04Z, yet replay decided " + madeUp.replayed()
                + ", but evaluate on the history as known then decided " + asKnown.decision()), violation);
        assertEquals(Optional.empty(), Invariants.REPLAY_AS_KNOWN_AT.violation(new Change("removing e-7", Answer.of(s), asKnown)));
    }

    @Test
    void shouldFindAReplayForTheWrongAuditInstant() {
        Instant knownAt = Instant.parse("2025-11-10T00:00:04Z");
        Scenario s = Scenario.of(LINKEDIN, GERMAN, POST, AFTER_THE_OPT_OUT, knownAt);
        Answer asKnown = Answer.of(s.withKnownAt(null));
        Answer replayedLive = new Answer(s, asKnown.decision(), asKnown.decision(), asKnown.fast());

        Optional<String> violation = Invariants.REPLAY_AS_KNOWN_AT.violation(new Change("nothing", replayedLive, asKnown));

        assertEquals(Optional.of("replaying as known at 2025-11-10T00:00:04Z, yet the replayed decision is as known at no"
                + " instant, not at 2025-11-10T00:00:04Z"), violation);
    }

    // ---------------------------------------------------------------- lifetime

    @Test
    void shouldFindAnItemTrainableBeforeItWasCreated() {
        Scenario s = german(POST, Instant.parse("2025-02-01T00:00:00Z"));

        Optional<String> violation = Invariants.ITEM_LIFETIME.violation(new Answer(s, madeUpDenial(s, Reason.OPTED_OUT),
                madeUpDenial(s, Reason.OPTED_OUT), false));

        assertEquals(Optional.of("item post-de is created at 2025-03-01T09:30:00Z, and asOf is 2025-02-01T00:00:00Z, yet"
                + " ITEM_NOT_YET_CREATED is not among evaluate's failed checks [OPTED_OUT]"), violation);
        assertEquals(Optional.empty(), Invariants.ITEM_LIFETIME.violation(Answer.of(s)));
    }

    @Test
    void shouldFindAnItemTrainableAtTheInstantItWasDeleted() {
        Instant deletedAt = Instant.parse("2025-11-04T00:00:00Z");
        Scenario s = german(POST.withDeletedAt(deletedAt), deletedAt);

        Optional<String> violation = Invariants.ITEM_LIFETIME.violation(trainableAnswer(s));

        assertTrue(violation.orElseThrow().startsWith("item post-de is deleted at 2025-11-04T00:00:00Z, and asOf is"
                + " 2025-11-04T00:00:00Z, yet isTrainable is true;"), violation::get);
        assertTrue(violation.get().endsWith("; ITEM_DELETED is not among evaluate's failed checks []"), violation::get);
        assertEquals(Optional.empty(), Invariants.ITEM_LIFETIME.violation(Answer.of(s)));
    }

    // ---------------------------------------------------------------- minors

    @Test
    void shouldFindAPostWrittenAtSeventeenTrainableAfterTheEighteenthBirthday() {
        Member teen = Member.builder("m-17").birthDate(LocalDate.of(2008, 3, 15)).residentIn(Jurisdiction.of("DE")).build();
        ContentItem post = ContentItem.of("post-17", "m-17", DataCategory.PUBLIC_CONTENT, Instant.parse("2025-11-20T18:00:00Z"));
        Scenario s = Scenario.of(LINKEDIN, teen, post, Instant.parse("2026-04-01T00:00:00Z"), null);
        Answer madeUp = new Answer(s, madeUpTrainable(s), madeUpDenial(s, Reason.CREATED_WHILE_MINOR), false);

        Optional<String> violation = Invariants.MINORS.violation(madeUp);

        assertEquals(Optional.of("member m-17, born 2008-03-15, turns 18 (the minimum age of version 2025-11) on 2026-03-15;"
                + " item post-17 is created at 2025-11-20T18:00:00Z, and asOf is 2026-04-01T00:00:00Z, yet evaluate decided "
                + madeUp.decision() + "; CREATED_WHILE_MINOR is not among evaluate's failed checks []"), violation);
        assertEquals(Optional.empty(), Invariants.MINORS.violation(Answer.of(s)));
    }

    @Test
    void shouldFindAMinorsPostDeniedWithoutSayingMinor() {
        Member teen = Member.builder("m-17").birthDate(LocalDate.of(2008, 3, 15)).residentIn(Jurisdiction.of("DE")).build();
        ContentItem post = ContentItem.of("post-17", "m-17", DataCategory.PUBLIC_CONTENT, Instant.parse("2025-11-20T18:00:00Z"));
        Scenario s = Scenario.of(LINKEDIN, teen, post, Instant.parse("2025-12-01T00:00:00Z"), null);
        Decision createdWhileMinorOnly = madeUpDenial(s, Reason.CREATED_WHILE_MINOR);

        Optional<String> violation = Invariants.MINORS.violation(new Answer(s, createdWhileMinorOnly, createdWhileMinorOnly, false));

        assertTrue(violation.orElseThrow().endsWith(", yet MINOR is not among evaluate's failed checks [CREATED_WHILE_MINOR]"),
                violation::get);
    }

    // ---------------------------------------------------------------- opt-out in effect

    @Test
    void shouldFindAnItemTrainableAfterAnOptOut() {
        Scenario s = german(POST, AFTER_THE_OPT_OUT).withMember(GERMAN.withConsentEvent(OPT_OUT));

        Optional<String> violation = Invariants.OPT_OUT_DENIES.violation(trainableAnswer(s));

        assertEquals(Optional.of("the choice in effect at asOf 2025-11-12T00:00:00Z is OPT_OUT e-7 for ai-training.generative,"
                + " effective 2025-11-10T00:00:00Z, yet isTrainable is true; evaluate decided " + madeUpTrainable(s)
                + "; OPTED_OUT is not among evaluate's failed checks []"), violation);
        assertEquals(Optional.empty(), Invariants.OPT_OUT_DENIES.violation(Answer.of(s)));
    }

    @Test
    void shouldFindAReplayTrainableAfterAnOptOutRecordedByThen() {
        Scenario s = german(POST, AFTER_THE_OPT_OUT).withMember(GERMAN.withConsentEvent(OPT_OUT)).withKnownAt(AFTER_THE_OPT_OUT);
        Answer real = Answer.of(s);

        Optional<String> violation = Invariants.OPT_OUT_DENIES.violation(new Answer(s, real.decision(), madeUpTrainable(s),
                real.fast()));

        assertTrue(violation.orElseThrow().endsWith(", yet replay decided " + madeUpTrainable(s)
                + " although e-7 was recorded by then"), violation::get);
    }

    @Test
    void shouldNotCountAnOptOutRecordedAfterTheAuditInstantAgainstTheReplay() {
        Scenario s = german(POST, AFTER_THE_OPT_OUT).withMember(GERMAN.withConsentEvent(OPT_OUT))
                .withKnownAt(Instant.parse("2025-11-10T00:00:04Z"));

        assertEquals(Optional.empty(), Invariants.OPT_OUT_DENIES.violation(Answer.of(s)));
        assertTrue(Answer.of(s).replayed().trainable());
    }

    // ---------------------------------------------------------------- closed accounts

    private static final AccountClosure CLOSURE = AccountClosure.between(Instant.parse("2025-11-20T00:00:00Z"),
            Instant.parse("2025-11-30T00:00:00Z"));

    @Test
    void shouldFindAnItemTrainableWhileTheAccountIsClosed() {
        Scenario s = german(POST, Instant.parse("2025-11-25T00:00:00Z"))
                .withMember(GERMAN.toBuilder().closure(CLOSURE).build());

        Optional<String> violation = Invariants.CLOSED_ACCOUNTS.violation(trainableAnswer(s));

        assertEquals(Optional.of("the account of member m-de is closed [2025-11-20T00:00:00Z, 2025-11-30T00:00:00Z) and"
                + " asOf is 2025-11-25T00:00:00Z, yet isTrainable is true; evaluate decided " + madeUpTrainable(s)
                + "; replay decided " + madeUpTrainable(s) + "; ACCOUNT_CLOSED is not among evaluate's failed checks []"),
                violation);
        assertEquals(Optional.empty(), Invariants.CLOSED_ACCOUNTS.violation(Answer.of(s)));
    }

    @Test
    void shouldFindAnAccountStillDeemedClosedAtItsReopening() {
        Scenario s = german(POST, Instant.parse("2025-11-30T00:00:00Z"))
                .withMember(GERMAN.toBuilder().closure(CLOSURE).build());
        Decision closed = madeUpDenial(s, Reason.ACCOUNT_CLOSED);

        Optional<String> violation = Invariants.CLOSED_ACCOUNTS.violation(new Answer(s, closed, closed, false));

        assertTrue(violation.orElseThrow().startsWith("no closure of the account of member m-de"
                + " [[2025-11-20T00:00:00Z, 2025-11-30T00:00:00Z)] is in effect at asOf 2025-11-30T00:00:00Z, yet"
                + " evaluate decided "), violation::get);
        assertEquals(Optional.empty(), Invariants.CLOSED_ACCOUNTS.violation(Answer.of(s)));
        assertTrue(Answer.of(s).fast());
    }

    @Test
    void shouldCheckTheInvariantsInTheDocumentedOrder() {
        assertEquals(List.of("never-allowed categories", "non-retroactivity", "an opt-out never widens", "an opt-in never narrows",
                "a resumption never narrows", "isTrainable agrees with evaluate", "event order independence",
                "replay as known at", "nothing before creation or from deletion", "nothing of minors",
                "an opt-out in effect denies", "nothing while the account is closed"),
                PolicyConformance.invariants());
    }
}
