package dev.consentkit.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.consentkit.DataCategory;
import dev.consentkit.Jurisdiction;
import dev.consentkit.LeapDayBirthday;
import dev.consentkit.LegalBasis;
import dev.consentkit.PolicyVersion;
import dev.consentkit.Purpose;
import dev.consentkit.TrainingPolicy;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Shows each check of the policy review on policies built in Java: findings name the version and the rule,
 * category or field, without a location.
 */
class PolicyReviewTest {

    private static final Instant JAN = Instant.parse("2025-01-01T00:00:00Z");
    private static final Instant JUN = Instant.parse("2025-06-01T00:00:00Z");

    /** A version v1 under legitimate interests that allows public content, changed by {@code change}. */
    private static PolicyVersion v1(UnaryOperator<PolicyVersion.Builder> change) {
        return change.apply(PolicyVersion.builder("v1", JAN).defaultBasis(LegalBasis.LEGITIMATE_INTERESTS)
                .allow(DataCategory.PUBLIC_CONTENT)).build();
    }

    private static TrainingPolicy policy(PolicyVersion... versions) {
        TrainingPolicy.Builder builder = TrainingPolicy.builder("reviewed", Purpose.GENERATIVE_AI_TRAINING);
        for (PolicyVersion version : versions) {
            builder.version(version);
        }
        return builder.build();
    }

    private static List<String> lines(TrainingPolicy policy) {
        return PolicyReview.review(policy).stream().map(Finding::toString).collect(Collectors.toList());
    }

    @Test
    void shouldFindNothingInAPolicyWithoutRedundancy() {
        assertEquals(List.of(), PolicyReview.review(policy(v1(b -> b.exclude(Jurisdiction.EEA)))));
        assertEquals(List.of(), PolicyReview.review(Fixtures.anthropicConsumer()));
    }

    // ---- jurisdiction rules that change no decision

    @Test
    void shouldWarnAboutACountryRuleThatRepeatsTheGroupRuleCoveringIt() {
        assertEquals(List.of("the rule for FR of version v1: warning: the rule for FR says what the rule for EU already"
                + " says for it: excluded (remove it; it changes no decision within EU)"),
                lines(policy(v1(b -> b.exclude(Jurisdiction.EU, Jurisdiction.of("FR"))))));
    }

    @Test
    void shouldWarnAboutTheEuRuleThatRepeatsTheEeaRule() {
        assertEquals(List.of("the rule for EU of version v1: warning: the rule for EU says what the rule for EEA already"
                + " says for it: excluded (remove it; it changes no decision)"),
                lines(policy(v1(b -> b.exclude(Jurisdiction.EU, Jurisdiction.EEA)))));
    }

    @Test
    void shouldWarnAboutASubdivisionRuleThatRepeatsItsCountrysRule() {
        assertEquals(List.of("the rule for US-CA of version v1: warning: the rule for US-CA says what the rule for US"
                + " already says for it: under CONSENT (remove it; it changes no decision)"),
                lines(policy(v1(b -> b.basis(Jurisdiction.of("US-CA"), LegalBasis.CONSENT)
                        .basis(Jurisdiction.of("US"), LegalBasis.CONSENT)))));
    }

    @Test
    void shouldCompareARuleWithTheMostSpecificRuleCoveringItOnly() {
        // FR repeats EU, which repeats EEA: each is compared with the one just above it.
        assertEquals(2, PolicyReview.review(policy(v1(b -> b.exclude(Jurisdiction.EEA, Jurisdiction.EU,
                Jurisdiction.of("FR"))))).size());
        // FR says what EEA says, but without it EU would decide for France, and EU says otherwise.
        assertEquals(List.of(), PolicyReview.review(policy(v1(b -> b.exclude(Jurisdiction.EEA, Jurisdiction.of("FR"))
                .basis(Jurisdiction.EU, LegalBasis.CONSENT)))));
    }

    @Test
    void shouldNotCallARuleThatDiffersFromTheBroaderRuleARepeatOfTheDefault() {
        // EU under the default's basis overrides EEA's exclusion: removing it would exclude the EU.
        assertEquals(List.of(), PolicyReview.review(policy(v1(b -> b.exclude(Jurisdiction.EEA)
                .basis(Jurisdiction.EU, LegalBasis.LEGITIMATE_INTERESTS)))));
    }

    @Test
    void shouldWarnAboutARuleThatRepeatsTheDefault() {
        assertEquals(List.of("the rule for GB of version v1: warning: the rule for GB says what the default of version v1"
                + " already says: under LEGITIMATE_INTERESTS (remove it; it changes no decision)"),
                lines(policy(v1(b -> b.basis(Jurisdiction.of("GB"), LegalBasis.LEGITIMATE_INTERESTS)))));
        assertEquals(List.of("the rule for EEA of version v1: warning: the rule for EEA says what the default of version"
                + " v1 already says: excluded (remove it; it changes no decision)"),
                lines(policy(v1(b -> b.excludedByDefault().exclude(Jurisdiction.EEA)
                        .basis(Jurisdiction.of("US"), LegalBasis.LEGITIMATE_INTERESTS)))));
    }

    // ---- categories

    @Test
    void shouldReportAnAllowedCategoryThatIsAlsoNeverAllowedAsAnError() {
        List<Finding> findings = PolicyReview.review(policy(v1(b -> b.neverAllow(DataCategory.PUBLIC_CONTENT))));

        assertEquals(List.of("allowed category content.public of version v1: error: category content.public is allowed,"
                + " and never allowed, so it can never be used (never allowed wins: remove it from allowedCategories,"
                + " or from neverAllowedCategories if it may be used)"), lines(policy(v1(b -> b.neverAllow(
                        DataCategory.PUBLIC_CONTENT)))));
        assertEquals(Finding.Severity.ERROR, findings.get(0).severity());
    }

    @Test
    void shouldReportAnAllowedCategoryUnderANeverAllowedOneAsAnError() {
        assertEquals(List.of("allowed category content.public of version v1: error: allowed category content.public can"
                + " never be used: it is under never-allowed category content (remove it from allowedCategories, or"
                + " never-allow only the categories under content that must stay out)"),
                lines(policy(v1(b -> b.neverAllow(DataCategory.CONTENT)))));
    }

    @Test
    void shouldWarnAboutCategoriesAlreadyCoveredByABroaderEntryOfTheirList() {
        assertEquals(List.of("allowed category content.public of version v1: warning: allowed category content.public is"
                + " already allowed through content (remove it; allowing content allows everything under it)",
                "never-allowed category messages.private of version v1: warning: never-allowed category messages.private"
                        + " is already never allowed through messages (remove it; never allowing messages covers"
                        + " everything under it)"),
                lines(policy(v1(b -> b.allow(DataCategory.CONTENT).neverAllow(DataCategory.of("messages"),
                        DataCategory.PRIVATE_MESSAGES)))));
    }

    // ---- versions as a whole

    @Test
    void shouldWarnAboutAVersionUnderWhichNothingIsTrainable() {
        PolicyVersion noCategory = PolicyVersion.builder("v1", JAN).defaultBasis(LegalBasis.CONSENT).build();
        PolicyVersion nowhere = PolicyVersion.builder("v1", JAN).excludedByDefault().exclude(Jurisdiction.of("GB"))
                .allow(DataCategory.PUBLIC_CONTENT).build();

        assertEquals(List.of("allowedCategories of version v1: warning: version v1 allows no category, so nothing is"
                + " trainable under it (list the categories it may use, such as profile and content.public, unless the"
                + " version pauses the program)"), lines(policy(noCategory)));
        assertTrue(lines(policy(nowhere)).contains("excludedByDefault of version v1: warning: version v1 is excluded by"
                + " default and no rule gives a basis, so nothing is trainable under it (add a jurisdiction rule with a"
                + " basis for each place the program runs in)"), lines(policy(nowhere)).toString());
    }

    @Test
    void shouldWarnAboutAMinimumAgeOfZero() {
        assertEquals(List.of("minimumAge of version v1: warning: minimum age 0 switches off every age check, for minors"
                + " and unknown ages alike (set the program's minimum age, 18 in every real program)"),
                lines(policy(v1(b -> b.minimumAge(0)))));
    }

    @Test
    void shouldWarnAboutAVersionThatChangesNothingWhateverTheOrderOfItsRules() {
        PolicyVersion first = v1(b -> b.exclude(Jurisdiction.of("GB"), Jurisdiction.of("CH")));
        PolicyVersion same = PolicyVersion.builder("v2", JUN).defaultBasis(LegalBasis.LEGITIMATE_INTERESTS)
                .exclude(Jurisdiction.of("CH"), Jurisdiction.of("GB")).allow(DataCategory.PUBLIC_CONTENT).build();

        assertEquals(List.of("id of version v2: warning: version v2 changes nothing from the version before it (remove"
                + " it, or make the change it was meant to make)"), lines(policy(first, same)));
    }

    @Test
    void shouldNotCallAVersionThatStartsCountingGpcSignalsAChangeOfNothing() {
        PolicyVersion first = v1(b -> b);

        assertEquals(List.of(), PolicyReview.review(policy(first,
                first.toBuilder("v2", JUN).gpcSignalsObject(true).build())));
    }

    @Test
    void shouldNotAskAPolicyBuiltInJavaWhenAMemberBornOn29FebruaryComesOfAge() {
        // A document that leaves leapDayBirthday out means 28 February; a policy built in Java states it.
        assertEquals(List.of(), PolicyReview.review(policy(v1(b -> b.leapDayBirthday(LeapDayBirthday.FEBRUARY_28)))));
    }

    // ---- items counted from each member's own choice

    @Test
    void shouldWarnWhereItemsCountFromTheMembersChoiceUnderAnOptOutBasis() {
        PolicyVersion version = PolicyVersion.builder("v1", JAN).defaultBasis(LegalBasis.CONSENT)
                .basis(Jurisdiction.of("GB"), LegalBasis.LEGITIMATE_INTERESTS).allow(DataCategory.AI_INTERACTIONS)
                .itemsFromMembersChoice(true).build();

        assertEquals(List.of("itemsFromMembersChoice of version v1: warning: version v1 counts items only from each"
                + " member's own opt-in, but runs without one in GB (LEGITIMATE_INTERESTS): there nothing of a member"
                + " who never chose is trainable (ITEM_BEFORE_CHOICE), not even by default (give those places a consent"
                + " basis, or leave itemsFromMembersChoice out if members who never chose should count)"),
                lines(policy(version)));
    }

    @Test
    void shouldWarnWhereItemsCountFromTheMembersChoiceAndFromAProgramWideInstant() {
        PolicyVersion version = PolicyVersion.builder("v1", JAN).defaultBasis(LegalBasis.CONSENT)
                .allow(DataCategory.AI_INTERACTIONS).itemsFromMembersChoice(true).itemsCreatedFrom(JUN).build();

        assertEquals(List.of("itemsCreatedFrom of version v1: warning: version v1 counts items from each member's own"
                + " choice, and itemsCreatedFrom judges an item by its creation alone: an item created before"
                + " 2025-06-01T00:00:00Z stays out even when the member resumes it after their choice (remove"
                + " itemsCreatedFrom, unless items created before it must stay out even when resumed)"),
                lines(policy(version)));
    }

    @Test
    void shouldWarnAboutEveryRuleOfTheLinkedInSuitesPolicyThatChangesNoDecision() {
        List<String> parts = PolicyReview.review(Fixtures.linkedIn()).stream().map(Finding::part)
                .collect(Collectors.toList());

        // EU repeats EEA in every version; in the last, EEA, CH and GB repeat the default.
        assertEquals(List.of("the rule for EU of version 2024-09", "the rule for EU of version 2024-09-gb",
                "the rule for EU of version 2025-11", "the rule for EEA of version 2025-11",
                "the rule for CH of version 2025-11", "the rule for GB of version 2025-11"), parts);
    }
}
