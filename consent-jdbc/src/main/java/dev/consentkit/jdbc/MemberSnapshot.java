package dev.consentkit.jdbc;

import dev.consentkit.batch.MemberStore;
import java.util.List;
import java.util.Objects;

/**
 * Every member of the ledger as one transaction snapshot saw them, in a {@link MemberStore}, with the
 * {@link Watermark} of that snapshot and the members left out because a row of theirs could not be
 * read. {@link ConsentLedger#loadMembers()} makes one; {@link ConsentLedger#update(MemberSnapshot)}
 * brings one up to date from what changed since its watermark. Immutable.
 *
 * @param store the members, ready for a {@link dev.consentkit.batch.BatchEvaluator}
 * @param watermark the snapshot the store reflects: what changed after it is not in the store
 * @param problems the members left out of the store, with the row that kept each out; an item by
 *     such a member is decided as by an unknown member
 */
public record MemberSnapshot(MemberStore store, Watermark watermark, List<LedgerProblem> problems) {

    /**
     * Checks that no part is null and copies the problems.
     *
     * @param store the members
     * @param watermark the snapshot the store reflects
     * @param problems the members left out, with the row that kept each out
     */
    public MemberSnapshot {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(watermark, "watermark");
        problems = List.copyOf(problems);
    }
}
