package dev.consentkit.jackson;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Shows that LinkedIn's generative-AI program as launched in September 2024 (the EU, the EEA and Switzerland excluded, the UK from 20 September), read entirely from JSON, decides every case of its timeline as the program does. */
class LinkedIn2024ProgramTest {

    private static final ProgramFixture PROGRAM = ProgramFixture.load("linkedin-2024");

    @TestFactory
    Stream<DynamicTest> shouldDecideEveryCaseAsTheProgramDoes() {
        return PROGRAM.caseTests();
    }

    @Test
    void shouldHaveACaseForEveryItemOfTheFixture() {
        PROGRAM.assertEveryItemHasACase();
    }
}
