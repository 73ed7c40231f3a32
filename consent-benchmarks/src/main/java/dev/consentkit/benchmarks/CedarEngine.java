package dev.consentkit.benchmarks;

import com.cedarpolicy.BasicAuthorizationEngine;
import com.cedarpolicy.model.AuthorizationRequest;
import com.cedarpolicy.model.AuthorizationResponse;
import com.cedarpolicy.model.AuthorizationSuccessResponse;
import com.cedarpolicy.model.entity.Entity;
import com.cedarpolicy.model.exception.AuthException;
import com.cedarpolicy.model.exception.CacheException;
import com.cedarpolicy.model.exception.InternalException;
import com.cedarpolicy.model.policy.PolicySet;
import com.cedarpolicy.value.DateTime;
import com.cedarpolicy.value.EntityTypeName;
import com.cedarpolicy.value.EntityUID;
import com.cedarpolicy.value.PrimString;
import com.cedarpolicy.value.Value;
import dev.consentkit.ContentItem;
import dev.consentkit.Member;
import dev.consentkit.TrainingPolicy;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The three rules in Cedar ({@code com.cedarpolicy:cedar-java}, the Rust engine behind JNI).
 *
 * <p><b>Policies</b>, generated once from the {@link TrainingPolicy}'s facts, parsed once and cached on
 * the native side with {@link PolicySet#cache()}, so that a call sends Cedar only the request and its
 * entities. A forbid overrides the permit, so an item is trainable exactly when no forbid applies:
 * <pre>{@code
 * permit (principal is Member, action == Action::"train", resource is Item);
 * forbid (principal, action == Action::"train", resource)
 *   when { ["BR", "CH", "DE", "FR"].contains(principal.jurisdiction) };
 * forbid (principal, action == Action::"train", resource)
 *   when { resource.category == "account" || resource.category like "account.*" || ... };
 * forbid (principal, action == Action::"train", resource)
 *   when { context has optOutAt
 *          && !(context has optInAt && context.optInAt > context.optOutAt) };
 * }</pre>
 * A category rule covers sub-categories through {@code like} on the dotted key. Instants are Cedar
 * {@code datetime} values, which have millisecond precision.
 *
 * <p><b>Per call</b>, all inside the measured {@code isTrainable}: the caller looks up the member's
 * jurisdiction at {@code asOf}, builds a {@code Member} entity with it and an {@code Item} entity with
 * the category key. Cedar has no quantifier over a set, so the caller also scans the consent events for
 * the latest opt-out and the latest opt-in effective at or before {@code asOf} ({@link LatestChoices})
 * and passes their instants as context; the policy compares them. cedar-java then serialises the
 * request and the entities to JSON for the native engine and parses its JSON answer.
 */
public final class CedarEngine {

    private static final EntityTypeName MEMBER = type("Member");
    private static final EntityTypeName ITEM = type("Item");
    private static final EntityUID TRAIN = type("Action").of("train");

    private final BasicAuthorizationEngine engine = new BasicAuthorizationEngine();
    private final List<String> coveringPurposes;
    private final String policyText;
    private final PolicySet policies;

    /**
     * Encodes {@code policy}.
     *
     * @throws IllegalArgumentException if {@code policy} uses more than the three rules
     * @throws IllegalStateException if Cedar rejects the generated policies
     */
    public CedarEngine(TrainingPolicy policy) {
        PolicyFacts facts = PolicyFacts.of(policy);
        this.coveringPurposes = facts.coveringPurposes();
        this.policyText = policyText(facts);
        try {
            this.policies = PolicySet.parsePolicies(policyText);
            policies.cache();
        } catch (InternalException | CacheException e) {
            throw new IllegalStateException("Cedar rejects the generated policies:\n" + policyText, e);
        }
    }

    /** The Cedar policies this engine decides by. */
    public String policyText() {
        return policyText;
    }

    /**
     * Whether {@code item} may train a model at {@code asOf}, as Cedar decides.
     *
     * @throws IllegalArgumentException if the member's jurisdiction at {@code asOf} is unknown
     * @throws IllegalStateException if Cedar fails to answer
     */
    public boolean isTrainable(ContentItem item, Member member, Instant asOf) {
        Entity principal = new Entity(MEMBER.of(member.id()),
                Map.of("jurisdiction", new PrimString(PolicyFacts.jurisdictionCode(member, asOf))), Set.of());
        Entity resource = new Entity(ITEM.of(item.id()),
                Map.of("category", new PrimString(item.category().key())), Set.of());
        LatestChoices choices = LatestChoices.of(member, coveringPurposes, asOf);
        Map<String, Value> context = new HashMap<>(4);
        if (choices.optOut() != null) {
            context.put("optOutAt", datetime(choices.optOut()));
        }
        if (choices.optIn() != null) {
            context.put("optInAt", datetime(choices.optIn()));
        }
        AuthorizationRequest request = new AuthorizationRequest(principal.getEUID(), TRAIN, resource.getEUID(), context);
        AuthorizationResponse response;
        try {
            response = engine.isAuthorized(request, policies, Set.of(principal, resource));
        } catch (AuthException e) {
            throw new IllegalStateException("Cedar fails on " + request, e);
        }
        return response.success.map(AuthorizationSuccessResponse::isAllowed)
                .orElseThrow(() -> new IllegalStateException("Cedar fails on " + request + ": " + response));
    }

    private static DateTime datetime(Instant instant) {
        return new DateTime(instant.truncatedTo(ChronoUnit.MILLIS).toString());
    }

    private static String policyText(PolicyFacts facts) {
        StringBuilder text = new StringBuilder()
                .append("permit (principal is Member, action == Action::\"train\", resource is Item);\n");
        if (!facts.excludedCountries().isEmpty()) {
            text.append("forbid (principal, action == Action::\"train\", resource)\n  when { [");
            for (int i = 0; i < facts.excludedCountries().size(); i++) {
                text.append(i == 0 ? "" : ", ").append('"').append(facts.excludedCountries().get(i)).append('"');
            }
            text.append("].contains(principal.jurisdiction) };\n");
        }
        if (!facts.neverAllowedCategories().isEmpty()) {
            text.append("forbid (principal, action == Action::\"train\", resource)\n  when { ");
            for (int i = 0; i < facts.neverAllowedCategories().size(); i++) {
                String key = facts.neverAllowedCategories().get(i);
                text.append(i == 0 ? "" : " || ").append("resource.category == \"").append(key)
                        .append("\" || resource.category like \"").append(key).append(".*\"");
            }
            text.append(" };\n");
        }
        return text.append("forbid (principal, action == Action::\"train\", resource)\n")
                .append("  when { context has optOutAt\n")
                .append("         && !(context has optInAt && context.optInAt > context.optOutAt) };\n")
                .toString();
    }

    private static EntityTypeName type(String name) {
        return EntityTypeName.parse(name).orElseThrow(() -> new IllegalStateException("bad Cedar type " + name));
    }
}
