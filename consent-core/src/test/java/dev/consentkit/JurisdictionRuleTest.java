package dev.consentkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.testing.EqualsTester;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Shows that a jurisdiction rule either excludes its jurisdiction or names a basis there, and how it prints. */
class JurisdictionRuleTest {

    private static final Jurisdiction DE = Jurisdiction.of("DE");
    private static final Jurisdiction GB = Jurisdiction.of("GB");

    @Test
    void shouldExcludeWithNoBasis() {
        JurisdictionRule rule = JurisdictionRule.excluded(DE);

        assertTrue(rule.isExcluded());
        assertEquals(Optional.empty(), rule.basis());
    }

    @Test
    void shouldNotExcludeWhenItNamesABasis() {
        JurisdictionRule rule = JurisdictionRule.withBasis(GB, LegalBasis.LEGITIMATE_INTERESTS);

        assertFalse(rule.isExcluded());
        assertEquals(Optional.of(LegalBasis.LEGITIMATE_INTERESTS), rule.basis());
    }

    @Test
    void shouldPrintAnExclusionAsItsDocumentationShows() {
        assertEquals("DE excluded", JurisdictionRule.excluded(DE).toString());
    }

    @Test
    void shouldPrintABasisAsItsDocumentationShows() {
        assertEquals("GB under LEGITIMATE_INTERESTS", JurisdictionRule.withBasis(GB, LegalBasis.LEGITIMATE_INTERESTS)
                .toString());
    }

    @Test
    void shouldBeEqualExactlyWhenJurisdictionAndBasisAreEqual() {
        new EqualsTester()
                .addEqualityGroup(JurisdictionRule.excluded(DE), new JurisdictionRule(Jurisdiction.of("de"), null))
                .addEqualityGroup(JurisdictionRule.excluded(GB))
                .addEqualityGroup(JurisdictionRule.withBasis(DE, LegalBasis.CONSENT),
                        new JurisdictionRule(DE, LegalBasis.CONSENT))
                .addEqualityGroup(JurisdictionRule.withBasis(DE, LegalBasis.PUBLIC_TASK))
                .testEquals();
    }
}
