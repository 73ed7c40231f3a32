package dev.consentkit.jdbc;

import java.util.Objects;
import java.util.Set;

/**
 * The members whose facts changed between two snapshots of the ledger: a fact appended, a closure
 * reopened, or the member erased. {@link ConsentLedger#update(MemberSnapshot)} reloads exactly these.
 *
 * @param since the watermark the changes are counted from
 * @param upTo the watermark of the snapshot that saw them: the next {@code since}
 * @param memberIds the ids of the members that changed, erased ones included
 */
public record LedgerChanges(Watermark since, Watermark upTo, Set<String> memberIds) {

    /**
     * Checks that no part is null and copies the ids.
     *
     * @param since the watermark the changes are counted from
     * @param upTo the watermark of the snapshot that saw them
     * @param memberIds the ids of the members that changed
     */
    public LedgerChanges {
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(upTo, "upTo");
        memberIds = Set.copyOf(memberIds);
    }
}
