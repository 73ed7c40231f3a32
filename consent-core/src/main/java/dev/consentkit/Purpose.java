package dev.consentkit;

import java.util.Objects;
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
 * training it gates. Instances are interned: {@code of("ai-training")} is {@link #AI_TRAINING}.
 *
 * <p>Interned keys live as long as the class; a platform has tens of purposes, so this costs little,
 * but keys taken from untrusted input should be checked against a known list first.
 */
public final class Purpose {

    private static final ConcurrentMap<String, Purpose> INTERNED = new ConcurrentHashMap<>();

    /** Training any AI or machine-learning model ({@code ai-training}). */
    public static final Purpose AI_TRAINING = of("ai-training");
    /**
     * Training generative, content-creating models ({@code ai-training.generative}), the purpose of
     * LinkedIn's "Use my data for training content creation AI models" setting.
     */
    public static final Purpose GENERATIVE_AI_TRAINING = of("ai-training.generative");

    private final String key;
    private final @Nullable Purpose parent;

    private Purpose(String key, @Nullable Purpose parent) {
        this.key = key;
        this.parent = parent;
    }

    /**
     * Returns the purpose with this key.
     *
     * @param key dot-separated lowercase segments, such as {@code ai-training.generative}
     * @throws NullPointerException if {@code key} is null
     * @throws IllegalArgumentException if {@code key} is malformed; the message shows the key
     */
    public static Purpose of(String key) {
        return KeyGrammar.intern(INTERNED, Objects.requireNonNull(key, "key"), "purpose", "ai-training.generative", Purpose::of,
                Purpose::new);
    }

    /** The dotted key, such as {@code ai-training.generative}. */
    public String key() {
        return key;
    }

    /** The purpose one level up, or {@code null} for a top-level purpose. */
    public @Nullable Purpose parent() {
        return parent;
    }

    /**
     * Whether a choice made for this purpose also counts for {@code narrower}: true when
     * {@code narrower} is this purpose or lies under it.
     */
    public boolean covers(Purpose narrower) {
        Objects.requireNonNull(narrower, "narrower");
        for (Purpose p = narrower; p != null; p = p.parent) {
            if (p == this) {
                return true;
            }
        }
        return false;
    }

    /** Equal when the keys are equal (instances are interned, so this is identity). */
    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof Purpose && ((Purpose) o).key.equals(key);
    }

    @Override
    public int hashCode() {
        return key.hashCode();
    }

    /** The key, such as {@code ai-training.generative}. */
    @Override
    public String toString() {
        return key;
    }
}
