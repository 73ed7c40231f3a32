package dev.consentkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Shows that the reason codes are exactly those of the domain, in evaluation order, with two trainable ones last. */
class ReasonTest {

    @Test
    void shouldDeclareTheEighteenCodesInEvaluationOrder() {
        List<String> names = Arrays.stream(Reason.values()).map(Reason::name).collect(Collectors.toList());

        assertEquals(List.of(
                "POLICY_NOT_IN_FORCE",
                "ITEM_NOT_YET_CREATED",
                "ITEM_DELETED",
                "ACCOUNT_CLOSED",
                "ITEM_OUT_OF_SCOPE",
                "CATEGORY_EXCLUDED",
                "CATEGORY_NOT_COVERED",
                "JURISDICTION_UNKNOWN",
                "JURISDICTION_EXCLUDED",
                "AGE_UNKNOWN",
                "MINOR",
                "CREATED_WHILE_MINOR",
                "ITEM_RESERVED",
                "OPTED_OUT",
                "NO_CONSENT",
                "ITEM_BEFORE_CHOICE",
                "ALLOWED_BY_DEFAULT",
                "ALLOWED_OPTED_IN"), names);
    }

    @Test
    void shouldMakeOnlyTheTwoAllowedCodesTrainable() {
        Set<Reason> trainable = Arrays.stream(Reason.values()).filter(Reason::isTrainable)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Reason.class)));

        assertEquals(EnumSet.of(Reason.ALLOWED_BY_DEFAULT, Reason.ALLOWED_OPTED_IN), trainable);
    }

    @Test
    void shouldDescribeEveryReasonInWordsOfItsOwn() {
        Set<String> descriptions = Arrays.stream(Reason.values()).map(Reason::description).collect(Collectors.toSet());

        assertEquals(Reason.values().length, descriptions.size());
        for (Reason reason : Reason.values()) {
            assertFalse(reason.description().isBlank(), reason.name());
        }
    }

    @Test
    void shouldDescribeAnOptOutInPlainWords() {
        assertEquals("the member opted out", Reason.OPTED_OUT.description());
    }
}
