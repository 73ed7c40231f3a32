package dev.consentkit.internal;

import org.jspecify.annotations.Nullable;

/**
 * The answers a compiled version gave for keys it met: the category checks for an item's category,
 * the legal basis for a member's jurisdiction. A platform has tens of categories and places, met
 * millions of times, and an answer read back costs one slot and one comparison where working it out
 * again walks the version's rules.
 *
 * <p>A fixed table of {@value #SLOTS} slots. A slot belongs to the first key that lands in it and
 * never changes; a key whose slot another key holds is worked out on every call. So the memo never
 * grows, however many distinct keys input brings; once warm it allocates nothing; and it needs no
 * lock: each entry is immutable with final fields, so a thread that sees it sees it whole, and two
 * threads that fill the same empty slot at once each store an answer that is right for its key.
 *
 * @param <K> the key, compared by {@code equals} after a reference check
 */
final class AnswerMemo<K> {

    /** What {@link #get} returns for a key it has no answer for; never an answer itself. */
    static final int ABSENT = Integer.MIN_VALUE;

    private static final int SLOTS = 64;

    private final @Nullable Entry<?>[] entries = new Entry<?>[SLOTS];

    /**
     * The answer remembered for {@code key}, or {@link #ABSENT}.
     *
     * @param key a key
     * @return the answer, or {@link #ABSENT}
     */
    int get(K key) {
        Entry<?> entry = entries[slot(key)];
        return entry != null && (entry.key == key || entry.key.equals(key)) ? entry.answer : ABSENT;
    }

    /**
     * Remembers {@code answer} for {@code key} if the key's slot is free; otherwise does nothing.
     *
     * @param key a key
     * @param answer its answer, not {@link #ABSENT}
     * @throws IllegalArgumentException if {@code answer} is {@link #ABSENT}
     */
    void remember(K key, int answer) {
        if (answer == ABSENT) {
            throw new IllegalArgumentException("ABSENT is not an answer");
        }
        int slot = slot(key);
        if (entries[slot] == null) {
            entries[slot] = new Entry<>(key, answer);
        }
    }

    private static int slot(Object key) {
        int hash = key.hashCode();
        return (hash ^ hash >>> 16) & (SLOTS - 1);
    }

    private static final class Entry<K> {

        final K key;
        final int answer;

        Entry(K key, int answer) {
            this.key = key;
            this.answer = answer;
        }
    }
}
