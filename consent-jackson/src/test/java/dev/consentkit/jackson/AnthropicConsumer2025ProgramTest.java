package dev.consentkit.jackson;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Shows that Anthropic's consumer program, as its consumer terms and privacy policy describe it from
 * 28 August 2025 (a consent-like choice that applies to "new or resumed chats and coding sessions":
 * only chats created or resumed at or after the member's own choice), read entirely from JSON, decides
 * every case of its timeline as the program does.
 */
class AnthropicConsumer2025ProgramTest {

    private static final ProgramFixture PROGRAM = ProgramFixture.load("anthropic-consumer-2025");

    @TestFactory
    Stream<DynamicTest> shouldDecideEveryCaseAsTheProgramDoes() {
        return PROGRAM.caseTests();
    }

    @Test
    void shouldHaveACaseForEveryItemOfTheFixture() {
        PROGRAM.assertEveryItemHasACase();
    }
}
