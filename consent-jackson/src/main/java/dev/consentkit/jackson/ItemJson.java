package dev.consentkit.jackson;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.consentkit.ContentItem;
import dev.consentkit.DataCategory;
import dev.consentkit.Reservation;
import dev.consentkit.ReservationSource;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

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

    private static final String RESERVATIONS = "an array of reservations, possibly empty";

    private ItemJson() {}

    /** The fields of an item document, in the order it is written. */
    record ItemForm(
            @JsonDeserialize(using = DocumentFormat.OfItem.class) @Nullable Integer format,
            @Nullable Located<String> id,
            @Nullable Located<String> authorId,
            @Nullable Located<DataCategory> category,
            @Nullable Located<Instant> createdAt,
            @Nullable Located<Instant> deletedAt,
            @Nullable Located<Instant> resumedAt,
            @Nullable Located<List<Reservation>> reservations,
            @JsonProperty("$schema") @Nullable Located<String> schema,
            @JsonAnySetter @JsonDeserialize(contentUsing = UnknownFields.class) @Nullable Map<String, Object> unknown)
            implements Form.OfDocument<ContentItem> {

        @Override
        public ContentItem bind(Binding at) throws ConsentDocumentException {
            Located<String> idField = at.required(id, "id", Scalars.ID);
            Located<String> author = at.required(authorId, "authorId", Scalars.ID);
            ContentItem read;
            try {
                read = ContentItem.of(idField.value(), author.value(), at.value(category, "category", Scalars.CATEGORY),
                        at.value(createdAt, "createdAt", Scalars.INSTANT), deletedAt == null ? null : deletedAt.value(),
                        at.list(reservations, "reservations", RESERVATIONS));
            } catch (IllegalArgumentException e) {
                if (idField.value().isBlank() || author.value().isBlank()) {
                    throw (idField.value().isBlank() ? idField : author).fail(Scalars.problem(e), Scalars.ID, e);
                }
                if (deletedAt != null) {
                    throw deletedAt.fail(Scalars.problem(e), "deletedAt at or after createdAt", e);
                }
                throw at.fail(Scalars.problem(e), "a valid item", e);
            }
            if (resumedAt == null) {
                return read;
            }
            try {
                return read.withResumedAt(resumedAt.value());
            } catch (IllegalArgumentException e) {
                throw resumedAt.fail(Scalars.problem(e), "resumedAt at or after createdAt", e);
            }
        }
    }

    /** The fields of a reservation. */
    record ReservationForm(
            @Nullable Located<ReservationSource> source,
            @Nullable Located<Instant> effectiveFrom,
            @JsonAnySetter @JsonDeserialize(contentUsing = UnknownFields.class) @Nullable Map<String, Object> unknown)
            implements Form<Reservation> {

        @Override
        public Reservation bind(Binding at) throws ConsentDocumentException {
            return new Reservation(at.value(source, "source", "a reservation source"),
                    at.value(effectiveFrom, "effectiveFrom", Scalars.INSTANT));
        }
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
