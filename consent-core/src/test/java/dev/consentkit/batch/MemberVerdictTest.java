package dev.consentkit.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.testing.EqualsTester;
import dev.consentkit.ConsentChannel;
import dev.consentkit.ConsentChoice;
import dev.consentkit.ConsentEvent;
import dev.consentkit.ContentItem;
import dev.consentkit.DataCategory;
import dev.consentkit.Jurisdiction;
import dev.consentkit.LegalBasis;
import dev.consentkit.Member;
import dev.consentkit.PolicyVersion;
import dev.consentkit.Purpose;
import dev.consentkit.Reason;
import dev.consentkit.TrainingPolicy;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Shows the member half resolved apart: what a verdict says, and that an evaluator with no members decides with it. */
class MemberVerdictTest {

    private static final Instant FROM = Instant.parse("2025-01-01T00:00:00Z");
    private static final Instant AS_OF = Instant.parse("2025-06-01T00:00:00Z");
    private static final Purpose PURPOSE = Purpose.GENERATIVE_AI_TRAINING;
    private static final TrainingPolicy CONSENT = TrainingPolicy.builder("p", PURPOSE)
            .version(PolicyVersion.builder("v1", FROM).allow(DataCategory.PUBLIC_CONTENT)
                    .defaultBasis(LegalBasis.CONSENT).build())
            .build();

    private static Member member(String id, ConsentEvent... events) {
        return Member.builder(id).birthDate(LocalDate.of(1990, 1, 1)).residentIn(Jurisdiction.of("DE"), FROM.minusSeconds(86_400)).consent(events).build();
    }

    private static ConsentEvent event(String id, ConsentChoice choice, Instant at) {
        return new ConsentEvent(id, PURPOSE, choice, at, at, ConsentChannel.SETTINGS_TOGGLE);
    }

    @Test
    void shouldDecideAnItemWithAVerdictFromAnotherEvaluatorAsThePolicyDoes() {
        Member optedIn = member("in", event("e1", ConsentChoice.OPT_IN, FROM));
        Member silent = member("silent");
        MemberStore store = MemberStore.of(List.of(optedIn, silent));
        BatchEvaluator members = BatchEvaluator.of(CONSENT, store, AS_OF);
        BatchEvaluator items = BatchEvaluator.of(CONSENT, MemberStore.of(List.of()), AS_OF);

        for (Member member : List.of(optedIn, silent)) {
            ContentItem item = ContentItem.of("i-" + member.id(), member.id(), DataCategory.PUBLIC_CONTENT,
                    FROM.plusSeconds(60));
            MemberVerdict verdict = members.memberVerdict(store.indexOf(member.id()));

            assertEquals(CONSENT.evaluate(item, member, AS_OF).reason(), items.reason(item, verdict));
        }
    }

    @Test
    void shouldNameTheFirstFailedMemberCheck() {
        MemberStore store = MemberStore.of(List.of(member("silent"), member("in", event("e1", ConsentChoice.OPT_IN, FROM))));
        BatchEvaluator evaluator = BatchEvaluator.of(CONSENT, store, AS_OF);

        assertEquals(Optional.of(Reason.NO_CONSENT), evaluator.memberVerdict(store.indexOf("silent")).memberFailure());
        assertEquals(Optional.empty(), evaluator.memberVerdict(store.indexOf("in")).memberFailure());
        assertEquals("MemberVerdict[NO_CONSENT]", evaluator.memberVerdict(store.indexOf("silent")).toString());
        assertEquals("MemberVerdict[opted in]", evaluator.memberVerdict(store.indexOf("in")).toString());
    }

    @Test
    void shouldRoundTripThroughItsTwoNumbers() {
        MemberStore store = MemberStore.of(List.of(member("in", event("e1", ConsentChoice.OPT_IN, FROM))));
        MemberVerdict verdict = BatchEvaluator.of(CONSENT, store, AS_OF).memberVerdict(0);

        new EqualsTester()
                .addEqualityGroup(verdict, MemberVerdict.of(verdict.verdict(), verdict.choiceScope()))
                .addEqualityGroup(MemberVerdict.of(verdict.verdict(), 0))
                .addEqualityGroup(MemberVerdict.of(0, verdict.choiceScope()))
                .testEquals();
    }

    @Test
    void shouldRejectANumberNoEvaluatorGives() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MemberVerdict.of(-1L, 0));

        assertTrue(e.getMessage().contains("0xffffffffffffffff"), e::getMessage);
    }

    @Test
    void shouldRejectAMemberIndexOutsideTheStore() {
        BatchEvaluator evaluator = BatchEvaluator.of(CONSENT, MemberStore.of(List.of()), AS_OF);

        assertThrows(IndexOutOfBoundsException.class, () -> evaluator.memberVerdict(0));
    }
}
