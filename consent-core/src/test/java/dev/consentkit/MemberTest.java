package dev.consentkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.testing.EqualsTester;
import dev.consentkit.internal.KernelTime;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Shows how a member is built and copied, what it holds by default, and how it prints. */
class MemberTest {

    private static final Jurisdiction DE = Jurisdiction.of("DE");
    private static final Jurisdiction FR = Jurisdiction.of("FR");
    private static final LocalDate BORN = LocalDate.of(1990, 4, 1);
    private static final Instant MOVED = Instant.parse("2025-03-01T00:00:00Z");
    private static final Instant CLOSED = Instant.parse("2026-01-01T00:00:00Z");
    private static final ConsentEvent OPT_IN = ConsentEvent.optIn("e-1", Purpose.GENERATIVE_AI_TRAINING,
            Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2025-01-01T00:00:00Z"), ConsentChannel.API);
    private static final ConsentEvent OPT_OUT = ConsentEvent.optOut("e-7", Purpose.GENERATIVE_AI_TRAINING,
            Instant.parse("2025-11-10T00:00:00Z"), Instant.parse("2025-11-10T00:00:05Z"), ConsentChannel.SETTINGS_TOGGLE);

    @Test
    void shouldPlaceTheMemberAndFindTheirChoiceAsTheTimelineAndTheHistoryDo() {
        List<Member> members = List.of(
                Member.builder("none").build(),
                Member.builder("always").residentIn(DE).build(),
                Member.builder("from").residentIn(DE, MOVED).consent(OPT_IN).build(),
                Member.builder("moved").jurisdictions(JurisdictionTimeline.always(DE).movedTo(FR, MOVED))
                        .consent(OPT_IN, OPT_OUT).build());
        Purpose[] covering = Purpose.GENERATIVE_AI_TRAINING.coveringPurposes().toArray(new Purpose[0]);
        for (Member member : members) {
            for (Instant asOf : List.of(Instant.MIN, MOVED.minusNanos(1), MOVED, MOVED.plusNanos(1),
                    OPT_OUT.effectiveAt(), Instant.MAX)) {
                long nanos = KernelTime.notAfterNanos(asOf);
                assertEquals(member.jurisdictions().at(asOf).orElse(null), member.placeAt(nanos),
                        member.id() + " at " + asOf);
                assertEquals(member.consent().choiceCode(covering, false, nanos, KernelTime.LATEST),
                        member.choiceCode(covering, false, nanos, KernelTime.LATEST), member.id() + " at " + asOf);
            }
        }
        assertEquals(null, members.get(2).placeAt(KernelTime.notAfterNanos(MOVED.minusNanos(1))));
        assertEquals(DE, members.get(2).placeAt(KernelTime.notAfterNanos(MOVED)));
    }

    @Test
    void shouldStartWithNothingKnownButTheId() {
        Member member = Member.builder("m-1").build();

        assertEquals("m-1", member.id());
        assertEquals(Optional.empty(), member.birthDate());
        assertEquals(JurisdictionTimeline.unknown(), member.jurisdictions());
        assertEquals(Optional.empty(), member.closedAt());
        assertEquals(ConsentHistory.empty(), member.consent());
    }

    @Test
    void shouldHoldWhatTheBuilderWasGiven() {
        Member member = Member.builder("m-1")
                .birthDate(BORN)
                .residentIn(DE)
                .closedAt(CLOSED)
                .consent(OPT_IN, OPT_OUT)
                .build();

        assertEquals(Optional.of(BORN), member.birthDate());
        assertEquals(JurisdictionTimeline.always(DE), member.jurisdictions());
        assertEquals(Optional.of(CLOSED), member.closedAt());
        assertEquals(ConsentHistory.of(OPT_IN, OPT_OUT), member.consent());
    }

    @Test
    void shouldForgetTheBirthDateWhenSetToNull() {
        Member member = Member.builder("m-1").birthDate(BORN).birthDate(null).build();

        assertEquals(Optional.empty(), member.birthDate());
    }

    @Test
    void shouldReopenTheAccountWhenClosedAtIsSetToNull() {
        Member member = Member.builder("m-1").closedAt(CLOSED).closedAt(null).build();

        assertEquals(Optional.empty(), member.closedAt());
    }

    @Test
    void shouldAddAMoveWithResidentInFrom() {
        Member member = Member.builder("m-1").residentIn(DE).residentIn(FR, MOVED).build();

        assertEquals(JurisdictionTimeline.always(DE).movedTo(FR, MOVED), member.jurisdictions());
    }

    @Test
    void shouldReplaceTheTimelineWithJurisdictions() {
        JurisdictionTimeline timeline = JurisdictionTimeline.of(List.of(new Residence(MOVED, FR)));

        Member member = Member.builder("m-1").residentIn(DE).jurisdictions(timeline).build();

        assertSame(timeline, member.jurisdictions());
    }

    @Test
    void shouldAccumulateEventsGivenInSeveralCalls() {
        Member member = Member.builder("m-1").consent(OPT_OUT).consent(OPT_IN, OPT_OUT).build();

        assertEquals(List.of(OPT_IN, OPT_OUT), member.consent().events());
    }

    @Test
    void shouldAddTheEventsOfAHistoryAsEveryConsentCallAdds() {
        Member member = Member.builder("m-1").consent(OPT_IN).consent(ConsentHistory.of(OPT_OUT)).build();

        assertEquals(List.of(OPT_IN, OPT_OUT), member.consent().events());
    }

    @Test
    void shouldReplaceTheWholeHistoryWithWithConsent() {
        Member member = Member.builder("m-1").consent(OPT_IN).build();

        assertEquals(List.of(OPT_OUT), member.withConsent(ConsentHistory.of(OPT_OUT)).consent().events());
    }

    @Test
    void shouldRefuseToDiscardMovesWithResidentIn() {
        Member.Builder moved = Member.builder("m-1").residentIn(Jurisdiction.of("DE"))
                .residentIn(Jurisdiction.of("FR"), Instant.parse("2025-01-01T00:00:00Z"));

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> moved.residentIn(Jurisdiction.of("GB")));

        assertEquals("residentIn(GB) would discard the moves [DE, FR since 2025-01-01T00:00:00Z] of member m-1; call "
                + "it before any move, or set the whole timeline with jurisdictions(...)", e.getMessage());
    }

    @Test
    void shouldLetResidentInReplaceWhereTheMemberHasAlwaysBeen() {
        Member member = Member.builder("m-1").residentIn(Jurisdiction.of("DE")).residentIn(Jurisdiction.of("CH")).build();

        assertEquals(List.of(Residence.always(Jurisdiction.of("CH"))), member.jurisdictions().residences());
    }

    @Test
    void shouldRejectAnEventThatReusesAnIdInTheBuilder() {
        ConsentEvent conflicting = ConsentEvent.optOut("e-1", Purpose.AI_TRAINING, OPT_IN.effectiveAt(),
                OPT_IN.recordedAt(), ConsentChannel.API);
        Member.Builder builder = Member.builder("m-1").consent(OPT_IN);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> builder.consent(conflicting));

        assertTrue(e.getMessage().contains("consent event id e-1"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t"})
    void shouldRejectABlankIdShowingIt(String id) {
        Member.Builder builder = Member.builder(id);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);

        assertEquals("member id is blank: '" + id + "'", e.getMessage());
    }

    @Test
    void shouldAddAnEventWithWithConsentEvent() {
        Member member = Member.builder("m-1").residentIn(DE).consent(OPT_IN).build();

        Member changed = member.withConsentEvent(OPT_OUT);

        assertEquals(List.of(OPT_IN, OPT_OUT), changed.consent().events());
        assertEquals(member.toBuilder().consent(OPT_OUT).build(), changed);
    }

    @Test
    void shouldLeaveTheOriginalUnchangedByWithConsentEvent() {
        Member member = Member.builder("m-1").consent(OPT_IN).build();

        member.withConsentEvent(OPT_OUT);

        assertEquals(List.of(OPT_IN), member.consent().events());
    }

    @Test
    void shouldIgnoreAnEventAlreadyThereWithWithConsentEvent() {
        Member member = Member.builder("m-1").consent(OPT_IN).build();

        assertEquals(member, member.withConsentEvent(OPT_IN));
    }

    @Test
    void shouldReplaceTheHistoryWithWithConsent() {
        Member member = Member.builder("m-1").birthDate(BORN).consent(OPT_IN).build();

        Member changed = member.withConsent(ConsentHistory.of(OPT_OUT));

        assertEquals(ConsentHistory.of(OPT_OUT), changed.consent());
        assertEquals(Optional.of(BORN), changed.birthDate());
    }

    @Test
    void shouldRebuildAnEqualMemberFromToBuilder() {
        Member member = Member.builder("m-1").birthDate(BORN).residentIn(DE).residentIn(FR, MOVED).closedAt(CLOSED)
                .consent(OPT_IN, OPT_OUT).build();

        assertEquals(member, member.toBuilder().build());
    }

    @Test
    void shouldLeaveTheOriginalUnchangedWhenItsBuilderChanges() {
        Member member = Member.builder("m-1").birthDate(BORN).build();

        member.toBuilder().birthDate(null).closedAt(CLOSED).residentIn(DE).consent(OPT_OUT).build();

        assertEquals(Member.builder("m-1").birthDate(BORN).build(), member);
    }

    @Test
    void shouldPrintAsItsDocumentationShows() {
        Member member = Member.builder("m-1").birthDate(BORN).residentIn(DE).consent(OPT_IN, OPT_OUT).build();

        assertEquals("Member[m-1, born 1990-04-01, [DE], open, 2 consent events]", member.toString());
    }

    @Test
    void shouldPrintAnUnknownBirthDateAClosedAccountAndASingleEvent() {
        Member member = Member.builder("m-2").closedAt(CLOSED).consent(OPT_OUT).build();

        assertEquals("Member[m-2, birth date unknown, [], closed 2026-01-01T00:00:00Z, 1 consent event]",
                member.toString());
    }

    @Test
    void shouldBeEqualExactlyWhenEveryValueIsEqual() {
        Member.Builder base = Member.builder("m-1").birthDate(BORN).residentIn(DE).closedAt(CLOSED).consent(OPT_IN);
        new EqualsTester()
                .addEqualityGroup(base.build(), base.build(),
                        Member.builder("m-1").consent(OPT_IN).closedAt(CLOSED).residentIn(DE).birthDate(BORN).build())
                .addEqualityGroup(base.build().toBuilder().birthDate(BORN.plusDays(1)).build())
                .addEqualityGroup(base.build().toBuilder().birthDate(null).build())
                .addEqualityGroup(base.build().toBuilder().residentIn(FR).build())
                .addEqualityGroup(base.build().toBuilder().closedAt(null).build())
                .addEqualityGroup(base.build().withConsentEvent(OPT_OUT))
                .addEqualityGroup(Member.builder("m-2").birthDate(BORN).residentIn(DE).closedAt(CLOSED).consent(OPT_IN)
                        .build())
                .testEquals();
    }

    // ---- closed and reopened accounts ----

    private static final Instant REOPENED = Instant.parse("2026-02-01T00:00:00Z");
    private static final Instant CLOSED_AGAIN = Instant.parse("2026-06-01T00:00:00Z");

    @Test
    void shouldKeepEveryClosureInOrder() {
        Member member = Member.builder("m-1").closure(AccountClosure.between(CLOSED, REOPENED))
                .closure(AccountClosure.from(CLOSED_AGAIN)).build();

        assertEquals(List.of(AccountClosure.between(CLOSED, REOPENED), AccountClosure.from(CLOSED_AGAIN)),
                member.closures());
        assertEquals(Optional.of(CLOSED_AGAIN), member.closedAt());
    }

    @Test
    void shouldHaveNoClosedAtOnceTheLastClosureIsReopened() {
        Member member = Member.builder("m-1").closure(AccountClosure.between(CLOSED, REOPENED)).build();

        assertEquals(Optional.empty(), member.closedAt());
        assertEquals(List.of(AccountClosure.between(CLOSED, REOPENED)), member.closures());
    }

    @Test
    void shouldReadASingleClosedAtAsOneClosureNotReopened() {
        Member member = Member.builder("m-1").closedAt(CLOSED).build();

        assertEquals(List.of(AccountClosure.from(CLOSED)), member.closures());
        assertEquals(Member.builder("m-1").closures(List.of(AccountClosure.from(CLOSED))).build(), member);
    }

    @Test
    void shouldRefuseAClosureAddedAfterAClosedAtRatherThanDropEither() {
        Member.Builder builder = Member.builder("m-1").closedAt(CLOSED).closure(AccountClosure.from(CLOSED_AGAIN));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);

        assertTrue(e.getMessage().startsWith("account closure [2026-01-01T00:00:00Z, ...) of member m-1 is not reopened"),
                e.getMessage());
    }

    @Test
    void shouldReplaceEveryClosureWithClosedAt() {
        Member member = Member.builder("m-1").closure(AccountClosure.between(CLOSED, REOPENED)).closedAt(CLOSED_AGAIN)
                .build();

        assertEquals(List.of(AccountClosure.from(CLOSED_AGAIN)), member.closures());
    }

    @Test
    void shouldFindTheClosureInEffectAtAnInstant() {
        Member member = Member.builder("m-1").closure(AccountClosure.between(CLOSED, REOPENED))
                .closure(AccountClosure.from(CLOSED_AGAIN)).build();

        assertEquals(Optional.empty(), member.closureAt(CLOSED.minusNanos(1)));
        assertEquals(Optional.of(AccountClosure.between(CLOSED, REOPENED)), member.closureAt(CLOSED));
        assertEquals(Optional.of(AccountClosure.between(CLOSED, REOPENED)), member.closureAt(REOPENED.minusNanos(1)));
        assertEquals(Optional.empty(), member.closureAt(REOPENED));
        assertEquals(Optional.of(AccountClosure.from(CLOSED_AGAIN)), member.closureAt(Instant.MAX));
    }

    @Test
    void shouldAcceptAClosureStartingAtTheReopeningOfThePreviousOne() {
        Member member = Member.builder("m-1").closure(AccountClosure.between(CLOSED, REOPENED))
                .closure(AccountClosure.from(REOPENED)).build();

        assertEquals(Optional.of(AccountClosure.from(REOPENED)), member.closureAt(REOPENED));
    }

    @Test
    void shouldRefuseOverlappingClosuresNamingTheMemberAndTheInterval() {
        Member.Builder builder = Member.builder("m-1").closure(AccountClosure.between(CLOSED, REOPENED))
                .closure(AccountClosure.between(REOPENED.minusNanos(1), CLOSED_AGAIN));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);

        assertEquals("account closure [2026-01-31T23:59:59.999999999Z, 2026-06-01T00:00:00Z) of member m-1 overlaps "
                + "the closure [2026-01-01T00:00:00Z, 2026-02-01T00:00:00Z) before it", e.getMessage());
    }

    @Test
    void shouldRefuseClosuresOutOfOrder() {
        Member.Builder builder = Member.builder("m-1").closure(AccountClosure.from(CLOSED_AGAIN))
                .closure(AccountClosure.between(CLOSED, REOPENED));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);

        assertEquals("account closure [2026-01-01T00:00:00Z, 2026-02-01T00:00:00Z) of member m-1 is out of order: it "
                + "comes after [2026-06-01T00:00:00Z, ...); list closures by closedAt", e.getMessage());
    }

    @Test
    void shouldRefuseAClosureAfterOneThatStaysClosed() {
        Member.Builder builder = Member.builder("m-1").closure(AccountClosure.from(CLOSED))
                .closure(AccountClosure.from(CLOSED_AGAIN));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);

        assertEquals("account closure [2026-01-01T00:00:00Z, ...) of member m-1 is not reopened, yet closure "
                + "[2026-06-01T00:00:00Z, ...) follows it; only the last closure may be left without a reopening",
                e.getMessage());
    }

    @Test
    void shouldCopyClosuresWithToBuilder() {
        Member member = Member.builder("m-1").closure(AccountClosure.between(CLOSED, REOPENED))
                .closure(AccountClosure.from(CLOSED_AGAIN)).build();

        assertEquals(member, member.toBuilder().build());
        assertEquals(member.closures(), member.withConsentEvent(OPT_IN).closures());
    }

    @Test
    void shouldPrintEveryClosureOfAReopenedAccount() {
        Member member = Member.builder("m-3").closure(AccountClosure.between(CLOSED, REOPENED))
                .closure(AccountClosure.from(CLOSED_AGAIN)).build();

        assertEquals("Member[m-3, birth date unknown, [], closed [2026-01-01T00:00:00Z, 2026-02-01T00:00:00Z), "
                + "[2026-06-01T00:00:00Z, ...), 0 consent events]", member.toString());
    }

    @Test
    void shouldTellMembersWithOtherClosuresApart() {
        new EqualsTester()
                .addEqualityGroup(Member.builder("m-1").closure(AccountClosure.between(CLOSED, REOPENED)).build(),
                        Member.builder("m-1").closures(List.of(AccountClosure.between(CLOSED, REOPENED))).build())
                .addEqualityGroup(Member.builder("m-1").closedAt(CLOSED).build())
                .addEqualityGroup(Member.builder("m-1").closure(AccountClosure.between(CLOSED, CLOSED_AGAIN)).build())
                .testEquals();
    }
}
