package dev.consentkit.spark;

import dev.consentkit.TrainingPolicy;
import dev.consentkit.batch.BatchEvaluator;
import dev.consentkit.batch.MemberStore;
import dev.consentkit.jackson.ConsentDocumentException;
import dev.consentkit.jackson.ConsentDocuments;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * What the executors decide: the policy, as its JSON document, the instant of use, the audit instant
 * and the clock-skew tolerance of the consent events read. This is what travels with every task; each
 * executor JVM reads a policy document once and keeps it.
 */
final class Question implements Serializable {

    private static final long serialVersionUID = 1L;
    // Policies read on this JVM, by their documents: a job asks few questions, so this stays small.
    private static final int MAX_POLICIES = 64;
    private static final Map<String, TrainingPolicy> POLICIES = new ConcurrentHashMap<>();

    private final String policyDocument;
    private final Instant asOf;
    private final @Nullable Instant knownAt;
    private final Duration clockSkewTolerance;
    private transient @Nullable BatchEvaluator itemHalf;

    Question(TrainingPolicy policy, Instant asOf, @Nullable Instant knownAt, Duration clockSkewTolerance) {
        this.policyDocument = ConsentDocuments.writePolicy(policy);
        this.asOf = asOf;
        this.knownAt = knownAt;
        this.clockSkewTolerance = clockSkewTolerance;
    }

    Instant asOf() {
        return asOf;
    }

    @Nullable Instant knownAt() {
        return knownAt;
    }

    Duration clockSkewTolerance() {
        return clockSkewTolerance;
    }

    /** {@return the policy, read from its document once per JVM} */
    TrainingPolicy policy() {
        TrainingPolicy policy = POLICIES.get(policyDocument);
        if (policy == null) {
            try {
                policy = ConsentDocuments.readPolicy(policyDocument);
            } catch (ConsentDocumentException e) {
                // The document was written by this release from a valid policy.
                throw new IllegalStateException("the policy document sent to the executor does not read back: "
                        + e.getMessage(), e);
            }
            if (POLICIES.size() >= MAX_POLICIES) {
                POLICIES.clear();
            }
            POLICIES.put(policyDocument, policy);
        }
        return policy;
    }

    /** {@return an evaluator over {@code members} for this question: it resolves their member halves} */
    BatchEvaluator evaluator(MemberStore members) {
        BatchEvaluator.Builder builder = BatchEvaluator.builder(policy(), members);
        if (knownAt != null) {
            builder.knownAt(knownAt);
        }
        return builder.build(asOf);
    }

    /** {@return an evaluator with no members, for the item half} Built once per deserialized copy. */
    BatchEvaluator itemHalf() {
        BatchEvaluator evaluator = itemHalf;
        if (evaluator == null) {
            evaluator = evaluator(MemberStore.of(List.of()));
            itemHalf = evaluator;
        }
        return evaluator;
    }
}
