package dev.consentkit;

/** How a consent choice reached the platform; kept for audit, it does not change the decision. */
public enum ConsentChannel {
    /**
     * The member flipped a setting, such as a professional network's "use my data for training
     * content creation AI models" toggle.
     */
    SETTINGS_TOGGLE,
    /** The member filed an objection form (GDPR Art. 21), as in a social network's EU program. */
    OBJECTION_FORM,
    /** A Global Privacy Control browser signal ({@code Sec-GPC: 1}) the platform treats as a choice. */
    GPC_SIGNAL,
    /** Another service recorded the choice through an API. */
    API,
    /** The choice was imported in bulk, for example from a previous system. */
    IMPORT
}
