package dev.consentkit;

import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;

/**
 * What kind of data a content item is, as a hierarchical dotted lowercase key: a rule on
 * {@code content} covers {@code content.public} and {@code content.group}.
 *
 * <p>The built-in categories are constants; platforms add their own keys with {@link #of(String)}
 * without changing the library. Instances are interned: {@code of("content.public")} always returns
 * the same instance as {@link #PUBLIC_CONTENT}, which keeps category checks on the decision path
 * free of string work.
 *
 * <p>Interned keys live as long as the class; a platform has tens of categories, so this costs little,
 * but keys taken from untrusted input should be checked against a known list first.
 */
public final class DataCategory {

    private static final ConcurrentMap<String, DataCategory> INTERNED = new ConcurrentHashMap<>();

    /** Profile details: name, headline, experience, skills ({@code profile}). */
    public static final DataCategory PROFILE_DETAILS = of("profile");
    /** Everything a member authored for others to read ({@code content}); parent of the content categories. */
    public static final DataCategory CONTENT = of("content");
    /** Public posts, articles, comments and polls ({@code content.public}). */
    public static final DataCategory PUBLIC_CONTENT = of("content.public");
    /** Group posts and group messages ({@code content.group}). */
    public static final DataCategory GROUP_CONTENT = of("content.group");
    /** Private messages between members ({@code messages.private}); never used by any real program. */
    public static final DataCategory PRIVATE_MESSAGES = of("messages.private");
    /** Prompts to and chats with AI features ({@code ai.interactions}). */
    public static final DataCategory AI_INTERACTIONS = of("ai.interactions");
    /** Saved resumes and screening answers ({@code jobs.saved}). */
    public static final DataCategory SAVED_JOB_DATA = of("jobs.saved");
    /** Data tied to a specific job application ({@code jobs.application}). */
    public static final DataCategory JOB_APPLICATIONS = of("jobs.application");
    /** Login credentials ({@code account.credentials}). */
    public static final DataCategory CREDENTIALS = of("account.credentials");
    /** Payment data ({@code account.payment}). */
    public static final DataCategory PAYMENT = of("account.payment");
    /** Salary data ({@code account.salary}). */
    public static final DataCategory SALARY = of("account.salary");

    private final String key;
    private final @Nullable DataCategory parent;

    private DataCategory(String key, @Nullable DataCategory parent) {
        this.key = key;
        this.parent = parent;
    }

    /**
     * Returns the category with this key.
     *
     * @param key dot-separated lowercase segments, such as {@code content.public} or
     *     {@code content.video-transcripts}
     * @throws NullPointerException if {@code key} is null
     * @throws IllegalArgumentException if {@code key} is malformed; the message shows the key
     */
    public static DataCategory of(String key) {
        return KeyGrammar.intern(INTERNED, Objects.requireNonNull(key, "key"), "data category", "content.public", DataCategory::of,
                DataCategory::new);
    }

    /** The dotted key, such as {@code content.public}. */
    public String key() {
        return key;
    }

    /**
     * The category one level up ({@code content} for {@code content.public}), or {@code null} for a
     * top-level category.
     */
    public @Nullable DataCategory parent() {
        return parent;
    }

    /**
     * Whether this category is {@code other} or lies under it, so that a rule on {@code other}
     * applies to it: {@code content.public} is within {@code content}, and within itself.
     */
    public boolean isWithin(DataCategory other) {
        Objects.requireNonNull(other, "other");
        for (DataCategory c = this; c != null; c = c.parent) {
            if (c == other) {
                return true;
            }
        }
        return false;
    }

    /** Equal when the keys are equal (instances are interned, so this is identity). */
    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof DataCategory && ((DataCategory) o).key.equals(key);
    }

    @Override
    public int hashCode() {
        return key.hashCode();
    }

    /** The key, such as {@code content.public}. */
    @Override
    public String toString() {
        return key;
    }
}
