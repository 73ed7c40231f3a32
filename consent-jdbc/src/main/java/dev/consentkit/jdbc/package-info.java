/**
 * Members' consent histories in PostgreSQL through plain JDBC: {@link dev.consentkit.jdbc.ConsentLedger}
 * appends {@link dev.consentkit.jdbc.LedgerBatch}es idempotently, loads one member as known at an
 * instant, streams every member into a {@link dev.consentkit.batch.MemberStore}, brings a loaded store
 * up to date from what changed since its {@link dev.consentkit.jdbc.Watermark}, and erases a member on
 * request.
 */
@NullMarked
package dev.consentkit.jdbc;

import org.jspecify.annotations.NullMarked;
