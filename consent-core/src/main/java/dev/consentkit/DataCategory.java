package dev.consentkit;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;

/**
 * What kind of data a content item is, as a hierarchical dotted lowercase key: a rule on
 * {@code content} covers {@code content.public} and {@code content.group}.
 *
 * <p>The built-in categories are constants; platforms add their own keys with {@link #of(String)}
 * without changing the library.
 *
 * <p>Compare categories with {@link #equals} or {@link #isWithin}, not {@code ==}. The built-ins and
 * every category a policy version names ({@link PolicyVersion.Builder#allow},
 * {@link PolicyVersion.Builder#neverAllow}) are interned: {@code of} returns one shared instance for
 * each, and category checks between shared instances compare references. Those keys stay as long as
 * the class; a platform has tens of them. Any other key, such as a category read with each of
 * millions of items, is checked and returned as a new instance that nothing keeps, so reading input
 * never grows the library's memory; it is decided exactly as the shared instance would be.
 */
public final class DataCategory {

    // The built-ins, the categories policies name and their ancestors.
    private static final ConcurrentMap<String, DataCategory> INTERNED = new ConcurrentHashMap<>();

    /** Profile details: name, headline, experience, skills ({@code profile}). */
    public static final DataCategory PROFILE_DETAILS = builtIn("profile");
    /** Everything a member authored for others to read ({@code content}); parent of the content categories. */
    public static final DataCategory CONTENT = builtIn("content");
    /** Public posts, articles, comments and polls ({@code content.public}). */
    public static final DataCategory PUBLIC_CONTENT = builtIn("content.public");
    /** Group posts and group messages ({@code content.group}). */
    public static final DataCategory GROUP_CONTENT = builtIn("content.group");
    /** Private messages between members ({@code messages.private}); never used by any real program. */
    public static final DataCategory PRIVATE_MESSAGES = builtIn("messages.private");
    /** Prompts to and chats with AI features ({@code ai.interactions}). */
    public static final DataCategory AI_INTERACTIONS = builtIn("ai.interactions");
    /** Saved resumes and screening answers ({@code jobs.saved}). */
    public static final DataCategory SAVED_JOB_DATA = builtIn("jobs.saved");
    /** Data tied to a specific job application ({@code jobs.application}). */
    public static final DataCategory JOB_APPLICATIONS = builtIn("jobs.application");
    /** Login credentials ({@code account.credentials}). */
    public static final DataCategory CREDENTIALS = builtIn("account.credentials");
    /** Payment data ({@code account.payment}). */
    public static final DataCategory PAYMENT = builtIn("account.payment");
    /** Salary data ({@code account.salary}). */
    public static final DataCategory SALARY = builtIn("account.salary");

    private final String key;
    private final int hash;
    private final @Nullable DataCategory parent;

    private DataCategory(String key, @Nullable DataCategory parent) {
        this.key = key;
        this.hash = key.hashCode();
        this.parent = parent;
    }

    private static DataCategory builtIn(String key) {
        return of(key).intern();
    }

    /**
     * Returns the category with this key: the shared instance for a built-in key or one a policy
     * names, otherwise a new instance that nothing keeps.
     *
     * @param key dot-separated lowercase segments, such as {@code content.public} or
     *     {@code content.video-transcripts}
     * @return the category with this key
     * @throws NullPointerException if {@code key} is null
     * @throws IllegalArgumentException if {@code key} is malformed; the message shows the key
     */
    public static DataCategory of(String key) {
        return KeyGrammar.resolve(INTERNED, Objects.requireNonNull(key, "key"), "data category", "content.public",
                DataCategory::new);
    }

    /**
     * The shared instance for this category's key, interning this category and its ancestors if the
     * key has none yet. A policy version calls it for the categories it names, so that items' categories
     * read later resolve to the version's own instances.
     */
    DataCategory intern() {
        return KeyGrammar.intern(INTERNED, this, DataCategory::key, value -> value.parent, DataCategory::new);
    }

    /** Whether {@code key} has a shared instance: a built-in, a key a policy names, or an ancestor of one. */
    static boolean isInterned(String key) {
        return INTERNED.containsKey(key);
    }

    /** Whether two categories have the same key; a reference comparison for shared instances. */
    @SuppressWarnings("ReferenceEquality") // identity first: shared instances are the common case
    static boolean sameKey(DataCategory a, DataCategory b) {
        return a == b || (a.hash == b.hash && a.key.equals(b.key));
    }

    /** {@return the dotted key, such as {@code content.public}} */
    public String key() {
        return key;
    }

    /** {@return the category one level up ({@code content} for {@code content.public}); empty for a top-level category} */
    public Optional<DataCategory> parent() {
        return Optional.ofNullable(parent);
    }

    /**
     * Whether this category is {@code other} or lies under it, so that a rule on {@code other}
     * applies to it: {@code content.public} is within {@code content}, and within itself.
     *
     * @param other the category a rule names
     * @return {@code true} when this category is {@code other} or lies under it
     */
    public boolean isWithin(DataCategory other) {
        Objects.requireNonNull(other, "other");
        for (DataCategory c = this; c != null; c = c.parent) {
            if (sameKey(c, other)) {
                return true;
            }
        }
        return false;
    }

    /** Equal when the keys are equal, whether or not either instance is shared. */
    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof DataCategory other && sameKey(this, other);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    /** The key, such as {@code content.public}. */
    @Override
    public String toString() {
        return key;
    }
}
