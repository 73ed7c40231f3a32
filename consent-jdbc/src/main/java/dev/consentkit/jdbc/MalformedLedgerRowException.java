package dev.consentkit.jdbc;

import java.util.Objects;

/**
 * A member could not be loaded because a row of theirs in the ledger does not state a valid fact
 * ({@link LedgerProblem}). Thrown where one member is asked for; a load of every member reports such
 * members in {@link MemberSnapshot#problems()} and goes on.
 */
public final class MalformedLedgerRowException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The member whose row it is. */
    private final String memberId;

    /** The ledger table the row is in. */
    private final String table;

    /** The row's key within the member. */
    private final String key;

    /** What is wrong with the row, with the value. */
    private final String problemMessage;

    /**
     * The exception for this problem.
     *
     * @param problem the row and what is wrong with it
     */
    public MalformedLedgerRowException(LedgerProblem problem) {
        super(Objects.requireNonNull(problem, "problem").toString());
        this.memberId = problem.memberId();
        this.table = problem.table();
        this.key = problem.key();
        this.problemMessage = problem.message();
    }

    /** {@return the row and what is wrong with it} */
    public LedgerProblem problem() {
        return new LedgerProblem(memberId, table, key, problemMessage);
    }
}
