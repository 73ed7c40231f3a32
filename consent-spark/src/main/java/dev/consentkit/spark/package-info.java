/**
 * ConsentKit on Apache Spark: {@link dev.consentkit.spark.ConsentFilter} decides which items of a training
 * set may train a model at an instant, with the member half of the rules resolved per member on the
 * executors and joined by Spark to the items, and {@link dev.consentkit.spark.MemberTables} says where the
 * members' histories are. The same decisions are available as Spark SQL functions
 * ({@link dev.consentkit.spark.ConsentFilter.AsOf#registerFunctions}).
 */
@NullMarked
package dev.consentkit.spark;

import org.jspecify.annotations.NullMarked;
