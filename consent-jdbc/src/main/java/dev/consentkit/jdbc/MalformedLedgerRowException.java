package dev.consentkit.jdbc;

import java.util.Objects;

/**
 * A member could not be loaded because a row of theirs in the ledger does not state a valid fact
 * ({@link LedgerProblem}). Thrown where one member is asked for; a load of every member reports such
 * members in {@link MemberSnapshot#problems()} and goes on.
 */
public final class MalformedLedgerRowException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final LedgerProblem problem;

    /**
     * The exception for this problem.
     *
     * @param problem the row and what is wrong with it
     */
    public MalformedLedgerRowException(LedgerProblem problem) {
        super(Objects.requireNonNull(problem, "problem").toString());
        this.problem = problem;
    }

    /** {@return the row and what is wrong with it} */
    public LedgerProblem problem() {
        return problem;
    }
}
