package dev.consentkit.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.consentkit.ConsentChannel;
import dev.consentkit.ConsentEvent;
import dev.consentkit.ConsentHistory;
import dev.consentkit.ContentItem;
import dev.consentkit.DataCategory;
import dev.consentkit.Jurisdiction;
import dev.consentkit.Member;
import dev.consentkit.Purpose;
import dev.consentkit.Reason;
import dev.consentkit.TrainingPolicy;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Shows that a scenario asks the engine the question it holds, live or as known at its audit instant, and prints every value it holds. */
class ScenarioTest {

    private static final TrainingPolicy LINKEDIN = Fixtures.linkedIn();
    private static final Member GERMAN = Member.builder("m-de").birthDate(LocalDate.of(1990, 4, 1))
            .residentIn(Jurisdiction.of("DE"))
            .consent(ConsentEvent.optOut("e-7", Purpose.GENERATIVE_AI_TRAINING, Instant.parse("2025-11-10T00:00:00Z"),
                    Instant.parse("2025-11-10T00:00:05Z"), ConsentChannel.SETTINGS_TOGGLE))
            .build();
    private static final ContentItem POST = ContentItem.of("post-de", "m-de", DataCategory.PUBLIC_CONTENT,
            Instant.parse("2025-03-01T09:30:00Z"));
    private static final Instant AFTER_THE_OPT_OUT = Instant.parse("2025-11-10T00:00:02Z");

    @Test
    void shouldRefuseAMemberWhoIsNotTheItemsAuthor() {
        Member other = Member.builder("m-other").build();

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Scenario.of(LINKEDIN, other, POST, AFTER_THE_OPT_OUT, null));
        assertEquals("content item post-de is authored by member m-de, not by member m-other", e.getMessage());
    }

    @Test
    void shouldReplayAsKnownAtItsAuditInstant() {
        Scenario s = Scenario.of(LINKEDIN, GERMAN, POST, AFTER_THE_OPT_OUT, Instant.parse("2025-11-10T00:00:04Z"));

        assertEquals(Reason.OPTED_OUT, s.evaluate().reason());
        assertEquals(Reason.ALLOWED_BY_DEFAULT, s.replay().reason());
        assertFalse(s.isTrainable());
    }

    @Test
    void shouldReplayAsEvaluateWithoutAnAuditInstant() {
        Scenario s = Scenario.of(LINKEDIN, GERMAN, POST, AFTER_THE_OPT_OUT, null);

        assertEquals(s.evaluate(), s.replay());
        assertEquals(Optional.empty(), s.knownAt());
    }

    @Test
    void shouldNameTheVersionInForce() {
        assertEquals("2025-11", Scenario.of(LINKEDIN, GERMAN, POST, AFTER_THE_OPT_OUT, null).versionInForce().orElseThrow().id());
        assertEquals(Optional.empty(),
                Scenario.of(LINKEDIN, GERMAN, POST, Instant.parse("2024-01-01T00:00:00Z"), null).versionInForce());
    }

    @Test
    void shouldCopyWithOneValueChanged() {
        Scenario s = Scenario.of(LINKEDIN, GERMAN, POST, AFTER_THE_OPT_OUT, null);
        Instant june = Instant.parse("2025-06-01T00:00:00Z");

        assertEquals(Scenario.of(LINKEDIN, GERMAN, POST, june, null), s.withAsOf(june));
        assertEquals(Scenario.of(LINKEDIN, GERMAN, POST, AFTER_THE_OPT_OUT, june), s.withKnownAt(june));
        assertEquals(Reason.JURISDICTION_EXCLUDED, s.withAsOf(june).evaluate().reason());
        assertEquals(Reason.ALLOWED_BY_DEFAULT, s.withMember(GERMAN.withConsent(ConsentHistory.empty())).evaluate().reason());
    }

    @Test
    void shouldPrintEveryValueSoThatItCanBeRebuiltByHand() {
        Scenario s = Scenario.of(LINKEDIN, GERMAN, POST.withDeletedAt(Instant.parse("2026-01-01T00:00:00Z")), AFTER_THE_OPT_OUT,
                Instant.parse("2025-11-10T00:00:04Z"));

        String printed = s.toString();

        assertTrue(printed.startsWith("policy linkedin-genai for ai-training.generative\n"
                + "  version 2024-09 from 2024-09-18T00:00:00Z: default LEGITIMATE_INTERESTS, rules [EU excluded, EEA excluded,"
                + " CH excluded], allow [profile, content.public, content.group, ai.interactions, jobs.saved], never"
                + " [messages.private, account.credentials, account.payment, account.salary, jobs.application], minimum age 18,"
                + " unknown age DENY, leap-day birthdays MARCH_1\n"), printed);
        assertTrue(printed.endsWith("\nmember m-de, born 1990-04-01, open\n"
                + "  in DE as far back as known\n"
                + "  OPT_OUT e-7 for ai-training.generative effective 2025-11-10T00:00:00Z, recorded 2025-11-10T00:00:05Z via"
                + " SETTINGS_TOGGLE\n"
                + "item ContentItem[post-de by m-de, content.public, created 2025-03-01T09:30:00Z, deleted 2026-01-01T00:00:00Z]\n"
                + "asOf 2025-11-10T00:00:02Z, knownAt 2025-11-10T00:00:04Z"), printed);
    }
}
