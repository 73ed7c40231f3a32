package dev.consentkit;

import java.util.Map;
import java.util.concurrent.ConcurrentMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The grammar shared by {@link DataCategory} and {@link Purpose} keys: dot-separated segments, each
 * a lowercase letter followed by lowercase letters, digits and single inner hyphens or underscores
 * ({@code content.public}, {@code ai-training.generative}); and how values are made from keys:
 * interned for the keys policies name, new and unkept for the others.
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
     * The value for {@code key}: the interned one if there is one, otherwise a new value that is not
     * kept, whose ancestors resolve the same way (the interned ones where they exist). Keys read from
     * input thus cost no memory once the values made from them are gone.
     *
     * @param create makes a value from a checked key and its parent
     * @throws IllegalArgumentException if {@code key} is malformed
     */
    static <T> T resolve(Map<String, T> interned, String key, String kind, String example,
            BiFunction<String, @Nullable T, T> create) {
        T known = interned.get(key);
        if (known != null) {
            return known;
        }
        check(kind, key, example);
        return resolveChecked(interned, key, create);
    }

    // Every dot-prefix of a well-formed key is well formed, so ancestors need no second check.
    private static <T> T resolveChecked(Map<String, T> interned, String key,
            BiFunction<String, @Nullable T, T> create) {
        T known = interned.get(key);
        if (known != null) {
            return known;
        }
        String parentKey = parentOf(key);
        return create.apply(key, parentKey == null ? null : resolveChecked(interned, parentKey, create));
    }

    /**
     * The interned value equal to {@code value}, interning it and its ancestors first if needed, so
     * that every interned value's ancestors are interned values too and hierarchy checks between them
     * compare references. {@code value} itself becomes the interned one when its parent already is.
     *
     * @param keyOf a value's key
     * @param parentOf a value's parent, or {@code null} at the top
     * @param create makes a value from a key and its (interned) parent
     */
    static <T> T intern(ConcurrentMap<String, T> interned, T value, Function<T, String> keyOf,
            Function<T, @Nullable T> parentOf, BiFunction<String, @Nullable T, T> create) {
        String key = keyOf.apply(value);
        T known = interned.get(key);
        if (known != null) {
            return known;
        }
        T parent = parentOf.apply(value);
        T internedParent = parent == null ? null : intern(interned, parent, keyOf, parentOf, create);
        // A reference comparison on purpose: is the value's parent the interned instance itself?
        T candidate = internedParent == parent ? value : create.apply(key, internedParent);
        T raced = interned.putIfAbsent(key, candidate);
        return raced == null ? candidate : raced;
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
                // a lowercase letter is allowed anywhere in a segment
            } else if (first) {
                return "segment " + segment + " starts with '" + c + "', not a lowercase letter";
            } else if (c >= '0' && c <= '9') {
                // a digit is allowed after a segment's first character
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
