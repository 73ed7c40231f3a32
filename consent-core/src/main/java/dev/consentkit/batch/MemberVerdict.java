package dev.consentkit.batch;

import dev.consentkit.Reason;
import dev.consentkit.internal.KernelTime;
import dev.consentkit.internal.RuleKernel;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The member half of every decision about one member's items at one instant: account closure,
 * jurisdiction rule, age, the consent choice in effect and, for a version that counts items only from
 * the member's own opt-in, where that scope starts. Resolved once per member by
 * {@link BatchEvaluator#memberVerdict}, it decides each of the member's items with
 * {@link BatchEvaluator#reason(dev.consentkit.ContentItem, MemberVerdict)}.
 *
 * <p>It exists for engines that keep members and items apart, such as a distributed query engine:
 * the verdict is computed where the member's history is, travels as two {@code long}s
 * ({@link #verdict()} and {@link #choiceScope()}, rebuilt with {@link #of}) and is joined to the
 * member's items wherever they are. Those two numbers are an encoding of the rule kernel's facts, not
 * a format: they mean something only to an evaluator of the same policy, instant of use and audit
 * instant as the one that made them, of the same ConsentKit release. Do not store them beyond one
 * job. Immutable; equal when both numbers are equal.
 */
public final class MemberVerdict {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final long verdict;
    private final long choiceScope;

    private MemberVerdict(long verdict, long choiceScope) {
        this.verdict = verdict;
        this.choiceScope = choiceScope;
    }

    /**
     * Rebuilds a verdict from the two numbers {@link #verdict()} and {@link #choiceScope()} gave.
     *
     * @param verdict the member's checks and coming-of-age day, from {@link #verdict()}
     * @param choiceScope the start of the member's own item scope, from {@link #choiceScope()}
     * @return the verdict
     * @throws IllegalArgumentException if {@code verdict} has a bit no member check sets; the message
     *     shows it
     */
    public static MemberVerdict of(long verdict, long choiceScope) {
        int high = (int) (verdict >>> 32);
        if ((high & ~(RuleKernel.FAILURES | RuleKernel.bit(Reason.ALLOWED_OPTED_IN))) != 0) {
            throw new IllegalArgumentException("member verdict 0x" + Long.toHexString(verdict)
                    + " has a bit no member check sets; pass the value MemberVerdict.verdict() gave");
        }
        return new MemberVerdict(verdict, choiceScope);
    }

    /** {@return the member's failed checks, whether the choice in effect is an opt-in, and the coming-of-age day, packed} */
    public long verdict() {
        return verdict;
    }

    /**
     * {@return where the member's own item scope starts, in nanoseconds of the epoch}
     * {@link Long#MIN_VALUE} when every item counts and {@link Long#MAX_VALUE} when none does: the
     * policy's version counts items only from the member's own opt-in and the member has none.
     */
    public long choiceScope() {
        return choiceScope;
    }

    /**
     * {@return the first member check that fails, in evaluation order, or empty when every member check
     * passes} An item of such a member may still fail a check of its own that comes earlier in
     * {@link Reason}'s order, such as {@link Reason#ITEM_DELETED}.
     */
    public Optional<Reason> memberFailure() {
        int failures = RuleKernel.memberFailures(verdict);
        return failures == 0 ? Optional.empty() : Optional.of(RuleKernel.reason(failures, verdict));
    }

    /** Equal when both numbers are. */
    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof MemberVerdict v && v.verdict == verdict && v.choiceScope == choiceScope;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(verdict) * 31 + Long.hashCode(choiceScope);
    }

    /** The member's first failure or its choice, such as {@code MemberVerdict[OPTED_OUT]} or {@code MemberVerdict[opted in]}. */
    @Override
    public String toString() {
        Optional<Reason> failure = memberFailure();
        String scope = choiceScope == KernelTime.ALWAYS ? ""
                : choiceScope == KernelTime.NEVER ? ", no item in scope" : ", items from " + Instant.ofEpochSecond(Math.floorDiv(choiceScope, NANOS_PER_SECOND),
                        Math.floorMod(choiceScope, NANOS_PER_SECOND));
        return "MemberVerdict[" + failure.map(Reason::name).orElse(
                RuleKernel.reason(0, verdict) == Reason.ALLOWED_OPTED_IN ? "opted in" : "no objection") + scope + "]";
    }
}
