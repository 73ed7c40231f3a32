package dev.consentkit.jackson;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.consentkit.ContentItem;
import dev.consentkit.DataCategory;
import dev.consentkit.Reservation;
import dev.consentkit.ReservationSource;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON form of a content item, the {@code consentkit.item/v1} document ({@code v1.1} when it
 * carries a resumption):
 *
 * <pre>{@code
 * {
 *   "format": "consentkit.item/v1",
 *   "id": "post-1",
 *   "authorId": "m-1",
 *   "category": "content.public",
 *   "createdAt": "2025-10-01T12:00:00Z",
 *   "deletedAt": "2025-12-01T00:00:00Z",
 *   "resumedAt": "2025-11-02T09:30:00Z",
 *   "reservations": [{"source": "TDM_REP", "effectiveFrom": "2025-10-02T00:00:00Z"}]
 * }
 * }</pre>
 *
 * <p>{@code deletedAt} and {@code resumedAt} (the item's last resumption, added in {@code v1.1}) are
 * optional (absent or {@code null}); an item is written as {@code v1.1} only when it has a resumption,
 * so items without one round-trip as {@code v1}. {@code reservations} is required and may
 * be empty, so that a producer that forgets an item's reservations fails instead of making it
 * trainable.
 */
final class ItemJson {

    static final List<String> FIELDS =
            List.of("format", "id", "authorId", "category", "createdAt", "deletedAt", "resumedAt",
                    "reservations");
    static final List<String> RESERVATION_FIELDS = List.of("source", "effectiveFrom");

    private static final String RESERVATIONS = "an array of reservations, possibly empty";

    private ItemJson() {}

    static ContentItem read(Node node, boolean formatRequired) throws ConsentDocumentException {
        DocumentFormat.ITEM.check(node, formatRequired);
        Node item = node.object(FIELDS);
        Node idNode = item.required("id", Scalars.ID);
        String id = Scalars.id(idNode);
        Node authorNode = item.required("authorId", Scalars.ID);
        String authorId = Scalars.id(authorNode);
        DataCategory category = Scalars.category(item.required("category", Scalars.CATEGORY));
        Instant createdAt = Scalars.instant(item.required("createdAt", Scalars.INSTANT));
        Node deletedNode = item.optional("deletedAt");
        Instant deletedAt = deletedNode == null ? null : Scalars.instant(deletedNode);
        Node resumedNode = item.optional("resumedAt");
        Instant resumedAt = resumedNode == null ? null : Scalars.instant(resumedNode);
        List<Reservation> reservations = new ArrayList<>();
        for (Node r : item.required("reservations", RESERVATIONS).array(RESERVATIONS)) {
            reservations.add(readReservation(r));
        }
        try {
            ContentItem read = ContentItem.of(id, authorId, category, createdAt, deletedAt, reservations);
            if (resumedNode == null) {
                return read;
            }
            try {
                return read.withResumedAt(resumedAt);
            } catch (IllegalArgumentException e) {
                throw resumedNode.fail(Node.problem(e), "resumedAt at or after createdAt", e);
            }
        } catch (IllegalArgumentException e) {
            Node culprit = id.isBlank() ? idNode : authorId.isBlank() ? authorNode : deletedNode != null ? deletedNode : item;
            throw culprit.fail(Node.problem(e), culprit == deletedNode ? "deletedAt at or after createdAt" : Scalars.ID, e);
        }
    }

    static ContentItem readDocument(Node node) throws ConsentDocumentException {
        return read(node, true);
    }

    static Reservation readReservation(Node node) throws ConsentDocumentException {
        Node reservation = node.object(RESERVATION_FIELDS);
        ReservationSource source = reservation.required("source", "a reservation source")
                .enumValue(ReservationSource.class, "reservation source");
        Instant effectiveFrom = Scalars.instant(reservation.required("effectiveFrom", Scalars.INSTANT));
        return new Reservation(source, effectiveFrom);
    }

    static void write(ContentItem item, JsonGenerator json, boolean withFormat) throws IOException {
        json.writeStartObject();
        if (withFormat) {
            json.writeStringField("format", DocumentFormat.ITEM.current(item.resumedAt().isPresent() ? 1 : 0));
        }
        json.writeStringField("id", item.id());
        json.writeStringField("authorId", item.authorId());
        json.writeStringField("category", item.category().key());
        json.writeStringField("createdAt", item.createdAt().toString());
        if (item.deletedAt().isPresent()) {
            json.writeStringField("deletedAt", item.deletedAt().get().toString());
        }
        if (item.resumedAt().isPresent()) {
            json.writeStringField("resumedAt", item.resumedAt().get().toString());
        }
        json.writeArrayFieldStart("reservations");
        for (Reservation reservation : item.reservations()) {
            writeReservation(reservation, json);
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    static void writeDocument(ContentItem item, JsonGenerator json) throws IOException {
        write(item, json, true);
    }

    static void writeReservation(Reservation reservation, JsonGenerator json) throws IOException {
        json.writeStartObject();
        json.writeStringField("source", reservation.source().name());
        json.writeStringField("effectiveFrom", reservation.effectiveFrom().toString());
        json.writeEndObject();
    }
}
