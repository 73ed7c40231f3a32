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

    private static volatile @Nullable Access access;

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
     * The access. {@link ContentItem} registers it when it is initialised, so this initialises
     * {@link ContentItem} first: a caller may need the access before any item exists (a batch
     * evaluator built before the first item). It holds no lock while it does, so that a thread
     * initialising {@link ContentItem} at the same time can register.
     *
     * @return the access
     */
    public static Access access() {
        try {
            Class.forName(ContentItem.class.getName(), true, ContentItem.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
        Access registered = access;
        if (registered == null) {
            throw new AssertionError("ContentItem did not register its access");
        }
        return registered;
    }
}
