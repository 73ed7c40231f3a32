/**
 * Batch evaluation: deciding for millions of items at one instant, the form a training run uses to
 * filter its data set.
 *
 * <p>{@link dev.consentkit.batch.MemberStore} keeps members' training-relevant facts in a few
 * primitive arrays; {@link dev.consentkit.batch.BatchEvaluator} resolves the member half of the rules
 * once per member and instant, then decides items as objects or as
 * {@link dev.consentkit.batch.ItemColumns columns}. Every answer equals
 * {@link dev.consentkit.TrainingPolicy#isTrainable} and {@code evaluate(...).reason()} for the same
 * item, member and instant: both call the same rule kernel.
 *
 * <h2>Instants in primitive layouts</h2>
 * The store keeps instants as {@code long} nanoseconds since 1970-01-01T00:00:00Z, the span every
 * ConsentKit value's instants lie in (1677-09-21T00:12:44Z to 2262-04-11T23:47:15.999999999Z).
 * {@link dev.consentkit.batch.ItemColumns} count instants in any {@link java.util.concurrent.TimeUnit}
 * from nanoseconds to hours; in those columns {@link java.lang.Long#MIN_VALUE} stands before every
 * instant and {@link java.lang.Long#MAX_VALUE} after every instant ("never": not deleted, not
 * reserved). A question's instants ({@code asOf}, {@code knownAt}, a version's item scope) may be any
 * {@link java.time.Instant}; they are converted once per question so that every comparison is exact,
 * also at the edges of a unit's range.
 *
 * <h2>Threads</h2>
 * Everything runs on the calling thread unless a method takes an {@link java.util.concurrent.Executor};
 * ConsentKit never uses the common fork-join pool on its own.
 */
@NullMarked
package dev.consentkit.batch;

import org.jspecify.annotations.NullMarked;
