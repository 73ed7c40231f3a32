package dev.consentkit;

import java.util.concurrent.ConcurrentMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The grammar shared by {@link DataCategory} and {@link Purpose} keys: dot-separated segments, each
 * a lowercase letter followed by lowercase letters, digits and single inner hyphens or underscores
 * ({@code content.public}, {@code ai-training.generative}).
 */
final class KeyGrammar {

    static final int MAX_LENGTH = 200;

    private KeyGrammar() {}

    /**
     * Returns {@code key} if it is well formed.
     *
     * @param kind what the key names, for the message ("data category", "purpose")
     * @param example a valid key of that kind, for the message
     * @throws IllegalArgumentException saying what is wrong with {@code key}
     */
    static String check(String kind, String key, String example) {
        String problem = problem(key);
        if (problem != null) {
            throw new IllegalArgumentException(kind + " key '" + key + "' is malformed: " + problem
                    + "; expected dot-separated lowercase segments such as '" + example + "'");
        }
        return key;
    }

    /**
     * The interned value for {@code key}, created with its ancestors on first use; every caller gets
     * the same instance, so hierarchy checks on the decision path compare references.
     *
     * @param of returns the interned value of an ancestor key
     * @param create makes a value from a checked key and its parent
     * @throws IllegalArgumentException if {@code key} is malformed
     */
    static <T> T intern(ConcurrentMap<String, T> interned, String key, String kind, String example,
            Function<String, T> of, BiFunction<String, @Nullable T, T> create) {
        T known = interned.get(key);
        if (known != null) {
            return known;
        }
        check(kind, key, example);
        String parentKey = parentOf(key);
        T created = create.apply(key, parentKey == null ? null : of.apply(parentKey));
        T raced = interned.putIfAbsent(key, created);
        return raced == null ? created : raced;
    }

    /** The key one level up ({@code content} for {@code content.public}), or {@code null} at the top. */
    static @Nullable String parentOf(String key) {
        int dot = key.lastIndexOf('.');
        return dot < 0 ? null : key.substring(0, dot);
    }

    private static @Nullable String problem(String key) {
        if (key.isEmpty()) {
            return "it is empty";
        }
        if (key.length() > MAX_LENGTH) {
            return "it is longer than " + MAX_LENGTH + " characters";
        }
        int segment = 1;
        int segmentStart = 0;
        for (int i = 0; i <= key.length(); i++) {
            char c = i < key.length() ? key.charAt(i) : '.';
            boolean first = i == segmentStart;
            if (c == '.') {
                if (first) {
                    return "segment " + segment + " is empty";
                }
                char last = key.charAt(i - 1);
                if (last == '-' || last == '_') {
                    return "segment " + segment + " ends with '" + last + "'";
                }
                segment++;
                segmentStart = i + 1;
            } else if (c >= 'a' && c <= 'z') {
                continue;
            } else if (first) {
                return "segment " + segment + " starts with '" + c + "', not a lowercase letter";
            } else if (c >= '0' && c <= '9') {
                continue;
            } else if (c == '-' || c == '_') {
                char previous = key.charAt(i - 1);
                if (previous == '-' || previous == '_') {
                    return "segment " + segment + " has two separators in a row at index " + i;
                }
            } else {
                return "character '" + c + "' at index " + i + " is not allowed";
            }
        }
        return null;
    }
}
