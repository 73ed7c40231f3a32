package dev.consentkit;

/** What a policy version does with a member whose birth date is unknown. */
public enum UnknownAge {
    /** Not trainable ({@link Reason#AGE_UNKNOWN}): the safe default, since the member may be a minor. */
    DENY,
    /** Trainable as far as age goes: the platform has verified adulthood some other way. */
    TREAT_AS_ADULT
}
