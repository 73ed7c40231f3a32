package dev.consentkit;

import dev.consentkit.internal.AccountClosures;
import dev.consentkit.internal.KernelTime;
import dev.consentkit.internal.RuleKernel;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One closure of a member's account: closed from {@code closedAt} until it is reopened at
 * {@code reopenedAt}, the half-open interval {@code [closedAt, reopenedAt)}, or for good when it is
 * not (yet) reopened. While a closure is in effect nothing of the member's is trainable
 * ({@link Reason#ACCOUNT_CLOSED}), whenever the item was created; from {@code reopenedAt} on the
 * account is open again and the other checks decide.
 *
 * <p>A member keeps every closure ({@link Member#closures()}), so that a decision for an instant
 * during an earlier closure replays the same after the account was reopened. An immutable value: two
 * closures are equal when they start and end at the same instants.
 */
public final class AccountClosure {

    private final Instant closedAt;
    private final @Nullable Instant reopenedAt;

    /**
     * A closure from {@code closedAt} until {@code reopenedAt}; {@link #from} and {@link #between} say
     * which kind by name.
     *
     * @param closedAt the instant the account was closed, inclusive
     * @param reopenedAt the instant the account was reopened, exclusive, or {@code null} while it
     *     stays closed
     * @throws NullPointerException if {@code closedAt} is null
     * @throws IllegalArgumentException if {@code reopenedAt} is not after {@code closedAt}, or an instant
     *     lies outside the span ConsentKit stores (1677-09-21T00:12:44Z to 2262-04-11T23:47:15.999999999Z);
     *     the message shows the interval
     */
    public AccountClosure(Instant closedAt, @Nullable Instant reopenedAt) {
        Objects.requireNonNull(closedAt, "closedAt");
        KernelTime.checkStored(closedAt, "account closure");
        if (reopenedAt != null) {
            KernelTime.checkStored(reopenedAt, "account reopening");
            if (!reopenedAt.isAfter(closedAt)) {
                throw new IllegalArgumentException("account closure " + interval(closedAt, reopenedAt)
                        + " is reopened before it is closed; reopenedAt must be after closedAt");
            }
        }
        this.closedAt = closedAt;
        this.reopenedAt = reopenedAt;
    }

    /**
     * A closure from {@code closedAt} that is not reopened: the account stays closed.
     *
     * @param closedAt the instant the account was closed, inclusive
     * @return a closure that stays in effect from {@code closedAt} on
     * @throws NullPointerException if {@code closedAt} is null
     * @throws IllegalArgumentException if it lies outside the span ConsentKit stores
     */
    public static AccountClosure from(Instant closedAt) {
        return new AccountClosure(closedAt, null);
    }

    /**
     * A closure from {@code closedAt} until the account was reopened at {@code reopenedAt}.
     *
     * @param closedAt the instant the account was closed, inclusive
     * @param reopenedAt the instant it was reopened, exclusive; after {@code closedAt}
     * @return a closure in effect from {@code closedAt} until {@code reopenedAt}
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code reopenedAt} is not after {@code closedAt}, or an instant
     *     lies outside the span ConsentKit stores
     */
    public static AccountClosure between(Instant closedAt, Instant reopenedAt) {
        return new AccountClosure(closedAt, Objects.requireNonNull(reopenedAt, "reopenedAt"));
    }

    /** {@return the instant the account was closed, the first instant of the closure} */
    public Instant closedAt() {
        return closedAt;
    }

    /**
     * {@return the instant the account was reopened, the first instant it is open again, if it was;
     * empty while it stays closed}
     */
    public Optional<Instant> reopenedAt() {
        return Optional.ofNullable(reopenedAt);
    }

    /** The reopening, or null while the account stays closed: for the engine, which allocates nothing per decision. */
    @Nullable Instant reopenedAtOrNull() {
        return reopenedAt;
    }

    /** {@return whether the account has not been reopened after this closure} */
    public boolean isOpenEnded() {
        return reopenedAt == null;
    }

    /**
     * Whether the account is closed by this closure at {@code asOf}: {@code closedAt <= asOf < reopenedAt}.
     *
     * @param asOf the instant to ask about, such as the instant of use
     * @return {@code true} when the account is closed at {@code asOf} by this closure
     */
    public boolean isInEffectAt(Instant asOf) {
        long at = KernelTime.notAfterNanos(Objects.requireNonNull(asOf, "asOf"));
        long until = reopenedAt == null ? KernelTime.NEVER : KernelTime.nanos(reopenedAt);
        return RuleKernel.accountClosed(AccountClosures.closedAt(KernelTime.nanos(closedAt), until, at), at);
    }

    /** Equal when both start and end at equal instants, or both start at equal instants and stay closed. */
    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof AccountClosure other && closedAt.equals(other.closedAt)
                && Objects.equals(reopenedAt, other.reopenedAt);
    }

    /** A hash consistent with {@link #equals}. */
    @Override
    public int hashCode() {
        return 31 * closedAt.hashCode() + Objects.hashCode(reopenedAt);
    }

    /**
     * The interval, such as {@code [2025-01-01T00:00:00Z, 2025-03-01T00:00:00Z)} or
     * {@code [2025-01-01T00:00:00Z, ...)} while the account stays closed.
     */
    @Override
    public String toString() {
        return interval(closedAt, reopenedAt);
    }

    private static String interval(Instant closedAt, @Nullable Instant reopenedAt) {
        return "[" + closedAt + ", " + (reopenedAt == null ? "..." : reopenedAt.toString()) + ")";
    }
}
