package dev.consentkit.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.consentkit.DataCategory;
import dev.consentkit.Jurisdiction;
import dev.consentkit.LegalBasis;
import dev.consentkit.PolicyVersion;
import dev.consentkit.Reason;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A version compiled for the kernel finds the most specific rule and matches categories by value. */
class VersionRulesTest {

    private static final VersionRules RULES = VersionRules.of(PolicyVersion.builder("v1", Instant.EPOCH)
            .defaultBasis(LegalBasis.LEGITIMATE_INTERESTS)
            .basis(Jurisdiction.EEA, LegalBasis.CONSENT)
            .exclude(Jurisdiction.EU, Jurisdiction.of("US-CA"))
            .basis(Jurisdiction.of("US"), LegalBasis.PUBLIC_TASK)
            .basis(Jurisdiction.of("FR"), LegalBasis.CONSENT)
            .allow(DataCategory.CONTENT)
            .neverAllow(DataCategory.of("content.private-groups"))
            .build());

    @Test
    void shouldRankSubdivisionOverCountryOverEuOverEea() {
        assertNull(RULES.basisFor(Jurisdiction.of("US-CA")));
        assertEquals(LegalBasis.PUBLIC_TASK, RULES.basisFor(Jurisdiction.of("US-NY")));
        assertEquals(LegalBasis.CONSENT, RULES.basisFor(Jurisdiction.of("FR-75")));
        assertNull(RULES.basisFor(Jurisdiction.of("DE")));
        assertNull(RULES.basisFor(Jurisdiction.of("GP")));
        assertEquals(LegalBasis.CONSENT, RULES.basisFor(Jurisdiction.of("NO")));
        assertEquals(LegalBasis.LEGITIMATE_INTERESTS, RULES.basisFor(Jurisdiction.of("CH")));
        assertEquals(Jurisdiction.EU, RULES.ruleFor(Jurisdiction.of("DE")).jurisdiction());
    }

    @Test
    void shouldMatchCategoriesByKeyAndParent() {
        assertEquals(0, RULES.categoryFailures(DataCategory.of("content.public.videos")));
        assertEquals(RuleKernel.bit(Reason.CATEGORY_EXCLUDED),
                RULES.categoryFailures(DataCategory.of("content.private-groups.photos")));
        assertEquals(RuleKernel.bit(Reason.CATEGORY_NOT_COVERED), RULES.categoryFailures(DataCategory.PROFILE_DETAILS));
        assertEquals(DataCategory.CONTENT, RULES.allowedMatch(DataCategory.of("content.unnamed-by-any-policy")));
    }

    @Test
    void shouldAllowACategoryExactlyWhenNoCategoryCheckFails() {
        // Nested rules in both lists, listed in an order where the first match is not the most specific.
        VersionRules rules = VersionRules.of(PolicyVersion.builder("v4", Instant.EPOCH)
                .defaultBasis(LegalBasis.LEGITIMATE_INTERESTS)
                .allow(DataCategory.of("content.public"), DataCategory.CONTENT, DataCategory.of("messages.group"))
                .neverAllow(DataCategory.of("content.public.minors"), DataCategory.of("messages"))
                .build());
        int excluded = RuleKernel.bit(Reason.CATEGORY_EXCLUDED);
        int notCovered = RuleKernel.bit(Reason.CATEGORY_NOT_COVERED);
        Map<String, Integer> expected = new LinkedHashMap<>();
        expected.put("content", 0);
        expected.put("content.public", 0);
        expected.put("content.public.videos", 0);
        expected.put("content.public.minors", excluded);
        expected.put("content.public.minors.photos", excluded);
        expected.put("content.groups", 0);
        expected.put("messages", excluded | notCovered);
        expected.put("messages.group", excluded);
        expected.put("messages.group.x", excluded);
        expected.put("profile", notCovered);
        expected.put("contents", notCovered);
        expected.put("content-public", notCovered);
        // Twice: the second answer comes from what the version remembers.
        for (int round = 0; round < 2; round++) {
            for (Map.Entry<String, Integer> e : expected.entrySet()) {
                DataCategory category = DataCategory.of(e.getKey());
                assertEquals(e.getValue(), rules.categoryFailures(category), e.getKey());
                assertEquals(e.getValue() == 0, rules.allows(category), e.getKey());
            }
        }
        assertTrue(rules.allows(DataCategory.of("content.groups")));
        assertFalse(rules.allows(DataCategory.of("content.public.minors.photos")));
        assertFalse(rules.allows(DataCategory.of("messages.group.x")));
        assertFalse(rules.allows(DataCategory.of("contents")));
    }

    @Test
    void shouldAnswerTheSameForACategoryAskedAgainAndForMoreCategoriesThanItRemembers() {
        VersionRules rules = VersionRules.of(PolicyVersion.builder("v3", Instant.EPOCH)
                .defaultBasis(LegalBasis.LEGITIMATE_INTERESTS).allow(DataCategory.CONTENT)
                .neverAllow(DataCategory.of("content.private-groups")).build());
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 600; i++) {
                String under = i % 3 == 0 ? "content.private-groups" : i % 3 == 1 ? "content" : "ads";
                assertEquals(i % 3 == 0 ? RuleKernel.bit(Reason.CATEGORY_EXCLUDED)
                        : i % 3 == 1 ? 0 : RuleKernel.bit(Reason.CATEGORY_NOT_COVERED),
                        rules.categoryFailures(DataCategory.of(under + ".kind-" + i)), under + ".kind-" + i);
            }
        }
    }

    @Test
    void shouldAnswerTheSameForAPlaceAskedAgainAndForMorePlacesThanItRemembers() {
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 600; i++) {
                // Subdivisions of an excluded group's member, of a country with its own basis, and of the default.
                String country = i % 3 == 0 ? "DE" : i % 3 == 1 ? "US" : "JP";
                Jurisdiction place = Jurisdiction.of(country + "-X" + Integer.toString(i, 36).toUpperCase(Locale.ROOT));
                assertEquals(i % 3 == 0 ? null : i % 3 == 1 ? LegalBasis.PUBLIC_TASK : LegalBasis.LEGITIMATE_INTERESTS,
                        RULES.basisFor(place), place.code());
            }
        }
        // A place equal to one already asked about, but another instance, gets the same answer.
        assertNull(RULES.basisFor(Jurisdiction.of("de-x3")));
    }

    @Test
    void shouldKeepTheScopeInAnyUnitAndNoneWithoutOne() {
        VersionRules scoped = VersionRules.of(PolicyVersion.builder("v2", Instant.EPOCH)
                .defaultBasis(LegalBasis.CONSENT).itemsCreatedFrom(Instant.parse("2025-08-28T00:00:00.5Z")).build());

        assertEquals(KernelTime.ALWAYS, RULES.scopeFrom(1));
        assertEquals(1_756_339_200_500_000_000L, scoped.scopeFrom(1));
        assertEquals(1_756_339_201L, scoped.scopeFrom(1_000_000_000L));
    }
}
