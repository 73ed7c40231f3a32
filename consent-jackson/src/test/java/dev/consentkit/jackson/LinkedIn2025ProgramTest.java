package dev.consentkit.jackson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.consentkit.ConsentEvent;
import dev.consentkit.ContentItem;
import dev.consentkit.Decision;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Shows that LinkedIn's generative-AI program with its November 2025 version, which includes the EU, the EEA, Switzerland and the UK, read entirely from JSON, decides every case of its timeline as the program does. */
class LinkedIn2025ProgramTest {

    private static final ProgramFixture PROGRAM = ProgramFixture.load("linkedin-2025");

    @TestFactory
    Stream<DynamicTest> shouldDecideEveryCaseAsTheProgramDoes() {
        return PROGRAM.caseTests();
    }

    @Test
    void shouldReplayEveryDecisionOfTheStoredAuditTrail() throws IOException {
        List<Decision> stored = new ArrayList<>();
        try (NdjsonReader<Decision> trail = NdjsonReader.decisions(PROGRAM.file("decisions.ndjson"))) {
            trail.forEach(line -> stored.add(line.value()));
        }

        assertEquals(10, stored.size());
        for (Decision decision : stored) {
            ContentItem item = PROGRAM.items.get(decision.itemId());
            Decision replayed = decision.knownAt().isPresent()
                    ? PROGRAM.policy.asKnownAt(decision.knownAt().get()).evaluate(item, PROGRAM.authorOf(item), decision.asOf())
                    : PROGRAM.policy.evaluate(item, PROGRAM.authorOf(item), decision.asOf());
            // A v1 audit trail keeps its evidence as words: the replay compares what decided.
            assertTrue(decision.sameOutcome(replayed), decision + "\n  replayed: " + replayed);
            assertTrue(decision.evidence().isRecorded());
            assertEquals(decision.evidence().consentEvent().map(ConsentEvent::id),
                    replayed.evidence().consentEvent().map(ConsentEvent::id));
        }
    }

    @Test
    void shouldHaveACaseForEveryItemOfTheFixture() {
        PROGRAM.assertEveryItemHasACase();
    }
}
