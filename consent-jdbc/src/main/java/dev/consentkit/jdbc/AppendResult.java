package dev.consentkit.jdbc;

/**
 * What an {@link ConsentLedger#append append} did: how many of the batch's facts it wrote and how
 * many the ledger already held with the same content. The two add up to the batch's
 * {@link LedgerBatch#size() size}; a fact a batch states twice counts as already present the second
 * time.
 *
 * @param written the facts written: new members, moves, closures and consent events, and reopenings
 *     of closures the ledger held as still closed
 * @param alreadyPresent the facts the ledger already held with the same content, passed over
 */
public record AppendResult(int written, int alreadyPresent) {}
