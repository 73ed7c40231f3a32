package dev.consentkit.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.consentkit.DataCategory;
import dev.consentkit.Jurisdiction;
import dev.consentkit.LegalBasis;
import dev.consentkit.Member;
import dev.consentkit.PolicyVersion;
import dev.consentkit.Purpose;
import dev.consentkit.TrainingPolicy;
import dev.consentkit.UnknownAge;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Shows which facts the peer encodings read from a policy, and that a policy needing more is refused. */
class PolicyFactsTest {

    private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");

    @Test
    void shouldReadTheExcludedCountriesSorted() {
        assertEquals(List.of("BR", "CH", "DE", "FR"), PolicyFacts.of(Sample.policy()).excludedCountries());
    }

    @Test
    void shouldReadTheNeverAllowedCategoriesSorted() {
        assertEquals(List.of("account", "jobs.application", "messages.private"),
                PolicyFacts.of(Sample.policy()).neverAllowedCategories());
    }

    @Test
    void shouldCountChoicesForThePolicyPurposeAndEveryBroaderOne() {
        assertEquals(List.of("ai-training.generative", "ai-training"), PolicyFacts.of(Sample.policy()).coveringPurposes());
    }

    @Test
    void shouldRefuseAPolicyThatChecksAges() {
        PolicyVersion adultsOnly = encodable().minimumAge(18).build();

        assertThrows(IllegalArgumentException.class, () -> PolicyFacts.of(policy(adultsOnly)));
    }

    @Test
    void shouldRefuseAPolicyThatNeedsAnOptIn() {
        PolicyVersion consent = encodable().defaultBasis(LegalBasis.CONSENT).build();

        assertThrows(IllegalArgumentException.class, () -> PolicyFacts.of(policy(consent)));
    }

    @Test
    void shouldRefuseAPolicyThatExcludesAGroupOfCountries() {
        PolicyVersion noEu = encodable().exclude(Jurisdiction.EU).build();

        assertThrows(IllegalArgumentException.class, () -> PolicyFacts.of(policy(noEu)));
    }

    @Test
    void shouldRefuseAPolicyWithAnItemScope() {
        PolicyVersion newItemsOnly = encodable().itemsCreatedFrom(START).build();

        assertThrows(IllegalArgumentException.class, () -> PolicyFacts.of(policy(newItemsOnly)));
    }

    @Test
    void shouldRefuseAPolicyWithSeveralVersions() {
        TrainingPolicy twoVersions = TrainingPolicy.builder("two", Purpose.GENERATIVE_AI_TRAINING)
                .version(encodable().build())
                .version(encodable().build().toBuilder("2025-01", Instant.parse("2025-01-01T00:00:00Z")).build())
                .build();

        assertThrows(IllegalArgumentException.class, () -> PolicyFacts.of(twoVersions));
    }

    @Test
    void shouldRefuseAMemberWhoseJurisdictionIsUnknown() {
        Member nowhere = Member.builder("m-1").build();

        assertThrows(IllegalArgumentException.class, () -> PolicyFacts.jurisdictionCode(nowhere, START));
    }

    private static PolicyVersion.Builder encodable() {
        return PolicyVersion.builder("2024-01", START)
                .defaultBasis(LegalBasis.LEGITIMATE_INTERESTS)
                .allow(DataCategory.CONTENT)
                .minimumAge(0)
                .unknownAge(UnknownAge.TREAT_AS_ADULT);
    }

    private static TrainingPolicy policy(PolicyVersion version) {
        return TrainingPolicy.builder("p", Purpose.GENERATIVE_AI_TRAINING).version(version).build();
    }
}
