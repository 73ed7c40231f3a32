package dev.consentkit.internal;

import dev.consentkit.Member;

/**
 * A member's consent events as the consent lookup lays them out, for the packages of this module
 * that copy members without being in their package (the member store). {@link Member} makes the
 * layout once when it is built and registers the one {@link Access} when its class is initialised, so
 * that a store adding a member reuses it instead of laying the events out again.
 */
public final class MemberFacts {

    /** Reads what a member keeps for the kernel. */
    public interface Access {

        /**
         * The member's consent events laid out for the consent lookup, as
         * {@link ConsentLookup.Index#of} makes them from the events in effect order.
         *
         * @param member a member
         * @return the layout the member keeps
         */
        ConsentLookup.Index consentIndex(Member member);
    }

    private static final Registration<Access> REGISTRATION = new Registration<>(Member.class);

    private MemberFacts() {}

    /**
     * Registers the access; {@link Member} calls it once.
     *
     * @param implementation the access
     * @throws IllegalStateException if an access is registered already
     */
    public static void register(Access implementation) {
        REGISTRATION.register(implementation);
    }

    /**
     * The access. {@link Member} registers it when it is initialised, so this initialises
     * {@link Member} first.
     *
     * @return the access
     */
    public static Access access() {
        return REGISTRATION.access();
    }
}
