package dev.consentkit.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.common.testing.EqualsTester;
import dev.consentkit.DataCategory;
import dev.consentkit.Jurisdiction;
import org.junit.jupiter.api.Test;

/** Shows how findings, parts and locations read for people, and when they are equal. */
class FindingTest {

    private static final Finding FR = Finding.of(Finding.Severity.WARNING, "the rule for FR of version v1",
            "the rule for FR says what the rule for EU already says for it: excluded", "remove it");

    @Test
    void shouldReadAsOneLineNamingThePartOrTheLocation() {
        assertEquals("the rule for FR of version v1: warning: the rule for FR says what the rule for EU already says for"
                + " it: excluded (remove it)", FR.toString());
        assertEquals("line 12, column 26: warning: the rule for FR says what the rule for EU already says for it:"
                + " excluded (remove it)", FR.at(new Location(12, 26, "$.versions[0]")).toString());
        assertEquals("error", Finding.Severity.ERROR.toString());
    }

    @Test
    void shouldNameEachKindOfPart() {
        assertEquals("version v1", PolicyPart.version("v1").toString());
        assertEquals("the rule for US-CA of version v1", PolicyPart.rule("v1", Jurisdiction.of("us-ca")).toString());
        assertEquals("allowed category content of version v1",
                PolicyPart.allowedCategory("v1", DataCategory.CONTENT).toString());
        assertEquals("never-allowed category content of version v1",
                PolicyPart.neverAllowedCategory("v1", DataCategory.CONTENT).toString());
        assertEquals("minimumAge of version v1", PolicyPart.field("v1", "minimumAge").toString());
    }

    @Test
    void shouldRejectALocationThatCannotBeInADocument() {
        assertThrows(IllegalArgumentException.class, () -> new Location(0, 1, "$"));
        assertThrows(IllegalArgumentException.class, () -> new Location(1, 0, "$"));
        assertThrows(IllegalArgumentException.class, () -> new Location(1, 1, "versions"));
        assertThrows(IllegalArgumentException.class, () -> PolicyPart.field("v1", " "));
        assertEquals("line 3, column 7", new Location(3, 7, "$.id").toString());
    }

    @Test
    void shouldBeEqualByEveryComponent() {
        Location at = new Location(12, 26, "$.versions[0]");
        new EqualsTester()
                .addEqualityGroup(FR, Finding.of(FR.severity(), FR.part(), FR.message(), FR.fix()))
                .addEqualityGroup(FR.at(at), FR.at(new Location(12, 26, "$.versions[0]")))
                .addEqualityGroup(Finding.of(Finding.Severity.ERROR, FR.part(), FR.message(), FR.fix()))
                .addEqualityGroup(PolicyPart.version("v1"), PolicyPart.version("v1"))
                .addEqualityGroup(PolicyPart.field("v1", "id"))
                .addEqualityGroup(PolicyPart.allowedCategory("v1", DataCategory.CONTENT))
                .addEqualityGroup(PolicyPart.neverAllowedCategory("v1", DataCategory.CONTENT))
                .testEquals();
    }
}
