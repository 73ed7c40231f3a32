package dev.consentkit.jackson;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Shows that Anthropic's consumer program from 28 August 2025 (a consent-like choice, only chats created or resumed from then on), read entirely from JSON, decides every case of its timeline as the program does. */
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
