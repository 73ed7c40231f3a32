package dev.consentkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;

/**
 * What data would be used for, as a hierarchical dotted lowercase key: {@code ai-training} with the
 * child {@code ai-training.generative} for content-creating models.
 *
 * <p>A member's choice made for a broader purpose covers the narrower ones: an opt-out of all
 * {@code ai-training} also opts out of {@code ai-training.generative}. A choice for a narrower
 * purpose does not cover a broader one, so a policy should govern the most specific purpose of the
 * training it gates.
 *
 * <p>Compare purposes with {@link #equals} or {@link #covers}, not {@code ==}. The built-ins and the
 * purpose of every policy ({@link TrainingPolicy#builder}) are interned: {@code of} returns one
 * shared instance for each ({@code of("ai-training")} is {@link #AI_TRAINING}), and purpose checks
 * between shared instances compare references. Those keys stay as long as the class; a platform has
 * tens of them. Any other key, such as the purpose of each of millions of consent events read from
 * input, is checked and returned as a new instance that nothing keeps; it is decided exactly as the
 * shared instance would be.
 */
public final class Purpose {

    // The built-ins, the purposes policies govern and their ancestors.
    private static final ConcurrentMap<String, Purpose> INTERNED = new ConcurrentHashMap<>();

    /** Training any AI or machine-learning model ({@code ai-training}). */
    public static final Purpose AI_TRAINING = builtIn("ai-training");
    /**
     * Training generative, content-creating models ({@code ai-training.generative}), the purpose of
     * a professional network's "use my data for training content creation AI models" setting.
     */
    public static final Purpose GENERATIVE_AI_TRAINING = builtIn("ai-training.generative");

    private final String key;
    private final int hash;
    private final @Nullable Purpose parent;

    private Purpose(String key, @Nullable Purpose parent) {
        this.key = key;
        this.hash = key.hashCode();
        this.parent = parent;
    }

    private static Purpose builtIn(String key) {
        return of(key).intern();
    }

    /**
     * Returns the purpose with this key: the shared instance for a built-in key or one a policy
     * governs, otherwise a new instance that nothing keeps.
     *
     * @param key dot-separated lowercase segments, such as {@code ai-training.generative}
     * @return the purpose with this key
     * @throws NullPointerException if {@code key} is null
     * @throws IllegalArgumentException if {@code key} is malformed; the message shows the key
     */
    public static Purpose of(String key) {
        return KeyGrammar.resolve(INTERNED, Objects.requireNonNull(key, "key"), "purpose", "ai-training.generative",
                Purpose::new);
    }

    /**
     * The shared instance for this purpose's key, interning this purpose and its ancestors if the key
     * has none yet. A policy calls it for the purpose it governs, so that consent events' purposes read
     * later resolve to the policy's own instance.
     */
    Purpose intern() {
        return KeyGrammar.intern(INTERNED, this, Purpose::key, value -> value.parent, Purpose::new);
    }

    /** Whether {@code key} has a shared instance: a built-in, a policy's purpose, or an ancestor of one. */
    static boolean isInterned(String key) {
        return INTERNED.containsKey(key);
    }

    /** Whether two purposes have the same key; a reference comparison for shared instances. */
    @SuppressWarnings("ReferenceEquality") // identity first: shared instances are the common case
    static boolean sameKey(Purpose a, Purpose b) {
        return a == b || (a.hash == b.hash && a.key.equals(b.key));
    }

    /** {@return the dotted key, such as {@code ai-training.generative}} */
    public String key() {
        return key;
    }

    /** {@return the purpose one level up ({@code ai-training} for {@code ai-training.generative}); empty for a top-level purpose} */
    public Optional<Purpose> parent() {
        return Optional.ofNullable(parent);
    }

    /**
     * {@return this purpose and every broader one, narrowest first: the purposes whose choices count for this
     * one}
     */
    public List<Purpose> coveringPurposes() {
        List<Purpose> covering = new ArrayList<>();
        for (Purpose p = this; p != null; p = p.parent) {
            covering.add(p);
        }
        return List.copyOf(covering);
    }

    /**
     * Whether a choice made for this purpose also counts for {@code narrower}: true when
     * {@code narrower} is this purpose or lies under it.
     *
     * @param narrower the purpose a policy governs
     * @return {@code true} when a choice for this purpose also counts for {@code narrower}
     */
    public boolean covers(Purpose narrower) {
        Objects.requireNonNull(narrower, "narrower");
        for (Purpose p = narrower; p != null; p = p.parent) {
            if (sameKey(p, this)) {
                return true;
            }
        }
        return false;
    }

    /** Equal when the keys are equal, whether or not either instance is shared. */
    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof Purpose other && sameKey(this, other);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    /** The key, such as {@code ai-training.generative}. */
    @Override
    public String toString() {
        return key;
    }
}
