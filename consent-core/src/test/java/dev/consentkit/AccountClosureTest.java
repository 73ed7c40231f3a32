package dev.consentkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.testing.EqualsTester;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Shows what one closure of an account means: closed from its start, open again from its reopening. */
class AccountClosureTest {

    private static final Instant CLOSED = Instant.parse("2025-01-10T00:00:00Z");
    private static final Instant REOPENED = Instant.parse("2025-01-20T00:00:00Z");

    @Test
    void shouldBeInEffectFromItsStartUntilJustBeforeItsReopening() {
        AccountClosure closure = AccountClosure.between(CLOSED, REOPENED);

        assertFalse(closure.isInEffectAt(CLOSED.minusNanos(1)));
        assertTrue(closure.isInEffectAt(CLOSED));
        assertTrue(closure.isInEffectAt(REOPENED.minusNanos(1)));
        assertFalse(closure.isInEffectAt(REOPENED));
    }

    @Test
    void shouldAnswerAsTheEngineDecidesAtEveryEdgeAndOutsideTheStoredSpan() {
        AccountClosure closure = AccountClosure.between(CLOSED, REOPENED);
        Member member = Member.builder("m-1").residentIn(Jurisdiction.of("US")).closure(closure).build();
        ContentItem post = ContentItem.of("p-1", "m-1", DataCategory.PUBLIC_CONTENT, CLOSED.minusSeconds(86_400));
        TrainingPolicy policy = TrainingPolicy.builder("p", Purpose.GENERATIVE_AI_TRAINING)
                .version(PolicyVersion.builder("v", StoredSpan.FIRST).allow(DataCategory.PUBLIC_CONTENT)
                        .defaultBasis(LegalBasis.LEGITIMATE_INTERESTS).build())
                .build();

        for (Instant asOf : new Instant[] {Instant.MIN, CLOSED.minusNanos(1), CLOSED, REOPENED.minusNanos(1), REOPENED,
                Instant.MAX}) {
            boolean closed = policy.evaluate(post, member, asOf).failedChecks().contains(Reason.ACCOUNT_CLOSED);
            assertEquals(closed, closure.isInEffectAt(asOf), asOf::toString);
            assertEquals(closed, member.closureAt(asOf).isPresent(), asOf::toString);
        }
        assertFalse(closure.isInEffectAt(Instant.MIN));
        assertTrue(AccountClosure.from(CLOSED).isInEffectAt(Instant.MAX));
        assertFalse(closure.isInEffectAt(Instant.MAX));
    }

    @Test
    void shouldStayInEffectForGoodWhenNotReopened() {
        AccountClosure closure = AccountClosure.from(CLOSED);

        assertTrue(closure.isOpenEnded());
        assertEquals(Optional.empty(), closure.reopenedAt());
        assertTrue(closure.isInEffectAt(Instant.MAX));
    }

    @Test
    void shouldRefuseAReopeningAtOrBeforeTheClosure() {
        IllegalArgumentException same = assertThrows(IllegalArgumentException.class,
                () -> AccountClosure.between(CLOSED, CLOSED));
        assertThrows(IllegalArgumentException.class, () -> AccountClosure.between(REOPENED, CLOSED));

        assertEquals("account closure [2025-01-10T00:00:00Z, 2025-01-10T00:00:00Z) is reopened before it is closed; "
                + "reopenedAt must be after closedAt", same.getMessage());
    }

    @Test
    void shouldRefuseAReopeningOutsideTheStoredSpan() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AccountClosure.between(CLOSED, Instant.parse("2300-01-01T00:00:00Z")));

        assertTrue(e.getMessage().startsWith("account reopening 2300-01-01T00:00:00Z is outside the span"), e.getMessage());
    }

    @Test
    void shouldPrintAsAHalfOpenInterval() {
        assertEquals("[2025-01-10T00:00:00Z, 2025-01-20T00:00:00Z)", AccountClosure.between(CLOSED, REOPENED).toString());
        assertEquals("[2025-01-10T00:00:00Z, ...)", AccountClosure.from(CLOSED).toString());
    }

    @Test
    void shouldBeEqualWhenBothEndsAreEqual() {
        new EqualsTester()
                .addEqualityGroup(AccountClosure.between(CLOSED, REOPENED), new AccountClosure(CLOSED, REOPENED))
                .addEqualityGroup(AccountClosure.from(CLOSED), new AccountClosure(CLOSED, null))
                .addEqualityGroup(AccountClosure.from(REOPENED))
                .testEquals();
    }
}
