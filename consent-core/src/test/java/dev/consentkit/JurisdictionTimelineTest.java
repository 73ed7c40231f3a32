package dev.consentkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.common.testing.EqualsTester;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Shows which jurisdiction a timeline puts a member in at an instant, and which timelines it refuses. */
class JurisdictionTimelineTest {

    private static final Jurisdiction DE = Jurisdiction.of("DE");
    private static final Jurisdiction FR = Jurisdiction.of("FR");
    private static final Jurisdiction GB = Jurisdiction.of("GB");
    private static final Instant MOVED_TO_DE = Instant.parse("2020-01-01T00:00:00Z");
    private static final Instant MOVED_TO_FR = Instant.parse("2025-03-01T00:00:00Z");

    private static final JurisdictionTimeline DE_THEN_FR = JurisdictionTimeline.of(List.of(
            new Residence(MOVED_TO_DE, DE), new Residence(MOVED_TO_FR, FR)));

    @Test
    void shouldKnowNoJurisdictionBeforeTheFirstResidence() {
        assertEquals(Optional.empty(), DE_THEN_FR.at(MOVED_TO_DE.minusNanos(1)));
    }

    @Test
    void shouldPlaceTheMemberFromTheInstantTheResidenceStarts() {
        assertEquals(Optional.of(DE), DE_THEN_FR.at(MOVED_TO_DE));
    }

    @Test
    void shouldSwitchJurisdictionExactlyAtTheMove() {
        assertEquals(Optional.of(DE), DE_THEN_FR.at(MOVED_TO_FR.minusNanos(1)));
        assertEquals(Optional.of(FR), DE_THEN_FR.at(MOVED_TO_FR));
    }

    @Test
    void shouldKeepTheLastJurisdictionForever() {
        assertEquals(Optional.of(FR), DE_THEN_FR.at(Instant.MAX));
    }

    @Test
    void shouldSortResidencesGivenOutOfOrder() {
        JurisdictionTimeline timeline = JurisdictionTimeline.of(List.of(
                new Residence(MOVED_TO_FR, FR), new Residence(MOVED_TO_DE, DE)));

        assertEquals(DE_THEN_FR.residences(), timeline.residences());
        assertEquals(List.of(new Residence(MOVED_TO_DE, DE), new Residence(MOVED_TO_FR, FR)), timeline.residences());
    }

    @Test
    void shouldPlaceAMemberAlwaysInOneJurisdictionAsFarBackAsKnown() {
        JurisdictionTimeline always = JurisdictionTimeline.always(DE);

        assertEquals(Optional.of(DE), always.at(Instant.MIN));
        assertEquals(Optional.of(DE), always.at(Instant.MAX));
        assertEquals(List.of(Residence.always(DE)), always.residences());
    }

    @Test
    void shouldKnowNoJurisdictionInAnUnknownTimeline() {
        assertEquals(Optional.empty(), JurisdictionTimeline.unknown().at(Instant.MAX));
        assertEquals(List.of(), JurisdictionTimeline.unknown().residences());
    }

    @Test
    void shouldEqualTheUnknownTimelineWhenMadeFromNoResidence() {
        assertEquals(JurisdictionTimeline.unknown(), JurisdictionTimeline.of(List.of()));
    }

    @Test
    void shouldAddAMoveWithMovedTo() {
        JurisdictionTimeline moved = JurisdictionTimeline.always(DE).movedTo(FR, MOVED_TO_FR);

        assertEquals(Optional.of(DE), moved.at(MOVED_TO_FR.minusNanos(1)));
        assertEquals(Optional.of(FR), moved.at(MOVED_TO_FR));
    }

    @Test
    void shouldAcceptAnEarlierMoveWithMovedTo() {
        JurisdictionTimeline moved = JurisdictionTimeline.of(List.of(new Residence(MOVED_TO_FR, FR)))
                .movedTo(DE, MOVED_TO_DE);

        assertEquals(DE_THEN_FR, moved);
    }

    @Test
    void shouldLeaveTheOriginalUnchangedByMovedTo() {
        JurisdictionTimeline always = JurisdictionTimeline.always(DE);

        always.movedTo(FR, MOVED_TO_FR);

        assertEquals(Optional.of(DE), always.at(Instant.MAX));
    }

    @Test
    void shouldRejectTwoResidencesStartingAtTheSameInstantShowingIt() {
        List<Residence> residences = List.of(new Residence(MOVED_TO_FR, DE), new Residence(MOVED_TO_FR, FR));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JurisdictionTimeline.of(residences));

        assertEquals("two residences start at 2025-03-01T00:00:00Z: DE and FR", e.getMessage());
    }

    @Test
    void shouldRejectAMoveAtTheInstantOfAnotherShowingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DE_THEN_FR.movedTo(GB, MOVED_TO_FR));

        assertEquals("two residences start at 2025-03-01T00:00:00Z: FR and GB", e.getMessage());
    }

    @Test
    void shouldRejectASecondResidenceWithNoKnownStart() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JurisdictionTimeline.always(DE).movedTo(FR, Instant.MIN));

        assertEquals("two residences start at " + Instant.MIN + ": DE and FR", e.getMessage());
    }

    @Test
    void shouldRejectAMoveIntoAGroupShowingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DE_THEN_FR.movedTo(Jurisdiction.EU, MOVED_TO_FR.plusSeconds(1)));

        assertEquals("a member resides in a country or subdivision, not in the group 'EU'", e.getMessage());
    }

    @Test
    void shouldRejectAGroupAsTheOnlyResidenceShowingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JurisdictionTimeline.always(Jurisdiction.EEA));

        assertEquals("a member resides in a country or subdivision, not in the group 'EEA'", e.getMessage());
    }

    @Test
    void shouldNameTheIndexOfANullResidence() {
        List<Residence> residences = new ArrayList<>();
        residences.add(new Residence(MOVED_TO_DE, DE));
        residences.add(null);

        NullPointerException e = assertThrows(NullPointerException.class, () -> JurisdictionTimeline.of(residences));

        assertEquals("residences[1]", e.getMessage());
    }

    @Test
    void shouldNotChangeWhenTheGivenListChangesAfterwards() {
        List<Residence> given = new ArrayList<>(List.of(new Residence(MOVED_TO_DE, DE)));
        JurisdictionTimeline timeline = JurisdictionTimeline.of(given);

        given.add(new Residence(MOVED_TO_FR, FR));

        assertEquals(Optional.of(DE), timeline.at(Instant.MAX));
    }

    @Test
    void shouldNotLetCallersChangeItsResidences() {
        List<Residence> residences = DE_THEN_FR.residences();

        assertThrows(UnsupportedOperationException.class, () -> residences.add(Residence.always(GB)));
    }

    @Test
    void shouldPrintResidencesAsItsDocumentationShows() {
        assertEquals("[DE since 2020-01-01T00:00:00Z, FR since 2025-03-01T00:00:00Z]", DE_THEN_FR.toString());
    }

    @Test
    void shouldPrintAResidenceWithNoKnownStartWithoutAnInstant() {
        assertEquals("[DE, FR since 2025-03-01T00:00:00Z]",
                JurisdictionTimeline.always(DE).movedTo(FR, MOVED_TO_FR).toString());
    }

    @Test
    void shouldBeEqualExactlyWhenTheResidencesAreEqual() {
        new EqualsTester()
                .addEqualityGroup(DE_THEN_FR, JurisdictionTimeline.of(List.of(new Residence(MOVED_TO_FR, FR),
                        new Residence(MOVED_TO_DE, DE))))
                .addEqualityGroup(JurisdictionTimeline.always(DE), JurisdictionTimeline.of(List.of(Residence.always(DE))))
                .addEqualityGroup(JurisdictionTimeline.of(List.of(new Residence(MOVED_TO_DE, DE))))
                .addEqualityGroup(JurisdictionTimeline.unknown(), JurisdictionTimeline.of(List.of()))
                .testEquals();
    }
}
