package dev.consentkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Shows how an account closed and reopened is decided on the object path ({@code isTrainable} and
 * {@code evaluate}): closed exactly during each closure, half-open, whenever the item was created, and
 * the same on every replay.
 */
class ReopenedAccountTest {

    private static final Instant V1_FROM = Instant.parse("2025-01-01T00:00:00Z");
    private static final Instant CREATED = Instant.parse("2025-02-01T00:00:00Z");
    private static final Instant CLOSED = Instant.parse("2025-03-01T00:00:00Z");
    private static final Instant REOPENED = Instant.parse("2025-04-01T00:00:00Z");
    private static final Instant CLOSED_AGAIN = Instant.parse("2025-09-01T00:00:00Z");

    private static final TrainingPolicy POLICY = TrainingPolicy.builder("p", Purpose.GENERATIVE_AI_TRAINING)
            .version(PolicyVersion.builder("v1", V1_FROM)
                    .defaultBasis(LegalBasis.LEGITIMATE_INTERESTS)
                    .allow(DataCategory.CONTENT)
                    .build())
            .build();

    private static final Member REOPENED_ONCE = adult().closure(AccountClosure.between(CLOSED, REOPENED)).build();
    private static final Member CLOSED_TWICE = adult().closure(AccountClosure.between(CLOSED, REOPENED))
            .closure(AccountClosure.from(CLOSED_AGAIN)).build();
    private static final ContentItem POST = ContentItem.of("post-1", "m-1", DataCategory.PUBLIC_CONTENT, CREATED);

    @Test
    void shouldDenyFromTheClosureItselfUntilJustBeforeTheReopening() {
        assertEquals(Reason.ALLOWED_BY_DEFAULT, decide(POST, REOPENED_ONCE, CLOSED.minusNanos(1)).reason());
        assertEquals(Reason.ACCOUNT_CLOSED, decide(POST, REOPENED_ONCE, CLOSED).reason());
        assertEquals(Reason.ACCOUNT_CLOSED, decide(POST, REOPENED_ONCE, REOPENED.minusNanos(1)).reason());
    }

    @Test
    void shouldAllowAgainFromTheReopeningItself() {
        assertEquals(Reason.ALLOWED_BY_DEFAULT, decide(POST, REOPENED_ONCE, REOPENED).reason());
        assertEquals(Reason.ALLOWED_BY_DEFAULT, decide(POST, REOPENED_ONCE, Instant.parse("2026-01-01T00:00:00Z"))
                .reason());
    }

    @Test
    void shouldDenyDuringEachClosureOfAnAccountClosedTwice() {
        assertEquals(Reason.ACCOUNT_CLOSED, decide(POST, CLOSED_TWICE, Instant.parse("2025-03-15T00:00:00Z")).reason());
        assertEquals(Reason.ALLOWED_BY_DEFAULT, decide(POST, CLOSED_TWICE, Instant.parse("2025-06-01T00:00:00Z"))
                .reason());
        assertEquals(Reason.ACCOUNT_CLOSED, decide(POST, CLOSED_TWICE, CLOSED_AGAIN).reason());
        assertEquals(Reason.ACCOUNT_CLOSED, decide(POST, CLOSED_TWICE, Instant.MAX).reason());
    }

    @Test
    void shouldNameTheClosureInEffectWithItsReopeningInTheEvidence() {
        Decision decision = decide(POST, REOPENED_ONCE, Instant.parse("2025-03-15T00:00:00Z"));

        assertEquals(Evidence.Kind.MEMBER_FACT, decision.evidence().kind());
        assertEquals(Optional.of(CLOSED), decision.evidence().at());
        assertEquals(Optional.of(AccountClosure.between(CLOSED, REOPENED)), decision.evidence().closure());
        assertEquals("post-1 of m-1 at 2025-03-15T00:00:00Z: not trainable (ACCOUNT_CLOSED) under p@v1; failed "
                + "[ACCOUNT_CLOSED]; evidence: account of member m-1 is closed until 2025-04-01T00:00:00Z at "
                + "2025-03-01T00:00:00Z", decision.toString());
    }

    @Test
    void shouldNameTheSecondClosureNotTheFirstWhenItIsTheOneInEffect() {
        Decision decision = decide(POST, CLOSED_TWICE, Instant.parse("2025-10-01T00:00:00Z"));

        assertEquals(Optional.of(AccountClosure.from(CLOSED_AGAIN)), decision.evidence().closure());
        assertEquals("account of member m-1 is closed", decision.evidence().description());
    }

    @Test
    void shouldReplayADecisionMadeDuringTheClosureTheSameAfterTheReopening() {
        // As recorded during the closure, when the reopening had not happened yet.
        Member whileClosed = adult().closedAt(CLOSED).build();
        Instant during = Instant.parse("2025-03-15T00:00:00Z");
        Decision recorded = POLICY.evaluate(POST, whileClosed, during);

        Decision replayed = POLICY.asKnownAt(Instant.parse("2025-12-01T00:00:00Z")).evaluate(POST, REOPENED_ONCE, during);

        assertTrue(recorded.sameOutcome(replayed), () -> recorded + " vs " + replayed);
        assertEquals(Optional.of(AccountClosure.from(CLOSED)), recorded.evidence().closure());
        assertEquals(Optional.of(AccountClosure.between(CLOSED, REOPENED)), replayed.evidence().closure());
    }

    @Test
    void shouldRebuildAStoredDecisionWithTheClosureItNamed() {
        Decision decision = decide(POST, REOPENED_ONCE, Instant.parse("2025-03-15T00:00:00Z"));

        Decision rebuilt = Decision.builder("post-1", "m-1", Instant.parse("2025-03-15T00:00:00Z"))
                .failedChecks(decision.failedChecks()).policy("p", "v1").evidence(decision.evidence()).build();

        assertEquals(decision, rebuilt);
        assertEquals(Optional.of(AccountClosure.between(CLOSED, REOPENED)), rebuilt.evidence().closure());
    }

    @Test
    void shouldDenyAnItemCreatedDuringTheClosureWhileItLasts() {
        ContentItem imported = ContentItem.of("post-2", "m-1", DataCategory.PUBLIC_CONTENT,
                Instant.parse("2025-03-10T00:00:00Z"));

        assertEquals(Reason.ACCOUNT_CLOSED, decide(imported, REOPENED_ONCE, Instant.parse("2025-03-20T00:00:00Z"))
                .reason());
    }

    @Test
    void shouldJudgeAnItemCreatedDuringTheClosureLikeAnyOtherOnceReopened() {
        ContentItem imported = ContentItem.of("post-2", "m-1", DataCategory.PUBLIC_CONTENT,
                Instant.parse("2025-03-10T00:00:00Z"));

        assertEquals(Reason.ALLOWED_BY_DEFAULT, decide(imported, REOPENED_ONCE, REOPENED).reason());
    }

    @Test
    void shouldKeepAnOptOutMadeBeforeTheClosureAfterTheReopening() {
        Member optedOut = REOPENED_ONCE.withConsentEvent(ConsentEvent.optOut("e-1", Purpose.AI_TRAINING,
                Instant.parse("2025-02-15T00:00:00Z"), Instant.parse("2025-02-15T00:00:00Z"),
                ConsentChannel.SETTINGS_TOGGLE));

        Decision decision = decide(POST, optedOut, REOPENED);

        assertEquals(Reason.OPTED_OUT, decision.reason());
        assertEquals(List.of(Reason.OPTED_OUT), decision.failedChecks());
    }

    @Test
    void shouldListTheClosureAmongOtherFailedChecks() {
        ContentItem deleted = POST.withDeletedAt(Instant.parse("2025-03-05T00:00:00Z"));

        Decision decision = decide(deleted, REOPENED_ONCE, Instant.parse("2025-03-20T00:00:00Z"));

        assertEquals(List.of(Reason.ITEM_DELETED, Reason.ACCOUNT_CLOSED), decision.failedChecks());
        assertFalse(decide(deleted, REOPENED_ONCE, REOPENED).failed(Reason.ACCOUNT_CLOSED));
    }

    private static Member.Builder adult() {
        return Member.builder("m-1").birthDate(LocalDate.of(1990, 6, 15)).residentIn(Jurisdiction.of("DE"));
    }

    /** Evaluates, and checks that the fast answer agrees with the explained one. */
    private static Decision decide(ContentItem item, Member member, Instant asOf) {
        Decision decision = POLICY.evaluate(item, member, asOf);
        assertEquals(decision.trainable(), POLICY.isTrainable(item, member, asOf),
                () -> "isTrainable disagrees with " + decision);
        return decision;
    }
}
