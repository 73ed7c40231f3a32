package dev.consentkit.jdbc;

import java.util.Objects;

/**
 * A row of the ledger that does not state a valid fact, written by other software than ConsentKit: a
 * malformed purpose key, a jurisdiction code that is not one, an unknown channel, an event recorded
 * before its stated effective instant by more than the clock-skew tolerance, closures that overlap.
 * Loads report such rows with their key and leave the member out: an item by a member left out is
 * decided as by an unknown member, so it is never trained on because of a row that could not be read.
 *
 * @param memberId the member whose row it is
 * @param table the ledger table, such as {@code consentkit_consent_event}
 * @param key the row's key within the member, such as the event id, or the member id for the member's row
 * @param message what is wrong, with the value
 */
public record LedgerProblem(String memberId, String table, String key, String message) {

    /**
     * Checks that no part is null.
     *
     * @param memberId the member whose row it is
     * @param table the ledger table
     * @param key the row's key within the member
     * @param message what is wrong, with the value
     */
    public LedgerProblem {
        Objects.requireNonNull(memberId, "memberId");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(message, "message");
    }

    /** {@return the problem as one line: member, table, key and message} */
    @Override
    public String toString() {
        return "member " + memberId + ", " + table + " row " + key + ": " + message;
    }
}
