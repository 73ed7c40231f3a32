package dev.consentkit.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.testing.EqualsTester;
import dev.consentkit.DataCategory;
import dev.consentkit.Jurisdiction;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Shows where the parts of a policy document are found: versions, rules, category entries and fields. */
class PolicyLocationsTest {

    private static PolicyLocations overlapping() throws IOException {
        return PolicyLocations.read(Files.readString(Fixtures.resource("review/overlapping-rules.policy.json")));
    }

    @Test
    void shouldLocateEachVersionRuleCategoryAndFieldByItsId() throws IOException {
        PolicyLocations locations = overlapping();

        assertEquals(Optional.of(new Location(6, 5, "$.versions[0]")), locations.of(PolicyPart.version("v1")));
        assertEquals(Optional.of(new Location(11, 26, "$.versions[0].jurisdictionRules[0].jurisdiction")),
                locations.of(PolicyPart.rule("v1", Jurisdiction.EEA)));
        assertEquals(Optional.of(new Location(18, 40, "$.versions[0].allowedCategories[1]")),
                locations.of(PolicyPart.allowedCategory("v1", DataCategory.PUBLIC_CONTENT)));
        assertEquals(Optional.of(new Location(19, 34, "$.versions[0].neverAllowedCategories[0]")),
                locations.of(PolicyPart.neverAllowedCategory("v1", DataCategory.of("jobs"))));
        assertEquals(Optional.of(new Location(20, 21, "$.versions[0].minimumAge")),
                locations.of(PolicyPart.field("v1", "minimumAge")));
    }

    @Test
    void shouldKeyARuleByTheJurisdictionItsCodeNamesAndACategoryByItsKey() {
        PolicyLocations locations = PolicyLocations.read("{\"versions\": [{\"jurisdictionRules\": [{\"jurisdiction\":"
                + " \"us-ca\"}], \"allowedCategories\": [\"content\"], \"id\": \"v1\"}]}");

        assertEquals("$.versions[0].jurisdictionRules[0].jurisdiction",
                locations.of(PolicyPart.rule("v1", Jurisdiction.of("US-CA"))).orElseThrow().path());
        assertEquals("$.versions[0].allowedCategories[0]",
                locations.of(PolicyPart.allowedCategory("v1", DataCategory.CONTENT)).orElseThrow().path());
    }

    @Test
    void shouldHaveNoLocationForWhatTheDocumentDoesNotHold() throws IOException {
        PolicyLocations locations = overlapping();

        assertEquals(Optional.empty(), locations.of(PolicyPart.field("v1", "itemsCreatedFrom")));
        assertEquals(Optional.empty(), locations.of(PolicyPart.version("v2")));
        assertEquals(Optional.empty(), PolicyLocations.none().of(PolicyPart.version("v1")));
    }

    @Test
    void shouldKeepThePlacesFoundBeforeTextThatIsNotJson() {
        PolicyLocations locations = PolicyLocations.read("{\"versions\": [{\"id\": \"v1\", \"minimumAge\": 18,,");

        assertEquals(Optional.of(new Location(1, 42, "$.versions[0].minimumAge")),
                locations.of(PolicyPart.field("v1", "minimumAge")));
        assertTrue(PolicyLocations.read("not json").asMap().isEmpty());
    }

    @Test
    void shouldSkipALeadingByteOrderMark() {
        PolicyLocations locations = PolicyLocations.read("\uFEFF{\"versions\": [{\"id\": \"v1\"}]}");

        assertEquals(Optional.of(new Location(1, 15, "$.versions[0]")), locations.of(PolicyPart.version("v1")));
    }

    @Test
    void shouldBeEqualWhenTheyLocateTheSamePartsAlike() throws IOException {
        Location at = new Location(1, 1, "$");
        new EqualsTester()
                .addEqualityGroup(overlapping(), overlapping())
                .addEqualityGroup(PolicyLocations.none(), PolicyLocations.of(Map.of()))
                .addEqualityGroup(PolicyLocations.of(Map.of(PolicyPart.version("v1"), at)))
                .testEquals();
    }
}
