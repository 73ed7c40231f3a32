package dev.consentkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.testing.EqualsTester;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Shows how jurisdiction codes are checked and normalised, which are shared and which are not kept,
 * and which jurisdictions contain which, the territories of the EU and the EEA among them.
 */
class JurisdictionTest {

    private static final Jurisdiction DE = Jurisdiction.of("DE");
    private static final Jurisdiction FR = Jurisdiction.of("FR");
    private static final Jurisdiction FR_75 = Jurisdiction.of("FR-75");
    private static final Jurisdiction US = Jurisdiction.of("US");
    private static final Jurisdiction US_CA = Jurisdiction.of("US-CA");
    private static final Jurisdiction US_NY = Jurisdiction.of("US-NY");

    private static final LocalDate ADULT = LocalDate.of(1990, 4, 1);
    private static final Instant AS_OF = Instant.parse("2026-06-01T00:00:00Z");
    private static final ContentItem POST = ContentItem.of("post-1", "m-1", DataCategory.PUBLIC_CONTENT,
            Instant.parse("2026-02-01T12:00:00Z"));

    private static final Set<String> EU_27 = Set.of("AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE",
            "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE");

    @Test
    void shouldMakeATwoLetterCodeACountry() {
        assertEquals(Jurisdiction.Kind.COUNTRY, DE.kind());
        assertEquals("DE", DE.code());
        assertFalse(DE.isGroup());
    }

    @Test
    void shouldMakeACountryItsOwnCountry() {
        assertSame(DE, DE.country().orElseThrow());
    }

    @Test
    void shouldMakeACodeWithAHyphenASubdivisionOfItsCountry() {
        assertEquals(Jurisdiction.Kind.SUBDIVISION, US_CA.kind());
        assertSame(US, US_CA.country().orElseThrow());
        assertFalse(US_CA.isGroup());
    }

    @Test
    void shouldMakeEuAndEeaGroupsWithNoCountry() {
        assertEquals(Jurisdiction.Kind.GROUP, Jurisdiction.EU.kind());
        assertEquals(Jurisdiction.Kind.GROUP, Jurisdiction.EEA.kind());
        assertTrue(Jurisdiction.EU.isGroup());
        assertEquals(Optional.empty(), Jurisdiction.EU.country());
        assertEquals(Optional.empty(), Jurisdiction.EEA.country());
    }

    @Test
    void shouldReturnTheGroupConstantsForTheirCodes() {
        assertSame(Jurisdiction.EU, Jurisdiction.of("EU"));
        assertSame(Jurisdiction.EEA, Jurisdiction.of("EEA"));
    }

    @Test
    void shouldNormaliseALowerCaseCountryToUpperCase() {
        assertSame(DE, Jurisdiction.of("de"));
        assertEquals("DE", Jurisdiction.of("de").code());
    }

    @Test
    void shouldNormaliseAMixedCaseSubdivision() {
        assertEquals(US_CA, Jurisdiction.of("us-Ca"));
        assertEquals("US-CA", Jurisdiction.of("us-Ca").code());
    }

    @Test
    void shouldNormaliseALowerCaseGroup() {
        assertSame(Jurisdiction.EU, Jurisdiction.of("eu"));
        assertSame(Jurisdiction.EEA, Jurisdiction.of("eea"));
    }

    @Test
    void shouldReturnEqualInstancesThatNothingKeepsForASubdivisionNoPolicyNames() {
        Jurisdiction first = Jurisdiction.of("MX-UN1");
        Jurisdiction second = Jurisdiction.of("mx-un1");

        assertEquals(first, second);
        assertEquals(first.hashCode(), second.hashCode());
        assertNotSame(first, second);
        assertFalse(Jurisdiction.isInterned("MX-UN1"));
        assertSame(Jurisdiction.of("MX"), first.country().orElseThrow());
    }

    @Test
    void shouldKeepOneSharedInstancePerCountry() {
        Jurisdiction bhutan = Jurisdiction.of("bt");

        assertTrue(Jurisdiction.isInterned("BT"));
        assertSame(bhutan, Jurisdiction.of("BT"));
    }

    @Test
    void shouldReturnTheSharedInstanceOnceAPolicyNamesTheSubdivision() {
        Jurisdiction before = Jurisdiction.of("MX-NL2");
        assertFalse(Jurisdiction.isInterned("MX-NL2"));

        PolicyVersion version = PolicyVersion.builder("v1", Instant.EPOCH).excludedByDefault()
                .basis(before, LegalBasis.CONSENT).build();

        Jurisdiction named = version.jurisdictionRules().get(0).jurisdiction();
        assertTrue(Jurisdiction.isInterned("MX-NL2"));
        assertSame(named, Jurisdiction.of("mx-nl2"));
        assertEquals(before, named);
    }

    @Test
    void shouldDecideAMemberWhosePlaceWasReadBeforeThePolicyNamedIt() {
        Jurisdiction readEarly = Jurisdiction.of("MX-RE1");
        Member member = Member.builder("m-1").birthDate(ADULT).residentIn(readEarly).build();
        Member inItsCountry = Member.builder("m-1").birthDate(ADULT).residentIn(Jurisdiction.of("MX-RE2")).build();

        TrainingPolicy policy = TrainingPolicy.builder("mx", Purpose.GENERATIVE_AI_TRAINING)
                .version(PolicyVersion.builder("v1", Instant.EPOCH)
                        .excludedByDefault()
                        .allow(DataCategory.PUBLIC_CONTENT)
                        .basis(Jurisdiction.of("MX"), LegalBasis.LEGITIMATE_INTERESTS)
                        .exclude(Jurisdiction.of("MX-RE1"))
                        .build())
                .build();

        assertNotSame(Jurisdiction.of("MX-RE1"), readEarly);
        assertEquals(Reason.JURISDICTION_EXCLUDED, policy.evaluate(POST, member, AS_OF).reason());
        assertFalse(policy.isTrainable(POST, member, AS_OF));
        assertEquals(Reason.ALLOWED_BY_DEFAULT, policy.evaluate(POST, inItsCountry, AS_OF).reason());
        assertTrue(policy.isTrainable(POST, inItsCountry, AS_OF));
    }

    @Test
    void shouldAcceptASubdivisionWithDigits() {
        assertSame(FR, FR_75.country().orElseThrow());
        assertEquals("FR-75", FR_75.code());
    }

    @Test
    void shouldListTheTwentySevenMemberStatesOfTheEu() {
        Set<String> codes = Jurisdiction.EU.members().stream().map(Jurisdiction::code).collect(Collectors.toSet());

        assertEquals(EU_27, codes);
    }

    @Test
    void shouldListTheEuPlusIcelandLiechtensteinAndNorwayAsTheEea() {
        Set<String> expected = new HashSet<>(EU_27);
        expected.addAll(Set.of("IS", "LI", "NO"));

        Set<String> codes = Jurisdiction.EEA.members().stream().map(Jurisdiction::code).collect(Collectors.toSet());

        assertEquals(expected, codes);
    }

    @Test
    void shouldListGroupMembersSortedByCode() {
        List<String> codes = Jurisdiction.EEA.members().stream().map(Jurisdiction::code).collect(Collectors.toList());
        List<String> sorted = new ArrayList<>(codes);
        sorted.sort(null);

        assertEquals(sorted, codes);
    }

    @Test
    void shouldListNoMembersForACountryOrSubdivision() {
        assertTrue(DE.members().isEmpty());
        assertTrue(US_CA.members().isEmpty());
    }

    @Test
    void shouldNotLetCallersChangeTheMembersOfAGroup() {
        Set<Jurisdiction> members = Jurisdiction.EU.members();

        assertThrows(UnsupportedOperationException.class, () -> members.add(Jurisdiction.of("CH")));
    }

    @Test
    void shouldContainItsMemberStatesInTheEu() {
        assertTrue(Jurisdiction.EU.contains(DE));
        assertTrue(Jurisdiction.EU.contains(FR));
    }

    @Test
    void shouldContainSubdivisionsOfMemberStatesInTheEu() {
        assertTrue(Jurisdiction.EU.contains(FR_75));
    }

    @Test
    void shouldNotContainNorwaySwitzerlandOrBritainInTheEu() {
        assertFalse(Jurisdiction.EU.contains(Jurisdiction.of("NO")));
        assertFalse(Jurisdiction.EU.contains(Jurisdiction.of("CH")));
        assertFalse(Jurisdiction.EU.contains(Jurisdiction.of("GB")));
    }

    @Test
    void shouldContainTheEuMembersAndIcelandLiechtensteinAndNorwayInTheEea() {
        assertTrue(Jurisdiction.EEA.contains(DE));
        assertTrue(Jurisdiction.EEA.contains(FR_75));
        assertTrue(Jurisdiction.EEA.contains(Jurisdiction.of("IS")));
        assertTrue(Jurisdiction.EEA.contains(Jurisdiction.of("LI")));
        assertTrue(Jurisdiction.EEA.contains(Jurisdiction.of("NO")));
    }

    @Test
    void shouldContainTheEuInTheEeaButNotTheEeaInTheEu() {
        assertTrue(Jurisdiction.EEA.contains(Jurisdiction.EU));
        assertFalse(Jurisdiction.EU.contains(Jurisdiction.EEA));
    }

    @Test
    void shouldNotContainSwitzerlandOrBritainInTheEea() {
        assertFalse(Jurisdiction.EEA.contains(Jurisdiction.of("CH")));
        assertFalse(Jurisdiction.EEA.contains(Jurisdiction.of("GB")));
    }

    @Test
    void shouldNotContainSubdivisionsOfANonMemberInAGroup() {
        assertFalse(Jurisdiction.EU.contains(US_CA));
        assertFalse(Jurisdiction.EEA.contains(Jurisdiction.of("CH-ZH")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"GP", "MQ", "GF", "RE", "YT", "MF", "AX"})
    void shouldContainTheTerritoriesWithCodesOfTheirOwnInTheEuAndTheEea(String code) {
        Jurisdiction territory = Jurisdiction.of(code);

        assertEquals(Jurisdiction.Kind.COUNTRY, territory.kind());
        assertTrue(Jurisdiction.EU.contains(territory));
        assertTrue(Jurisdiction.EEA.contains(territory));
    }

    @ParameterizedTest
    @ValueSource(strings = {"BL", "PM", "NC", "PF", "WF", "TF", "GL", "AW", "CW", "SX", "BQ", "FO"})
    void shouldContainOverseasCountriesAndTerritoriesInNeitherTheEuNorTheEea(String code) {
        Jurisdiction territory = Jurisdiction.of(code);

        assertFalse(Jurisdiction.EU.contains(territory));
        assertFalse(Jurisdiction.EEA.contains(territory));
    }

    @Test
    void shouldContainSvalbardAndJanMayenInNeitherTheEeaNorTheEu() {
        Jurisdiction svalbardAndJanMayen = Jurisdiction.of("SJ");

        assertFalse(Jurisdiction.EEA.contains(svalbardAndJanMayen));
        assertFalse(Jurisdiction.EU.contains(svalbardAndJanMayen));
        assertFalse(Jurisdiction.EEA.contains(Jurisdiction.of("NO-21")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"IS", "LI", "NO"})
    void shouldContainIcelandLiechtensteinAndNorwayInTheEeaButNotTheEu(String code) {
        Jurisdiction state = Jurisdiction.of(code);

        assertTrue(Jurisdiction.EEA.contains(state));
        assertFalse(Jurisdiction.EU.contains(state));
    }

    @ParameterizedTest
    @ValueSource(strings = {"FR-971", "FR-976", "FI-01", "ES-CN", "PT-20"})
    void shouldContainTheSubdivisionsForEuTerritoriesInTheEuAsTheirCountries(String code) {
        assertTrue(Jurisdiction.EU.contains(Jurisdiction.of(code)));
        assertTrue(Jurisdiction.EEA.contains(Jurisdiction.of(code)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"FR-PF", "FR-NC", "FR-BL", "NL-AW", "NL-BQ1"})
    void shouldContainTheSubdivisionsForOverseasTerritoriesInNeitherGroupThoughTheirCountryIs(String code) {
        Jurisdiction territory = Jurisdiction.of(code);

        assertFalse(Jurisdiction.EU.contains(territory));
        assertFalse(Jurisdiction.EEA.contains(territory));
        assertTrue(territory.country().orElseThrow().contains(territory));
    }

    @Test
    void shouldListNoTerritoryAmongTheMemberStatesItContains() {
        Jurisdiction guadeloupe = Jurisdiction.of("GP");

        assertTrue(Jurisdiction.EU.contains(guadeloupe));
        assertFalse(Jurisdiction.EU.members().contains(guadeloupe));
        assertFalse(Jurisdiction.EEA.members().contains(Jurisdiction.of("AX")));
    }

    @ParameterizedTest(name = "{0} as {1}")
    @CsvSource({"GP, FR-971", "MQ, FR-972", "GF, FR-973", "RE, FR-974", "YT, FR-976", "MF, FR-MF", "AX, FI-01"})
    void shouldDenyAMemberInAnEuTerritoryUnderAnEuExclusionExactlyAsUnderItsSubdivisionCode(String code,
            String subdivision) {
        TrainingPolicy policy = excludingTheEu();
        Member byCode = Member.builder("m-1").birthDate(ADULT).residentIn(Jurisdiction.of(code)).build();
        Member bySubdivision = Member.builder("m-1").birthDate(ADULT).residentIn(Jurisdiction.of(subdivision)).build();

        Decision decidedByCode = policy.evaluate(POST, byCode, AS_OF);
        Decision decidedBySubdivision = policy.evaluate(POST, bySubdivision, AS_OF);

        assertFalse(policy.isTrainable(POST, byCode, AS_OF));
        assertFalse(policy.isTrainable(POST, bySubdivision, AS_OF));
        assertEquals(Reason.JURISDICTION_EXCLUDED, decidedByCode.reason());
        assertEquals(decidedBySubdivision.failedChecks(), decidedByCode.failedChecks());
        assertEquals("version 2026-01 excludes " + code + " by its rule for EU",
                decidedByCode.evidence().description());
    }

    @ParameterizedTest
    @ValueSource(strings = {"BL", "PM", "NC", "PF", "WF", "TF", "SJ", "FR-PF", "NL-AW"})
    void shouldAllowAMemberInATerritoryOutsideTheEuUnderAnEuExclusion(String code) {
        Member member = Member.builder("m-1").birthDate(ADULT).residentIn(Jurisdiction.of(code)).build();

        assertEquals(Reason.ALLOWED_BY_DEFAULT, excludingTheEu().evaluate(POST, member, AS_OF).reason());
    }

    private static TrainingPolicy excludingTheEu() {
        return TrainingPolicy.builder("eu-excluded", Purpose.GENERATIVE_AI_TRAINING)
                .version(PolicyVersion.builder("2026-01", Instant.parse("2026-01-01T00:00:00Z"))
                        .defaultBasis(LegalBasis.LEGITIMATE_INTERESTS)
                        .allow(DataCategory.PUBLIC_CONTENT)
                        .exclude(Jurisdiction.EU)
                        .build())
                .build();
    }

    @Test
    void shouldContainItselfWhateverItsKind() {
        assertTrue(Jurisdiction.EU.contains(Jurisdiction.EU));
        assertTrue(DE.contains(DE));
        assertTrue(US_CA.contains(US_CA));
    }

    @Test
    void shouldNotContainTheEeaInTheEu() {
        assertFalse(Jurisdiction.EU.contains(Jurisdiction.EEA));
    }

    @Test
    void shouldContainItsOwnSubdivisionsInACountry() {
        assertTrue(US.contains(US_CA));
        assertTrue(FR.contains(FR_75));
    }

    @Test
    void shouldNotContainAnotherCountryOrItsSubdivisionsInACountry() {
        assertFalse(DE.contains(FR));
        assertFalse(DE.contains(FR_75));
    }

    @Test
    void shouldNotContainAGroupInACountry() {
        assertFalse(DE.contains(Jurisdiction.EU));
    }

    @Test
    void shouldNotContainItsCountryInASubdivision() {
        assertFalse(US_CA.contains(US));
    }

    @Test
    void shouldNotContainASiblingInASubdivision() {
        assertFalse(US_CA.contains(US_NY));
    }

    @Test
    void shouldNotContainAGroupInASubdivision() {
        assertFalse(FR_75.contains(Jurisdiction.EU));
    }

    @Test
    void shouldRejectUkPointingToGb() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Jurisdiction.of("UK"));

        assertTrue(e.getMessage().contains("'UK'"), e.getMessage());
        assertTrue(e.getMessage().contains("'GB'"), e.getMessage());
    }

    @Test
    void shouldRejectLowerCaseUkPointingToGb() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Jurisdiction.of("uk"));

        assertTrue(e.getMessage().contains("'uk'"), e.getMessage());
        assertTrue(e.getMessage().contains("'GB'"), e.getMessage());
    }

    @Test
    void shouldRejectASubdivisionOfUkPointingToGb() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Jurisdiction.of("UK-ENG"));

        assertTrue(e.getMessage().contains("'UK-ENG'"), e.getMessage());
        assertTrue(e.getMessage().contains("'GB'"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"XX", "xx", "D", "d", "DEU", "deu", "", " ", "DE ", "1", "EU-1", "eea-no", "US-", "us-",
        "US-TOOLONG", "US-C A", "US-ÇA", "-CA", "US--CA", "XX-CA", "DE-BY-1"})
    void shouldRejectAnUnknownCodeShowingIt(String code) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Jurisdiction.of(code));

        assertTrue(e.getMessage().contains("unknown jurisdiction code '" + code + "'"), e.getMessage());
    }

    @Test
    void shouldSayAGroupHasNoSubdivisions() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Jurisdiction.of("EU-1"));

        assertTrue(e.getMessage().contains("a group has no subdivisions"), e.getMessage());
    }

    @Test
    void shouldSayWhatAnIsoCountryCodeLooksLike() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Jurisdiction.of("DEU"));

        assertEquals("unknown jurisdiction code 'DEU': expected an ISO 3166-1 alpha-2 country such as 'DE', "
                + "a subdivision such as 'US-CA', or 'EU' or 'EEA'", e.getMessage());
    }

    @Test
    void shouldSayWhatASubdivisionCodeLooksLike() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Jurisdiction.of("US-TOOLONG"));

        assertEquals("unknown jurisdiction code 'US-TOOLONG': a subdivision code is a country, a hyphen and one to "
                + "three letters or digits, such as 'US-CA'", e.getMessage());
    }

    @Test
    void shouldPrintItsCode() {
        assertEquals("US-CA", Jurisdiction.of("us-ca").toString());
        assertEquals("EEA", Jurisdiction.EEA.toString());
    }

    @Test
    void shouldBeEqualExactlyWhenTheNormalisedCodesAreEqual() {
        new EqualsTester()
                .addEqualityGroup(DE, Jurisdiction.of("de"), Jurisdiction.of("De"))
                .addEqualityGroup(US_CA, Jurisdiction.of("us-ca"))
                .addEqualityGroup(US)
                .addEqualityGroup(Jurisdiction.EU, Jurisdiction.of("eu"))
                .addEqualityGroup(Jurisdiction.EEA)
                .testEquals();
    }
}
