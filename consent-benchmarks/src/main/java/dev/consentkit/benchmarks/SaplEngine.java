package dev.consentkit.benchmarks;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.consentkit.ConsentEvent;
import dev.consentkit.ContentItem;
import dev.consentkit.Member;
import dev.consentkit.TrainingPolicy;
import io.sapl.api.pdp.AuthorizationDecision;
import io.sapl.api.pdp.AuthorizationSubscription;
import io.sapl.api.pdp.Decision;
import io.sapl.interpreter.InitializationException;
import io.sapl.interpreter.combinators.PolicyDocumentCombiningAlgorithm;
import io.sapl.pdp.EmbeddedPolicyDecisionPoint;
import io.sapl.pdp.PolicyDecisionPointFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The three rules in SAPL's embedded policy decision point ({@code io.sapl:sapl-pdp-embedded}), which
 * runs on Java 17.
 *
 * <p><b>Policies</b>, four documents generated once from the {@link TrainingPolicy}'s facts and
 * combined with {@code DENY_OVERRIDES}, so an item is trainable exactly when the decision is
 * {@code PERMIT}:
 * <pre>{@code
 * policy "legitimate-interests" permit action == "train"
 * policy "jurisdiction-excluded" deny action == "train"
 *   where subject.jurisdiction in ["BR", "CH", "DE", "FR"];
 * policy "category-excluded" deny action == "train"
 *   where resource.category =~ "^(account|jobs[.]application|messages[.]private)([.].*)?$";
 * policy "opted-out" deny action == "train" where
 *   var inEffect = subject.consent[?(@.at <= environment.asOf
 *                                    && @.purpose in ["ai-training.generative", "ai-training"])];
 *   inEffect != [];
 *   inEffect[-1].optOut;
 * }</pre>
 * SAPL works on JSON and can filter arrays, so unlike the Cedar and jCasbin encodings this one gets
 * the member's whole consent history and finds the choice in effect itself: the events effective at or
 * before {@code asOf} for a covering purpose, the last of which decides. The caller passes the events
 * in the history's effect order, in which an opt-out follows an opt-in effective at the same instant.
 *
 * <p><b>Per call</b>, all inside the measured {@code isTrainable}: the caller looks up the member's
 * jurisdiction at {@code asOf} and builds the subscription as Jackson trees: the subject with the
 * jurisdiction and every consent event (purpose key, effective instant in epoch milliseconds,
 * opt-out flag), the item's category key, and {@code asOf}. It then asks once, as a non-reactive
 * caller does, with {@code decideOnce(...).block()}.
 *
 * <p>Close it to stop the decision point.
 */
public final class SaplEngine implements AutoCloseable {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final TextNode TRAIN = JSON.textNode("train");

    private final List<String> documents;
    private final EmbeddedPolicyDecisionPoint pdp;

    /**
     * Encodes {@code policy} and starts an embedded decision point for it.
     *
     * @throws IllegalArgumentException if {@code policy} uses more than the three rules
     * @throws IllegalStateException if SAPL rejects the generated documents
     */
    public SaplEngine(TrainingPolicy policy) {
        this.documents = documents(PolicyFacts.of(policy));
        try {
            this.pdp = PolicyDecisionPointFactory.fixedInRamPolicyDecisionPoint(documents,
                    PolicyDocumentCombiningAlgorithm.DENY_OVERRIDES, Map.of());
        } catch (InitializationException e) {
            throw new IllegalStateException("SAPL rejects the generated documents:\n" + String.join("\n", documents), e);
        }
    }

    /** The SAPL documents this engine decides by. */
    public List<String> documents() {
        return documents;
    }

    /** Whether {@code item} may train a model at {@code asOf}, as SAPL decides. */
    public boolean isTrainable(ContentItem item, Member member, Instant asOf) {
        ObjectNode subject = JSON.objectNode();
        subject.put("jurisdiction", PolicyFacts.jurisdictionCode(member, asOf));
        ArrayNode consent = subject.putArray("consent");
        for (ConsentEvent event : member.consent().events()) {
            consent.addObject()
                    .put("purpose", event.purpose().key())
                    .put("at", event.effectiveAt().toEpochMilli())
                    .put("optOut", event.isOptOut());
        }
        ObjectNode resource = JSON.objectNode().put("category", item.category().key());
        ObjectNode environment = JSON.objectNode().put("asOf", asOf.toEpochMilli());
        AuthorizationDecision decision =
                pdp.decideOnce(new AuthorizationSubscription(subject, TRAIN, resource, environment)).block();
        return decision != null && decision.getDecision() == Decision.PERMIT;
    }

    /** Stops the decision point. */
    @Override
    public void close() {
        pdp.destroy();
    }

    private static List<String> documents(PolicyFacts facts) {
        List<String> documents = new ArrayList<>();
        documents.add("policy \"legitimate-interests\" permit action == \"train\"");
        if (!facts.excludedCountries().isEmpty()) {
            documents.add("policy \"jurisdiction-excluded\" deny action == \"train\"\n"
                    + "  where subject.jurisdiction in " + stringArray(facts.excludedCountries()) + ";");
        }
        if (!facts.neverAllowedCategories().isEmpty()) {
            List<String> patterns = new ArrayList<>();
            for (String key : facts.neverAllowedCategories()) {
                // Category keys are lowercase letters, digits, '-', '_' and '.'; only the dot needs escaping.
                patterns.add(key.replace(".", "[.]"));
            }
            documents.add("policy \"category-excluded\" deny action == \"train\"\n"
                    + "  where resource.category =~ \"^(" + String.join("|", patterns) + ")([.].*)?$\";");
        }
        documents.add("policy \"opted-out\" deny action == \"train\" where\n"
                + "  var inEffect = subject.consent[?(@.at <= environment.asOf && @.purpose in "
                + stringArray(facts.coveringPurposes()) + ")];\n"
                + "  inEffect != [];\n"
                + "  inEffect[-1].optOut;");
        return List.copyOf(documents);
    }

    private static String stringArray(List<String> values) {
        return "[\"" + String.join("\", \"", values) + "\"]";
    }
}
