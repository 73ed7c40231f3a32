package dev.consentkit.jdbc;

/**
 * An append that states a fact differently from what the ledger already holds under the same key: a
 * consent event with the same member and event id but other content, a member with another birth date,
 * a move at the same instant to another jurisdiction, a closure reopened at another instant, or any
 * fact of a member who was erased. The message names both, the stored and the given. The batch it came
 * in was rolled back: nothing of it was written. Retrying the same batch fails the same way.
 */
public final class LedgerConflictException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * A conflict described by {@code message}.
     *
     * @param message what the ledger holds and what was given, under which key
     */
    public LedgerConflictException(String message) {
        super(message);
    }
}
