/**
 * consent-jdbc measured on an embedded PostgreSQL 17 server: a generator that fills a ledger from a
 * fixed seed ({@link dev.consentkit.benchmarks.jdbc.LedgerDataGenerator}), PostgreSQL's own
 * {@code COPY ... TO STDOUT} of the rows a load reads as the baseline
 * ({@link dev.consentkit.benchmarks.jdbc.CopyOut}), and the JMH benchmarks
 * ({@link dev.consentkit.benchmarks.jdbc.ConsentLedgerBenchmark}).
 */
@NullMarked
package dev.consentkit.benchmarks.jdbc;

import org.jspecify.annotations.NullMarked;
