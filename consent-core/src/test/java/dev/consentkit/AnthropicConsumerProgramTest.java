package dev.consentkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Walks Anthropic's consumer training program: chats created or resumed from 2025-08-28, used only
 * once the member chose to share them.
 */
class AnthropicConsumerProgramTest {

    private static final TrainingPolicy ANTHROPIC = RealPrograms.anthropicConsumer();

    private static final Instant CHOICE_POINT = Instant.parse("2025-08-28T00:00:00Z");
    private static final Instant OPT_IN_AT = Instant.parse("2025-09-02T10:00:00Z");

    private static final ConsentEvent OPT_IN = ConsentEvent.optIn("c-1", Purpose.AI_TRAINING, OPT_IN_AT,
            OPT_IN_AT, ConsentChannel.SETTINGS_TOGGLE);

    private static final Member UNDECIDED = member("u-1", "US");
    private static final Member OPTED_IN = UNDECIDED.withConsentEvent(OPT_IN);
    private static final ContentItem NEW_CHAT = ContentItem.of("chat-new", "u-1", RealPrograms.CHAT,
            Instant.parse("2025-09-01T16:20:00Z"));

    @Test
    void shouldNotTrainOnChatsOfAMemberWhoHasNotChosen() {
        Decision decision = decide(NEW_CHAT, UNDECIDED, Instant.parse("2025-10-01T00:00:00Z"));

        assertEquals(Reason.NO_CONSENT, decision.reason());
        assertEquals("version 2025-08 needs an opt-in in US by default under CONSENT",
                decision.evidence().description());
    }

    @Test
    void shouldTrainOnAChatCreatedFromTheChoicePointOnceTheMemberOptedIn() {
        Decision decision = decide(NEW_CHAT, OPTED_IN, Instant.parse("2025-10-01T00:00:00Z"));

        assertEquals(Reason.ALLOWED_OPTED_IN, decision.reason());
        assertEquals(Optional.of(OPT_IN), decision.evidence().consentEvent());
    }

    @Test
    void shouldTrainOnAChatCreatedAtTheChoicePointItself() {
        ContentItem firstChat = ContentItem.of("chat-first", "u-1", RealPrograms.CHAT, CHOICE_POINT);

        Decision decision = decide(firstChat, OPTED_IN, Instant.parse("2025-10-01T00:00:00Z"));

        assertEquals(Reason.ALLOWED_OPTED_IN, decision.reason());
    }

    @Test
    void shouldTrainOnACodingSessionOnceTheMemberOptedIn() {
        ContentItem session = ContentItem.of("code-1", "u-1", RealPrograms.CODING_SESSION,
                Instant.parse("2025-09-05T08:00:00Z"));

        Decision decision = decide(session, OPTED_IN, Instant.parse("2025-10-01T00:00:00Z"));

        assertEquals(Reason.ALLOWED_OPTED_IN, decision.reason());
    }

    @Test
    void shouldNotTrainOnAChatCreatedBeforeTheChoicePoint() {
        ContentItem oldChat = ContentItem.of("chat-old", "u-1", RealPrograms.CHAT,
                Instant.parse("2025-08-27T23:59:59Z"));

        Decision decision = decide(oldChat, OPTED_IN, Instant.parse("2025-10-01T00:00:00Z"));

        assertEquals(Reason.ITEM_OUT_OF_SCOPE, decision.reason());
        assertEquals(List.of(Reason.ITEM_OUT_OF_SCOPE), decision.failedChecks());
        assertEquals(Optional.of(CHOICE_POINT), decision.evidence().at());
    }

    @Test
    void shouldTrainOnAnOldChatResumedAfterTheChoicePoint() {
        // The caller passes a resumed chat with its resume instant as createdAt.
        ContentItem resumedChat = ContentItem.of("chat-old", "u-1", RealPrograms.CHAT,
                Instant.parse("2025-09-10T12:00:00Z"));

        Decision decision = decide(resumedChat, OPTED_IN, Instant.parse("2025-10-01T00:00:00Z"));

        assertEquals(Reason.ALLOWED_OPTED_IN, decision.reason());
    }

    @Test
    void shouldNotTrainOnADeletedChatFromItsDeletionOn() {
        Instant deletedAt = Instant.parse("2025-09-20T07:00:00Z");
        ContentItem deletedChat = NEW_CHAT.withDeletedAt(deletedAt);

        Decision decision = decide(deletedChat, OPTED_IN, deletedAt);

        assertEquals(Reason.ITEM_DELETED, decision.reason());
        assertEquals(Optional.of(deletedAt), decision.evidence().at());
    }

    @Test
    void shouldTrainOnAChatUntilItIsDeleted() {
        Instant deletedAt = Instant.parse("2025-09-20T07:00:00Z");
        ContentItem deletedChat = NEW_CHAT.withDeletedAt(deletedAt);

        Decision decision = decide(deletedChat, OPTED_IN, deletedAt.minusNanos(1));

        assertEquals(Reason.ALLOWED_OPTED_IN, decision.reason());
    }

    @Test
    void shouldStopTrainingFromALaterOptOutOn() {
        ConsentEvent optOut = ConsentEvent.optOut("c-2", Purpose.AI_TRAINING, Instant.parse("2025-11-01T00:00:00Z"),
                Instant.parse("2025-11-01T00:00:00Z"), ConsentChannel.SETTINGS_TOGGLE);
        Member optedOutLater = OPTED_IN.withConsentEvent(optOut);

        Decision decision = decide(NEW_CHAT, optedOutLater, optOut.effectiveAt());

        assertEquals(Reason.OPTED_OUT, decision.reason());
        assertEquals(Optional.of(optOut), decision.evidence().consentEvent());
    }

    @Test
    void shouldKeepUseBeforeALaterOptOutAllowed() {
        ConsentEvent optOut = ConsentEvent.optOut("c-2", Purpose.AI_TRAINING, Instant.parse("2025-11-01T00:00:00Z"),
                Instant.parse("2025-11-01T00:00:00Z"), ConsentChannel.SETTINGS_TOGGLE);
        Member optedOutLater = OPTED_IN.withConsentEvent(optOut);

        Decision decision = decide(NEW_CHAT, optedOutLater, Instant.parse("2025-10-31T23:59:59Z"));

        assertEquals(Reason.ALLOWED_OPTED_IN, decision.reason());
    }

    @Test
    void shouldNotTrainBeforeTheMemberOptsIn() {
        Decision decision = decide(NEW_CHAT, OPTED_IN, OPT_IN_AT.minusNanos(1));

        assertEquals(Reason.NO_CONSENT, decision.reason());
    }

    @ParameterizedTest
    @ValueSource(strings = {"DE", "GB", "JP", "BR", "US-CA"})
    void shouldNeedAnOptInEverywhere(String place) {
        Member member = member("u-1", place);

        Decision decision = decide(NEW_CHAT, member, Instant.parse("2025-10-01T00:00:00Z"));

        assertEquals(Reason.NO_CONSENT, decision.reason());
    }

    @Test
    void shouldNotTrainOnChatsOfAMinorWhoOptedIn() {
        Member minor = Member.builder("u-1").birthDate(LocalDate.of(2008, 12, 24)).residentIn(Jurisdiction.of("US"))
                .consent(OPT_IN).build();

        Decision decision = decide(NEW_CHAT, minor, Instant.parse("2025-10-01T00:00:00Z"));

        assertEquals(Reason.MINOR, decision.reason());
    }

    // Anthropic's published texts say nothing about reopening a closed consumer account; these tests
    // follow ConsentKit's own rule: nothing is used while the account is closed, and the member's
    // choice, made once, still holds when the account is open again.

    @Test
    void shouldNotTrainOnChatsWhileTheAccountIsClosed() {
        Member closed = OPTED_IN.toBuilder().closure(AccountClosure.between(Instant.parse("2025-09-10T00:00:00Z"),
                Instant.parse("2025-10-10T00:00:00Z"))).build();

        Decision decision = decide(NEW_CHAT, closed, Instant.parse("2025-09-15T00:00:00Z"));

        assertEquals(Reason.ACCOUNT_CLOSED, decision.reason());
        assertEquals(List.of(Reason.ACCOUNT_CLOSED), decision.failedChecks());
    }

    @Test
    void shouldTrainOnChatsAgainUnderTheEarlierOptInOnceReopened() {
        Member reopened = OPTED_IN.toBuilder().closure(AccountClosure.between(Instant.parse("2025-09-10T00:00:00Z"),
                Instant.parse("2025-10-10T00:00:00Z"))).build();

        Decision decision = decide(NEW_CHAT, reopened, Instant.parse("2025-10-10T00:00:00Z"));

        assertEquals(Reason.ALLOWED_OPTED_IN, decision.reason());
        assertEquals(Optional.of(OPT_IN), decision.evidence().consentEvent());
    }

    private static Member member(String id, String place) {
        return Member.builder(id).birthDate(LocalDate.of(1994, 7, 9)).residentIn(Jurisdiction.of(place)).build();
    }

    /** Evaluates, and checks that the fast answer agrees with the explained one. */
    private static Decision decide(ContentItem item, Member member, Instant asOf) {
        Decision decision = ANTHROPIC.evaluate(item, member, asOf);
        assertEquals(decision.trainable(), ANTHROPIC.isTrainable(item, member, asOf),
                () -> "isTrainable disagrees with " + decision);
        return decision;
    }
}
