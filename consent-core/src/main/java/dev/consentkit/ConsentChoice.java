package dev.consentkit;

/**
 * What a member chose. Under consent, {@code OPT_IN} grants and {@code OPT_OUT} withdraws; under
 * legitimate interests, {@code OPT_OUT} objects and {@code OPT_IN} lifts the objection. Two choices
 * effective at the same instant resolve to {@code OPT_OUT}, the more restrictive.
 */
public enum ConsentChoice {
    /** The member allows use of their data for the purpose (grants consent or lifts an objection). */
    OPT_IN,
    /** The member refuses use of their data for the purpose (withdraws consent or objects). */
    OPT_OUT
}
