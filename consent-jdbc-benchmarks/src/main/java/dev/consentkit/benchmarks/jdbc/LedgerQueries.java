package dev.consentkit.benchmarks.jdbc;

import java.util.List;

/**
 * The four SELECT statements {@link dev.consentkit.jdbc.ConsentLedger#loadMembers()} runs, one per table
 * in member order, as consent-jdbc states them (its reader keeps them package-private). The agreement
 * test checks that they are word for word what a load prepares, so that {@link CopyOut} copies exactly
 * the rows the load reads.
 */
public final class LedgerQueries {

    /** The statements of a full load: members, residences, closures, consent events. */
    public static final List<String> EVERY_MEMBER = List.of(
            "SELECT member_id, birth_date, erased_at IS NOT NULL FROM consentkit_member ORDER BY member_id",
            "SELECT member_id, resident_from, jurisdiction FROM consentkit_residence ORDER BY member_id, resident_from",
            "SELECT member_id, closed_at, reopened_at FROM consentkit_closure ORDER BY member_id, closed_at",
            "SELECT member_id, event_id, purpose, choice, effective_at, recorded_at, channel"
                    + " FROM consentkit_consent_event ORDER BY member_id, event_id");

    private LedgerQueries() {}
}
