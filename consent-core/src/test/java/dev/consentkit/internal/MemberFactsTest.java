package dev.consentkit.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.consentkit.ConsentChannel;
import dev.consentkit.ConsentChoice;
import dev.consentkit.ConsentEvent;
import dev.consentkit.ConsentHistory;
import dev.consentkit.Member;
import dev.consentkit.Purpose;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemberFactsTest {

    private static final Instant T = Instant.parse("2025-03-01T10:00:00Z");

    @Test
    void shouldGiveTheLayoutThatTheMembersEventsMake() {
        Member member = Member.builder("m-1").consent(ConsentHistory.of(List.of(
                new ConsentEvent("e3", Purpose.GENERATIVE_AI_TRAINING, ConsentChoice.OPT_IN, T.plusSeconds(20), T.plusSeconds(20),
                        ConsentChannel.SETTINGS_TOGGLE),
                new ConsentEvent("e1", Purpose.AI_TRAINING, ConsentChoice.OPT_OUT, T, T.plusSeconds(1), ConsentChannel.GPC_SIGNAL),
                new ConsentEvent("e2", Purpose.GENERATIVE_AI_TRAINING, ConsentChoice.OPT_OUT, T.plusSeconds(10),
                        T.plusSeconds(10), ConsentChannel.API)))).build();

        ConsentLookup.Index kept = MemberFacts.access().consentIndex(member);
        ConsentLookup.Index made = ConsentLookup.Index.of(member.consent().events());

        assertEquals(made.groupCount(), kept.groupCount());
        for (int g = 0; g < made.groupCount(); g++) {
            assertEquals(made.groupPurpose(g), kept.groupPurpose(g));
            assertEquals(made.groupStart(g), kept.groupStart(g));
            assertEquals(made.groupStart(g + 1), kept.groupStart(g + 1));
        }
        for (int i = 0; i < member.consent().size(); i++) {
            assertEquals(made.effectiveAt(i), kept.effectiveAt(i));
            assertEquals(made.recordedAt(i), kept.recordedAt(i));
            assertEquals(made.code(i), kept.code(i));
        }
        assertEquals(1, kept.gpcSignalCount());
        assertEquals(made.gpcCode(0), kept.gpcCode(0));
    }

    @Test
    void shouldTakeOneRegistrationOnly() {
        MemberFacts.access();

        assertThrows(IllegalStateException.class, () -> MemberFacts.register(member -> ConsentLookup.Index.of(List.of())));
    }
}
