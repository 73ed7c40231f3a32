package dev.consentkit.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Shows which closure of a member's range is in effect at an instant: half-open, and only within the range. */
class AccountClosuresTest {

    // Two members' closures side by side: [0, 2) is the first's, [2, 4) the second's.
    private static final long[] FROM = {10, 30, 100, 200};
    private static final long[] UNTIL = {20, KernelTime.NEVER, 150, 250};

    @Test
    void shouldFindNoClosureBeforeTheFirst() {
        assertEquals(-1, AccountClosures.indexAt(FROM, UNTIL, 0, 2, 9));
        assertEquals(KernelTime.NEVER, AccountClosures.closedAt(FROM, UNTIL, 0, 2, 9));
    }

    @Test
    void shouldFindAClosureFromItsStartUntilJustBeforeItsReopening() {
        assertEquals(10, AccountClosures.closedAt(FROM, UNTIL, 0, 2, 10));
        assertEquals(10, AccountClosures.closedAt(FROM, UNTIL, 0, 2, 19));
        assertEquals(KernelTime.NEVER, AccountClosures.closedAt(FROM, UNTIL, 0, 2, 20));
        assertEquals(KernelTime.NEVER, AccountClosures.closedAt(FROM, UNTIL, 0, 2, 29));
    }

    @Test
    void shouldKeepAClosureNotReopenedInEffectForGood() {
        assertEquals(1, AccountClosures.indexAt(FROM, UNTIL, 0, 2, 30));
        assertEquals(30, AccountClosures.closedAt(FROM, UNTIL, 0, 2, KernelTime.LATEST));
    }

    @Test
    void shouldLookOnlyAtTheMembersOwnRange() {
        assertEquals(1, AccountClosures.indexAt(FROM, UNTIL, 2, 4, 99));
        assertEquals(KernelTime.NEVER, AccountClosures.closedAt(FROM, UNTIL, 2, 4, 99));
        assertEquals(3, AccountClosures.indexAt(FROM, UNTIL, 2, 4, 249));
        assertEquals(KernelTime.NEVER, AccountClosures.closedAt(FROM, UNTIL, 2, 4, 250));
    }

    @Test
    void shouldFindNothingInAnEmptyRange() {
        assertEquals(KernelTime.NEVER, AccountClosures.closedAt(new long[0], new long[0], 0, 0, KernelTime.LATEST));
    }
}
