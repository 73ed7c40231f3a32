package dev.consentkit.benchmarks;

import dev.consentkit.ContentItem;
import dev.consentkit.DataCategory;
import dev.consentkit.Member;
import dev.consentkit.TrainingPolicy;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.casbin.jcasbin.main.Enforcer;
import org.casbin.jcasbin.model.Model;

/**
 * The three rules in jCasbin ({@code org.casbin:jcasbin}), as an ABAC model whose rules are policy
 * lines, the way a Casbin deployment keeps them in its policy store.
 *
 * <p><b>Model</b>: the request carries three attribute objects; the matcher is evaluated against
 * every policy line, and an item is trainable when the default line allows and no deny line matches:
 * <pre>
 * [request_definition]  r = member, item, consent
 * [policy_definition]   p = rule, value, eft
 * [role_definition]     g = _, _
 * [policy_effect]       e = some(where (p.eft == allow)) &amp;&amp; !some(where (p.eft == deny))
 * [matchers]            m = p.rule == "default"
 *     || (p.rule == "category" &amp;&amp; g(r.item.category, p.value))
 *     || (p.rule == "jurisdiction" &amp;&amp; r.member.jurisdiction == p.value)
 *     || (p.rule == "opt-out" &amp;&amp; r.consent.hasOptOut &amp;&amp; r.consent.optInAt &lt;= r.consent.optOutAt)
 * </pre>
 * <p><b>Policy lines</b>, added once from the {@link TrainingPolicy}'s facts: {@code default, *, allow}
 * (legitimate interests), {@code category, KEY, deny} per never-allowed category,
 * {@code jurisdiction, CODE, deny} per excluded country and {@code opt-out, *, deny}. The category
 * taxonomy is Casbin's role hierarchy: a grouping line {@code g, content.public, content} per category,
 * so that a rule on a category covers its sub-categories.
 *
 * <p><b>Per call</b>, all inside the measured {@code isTrainable}: the caller looks up the member's
 * jurisdiction at {@code asOf} and, since a matcher cannot iterate over a history, scans the consent
 * events for the latest opt-out and the latest opt-in effective at or before {@code asOf}
 * ({@link LatestChoices}), passed as epoch milliseconds; the matcher compares them. jCasbin then runs
 * the compiled matcher (AviatorScript) once per policy line, reading the attributes by reflection.
 *
 * <p>An {@link Enforcer} is not safe for concurrent use; neither is this class.
 */
public final class CasbinEngine {

    static final String MODEL = """
            [request_definition]
            r = member, item, consent

            [policy_definition]
            p = rule, value, eft

            [role_definition]
            g = _, _

            [policy_effect]
            e = some(where (p.eft == allow)) && !some(where (p.eft == deny))

            [matchers]
            m = p.rule == "default" \
            || (p.rule == "category" && g(r.item.category, p.value)) \
            || (p.rule == "jurisdiction" && r.member.jurisdiction == p.value) \
            || (p.rule == "opt-out" && r.consent.hasOptOut && r.consent.optInAt <= r.consent.optOutAt)""";

    private final Enforcer enforcer;
    private final List<String> coveringPurposes;

    /**
     * Encodes {@code policy} for items of the given categories.
     *
     * @param categories the platform's category taxonomy: every category an item may have; each
     *     becomes grouping lines up to its top-level category
     * @throws IllegalArgumentException if {@code policy} uses more than the three rules
     */
    public CasbinEngine(TrainingPolicy policy, Collection<DataCategory> categories) {
        PolicyFacts facts = PolicyFacts.of(policy);
        this.coveringPurposes = facts.coveringPurposes();
        this.enforcer = new Enforcer(Model.newModelFromString(MODEL));
        enforcer.enableLog(false);
        enforcer.addPolicy("default", "*", "allow");
        for (String category : facts.neverAllowedCategories()) {
            enforcer.addPolicy("category", category, "deny");
        }
        for (String country : facts.excludedCountries()) {
            enforcer.addPolicy("jurisdiction", country, "deny");
        }
        enforcer.addPolicy("opt-out", "*", "deny");
        for (DataCategory category : categories) {
            for (DataCategory c = category; c.parent().isPresent(); c = c.parent().get()) {
                enforcer.addGroupingPolicy(c.key(), c.parent().get().key());
            }
        }
    }

    /** Whether {@code item} may train a model at {@code asOf}, as jCasbin decides. */
    public boolean isTrainable(ContentItem item, Member member, Instant asOf) {
        LatestChoices choices = LatestChoices.of(member, coveringPurposes, asOf);
        return enforcer.enforce(
                new MemberAttributes(PolicyFacts.jurisdictionCode(member, asOf)),
                new ItemAttributes(item.category().key()),
                new ConsentAttributes(choices.optOut(), choices.optIn()));
    }

    /** The member as the matcher reads it ({@code r.member}). */
    public static final class MemberAttributes {
        private final String jurisdiction;

        MemberAttributes(String jurisdiction) {
            this.jurisdiction = jurisdiction;
        }

        /** The code of the member's jurisdiction at the instant asked about. */
        public String getJurisdiction() {
            return jurisdiction;
        }
    }

    /** The item as the matcher reads it ({@code r.item}). */
    public static final class ItemAttributes {
        private final String category;

        ItemAttributes(String category) {
            this.category = category;
        }

        /** The item's category key. */
        public String getCategory() {
            return category;
        }
    }

    /** The member's latest choices as the matcher reads them ({@code r.consent}), in epoch milliseconds. */
    public static final class ConsentAttributes {
        private final boolean hasOptOut;
        private final long optOutAt;
        private final long optInAt;

        ConsentAttributes(Instant optOut, Instant optIn) {
            this.hasOptOut = optOut != null;
            this.optOutAt = optOut == null ? Long.MIN_VALUE : optOut.toEpochMilli();
            this.optInAt = optIn == null ? Long.MIN_VALUE : optIn.toEpochMilli();
        }

        /** Whether an opt-out is effective at or before the instant asked about. */
        public boolean getHasOptOut() {
            return hasOptOut;
        }

        /** The latest such opt-out, or {@link Long#MIN_VALUE}. */
        public long getOptOutAt() {
            return optOutAt;
        }

        /** The latest opt-in effective at or before the instant asked about, or {@link Long#MIN_VALUE}. */
        public long getOptInAt() {
            return optInAt;
        }
    }
}
