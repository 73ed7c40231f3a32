package dev.consentkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Shows what the one membership table of the EU and the EEA holds, and how subdivisions follow it. */
class EuropeanUnionMembershipTest {

    @Test
    void shouldHoldTwentySevenMemberStatesThreeMoreInTheEeaAndSevenTerritories() {
        assertEquals(27, EuropeanUnionMembership.EU_MEMBER_STATES.size());
        assertEquals(Set.of("IS", "LI", "NO"), EuropeanUnionMembership.EEA_ONLY_MEMBER_STATES);
        assertEquals(Set.of("GP", "MQ", "GF", "RE", "YT", "MF", "AX"), EuropeanUnionMembership.EU_TERRITORIES);
    }

    @Test
    void shouldListEveryPlaceOnce() {
        Set<String> all = new HashSet<>(EuropeanUnionMembership.EU_MEMBER_STATES);

        assertTrue(all.addAll(EuropeanUnionMembership.EEA_ONLY_MEMBER_STATES));
        assertTrue(all.addAll(EuropeanUnionMembership.EU_TERRITORIES));
        assertEquals(27 + 3 + 7, all.size());
    }

    @Test
    void shouldUseOnlyCodesTheJdkKnowsAsIsoCountries() {
        Set<String> iso = Set.of(Locale.getISOCountries());

        assertTrue(iso.containsAll(EuropeanUnionMembership.EU_MEMBER_STATES));
        assertTrue(iso.containsAll(EuropeanUnionMembership.EEA_ONLY_MEMBER_STATES));
        assertTrue(iso.containsAll(EuropeanUnionMembership.EU_TERRITORIES));
        assertTrue(iso.containsAll(Set.of("BL", "PM", "NC", "PF", "WF", "TF", "GL", "AW", "CW", "SX", "BQ", "FO", "SJ")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"FR-971", "FR-972", "FR-973", "FR-974", "FR-976", "FR-MF", "FI-01", "ES-CN", "PT-20",
        "PT-30", "FR-75"})
    void shouldPutASubdivisionOfAMemberStateInTheEuAndTheEea(String code) {
        assertTrue(EuropeanUnionMembership.isInEu(code));
        assertTrue(EuropeanUnionMembership.isInEea(code));
    }

    @ParameterizedTest
    @ValueSource(strings = {"FR-BL", "FR-PM", "FR-NC", "FR-PF", "FR-WF", "FR-TF", "NL-AW", "NL-CW", "NL-SX", "NL-BQ1",
        "NL-BQ2", "NL-BQ3", "NO-21"})
    void shouldPutAMemberStatesSubdivisionForATerritoryOutsideInNeitherGroup(String code) {
        assertFalse(EuropeanUnionMembership.isInEu(code));
        assertFalse(EuropeanUnionMembership.isInEea(code));
    }

    @Test
    void shouldKeepJanMayenInTheEeaAsAPartOfNorway() {
        assertFalse(EuropeanUnionMembership.isInEu("NO-22"));
        assertTrue(EuropeanUnionMembership.isInEea("NO-22"));
    }
}
