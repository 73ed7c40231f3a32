package dev.consentkit;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.consentkit.batch.MemberStore;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every instant a value holds lies in the span a long count of nanoseconds holds, and every birth date
 * in years 1 to 9999: what cannot be decided and explained exactly is refused when the value is
 * built, with the value in the message, so that every member fits a member store and every decision
 * can be printed.
 */
class StoredSpanTest {

    private static final String SPAN = "is outside the span ConsentKit stores, 1677-09-21T00:12:44Z to "
            + "2262-04-11T23:47:15.999999999Z";
    private static final Instant FIRST = Instant.parse("1677-09-21T00:12:44Z");
    private static final Instant LAST = Instant.parse("2262-04-11T23:47:15.999999999Z");
    private static final Instant T = Instant.parse("2025-01-01T00:00:00Z");

    @Test
    void shouldNameTheSpanTheValuesHold() {
        assertEquals(FIRST, StoredSpan.FIRST);
        assertEquals(LAST, StoredSpan.LAST);
    }

    @Test
    void shouldContainExactlyTheInstantsAValueAccepts() {
        for (Instant at : List.of(Instant.MIN, FIRST.minusNanos(1), FIRST, T, LAST, LAST.plusNanos(1), Instant.MAX)) {
            boolean accepted;
            try {
                ContentItem.of("post-1", "m-1", DataCategory.PUBLIC_CONTENT, at);
                accepted = true;
            } catch (IllegalArgumentException refused) {
                accepted = false;
            }
            assertEquals(accepted, StoredSpan.contains(at), at.toString());
        }
        assertTrue(StoredSpan.contains(FIRST) && StoredSpan.contains(LAST));
        assertFalse(StoredSpan.contains(FIRST.minusNanos(1)) || StoredSpan.contains(LAST.plusNanos(1)));
    }

    @Test
    void shouldRefuseAnItemCreatedAfterTheSpan() {
        Instant late = LAST.plusNanos(1);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ContentItem.of("post-1", "m-1", DataCategory.PUBLIC_CONTENT, late));

        assertEquals("createdAt of content item post-1 2262-04-11T23:47:16Z " + SPAN, e.getMessage());
    }

    @Test
    void shouldRefuseADeletionAfterTheSpan() {
        ContentItem post = ContentItem.of("post-1", "m-1", DataCategory.PUBLIC_CONTENT, T);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> post.withDeletedAt(Instant.parse("2300-01-01T00:00:00Z")));

        assertEquals("deletedAt of content item post-1 2300-01-01T00:00:00Z " + SPAN, e.getMessage());
    }

    @Test
    void shouldRefuseAReservationBeforeTheSpan() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Reservation(ReservationSource.TDM_REP, FIRST.minusNanos(1)));

        assertEquals("TDM_REP reservation effective from 1677-09-21T00:12:43.999999999Z " + SPAN, e.getMessage());
    }

    @Test
    void shouldRefuseAConsentEventEffectiveOrRecordedOutsideTheSpan() {
        IllegalArgumentException effective = assertThrows(IllegalArgumentException.class,
                () -> ConsentEvent.optOut("e-9", Purpose.AI_TRAINING, Instant.parse("1600-01-01T00:00:00Z"), T,
                        ConsentChannel.IMPORT));
        IllegalArgumentException recorded = assertThrows(IllegalArgumentException.class,
                () -> ConsentEvent.optOut("e-9", Purpose.AI_TRAINING, T, Instant.MAX, ConsentChannel.IMPORT));

        assertEquals("effectiveAt of consent event e-9 1600-01-01T00:00:00Z " + SPAN, effective.getMessage());
        assertEquals("recordedAt of consent event e-9 " + Instant.MAX + " " + SPAN, recorded.getMessage());
    }

    @Test
    void shouldRefuseAnAccountClosureOrAMoveOutsideTheSpan() {
        IllegalArgumentException closure = assertThrows(IllegalArgumentException.class,
                () -> Member.builder("m-1").closedAt(Instant.parse("1600-01-01T00:00:00Z")).build());
        IllegalArgumentException move = assertThrows(IllegalArgumentException.class,
                () -> new Residence(Instant.parse("2300-01-01T00:00:00Z"), Jurisdiction.of("DE")));

        assertEquals("account closure of member m-1 1600-01-01T00:00:00Z " + SPAN, closure.getMessage());
        assertEquals("start of residence in DE 2300-01-01T00:00:00Z " + SPAN, move.getMessage());
    }

    @Test
    void shouldAcceptBothEndsOfTheSpanAndAResidenceAsFarBackAsWeKnow() {
        assertDoesNotThrow(() -> ContentItem.of("post-1", "m-1", DataCategory.PUBLIC_CONTENT, FIRST).withDeletedAt(LAST));
        assertDoesNotThrow(() -> ConsentEvent.optIn("e-1", Purpose.AI_TRAINING, FIRST, LAST, ConsentChannel.API));
        assertDoesNotThrow(() -> Residence.always(Jurisdiction.of("DE")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"+999999999-12-31", "-999999999-01-01", "0000-12-31", "+10000-01-01"})
    void shouldRefuseABirthDateThatCannotComeOfAgeOnACalendarDate(String birthDate) {
        LocalDate born = LocalDate.parse(birthDate);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Member.builder("m-1").birthDate(born).build());

        assertEquals("birth date " + born + " of member m-1 is outside the years 1 to 9999", e.getMessage());
    }

    // The member comes of age at 150 under the policy below; a 29 February birthday in a common year
    // counts from 1 March, the default reading.
    @ParameterizedTest
    @CsvSource({"0001-01-01, 0151-01-01", "9999-12-31, +10149-12-31", "2008-02-29, 2158-03-01"})
    void shouldExplainEveryDecisionOnAMemberWithAnAcceptedBirthDate(String birthDate, String comingOfAge) {
        Member member = Member.builder("m-1").birthDate(LocalDate.parse(birthDate)).residentIn(Jurisdiction.of("DE"))
                .build();
        ContentItem post = ContentItem.of("post-1", "m-1", DataCategory.PUBLIC_CONTENT, T);
        TrainingPolicy policy = TrainingPolicy.builder("p", Purpose.GENERATIVE_AI_TRAINING)
                .version(PolicyVersion.builder("v1", Instant.MIN).defaultBasis(LegalBasis.LEGITIMATE_INTERESTS)
                        .allow(DataCategory.CONTENT).minimumAge(150).build())
                .build();

        for (Instant asOf : List.of(Instant.MIN, T, LAST, Instant.MAX)) {
            Decision decision = policy.evaluate(post, member, asOf);
            assertTrue(decision.toString().startsWith("post-1 of m-1 at " + asOf), decision.toString());
            assertEquals(policy.isTrainable(post, member, asOf), decision.trainable(), decision.toString());
            Evidence evidence = assertDoesNotThrow(decision::evidence);
            assertEquals(decision.reason(), evidence.reason());
            if (decision.reason() == Reason.MINOR || decision.reason() == Reason.CREATED_WHILE_MINOR) {
                assertEquals(Optional.of(LocalDate.parse(comingOfAge)), evidence.comingOfAge());
            }
        }
        assertEquals(1, MemberStore.of(List.of(member)).size());
    }
}
