package dev.consentkit.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The memo keeps the first answer per slot, finds it for an equal key, and never holds more than its slots. */
class AnswerMemoTest {

    /** A key whose hash the test chooses, so that two keys can share a slot. */
    private record Key(String name, int hash) {
        @Override
        public int hashCode() {
            return hash;
        }
    }

    @Test
    void shouldAnswerOnlyWhatItWasToldForAnEqualKey() {
        AnswerMemo<Key> memo = new AnswerMemo<>();
        assertEquals(AnswerMemo.ABSENT, memo.get(new Key("a", 1)));

        memo.remember(new Key("a", 1), 7);

        assertEquals(7, memo.get(new Key("a", 1)), "an equal key, another instance");
        assertEquals(AnswerMemo.ABSENT, memo.get(new Key("b", 2)));
    }

    @Test
    void shouldKeepTheFirstKeyOfASlotAndNotAnswerForAnotherKeyThere() {
        AnswerMemo<Key> memo = new AnswerMemo<>();
        Key first = new Key("first", 5);
        Key second = new Key("second", 5);

        memo.remember(first, 1);
        memo.remember(second, 2);
        memo.remember(first, 3);

        assertEquals(1, memo.get(first));
        assertEquals(AnswerMemo.ABSENT, memo.get(second), "the slot is taken: the caller works the answer out");
    }

    @Test
    void shouldHoldNoMoreAnswersThanItHasSlots() {
        AnswerMemo<Key> memo = new AnswerMemo<>();
        for (int i = 0; i < 10_000; i++) {
            memo.remember(new Key("k" + i, i * 31), i);
        }
        int answered = 0;
        for (int i = 0; i < 10_000; i++) {
            Key key = new Key("k" + i, i * 31);
            int answer = memo.get(key);
            if (answer != AnswerMemo.ABSENT) {
                assertEquals(i, answer, key.name());
                answered++;
            }
        }
        assertEquals(64, answered);
    }

    @Test
    void shouldRefuseTheMarkerOfNoAnswerAsAnAnswer() {
        AnswerMemo<Key> memo = new AnswerMemo<>();
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> memo.remember(new Key("a", 1), AnswerMemo.ABSENT));
        assertEquals("ABSENT is not an answer", e.getMessage());
    }
}
