package dev.consentkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.consentkit.batch.BatchEvaluator;
import dev.consentkit.batch.MemberStore;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A Global Privacy Control signal recorded for "do not sell or share" objects to training only where
 * a version says so ({@link PolicyVersion#gpcSignalsObject()}), and then on every decision path alike.
 */
class GpcSignalsTest {

    private static final Purpose SALE_AND_SHARING = Purpose.of("sale-and-sharing");
    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
    private static final Instant SIGNAL_AT = Instant.parse("2025-03-01T10:00:00Z");
    private static final Instant AS_OF = Instant.parse("2025-06-01T00:00:00Z");

    private static final ConsentEvent SIGNAL = ConsentEvent.optOut("gpc-1", SALE_AND_SHARING, SIGNAL_AT,
            SIGNAL_AT.plusSeconds(2), ConsentChannel.GPC_SIGNAL);
    private static final ContentItem POST = ContentItem.of("post-1", "m-1", DataCategory.PUBLIC_CONTENT,
            Instant.parse("2025-02-01T00:00:00Z"));

    @Test
    void shouldNotLetASignalForAnotherPurposeDecideByDefault() {
        TrainingPolicy policy = policy(LegalBasis.LEGITIMATE_INTERESTS, false);

        assertFalse(policy.versions().get(0).gpcSignalsObject());
        assertDecided(Reason.ALLOWED_BY_DEFAULT, policy, member(SIGNAL), AS_OF);
        assertFalse(PolicyVersion.builder("v", START).defaultBasis(LegalBasis.CONSENT).build().gpcSignalsObject());
    }

    @Test
    void shouldCountASignalForAnotherPurposeAsAnObjectionWhenTheVersionSaysSo() {
        TrainingPolicy policy = policy(LegalBasis.LEGITIMATE_INTERESTS, true);

        Decision decision = assertDecided(Reason.OPTED_OUT, policy, member(SIGNAL), AS_OF);

        assertEquals(Optional.of(SIGNAL), decision.evidence().consentEvent());
        assertEquals(Optional.of(SIGNAL_AT), decision.evidence().at());
        assertEquals("OPT_OUT event gpc-1 for sale-and-sharing via GPC_SIGNAL", decision.evidence().description());
    }

    @Test
    void shouldApplyTheSignalFromItsEffectiveInstantOnOnly() {
        TrainingPolicy policy = policy(LegalBasis.LEGITIMATE_INTERESTS, true);

        assertDecided(Reason.ALLOWED_BY_DEFAULT, policy, member(SIGNAL), SIGNAL_AT.minusNanos(1));
        assertDecided(Reason.OPTED_OUT, policy, member(SIGNAL), SIGNAL_AT);
    }

    @Test
    void shouldLetALaterChoiceForThePolicysPurposeLiftTheSignal() {
        TrainingPolicy policy = policy(LegalBasis.LEGITIMATE_INTERESTS, true);
        ConsentEvent laterOptIn = ConsentEvent.optIn("s-2", Purpose.GENERATIVE_AI_TRAINING,
                Instant.parse("2025-04-01T00:00:00Z"), Instant.parse("2025-04-01T00:00:01Z"),
                ConsentChannel.SETTINGS_TOGGLE);

        Decision decision = assertDecided(Reason.ALLOWED_OPTED_IN, policy, member(SIGNAL, laterOptIn), AS_OF);

        assertEquals(Optional.of(laterOptIn), decision.evidence().consentEvent());
    }

    @Test
    void shouldNeverLetASignalForAnotherPurposeLiftAnObjectionOrGrantConsent() {
        ConsentEvent objection = ConsentEvent.optOut("s-1", Purpose.GENERATIVE_AI_TRAINING,
                Instant.parse("2025-02-01T00:00:00Z"), Instant.parse("2025-02-01T00:00:01Z"),
                ConsentChannel.SETTINGS_TOGGLE);
        ConsentEvent signalWithdrawn = ConsentEvent.optIn("gpc-2", SALE_AND_SHARING,
                Instant.parse("2025-04-01T00:00:00Z"), Instant.parse("2025-04-01T00:00:01Z"), ConsentChannel.GPC_SIGNAL);

        assertDecided(Reason.OPTED_OUT, policy(LegalBasis.LEGITIMATE_INTERESTS, true), member(objection, signalWithdrawn),
                AS_OF);
        assertDecided(Reason.NO_CONSENT, policy(LegalBasis.CONSENT, true), member(signalWithdrawn), AS_OF);
    }

    @Test
    void shouldCountASignalForThePolicysPurposeWhateverTheOption() {
        ConsentEvent forTraining = ConsentEvent.optOut("gpc-3", Purpose.AI_TRAINING, SIGNAL_AT, SIGNAL_AT,
                ConsentChannel.GPC_SIGNAL);

        for (boolean option : List.of(false, true)) {
            assertDecided(Reason.OPTED_OUT, policy(LegalBasis.LEGITIMATE_INTERESTS, option), member(forTraining), AS_OF);
        }
    }

    @Test
    void shouldIgnoreASignalRecordedAfterTheInstantAnAuditReplaysAsKnown() {
        TrainingPolicy policy = policy(LegalBasis.LEGITIMATE_INTERESTS, true);
        Member member = member(SIGNAL);

        Decision beforeRecorded = policy.asKnownAt(SIGNAL_AT.plusSeconds(1)).evaluate(POST, member, AS_OF);
        Decision afterRecorded = policy.asKnownAt(SIGNAL_AT.plusSeconds(2)).evaluate(POST, member, AS_OF);

        assertEquals(Reason.ALLOWED_BY_DEFAULT, beforeRecorded.reason());
        assertEquals(Reason.OPTED_OUT, afterRecorded.reason());
        MemberStore store = MemberStore.of(List.of(member));
        assertEquals(Reason.ALLOWED_BY_DEFAULT, BatchEvaluator.builder(policy, store).knownAt(SIGNAL_AT.plusSeconds(1))
                .build(AS_OF).reason(POST));
        assertEquals(Reason.OPTED_OUT, BatchEvaluator.builder(policy, store).knownAt(SIGNAL_AT.plusSeconds(2))
                .build(AS_OF).reason(POST));
    }

    @Test
    void shouldDecideAlikeInABatchOfMembersWithAndWithoutSignals() {
        TrainingPolicy policy = policy(LegalBasis.LEGITIMATE_INTERESTS, true);
        ConsentEvent forOtherPurpose = ConsentEvent.optOut("s-9", SALE_AND_SHARING, SIGNAL_AT, SIGNAL_AT,
                ConsentChannel.SETTINGS_TOGGLE);
        List<Member> members = List.of(member("m-1", SIGNAL), member("m-2"), member("m-3", forOtherPurpose));
        List<ContentItem> items = List.of(POST, ContentItem.of("post-2", "m-2", DataCategory.PUBLIC_CONTENT,
                POST.createdAt()), ContentItem.of("post-3", "m-3", DataCategory.PUBLIC_CONTENT, POST.createdAt()));

        BatchEvaluator batch = BatchEvaluator.of(policy, MemberStore.of(members), AS_OF);

        assertEquals(List.of(Reason.OPTED_OUT, Reason.ALLOWED_BY_DEFAULT, Reason.ALLOWED_BY_DEFAULT),
                batch.reasons(items));
        for (int i = 0; i < items.size(); i++) {
            assertEquals(policy.evaluate(items.get(i), members.get(i), AS_OF).reason(), batch.reason(items.get(i)));
            assertEquals(policy.isTrainable(items.get(i), members.get(i), AS_OF), batch.isTrainable(items.get(i)));
        }
    }

    @Test
    void shouldCountEachConsentEventOfAStoreOnceThoughASignalIsKeptTwice() {
        ConsentEvent optIn = ConsentEvent.optIn("s-1", Purpose.GENERATIVE_AI_TRAINING, START, START,
                ConsentChannel.SETTINGS_TOGGLE);

        MemberStore store = MemberStore.of(List.of(member("m-1", SIGNAL, optIn), member("m-2")));

        assertEquals(2, store.consentEventCount());
    }

    @Test
    void shouldKeepTheOptionWhenAVersionIsDerived() {
        PolicyVersion counting = PolicyVersion.builder("v1", START).defaultBasis(LegalBasis.LEGITIMATE_INTERESTS)
                .gpcSignalsObject(true).build();

        assertTrue(counting.toBuilder("v2", AS_OF).build().gpcSignalsObject());
        assertFalse(counting.toBuilder("v2", AS_OF).gpcSignalsObject(false).build().gpcSignalsObject());
        assertFalse(counting.equals(counting.toBuilder("v1", START).gpcSignalsObject(false).build()));
    }

    private static TrainingPolicy policy(LegalBasis basis, boolean gpcSignalsObject) {
        return TrainingPolicy.builder("p", Purpose.GENERATIVE_AI_TRAINING)
                .version(PolicyVersion.builder("v1", START).defaultBasis(basis).allow(DataCategory.CONTENT)
                        .gpcSignalsObject(gpcSignalsObject).build())
                .build();
    }

    private static Member member(ConsentEvent... events) {
        return member("m-1", events);
    }

    private static Member member(String id, ConsentEvent... events) {
        return Member.builder(id).birthDate(LocalDate.of(1990, 4, 1)).residentIn(Jurisdiction.of("US-CA"))
                .consent(events).build();
    }

    /** Decides on every path, checks they agree, and returns the explained decision. */
    private static Decision assertDecided(Reason expected, TrainingPolicy policy, Member member, Instant asOf) {
        Decision decision = policy.evaluate(POST, member, asOf);
        assertEquals(expected, decision.reason(), decision::toString);
        assertEquals(expected.isTrainable(), policy.isTrainable(POST, member, asOf), decision::toString);
        BatchEvaluator batch = BatchEvaluator.of(policy, MemberStore.of(List.of(member)), asOf);
        assertEquals(expected, batch.reason(POST), decision::toString);
        assertEquals(expected.isTrainable(), batch.isTrainable(POST), decision::toString);
        return decision;
    }
}
