package dev.consentkit;

/**
 * Where an item-level do-not-train reservation comes from. Copyright reservations and
 * data-protection choices are separate layers: both must allow. Across signals the most
 * restrictive wins, so any reservation in effect denies.
 */
public enum ReservationSource {
    /** IPTC {@code plus:DataMining} with a prohibiting value such as {@code DMI-PROHIBITED-AIMLTRAINING}. */
    IPTC_DATA_MINING,
    /**
     * A C2PA or CAWG {@code training-mining} assertion whose {@code ai_training} or
     * {@code ai_generative_training} entry is {@code notAllowed} or {@code constrained}.
     */
    C2PA_TRAINING_MINING,
    /** A W3C TDMRep {@code tdm-reservation: 1}. */
    TDM_REP,
    /** An IETF AI Preferences {@code Content-Usage: train-ai=n}. */
    AI_PREFERENCES,
    /** A do-not-train flag the member or the platform set on the item itself. */
    ITEM_FLAG
}
