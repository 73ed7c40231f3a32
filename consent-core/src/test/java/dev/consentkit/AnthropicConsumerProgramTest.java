package dev.consentkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.consentkit.batch.BatchEvaluator;
import dev.consentkit.batch.ItemColumns;
import dev.consentkit.batch.MemberStore;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Walks Anthropic's consumer training program as its consumer terms and privacy policy describe it
 * from 28 August 2025: the training setting applies to "new or resumed chats and coding sessions",
 * used only once the member chose to share them, and counted from the member's own choice on.
 */
class AnthropicConsumerProgramTest {

    private static final TrainingPolicy ANTHROPIC = RealPrograms.anthropicConsumer();

    private static final Instant PROGRAM_START = Instant.parse("2025-08-28T00:00:00Z");
    // The member deferred the choice and accepted a few days after the program started.
    private static final Instant OPT_IN_AT = Instant.parse("2025-09-02T10:00:00Z");
    private static final Instant LATER = Instant.parse("2025-10-01T00:00:00Z");

    private static final ConsentEvent OPT_IN = ConsentEvent.optIn("c-1", Purpose.AI_TRAINING, OPT_IN_AT,
            OPT_IN_AT, ConsentChannel.SETTINGS_TOGGLE);

    private static final Member UNDECIDED = member("u-1", "US");
    private static final Member OPTED_IN = UNDECIDED.withConsentEvent(OPT_IN);
    private static final ContentItem NEW_CHAT = ContentItem.of("chat-new", "u-1", RealPrograms.CHAT,
            Instant.parse("2025-09-03T16:20:00Z"));
    // Created after the program started, but before this member's own choice.
    private static final ContentItem EARLIER_CHAT = ContentItem.of("chat-earlier", "u-1", RealPrograms.CHAT,
            Instant.parse("2025-09-01T16:20:00Z"));

    @Test
    void shouldNotTrainOnChatsOfAMemberWhoHasNotChosen() {
        Decision decision = decide(NEW_CHAT, UNDECIDED, LATER);

        assertEquals(Reason.NO_CONSENT, decision.reason());
        assertEquals(List.of(Reason.NO_CONSENT), decision.failedChecks());
        assertEquals("version 2025-08 needs an opt-in in US by default under CONSENT",
                decision.evidence().description());
    }

    @Test
    void shouldTrainOnAChatCreatedAfterTheMembersOptIn() {
        Decision decision = decide(NEW_CHAT, OPTED_IN, LATER);

        assertEquals(Reason.ALLOWED_OPTED_IN, decision.reason());
        assertEquals(Optional.of(OPT_IN), decision.evidence().consentEvent());
    }

    @Test
    void shouldTrainOnAChatCreatedAtTheOptInItself() {
        ContentItem chat = ContentItem.of("chat-at", "u-1", RealPrograms.CHAT, OPT_IN_AT);

        assertEquals(Reason.ALLOWED_OPTED_IN, decide(chat, OPTED_IN, LATER).reason());
    }

    @Test
    void shouldNotTrainOnAChatCreatedBeforeTheMembersOwnChoiceNamingTheChoice() {
        Decision decision = decide(EARLIER_CHAT, OPTED_IN, LATER);

        assertEquals(Reason.ITEM_BEFORE_CHOICE, decision.reason());
        assertEquals(List.of(Reason.ITEM_BEFORE_CHOICE), decision.failedChecks());
        assertEquals(Evidence.Kind.CONSENT_EVENT, decision.evidence().kind());
        assertEquals(Optional.of(OPT_IN), decision.evidence().consentEvent());
        assertEquals(Optional.of(OPT_IN_AT), decision.evidence().at());
        assertEquals("chat-earlier of u-1 at 2025-10-01T00:00:00Z: not trainable (ITEM_BEFORE_CHOICE) under"
                + " anthropic-consumer@2025-08; failed [ITEM_BEFORE_CHOICE]; evidence: item chat-earlier predates"
                + " OPT_IN event c-1 for ai-training via SETTINGS_TOGGLE, from which version 2025-08 counts the"
                + " member's items at 2025-09-02T10:00:00Z", decision.toString());
    }

    @Test
    void shouldNotTrainOnAChatFromBeforeTheProgramThatWasNeverResumed() {
        ContentItem oldChat = ContentItem.of("chat-old", "u-1", RealPrograms.CHAT, Instant.parse("2025-07-01T09:00:00Z"));

        assertEquals(Reason.ITEM_BEFORE_CHOICE, decide(oldChat, OPTED_IN, LATER).reason());
    }

    @Test
    void shouldTrainOnAnOldChatResumedAfterTheOptIn() {
        ContentItem resumed = ContentItem.of("chat-old", "u-1", RealPrograms.CHAT, Instant.parse("2025-07-01T09:00:00Z"))
                .withResumedAt(Instant.parse("2025-09-10T12:00:00Z"));

        assertEquals(Reason.ALLOWED_OPTED_IN, decide(resumed, OPTED_IN, LATER).reason());
    }

    @Test
    void shouldNotCountAResumptionThatALaterQuestionKnowsButAnEarlierOneCannot() {
        Instant resumedAt = Instant.parse("2025-09-10T12:00:00Z");
        ContentItem resumed = EARLIER_CHAT.withResumedAt(resumedAt);

        // Asked before the resumption: only the creation is known, which predates the choice (fails closed).
        assertEquals(Reason.ITEM_BEFORE_CHOICE, decide(resumed, OPTED_IN, resumedAt.minusNanos(1)).reason());
        assertEquals(Reason.ALLOWED_OPTED_IN, decide(resumed, OPTED_IN, resumedAt).reason());
    }

    @Test
    void shouldNotCountAResumptionBeforeTheOptIn() {
        ContentItem resumedEarly = EARLIER_CHAT.withResumedAt(Instant.parse("2025-09-01T20:00:00Z"));

        assertEquals(Reason.ITEM_BEFORE_CHOICE, decide(resumedEarly, OPTED_IN, LATER).reason());
    }

    @Test
    void shouldTrainOnACodingSessionStartedAfterTheOptIn() {
        ContentItem session = ContentItem.of("code-1", "u-1", RealPrograms.CODING_SESSION,
                Instant.parse("2025-09-05T08:00:00Z"));

        assertEquals(Reason.ALLOWED_OPTED_IN, decide(session, OPTED_IN, LATER).reason());
    }

    @Test
    void shouldKeepTheChoicePointWhenTheMemberConfirmsTheSettingAgain() {
        ConsentEvent again = ConsentEvent.optIn("c-3", Purpose.AI_TRAINING, Instant.parse("2025-10-01T00:00:00Z"),
                ConsentChannel.SETTINGS_TOGGLE);
        Member confirmed = OPTED_IN.withConsentEvent(again);

        Decision created = decide(NEW_CHAT, confirmed, Instant.parse("2025-10-15T00:00:00Z"));
        Decision earlier = decide(EARLIER_CHAT, confirmed, Instant.parse("2025-10-15T00:00:00Z"));

        assertEquals(Reason.ALLOWED_OPTED_IN, created.reason());
        assertEquals(Reason.ITEM_BEFORE_CHOICE, earlier.reason());
        assertEquals(Optional.of(OPT_IN), earlier.evidence().consentEvent());
    }

    @Test
    void shouldStartANewChoicePointWithAnOptInAfterAnOptOut() {
        ConsentEvent optOut = ConsentEvent.optOut("c-2", Purpose.AI_TRAINING, Instant.parse("2025-11-01T00:00:00Z"),
                ConsentChannel.SETTINGS_TOGGLE);
        ConsentEvent backIn = ConsentEvent.optIn("c-4", Purpose.AI_TRAINING, Instant.parse("2025-12-01T00:00:00Z"),
                ConsentChannel.SETTINGS_TOGGLE);
        Member member = OPTED_IN.withConsentEvent(optOut).withConsentEvent(backIn);
        ContentItem december = ContentItem.of("chat-dec", "u-1", RealPrograms.CHAT, Instant.parse("2025-12-02T00:00:00Z"));

        Decision september = decide(NEW_CHAT, member, Instant.parse("2025-12-15T00:00:00Z"));

        assertEquals(Reason.ITEM_BEFORE_CHOICE, september.reason());
        assertEquals(Optional.of(backIn), september.evidence().consentEvent());
        assertEquals(Reason.ALLOWED_OPTED_IN, decide(december, member, Instant.parse("2025-12-15T00:00:00Z")).reason());
    }

    @Test
    void shouldReplayTheChoicePointAsKnownThen() {
        // The opt-in of 2 September reached the system only on 20 September.
        ConsentEvent late = ConsentEvent.optIn("c-1", Purpose.AI_TRAINING, OPT_IN_AT,
                Instant.parse("2025-09-20T00:00:00Z"), ConsentChannel.SETTINGS_TOGGLE);
        ConsentEvent again = ConsentEvent.optIn("c-3", Purpose.AI_TRAINING, Instant.parse("2025-09-10T00:00:00Z"),
                ConsentChannel.SETTINGS_TOGGLE);
        Member member = UNDECIDED.withConsentEvent(late).withConsentEvent(again);
        Instant asOf = Instant.parse("2025-09-15T00:00:00Z");

        Decision then = ANTHROPIC.asKnownAt(Instant.parse("2025-09-12T00:00:00Z")).evaluate(NEW_CHAT, member, asOf);
        Decision now = ANTHROPIC.evaluate(NEW_CHAT, member, asOf);

        assertEquals(Reason.ITEM_BEFORE_CHOICE, then.reason());
        assertEquals(Optional.of(again), then.evidence().consentEvent());
        assertEquals(Reason.ALLOWED_OPTED_IN, now.reason());
    }

    @Test
    void shouldNotTrainOnADeletedChatFromItsDeletionOn() {
        Instant deletedAt = Instant.parse("2025-09-20T07:00:00Z");
        ContentItem deletedChat = NEW_CHAT.withDeletedAt(deletedAt);

        Decision decision = decide(deletedChat, OPTED_IN, deletedAt);

        assertEquals(Reason.ITEM_DELETED, decision.reason());
        assertEquals(Optional.of(deletedAt), decision.evidence().at());
        assertEquals(Reason.ALLOWED_OPTED_IN, decide(deletedChat, OPTED_IN, deletedAt.minusNanos(1)).reason());
    }

    @Test
    void shouldStopTrainingFromALaterOptOutOnAndKeepEarlierUseAllowed() {
        ConsentEvent optOut = ConsentEvent.optOut("c-2", Purpose.AI_TRAINING, Instant.parse("2025-11-01T00:00:00Z"),
                Instant.parse("2025-11-01T00:00:00Z"), ConsentChannel.SETTINGS_TOGGLE);
        Member optedOutLater = OPTED_IN.withConsentEvent(optOut);

        Decision decision = decide(NEW_CHAT, optedOutLater, optOut.effectiveAt());

        assertEquals(Reason.OPTED_OUT, decision.reason());
        assertEquals(List.of(Reason.OPTED_OUT), decision.failedChecks());
        assertEquals(Optional.of(optOut), decision.evidence().consentEvent());
        assertEquals(Reason.ALLOWED_OPTED_IN,
                decide(NEW_CHAT, optedOutLater, Instant.parse("2025-10-31T23:59:59Z")).reason());
    }

    @Test
    void shouldNotTrainBeforeTheMemberOptsIn() {
        Decision decision = decide(EARLIER_CHAT, OPTED_IN, OPT_IN_AT.minusNanos(1));

        assertEquals(Reason.NO_CONSENT, decision.reason());
        assertEquals(List.of(Reason.NO_CONSENT), decision.failedChecks());
    }

    @ParameterizedTest
    @ValueSource(strings = {"DE", "GB", "JP", "BR", "US-CA"})
    void shouldNeedAnOptInEverywhere(String place) {
        Member member = member("u-1", place);

        Decision decision = decide(NEW_CHAT, member, LATER);

        assertEquals(Reason.NO_CONSENT, decision.reason());
    }

    @Test
    void shouldNotTrainOnChatsOfAMinorWhoOptedIn() {
        Member minor = Member.builder("u-1").birthDate(LocalDate.of(2008, 12, 24)).residentIn(Jurisdiction.of("US"))
                .consent(OPT_IN).build();

        Decision decision = decide(NEW_CHAT, minor, LATER);

        assertEquals(Reason.MINOR, decision.reason());
    }

    @Test
    void shouldDecideInBatchesAsItemByItem() {
        Member other = member("u-2", "DE").withConsentEvent(ConsentEvent.optIn("d-1", Purpose.AI_TRAINING,
                PROGRAM_START, ConsentChannel.SETTINGS_TOGGLE));
        List<ContentItem> items = List.of(NEW_CHAT, EARLIER_CHAT,
                EARLIER_CHAT.withResumedAt(Instant.parse("2025-09-10T12:00:00Z")),
                ContentItem.of("chat-u2", "u-2", RealPrograms.CHAT, Instant.parse("2025-09-01T16:20:00Z")));
        MemberStore store = MemberStore.of(List.of(OPTED_IN, other));
        List<Member> authors = List.of(OPTED_IN, OPTED_IN, OPTED_IN, other);
        List<Reason> expected = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            expected.add(ANTHROPIC.evaluate(items.get(i), authors.get(i), LATER).reason());
        }
        ItemColumns columns = ItemColumns.of(new int[] {0, 0, 0, 1}, new int[] {0, 0, 0, 0}, List.of(RealPrograms.CHAT),
                items.stream().mapToLong(item -> item.createdAt().getEpochSecond()).toArray(), TimeUnit.SECONDS)
                .withResumedAt(items.stream().mapToLong(item -> item.resumedAt().map(Instant::getEpochSecond)
                        .orElse(Long.MAX_VALUE)).toArray());

        BatchEvaluator batch = BatchEvaluator.of(ANTHROPIC, store, LATER);

        assertEquals(List.of(Reason.ALLOWED_OPTED_IN, Reason.ITEM_BEFORE_CHOICE, Reason.ALLOWED_OPTED_IN,
                Reason.ALLOWED_OPTED_IN), expected);
        assertEquals(expected, batch.reasons(items));
        assertEquals(expected, Arrays.asList(batch.reasons(columns)));
        assertEquals(List.of(0, 2, 3), batch.trainable(columns).stream().boxed().collect(Collectors.toList()));
        assertEquals(List.of(0, 2, 3), batch.trainable(items).stream().boxed().collect(Collectors.toList()));
    }

    /**
     * Anthropic's consumer plans are for adults. A member born on 29 February 2008 who opted in is
     * still a minor on 28 February 2026 under the policy's default, fail-closed reading of a leap-day
     * birthday, and a chat written that day stays out after they come of age on 1 March.
     */
    @Test
    void shouldKeepAMemberBornOn29FebruaryAMinorUntil1March() {
        Member leapling = Member.builder("u-leap").birthDate(LocalDate.of(2008, 2, 29))
                .residentIn(Jurisdiction.of("US")).consent(ConsentEvent.optIn("c-leap", Purpose.AI_TRAINING,
                        OPT_IN_AT, OPT_IN_AT, ConsentChannel.SETTINGS_TOGGLE)).build();
        ContentItem chatOn28February = ContentItem.of("chat-leap", "u-leap", RealPrograms.CHAT,
                Instant.parse("2026-02-28T10:00:00Z"));
        ContentItem chatOn1March = ContentItem.of("chat-leap-18", "u-leap", RealPrograms.CHAT,
                Instant.parse("2026-03-01T10:00:00Z"));

        assertEquals(Reason.MINOR, decide(chatOn28February, leapling, Instant.parse("2026-02-28T12:00:00Z")).reason());
        assertEquals(Reason.CREATED_WHILE_MINOR,
                decide(chatOn28February, leapling, Instant.parse("2026-03-01T12:00:00Z")).reason());
        assertEquals(Reason.ALLOWED_OPTED_IN, decide(chatOn1March, leapling, Instant.parse("2026-03-01T12:00:00Z"))
                .reason());
    }

    /**
     * The training setting is Anthropic's own control; a Global Privacy Control signal recorded for
     * "do not sell or share" does not change it as the program is published. A version that reads the
     * signal as an objection to training stops use from the signal on, and because the signal ends the
     * member's run of opt-ins, a later opt-in counts the member's chats only from itself on.
     */
    @Test
    void shouldReadAGpcSignalAsAnObjectionOnlyInAVersionThatChoosesTo() {
        Instant signalAt = Instant.parse("2025-09-10T00:00:00Z");
        Instant optedInAgainAt = Instant.parse("2025-09-20T00:00:00Z");
        Member signalling = OPTED_IN.withConsentEvent(ConsentEvent.optOut("gpc-1", Purpose.of("sale-and-sharing"),
                signalAt, signalAt, ConsentChannel.GPC_SIGNAL));
        Member optedInAgain = signalling.withConsentEvent(ConsentEvent.optIn("c-2", Purpose.AI_TRAINING,
                optedInAgainAt, optedInAgainAt, ConsentChannel.SETTINGS_TOGGLE));
        PolicyVersion published = ANTHROPIC.versions().get(0);
        TrainingPolicy countingSignals = TrainingPolicy.builder(ANTHROPIC.id(), ANTHROPIC.purpose())
                .version(published.toBuilder(published.id(), published.effectiveFrom()).gpcSignalsObject(true).build())
                .build();

        assertEquals(Reason.ALLOWED_OPTED_IN, decide(NEW_CHAT, signalling, LATER).reason());
        assertEquals(Reason.OPTED_OUT, countingSignals.evaluate(NEW_CHAT, signalling, LATER).reason());
        Decision afterTheNewOptIn = countingSignals.evaluate(NEW_CHAT, optedInAgain, LATER);
        assertEquals(Reason.ITEM_BEFORE_CHOICE, afterTheNewOptIn.reason());
        assertEquals("c-2", afterTheNewOptIn.evidence().consentEvent().orElseThrow().id());
        assertEquals(Reason.ALLOWED_OPTED_IN, decide(NEW_CHAT, optedInAgain, LATER).reason());
        MemberStore store = MemberStore.of(List.of(optedInAgain));
        assertEquals(Reason.ITEM_BEFORE_CHOICE, BatchEvaluator.of(countingSignals, store, LATER).reason(NEW_CHAT));
        assertEquals(Reason.ALLOWED_OPTED_IN, BatchEvaluator.of(ANTHROPIC, store, LATER).reason(NEW_CHAT));
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
