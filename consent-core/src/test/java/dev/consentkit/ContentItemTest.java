package dev.consentkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.common.testing.EqualsTester;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Shows how a content item is made and copied, which items it refuses, and how it prints. */
class ContentItemTest {

    private static final Instant CREATED = Instant.parse("2025-01-01T00:00:00Z");
    private static final Instant DELETED = Instant.parse("2025-12-01T00:00:00Z");
    private static final Reservation TDM = new Reservation(ReservationSource.TDM_REP, Instant.parse("2025-02-01T00:00:00Z"));
    private static final Reservation IPTC = new Reservation(ReservationSource.IPTC_DATA_MINING,
            Instant.parse("2025-03-01T00:00:00Z"));

    private static final ContentItem POST = ContentItem.of("post-1", "m-1", DataCategory.PUBLIC_CONTENT, CREATED);

    @Test
    void shouldHoldWhatItWasMadeFrom() {
        assertEquals("post-1", POST.id());
        assertEquals("m-1", POST.authorId());
        assertEquals(DataCategory.PUBLIC_CONTENT, POST.category());
        assertEquals(CREATED, POST.createdAt());
    }

    @Test
    void shouldHaveNoDeletionAndNoReservationByDefault() {
        assertEquals(Optional.empty(), POST.deletedAt());
        assertEquals(List.of(), POST.reservations());
    }

    @Test
    void shouldHoldTheDeletionAndReservationsOfAFullItem() {
        ContentItem item = ContentItem.of("post-1", "m-1", DataCategory.PUBLIC_CONTENT, CREATED, DELETED,
                List.of(IPTC, TDM));

        assertEquals(Optional.of(DELETED), item.deletedAt());
        assertEquals(List.of(IPTC, TDM), item.reservations());
    }

    @Test
    void shouldEqualTheShortFormWhenTheFullFormHasNoDeletionOrReservation() {
        assertEquals(POST, ContentItem.of("post-1", "m-1", DataCategory.PUBLIC_CONTENT, CREATED, null, List.of()));
    }

    @Test
    void shouldSetTheDeletionWithWithDeletedAt() {
        ContentItem deleted = POST.withDeletedAt(DELETED);

        assertEquals(Optional.of(DELETED), deleted.deletedAt());
        assertEquals(ContentItem.of("post-1", "m-1", DataCategory.PUBLIC_CONTENT, CREATED, DELETED, List.of()), deleted);
    }

    @Test
    void shouldLeaveTheOriginalUnchangedByWithDeletedAt() {
        POST.withDeletedAt(DELETED);

        assertEquals(Optional.empty(), POST.deletedAt());
    }

    @Test
    void shouldKeepReservationsWithWithDeletedAt() {
        ContentItem item = POST.withReservation(TDM).withDeletedAt(DELETED);

        assertEquals(List.of(TDM), item.reservations());
    }

    @Test
    void shouldAcceptADeletionAtTheCreationInstant() {
        assertEquals(Optional.of(CREATED), POST.withDeletedAt(CREATED).deletedAt());
    }

    @Test
    void shouldRejectADeletionBeforeTheCreationShowingBothInstantsAndTheId() {
        Instant beforeCreation = CREATED.minusNanos(1);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> POST.withDeletedAt(beforeCreation));

        assertEquals("content item post-1 is deleted at 2024-12-31T23:59:59.999999999Z, before it was created at "
                + "2025-01-01T00:00:00Z", e.getMessage());
    }

    @Test
    void shouldRejectAFullItemDeletedBeforeItWasCreated() {
        Instant beforeCreation = CREATED.minusSeconds(1);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ContentItem.of(
                "post-2", "m-1", DataCategory.PUBLIC_CONTENT, CREATED, beforeCreation, List.of()));

        assertEquals("content item post-2 is deleted at 2024-12-31T23:59:59Z, before it was created at "
                + "2025-01-01T00:00:00Z", e.getMessage());
    }

    @Test
    void shouldAppendAReservationWithWithReservation() {
        ContentItem item = POST.withReservation(IPTC).withReservation(TDM);

        assertEquals(List.of(IPTC, TDM), item.reservations());
        assertEquals(List.of(), POST.reservations());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t"})
    void shouldRejectABlankIdShowingIt(String id) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ContentItem.of(id, "m-1", DataCategory.PUBLIC_CONTENT, CREATED));

        assertEquals("content item id is blank: '" + id + "'", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t"})
    void shouldRejectABlankAuthorIdShowingItAndTheItem(String authorId) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ContentItem.of("post-1", authorId, DataCategory.PUBLIC_CONTENT, CREATED));

        assertEquals("author id of content item post-1 is blank: '" + authorId + "'", e.getMessage());
    }

    @Test
    void shouldNotChangeWhenTheGivenReservationsChangeAfterwards() {
        List<Reservation> given = new ArrayList<>(List.of(TDM));
        ContentItem item = ContentItem.of("post-1", "m-1", DataCategory.PUBLIC_CONTENT, CREATED, null, given);

        given.add(IPTC);
        given.set(0, IPTC);

        assertEquals(List.of(TDM), item.reservations());
    }

    @Test
    void shouldNotLetCallersChangeItsReservations() {
        List<Reservation> reservations = POST.withReservation(TDM).reservations();

        assertThrows(UnsupportedOperationException.class, () -> reservations.add(IPTC));
    }

    @Test
    void shouldNameTheIndexOfANullReservation() {
        List<Reservation> given = new ArrayList<>();
        given.add(TDM);
        given.add(null);

        NullPointerException e = assertThrows(NullPointerException.class,
                () -> ContentItem.of("post-1", "m-1", DataCategory.PUBLIC_CONTENT, CREATED, null, given));

        assertEquals("reservations[1]", e.getMessage());
    }

    @Test
    void shouldPrintAsItsDocumentationShows() {
        assertEquals("ContentItem[post-1 by m-1, content.public, created 2025-01-01T00:00:00Z]", POST.toString());
    }

    @Test
    void shouldPrintTheDeletionAndTheNumberOfReservations() {
        assertEquals("ContentItem[post-1 by m-1, content.public, created 2025-01-01T00:00:00Z, "
                + "deleted 2025-12-01T00:00:00Z, 2 reservations]",
                POST.withReservation(TDM).withReservation(IPTC).withDeletedAt(DELETED).toString());
    }

    @Test
    void shouldHaveNoResumptionUntilOneIsSet() {
        ContentItem resumed = POST.withResumedAt(DELETED);

        assertEquals(Optional.empty(), POST.resumedAt());
        assertEquals(Optional.of(DELETED), resumed.resumedAt());
        assertEquals(POST, resumed.withResumedAt(null));
    }

    @Test
    void shouldKeepTheResumptionThroughOtherCopies() {
        ContentItem item = POST.withResumedAt(DELETED).withReservation(TDM).withDeletedAt(DELETED);

        assertEquals(Optional.of(DELETED), item.resumedAt());
        assertEquals(List.of(TDM), item.reservations());
    }

    @Test
    void shouldAcceptAResumptionAtTheCreationInstant() {
        assertEquals(Optional.of(CREATED), POST.withResumedAt(CREATED).resumedAt());
    }

    @Test
    void shouldRejectAResumptionBeforeTheCreationShowingBothInstantsAndTheId() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> POST.withResumedAt(CREATED.minusNanos(1)));

        assertEquals("content item post-1 is resumed at 2024-12-31T23:59:59.999999999Z, before it was created at "
                + "2025-01-01T00:00:00Z", e.getMessage());
    }

    @Test
    void shouldRejectAResumptionOutsideTheStoredSpanShowingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> POST.withResumedAt(Instant.parse("2300-01-01T00:00:00Z")));

        assertEquals(true, e.getMessage().contains("resumedAt of content item post-1"), e.getMessage());
        assertEquals(true, e.getMessage().contains("2300-01-01T00:00:00Z"), e.getMessage());
    }

    @Test
    void shouldPrintTheResumption() {
        assertEquals("ContentItem[post-1 by m-1, content.public, created 2025-01-01T00:00:00Z, "
                + "resumed 2025-12-01T00:00:00Z]", POST.withResumedAt(DELETED).toString());
    }

    @Test
    void shouldPrintASingleReservationInTheSingular() {
        assertEquals("ContentItem[post-1 by m-1, content.public, created 2025-01-01T00:00:00Z, 1 reservation]",
                POST.withReservation(TDM).toString());
    }

    @Test
    void shouldBeEqualExactlyWhenEveryValueIsEqual() {
        new EqualsTester()
                .addEqualityGroup(POST, ContentItem.of("post-1", "m-1", DataCategory.of("content.public"), CREATED))
                .addEqualityGroup(ContentItem.of("post-2", "m-1", DataCategory.PUBLIC_CONTENT, CREATED))
                .addEqualityGroup(ContentItem.of("post-1", "m-2", DataCategory.PUBLIC_CONTENT, CREATED))
                .addEqualityGroup(ContentItem.of("post-1", "m-1", DataCategory.GROUP_CONTENT, CREATED))
                .addEqualityGroup(ContentItem.of("post-1", "m-1", DataCategory.PUBLIC_CONTENT, CREATED.plusNanos(1)))
                .addEqualityGroup(POST.withDeletedAt(DELETED))
                .addEqualityGroup(POST.withResumedAt(DELETED), POST.withResumedAt(CREATED).withResumedAt(DELETED))
                .addEqualityGroup(POST.withReservation(TDM), POST.withReservation(TDM))
                .addEqualityGroup(POST.withReservation(TDM).withReservation(IPTC))
                .addEqualityGroup(POST.withReservation(IPTC).withReservation(TDM))
                .testEquals();
    }
}
