package dev.consentkit.internal;

import dev.consentkit.ContentItem;

/**
 * An item's instants in kernel nanoseconds, for the packages of this module that decide on
 * {@link ContentItem}s without being in its package (the batch evaluator). {@code ContentItem}
 * computes them once when it is built and registers the one {@link Access} when its class is
 * initialised; reading them allocates nothing.
 */
public final class ItemFacts {

    /** Reads the kernel facts a content item keeps. */
    public interface Access {

        /**
         * The creation, in nanoseconds.
         *
         * @param item an item
         * @return its creation
         */
        long createdAt(ContentItem item);

        /**
         * The deletion, in nanoseconds, or {@link KernelTime#NEVER}.
         *
         * @param item an item
         * @return its deletion
         */
        long deletedAt(ContentItem item);

        /**
         * The start of the earliest reservation, in nanoseconds, or {@link KernelTime#NEVER}.
         *
         * @param item an item
         * @return its earliest reservation
         */
        long reservedFrom(ContentItem item);

        /**
         * The last resumption, in nanoseconds, or {@link KernelTime#NEVER} when never resumed.
         *
         * @param item an item
         * @return its last resumption
         */
        long resumedAt(ContentItem item);
    }

    private static final Registration<Access> REGISTRATION = new Registration<>(ContentItem.class);

    private ItemFacts() {}

    /**
     * Registers the access; {@link ContentItem} calls it once.
     *
     * @param implementation the access
     * @throws IllegalStateException if an access is registered already
     */
    public static void register(Access implementation) {
        REGISTRATION.register(implementation);
    }

    /**
     * The access. {@link ContentItem} registers it when it is initialised, so this initialises
     * {@link ContentItem} first: a caller may need the access before any item exists (a batch
     * evaluator built before the first item).
     *
     * @return the access
     */
    public static Access access() {
        return REGISTRATION.access();
    }
}
