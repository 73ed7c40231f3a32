package dev.consentkit.internal;

import dev.consentkit.ContentItem;
import org.jspecify.annotations.Nullable;

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

    private static @Nullable Access access;

    private ItemFacts() {}

    /**
     * Registers the access; {@link ContentItem} calls it once.
     *
     * @param implementation the access
     */
    public static synchronized void register(Access implementation) {
        if (access != null) {
            throw new IllegalStateException("the content item access is registered already");
        }
        access = implementation;
    }

    /**
     * The access, initialising {@link ContentItem} first if need be.
     *
     * @return the access
     */
    public static synchronized Access access() {
        Access registered = access;
        if (registered == null) {
            try {
                Class.forName(ContentItem.class.getName(), true, ContentItem.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new AssertionError(e);
            }
            registered = access;
            if (registered == null) {
                throw new AssertionError("ContentItem did not register its access");
            }
        }
        return registered;
    }
}
