package dev.consentkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Shows how the engine's entry points reject misuse and which version is in force at an instant. */
class TrainingPolicyTest {

    private static final TrainingPolicy POLICY = RealPrograms.linkedIn();

    private static final Instant AS_OF = Instant.parse("2025-11-12T00:00:00Z");
    private static final Instant KNOWN_AT = Instant.parse("2025-11-20T00:00:00Z");
    private static final Member MEMBER = Member.builder("m-1").birthDate(LocalDate.of(1990, 4, 1))
            .residentIn(Jurisdiction.of("DE")).build();
    private static final ContentItem ITEM = ContentItem.of("post-1", "m-1", DataCategory.PUBLIC_CONTENT,
            Instant.parse("2025-10-01T12:00:00Z"));
    private static final ContentItem SOMEONE_ELSES_ITEM = ContentItem.of("post-9", "m-2", DataCategory.PUBLIC_CONTENT,
            Instant.parse("2025-10-01T12:00:00Z"));

    static Stream<Arguments> callsWithANullArgument() {
        return Stream.of(
                arguments("isTrainable", "item", call(() -> POLICY.isTrainable(null, MEMBER, AS_OF))),
                arguments("isTrainable", "member", call(() -> POLICY.isTrainable(ITEM, null, AS_OF))),
                arguments("isTrainable", "asOf", call(() -> POLICY.isTrainable(ITEM, MEMBER, null))),
                arguments("evaluate", "item", call(() -> POLICY.evaluate(null, MEMBER, AS_OF))),
                arguments("evaluate", "member", call(() -> POLICY.evaluate(ITEM, null, AS_OF))),
                arguments("evaluate", "asOf", call(() -> POLICY.evaluate(ITEM, MEMBER, null))),
                arguments("evaluate as known at", "item", call(() -> POLICY.asKnownAt(KNOWN_AT).evaluate(null, MEMBER, AS_OF))),
                arguments("evaluate as known at", "member", call(() -> POLICY.asKnownAt(KNOWN_AT).evaluate(ITEM, null, AS_OF))),
                arguments("evaluate as known at", "asOf", call(() -> POLICY.asKnownAt(KNOWN_AT).evaluate(ITEM, MEMBER, null))),
                arguments("evaluate as known at", "knownAt", call(() -> POLICY.asKnownAt(null).evaluate(ITEM, MEMBER, AS_OF))));
    }

    @ParameterizedTest(name = "{0} with a null {1}")
    @MethodSource("callsWithANullArgument")
    void shouldRejectANullArgumentNamingTheParameter(String method, String parameter, Executable call) {
        NullPointerException thrown = assertThrows(NullPointerException.class, call);

        assertEquals(parameter, thrown.getMessage());
    }

    static Stream<Arguments> callsForAnotherMembersItem() {
        return Stream.of(
                arguments("isTrainable", call(() -> POLICY.isTrainable(SOMEONE_ELSES_ITEM, MEMBER, AS_OF))),
                arguments("evaluate", call(() -> POLICY.evaluate(SOMEONE_ELSES_ITEM, MEMBER, AS_OF))),
                arguments("evaluate as known at",
                        call(() -> POLICY.asKnownAt(KNOWN_AT).evaluate(SOMEONE_ELSES_ITEM, MEMBER, AS_OF))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("callsForAnotherMembersItem")
    void shouldRejectAnItemWhoseAuthorIsNotTheMemberNamingBothIds(String method, Executable call) {
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, call);

        assertTrue(thrown.getMessage().contains("m-2"), thrown::getMessage);
        assertTrue(thrown.getMessage().contains("m-1"), thrown::getMessage);
    }

    @Test
    void shouldHaveNoVersionInForceBeforeTheFirstVersion() {
        assertEquals(Optional.empty(), POLICY.versionAt(Instant.parse("2024-09-18T00:00:00Z").minusNanos(1)));
    }

    @Test
    void shouldHaveNoVersionInForceAtTheStartOfTime() {
        assertEquals(Optional.empty(), POLICY.versionAt(Instant.MIN));
    }

    @Test
    void shouldPutAVersionInForceAtItsEffectiveInstantItself() {
        assertEquals(Optional.of("2024-09"), versionIdAt(Instant.parse("2024-09-18T00:00:00Z")));
        assertEquals(Optional.of("2024-09-gb"), versionIdAt(Instant.parse("2024-09-20T00:00:00Z")));
        assertEquals(Optional.of("2025-11"), versionIdAt(Instant.parse("2025-11-03T00:00:00Z")));
    }

    @Test
    void shouldKeepAVersionInForceUntilTheNextOneStarts() {
        assertEquals(Optional.of("2024-09"), versionIdAt(Instant.parse("2024-09-20T00:00:00Z").minusNanos(1)));
        assertEquals(Optional.of("2024-09-gb"), versionIdAt(Instant.parse("2025-11-03T00:00:00Z").minusNanos(1)));
    }

    @Test
    void shouldKeepTheLastVersionInForceForever() {
        assertEquals(Optional.of("2025-11"), versionIdAt(Instant.MAX));
    }

    @Test
    void shouldNameTheVersionInForceAtAsOfInTheDecision() {
        Instant asOf = Instant.parse("2025-11-03T00:00:00Z");

        assertEquals(versionIdAt(asOf), POLICY.evaluate(ITEM, MEMBER, asOf).policyVersion());
    }

    @Test
    void shouldRejectANullInstantForVersionAt() {
        NullPointerException thrown = assertThrows(NullPointerException.class, () -> POLICY.versionAt(null));

        assertEquals("asOf", thrown.getMessage());
    }

    private static Optional<String> versionIdAt(Instant asOf) {
        return POLICY.versionAt(asOf).map(PolicyVersion::id);
    }

    /** Lets a lambda be passed where the parameter type is Object. */
    private static Executable call(Executable call) {
        return call;
    }
}
