package dev.consentkit.internal;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The one access a public class of this module registers when it is initialised, so that the other
 * packages of the module can read what the class keeps for the kernel without it being API (see
 * {@link ItemFacts} and {@link MemberFacts}).
 *
 * @param <A> the access
 */
final class Registration<A> {

    private final Class<?> owner;
    private volatile @Nullable A access;

    /** A registration that {@code owner} fills when it is initialised. */
    Registration(Class<?> owner) {
        this.owner = owner;
    }

    /** Registers the access; a second registration is refused. */
    synchronized void register(A implementation) {
        if (access != null) {
            throw new IllegalStateException("the access of " + owner.getSimpleName() + " is registered already");
        }
        access = Objects.requireNonNull(implementation, "implementation");
    }

    /**
     * The access. This initialises the owner first, since it registers then: a caller may need the
     * access before any instance of the owner exists. It holds no lock while it does, so that a thread
     * initialising the owner at the same time can register.
     */
    A access() {
        try {
            Class.forName(owner.getName(), true, owner.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
        A registered = access;
        if (registered == null) {
            throw new AssertionError(owner.getSimpleName() + " did not register its access");
        }
        return registered;
    }
}
