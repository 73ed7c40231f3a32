package dev.consentkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Shows that the six GDPR Art. 6(1) bases are named by their article points and only consent is opt-in. */
class LegalBasisTest {

    @Test
    void shouldNameTheSixBasesByTheirArticlePoints() {
        List<String> articles = Arrays.stream(LegalBasis.values()).map(LegalBasis::article).collect(Collectors.toList());

        assertEquals(List.of("6(1)(a)", "6(1)(b)", "6(1)(c)", "6(1)(d)", "6(1)(e)", "6(1)(f)"), articles);
    }

    @Test
    void shouldRequireAnOptInOnlyUnderConsent() {
        Set<LegalBasis> optIn = Arrays.stream(LegalBasis.values()).filter(LegalBasis::requiresOptIn)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(LegalBasis.class)));

        assertEquals(EnumSet.of(LegalBasis.CONSENT), optIn);
    }
}
