/**
 * Decides whether a member's content may be used to train AI models at a given instant, says why,
 * and replays that answer for any past instant.
 *
 * <p>Start with {@link dev.consentkit.TrainingPolicy}: build one with its fluent builder from
 * effective-dated {@link dev.consentkit.PolicyVersion versions}, then ask
 * {@link dev.consentkit.TrainingPolicy#isTrainable isTrainable(item, member, asOf)} for the fast
 * answer or {@link dev.consentkit.TrainingPolicy#evaluate evaluate(item, member, asOf)} for a
 * {@link dev.consentkit.Decision} with its {@link dev.consentkit.Reason}, every failed check, the
 * policy version and the {@link dev.consentkit.Evidence} that decided.
 *
 * <p>For millions of items at one instant, see {@link dev.consentkit.batch}.
 *
 * <p>Every type in this package is immutable and safe to share between threads, except the builders. Every interval is
 * half-open, {@code [from, to)}: a choice effective at {@code T} already applies at {@code T}.
 * Methods that take an instant say so in the parameter name ({@code asOf}, {@code knownAt}).
 * Nothing is {@code null} unless marked {@code @Nullable}; a {@code null} argument fails with a
 * {@link java.lang.NullPointerException} that names the parameter.
 */
@NullMarked
package dev.consentkit;

import org.jspecify.annotations.NullMarked;
