package dev.consentkit.jackson;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Shows that Meta's EU program from 27 May 2025 (legitimate interests in the EU only, objections not retroactive), read entirely from JSON, decides every case of its timeline as the program does.
 *
 * <p>The member {@code m-be} asked to delete their account and cancelled it by logging back in within 30 days, as the
 * Facebook Help Center's page on permanently deleting an account describes: a closure with its reopening
 * ({@code closures}, member format v1.1), closed in between and open again from the cancellation on.
 */
class MetaEu2025ProgramTest {

    private static final ProgramFixture PROGRAM = ProgramFixture.load("meta-eu-2025");

    @TestFactory
    Stream<DynamicTest> shouldDecideEveryCaseAsTheProgramDoes() {
        return PROGRAM.caseTests();
    }

    @Test
    void shouldHaveACaseForEveryItemOfTheFixture() {
        PROGRAM.assertEveryItemHasACase();
    }
}
