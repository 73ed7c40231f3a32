package dev.consentkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.testing.EqualsTester;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Shows what a policy version holds, what its builder starts with, and which versions it refuses to build. */
class PolicyVersionTest {

    private static final Instant FROM = Instant.parse("2025-11-03T00:00:00Z");
    private static final Instant SCOPE = Instant.parse("2025-08-28T00:00:00Z");
    private static final Jurisdiction DE = Jurisdiction.of("DE");
    private static final Jurisdiction CH = Jurisdiction.of("CH");

    private static PolicyVersion.Builder linkedIn() {
        return PolicyVersion.builder("2025-11", FROM)
                .defaultBasis(LegalBasis.LEGITIMATE_INTERESTS)
                .exclude(CH)
                .basis(Jurisdiction.EU, LegalBasis.CONSENT)
                .allow(DataCategory.PROFILE_DETAILS, DataCategory.PUBLIC_CONTENT)
                .neverAllow(DataCategory.PRIVATE_MESSAGES)
                .minimumAge(16)
                .unknownAge(UnknownAge.TREAT_AS_ADULT)
                .itemsCreatedFrom(SCOPE);
    }

    @Test
    void shouldHoldWhatTheBuilderWasGiven() {
        PolicyVersion version = linkedIn().build();

        assertEquals("2025-11", version.id());
        assertEquals(FROM, version.effectiveFrom());
        assertEquals(Optional.of(LegalBasis.LEGITIMATE_INTERESTS), version.defaultBasis());
        assertEquals(List.of(JurisdictionRule.excluded(CH), JurisdictionRule.withBasis(Jurisdiction.EU, LegalBasis.CONSENT)),
                version.jurisdictionRules());
        assertEquals(List.of(DataCategory.PROFILE_DETAILS, DataCategory.PUBLIC_CONTENT),
                List.copyOf(version.allowedCategories()));
        assertEquals(Set.of(DataCategory.PRIVATE_MESSAGES), version.neverAllowedCategories());
        assertEquals(16, version.minimumAge());
        assertEquals(UnknownAge.TREAT_AS_ADULT, version.unknownAge());
        assertEquals(Optional.of(SCOPE), version.itemsCreatedFrom());
    }

    @Test
    void shouldStartWithAdultAgeUnknownAgesDeniedAndNoRulesCategoriesOrScope() {
        PolicyVersion version = PolicyVersion.builder("v1", FROM).defaultBasis(LegalBasis.CONSENT).build();

        assertEquals(18, version.minimumAge());
        assertEquals(PolicyVersion.DEFAULT_MINIMUM_AGE, version.minimumAge());
        assertEquals(UnknownAge.DENY, version.unknownAge());
        assertEquals(List.of(), version.jurisdictionRules());
        assertEquals(Set.of(), version.allowedCategories());
        assertEquals(Set.of(), version.neverAllowedCategories());
        assertEquals(Optional.empty(), version.itemsCreatedFrom());
        assertEquals(false, version.itemsFromMembersChoice());
    }

    @Test
    void shouldCountItemsFromTheMembersChoiceOnlyWhenAsked() {
        PolicyVersion version = linkedIn().itemsFromMembersChoice(true).build();

        assertEquals(true, version.itemsFromMembersChoice());
        assertEquals(true, version.toBuilder("2025-12", FROM.plusSeconds(1)).build().itemsFromMembersChoice());
        assertEquals(false, version.toBuilder("2025-12", FROM.plusSeconds(1)).itemsFromMembersChoice(false).build()
                .itemsFromMembersChoice());
    }

    @Test
    void shouldHaveNoDefaultBasisWhenExcludedByDefault() {
        PolicyVersion version = PolicyVersion.builder("meta-eu", FROM)
                .excludedByDefault()
                .basis(Jurisdiction.EU, LegalBasis.LEGITIMATE_INTERESTS)
                .build();

        assertEquals(Optional.empty(), version.defaultBasis());
    }

    @Test
    void shouldKeepTheLastDefaultCalled() {
        PolicyVersion excluded = PolicyVersion.builder("v1", FROM).defaultBasis(LegalBasis.CONSENT).excludedByDefault()
                .build();
        PolicyVersion consent = PolicyVersion.builder("v1", FROM).excludedByDefault().defaultBasis(LegalBasis.CONSENT)
                .build();

        assertEquals(Optional.empty(), excluded.defaultBasis());
        assertEquals(Optional.of(LegalBasis.CONSENT), consent.defaultBasis());
    }

    @Test
    void shouldRejectAVersionWithNoDefaultSayingWhatToCall() {
        PolicyVersion.Builder builder = PolicyVersion.builder("2025-11", FROM).allow(DataCategory.PUBLIC_CONTENT);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);

        assertEquals("policy version 2025-11 has no default: call defaultBasis(...) or excludedByDefault()",
                e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, -18, Integer.MIN_VALUE})
    void shouldRejectANegativeMinimumAgeShowingIt(int years) {
        PolicyVersion.Builder builder = PolicyVersion.builder("2025-11", FROM);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> builder.minimumAge(years));

        assertEquals("minimum age of policy version 2025-11 must be between 0 and 150 years, not " + years,
                e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {151, 1000, Integer.MAX_VALUE})
    void shouldRejectAMinimumAgeAbove150ShowingIt(int years) {
        PolicyVersion.Builder builder = PolicyVersion.builder("2025-11", FROM);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> builder.minimumAge(years));

        assertTrue(e.getMessage().endsWith("not " + years), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 13, 150})
    void shouldAcceptAMinimumAgeFromZeroTo150(int years) {
        PolicyVersion version = PolicyVersion.builder("v1", FROM).defaultBasis(LegalBasis.CONSENT).minimumAge(years)
                .build();

        assertEquals(years, version.minimumAge());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t"})
    void shouldRejectABlankIdShowingIt(String id) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PolicyVersion.builder(id, FROM));

        assertEquals("policy version id is blank: '" + id + "'", e.getMessage());
    }

    @Test
    void shouldRejectTwoExclusionsOfOneJurisdictionShowingBothRules() {
        PolicyVersion.Builder builder = PolicyVersion.builder("2025-11", FROM).exclude(DE);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> builder.exclude(DE));

        assertEquals("policy version 2025-11 has two rules for DE: 'DE excluded' and 'DE excluded'", e.getMessage());
    }

    @Test
    void shouldRejectAnExclusionAndABasisForOneJurisdiction() {
        PolicyVersion.Builder builder = PolicyVersion.builder("2025-11", FROM).exclude(Jurisdiction.EU);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> builder.basis(Jurisdiction.of("eu"), LegalBasis.CONSENT));

        assertEquals("policy version 2025-11 has two rules for EU: 'EU excluded' and 'EU under CONSENT'", e.getMessage());
    }

    @Test
    void shouldRejectTheSameJurisdictionTwiceInOneExcludeCall() {
        PolicyVersion.Builder builder = PolicyVersion.builder("2025-11", FROM);

        assertThrows(IllegalArgumentException.class, () -> builder.exclude(CH, DE, CH));
    }

    @Test
    void shouldRejectTwoRulesForOneJurisdictionAddedAsRules() {
        PolicyVersion.Builder builder = PolicyVersion.builder("2025-11", FROM)
                .rule(JurisdictionRule.withBasis(DE, LegalBasis.CONSENT));

        assertThrows(IllegalArgumentException.class,
                () -> builder.rule(JurisdictionRule.withBasis(DE, LegalBasis.LEGITIMATE_INTERESTS)));
    }

    @Test
    void shouldAcceptRulesForAGroupAndForOneOfItsMembers() {
        PolicyVersion version = PolicyVersion.builder("2025-11", FROM)
                .defaultBasis(LegalBasis.LEGITIMATE_INTERESTS)
                .exclude(Jurisdiction.EU, Jurisdiction.EEA)
                .basis(DE, LegalBasis.CONSENT)
                .basis(Jurisdiction.of("DE-BY"), LegalBasis.LEGITIMATE_INTERESTS)
                .build();

        assertEquals(4, version.jurisdictionRules().size());
    }

    @Test
    void shouldKeepACategoryGivenTwiceOnce() {
        PolicyVersion version = PolicyVersion.builder("v1", FROM).defaultBasis(LegalBasis.CONSENT)
                .allow(DataCategory.PUBLIC_CONTENT, DataCategory.of("content.public")).build();

        assertEquals(Set.of(DataCategory.PUBLIC_CONTENT), version.allowedCategories());
    }

    @Test
    void shouldDeriveAnEqualVersionFromToBuilderWithTheSameIdAndStart() {
        PolicyVersion version = linkedIn().build();

        assertEquals(version, version.toBuilder("2025-11", FROM).build());
    }

    @Test
    void shouldDeriveTheNextVersionWithItsOwnIdAndStartAndTheSameRules() {
        PolicyVersion version = linkedIn().build();
        Instant next = FROM.plusSeconds(86_400);

        PolicyVersion derived = version.toBuilder("2025-12", next).build();

        assertEquals("2025-12", derived.id());
        assertEquals(next, derived.effectiveFrom());
        assertEquals(version.jurisdictionRules(), derived.jurisdictionRules());
        assertEquals(version.allowedCategories(), derived.allowedCategories());
        assertEquals(version.neverAllowedCategories(), derived.neverAllowedCategories());
        assertEquals(version.defaultBasis(), derived.defaultBasis());
        assertEquals(version.minimumAge(), derived.minimumAge());
        assertEquals(version.unknownAge(), derived.unknownAge());
        assertEquals(version.itemsCreatedFrom(), derived.itemsCreatedFrom());
    }

    @Test
    void shouldKeepAnExcludedDefaultThroughToBuilder() {
        PolicyVersion version = PolicyVersion.builder("v1", FROM).excludedByDefault().build();

        assertEquals(version, version.toBuilder("v1", FROM).build());
    }

    @Test
    void shouldStillRejectADuplicateRuleInABuilderFromToBuilder() {
        PolicyVersion.Builder builder = linkedIn().build().toBuilder("2025-12", FROM.plusSeconds(1));

        assertThrows(IllegalArgumentException.class, () -> builder.exclude(CH));
    }

    @Test
    void shouldLeaveTheOriginalUnchangedWhenTheDerivedBuilderChanges() {
        PolicyVersion version = linkedIn().build();

        version.toBuilder("2025-12", FROM.plusSeconds(1)).exclude(DE).allow(DataCategory.GROUP_CONTENT)
                .neverAllow(DataCategory.SALARY).build();

        assertEquals(linkedIn().build(), version);
    }

    @Test
    void shouldNotChangeWhenItsBuilderChangesAfterBuilding() {
        PolicyVersion.Builder builder = linkedIn();
        PolicyVersion version = builder.build();

        builder.exclude(DE).allow(DataCategory.GROUP_CONTENT).neverAllow(DataCategory.SALARY).minimumAge(21);

        assertEquals(linkedIn().build(), version);
    }

    @Test
    void shouldNotLetCallersChangeItsJurisdictionRules() {
        List<JurisdictionRule> rules = linkedIn().build().jurisdictionRules();

        assertThrows(UnsupportedOperationException.class, () -> rules.add(JurisdictionRule.excluded(DE)));
    }

    @Test
    void shouldNotLetCallersChangeItsAllowedCategories() {
        Set<DataCategory> allowed = linkedIn().build().allowedCategories();

        assertThrows(UnsupportedOperationException.class, () -> allowed.add(DataCategory.PRIVATE_MESSAGES));
    }

    @Test
    void shouldNotLetCallersChangeItsNeverAllowedCategories() {
        Set<DataCategory> neverAllowed = linkedIn().build().neverAllowedCategories();

        assertThrows(UnsupportedOperationException.class, neverAllowed::clear);
    }

    @Test
    void shouldPrintItsIdAndStartAsItsDocumentationShows() {
        assertEquals("PolicyVersion[2025-11 from 2025-11-03T00:00:00Z]", linkedIn().build().toString());
    }

    @Test
    void shouldBeEqualExactlyWhenEveryRuleIsEqual() {
        new EqualsTester()
                .addEqualityGroup(linkedIn().build(), linkedIn().build())
                .addEqualityGroup(linkedIn().build().toBuilder("2025-12", FROM).build())
                .addEqualityGroup(linkedIn().build().toBuilder("2025-11", FROM.plusNanos(1)).build())
                .addEqualityGroup(linkedIn().defaultBasis(LegalBasis.CONSENT).build())
                .addEqualityGroup(linkedIn().excludedByDefault().build())
                .addEqualityGroup(linkedIn().exclude(DE).build())
                .addEqualityGroup(linkedIn().allow(DataCategory.GROUP_CONTENT).build())
                .addEqualityGroup(linkedIn().neverAllow(DataCategory.SALARY).build())
                .addEqualityGroup(linkedIn().minimumAge(18).build())
                .addEqualityGroup(linkedIn().unknownAge(UnknownAge.DENY).build())
                .addEqualityGroup(linkedIn().itemsCreatedFrom(null).build())
                .addEqualityGroup(linkedIn().itemsFromMembersChoice(true).build())
                .testEquals();
    }
}
