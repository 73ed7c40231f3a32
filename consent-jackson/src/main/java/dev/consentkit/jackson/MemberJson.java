package dev.consentkit.jackson;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.consentkit.AccountClosure;
import dev.consentkit.ConsentChannel;
import dev.consentkit.ConsentChoice;
import dev.consentkit.ConsentEvent;
import dev.consentkit.ConsentHistory;
import dev.consentkit.Jurisdiction;
import dev.consentkit.JurisdictionTimeline;
import dev.consentkit.Member;
import dev.consentkit.Purpose;
import dev.consentkit.Residence;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The JSON form of a member, the {@code consentkit.member/v1} document:
 *
 * <pre>{@code
 * {
 *   "format": "consentkit.member/v1",
 *   "id": "m-1",
 *   "birthDate": "1990-04-01",
 *   "jurisdictions": [{"jurisdiction": "DE"}, {"jurisdiction": "FR", "from": "2025-03-01T00:00:00Z"}],
 *   "closedAt": "2026-01-01T00:00:00Z",
 *   "consent": [{"id": "e-7", "purpose": "ai-training.generative", "choice": "OPT_OUT",
 *                "effectiveAt": "2025-11-10T00:00:00Z", "recordedAt": "2025-11-10T00:00:05Z",
 *                "channel": "SETTINGS_TOGGLE"}]
 * }
 * }</pre>
 *
 * <h2>Closures</h2>
 * An account closed once and not reopened is written as above, with {@code closedAt}. An account
 * closed and reopened, or closed more than once, is written with every closure instead, in a
 * {@code consentkit.member/v1.1} document (member format {@code v1.1} adds this field):
 *
 * <pre>{@code
 *   "closures": [{"closedAt": "2025-03-01T00:00:00Z", "reopenedAt": "2025-04-01T00:00:00Z"},
 *                {"closedAt": "2026-01-01T00:00:00Z"}],
 * }</pre>
 *
 * Each closure is half-open, {@code [closedAt, reopenedAt)}; they come in the order they start, each
 * at or after the reopening of the one before, and only the last may leave out {@code reopenedAt}
 * (still closed). A document has {@code closedAt} or {@code closures}, not both; {@code closedAt}
 * alone reads as one closure not reopened, so every {@code v1} document keeps its meaning, and a
 * member closed at most once is still written as {@code v1}, byte for byte as before. {@code closures}
 * is read in any {@code v1} minor version, and in a stream line without {@code format}.
 *
 * <p>{@code birthDate}, {@code closedAt} and {@code closures} are optional (absent or {@code null}). {@code jurisdictions}
 * and {@code consent} are required and may be empty, so that a producer that forgets a member's
 * choices fails instead of leaving the policy's default in place. Residences are written in the order
 * they start, and a residence without {@code from} (as far back as known) can only be the first;
 * consent events, an append-only log, may come in any order and more than once.
 *
 * <p>An event whose {@code effectiveAt} is after its {@code recordedAt} by at most the reader's
 * clock-skew tolerance ({@link ReadOptions#clockSkewTolerance()}) is read as counted from when it was
 * recorded, keeping the stated instant; writing it gives the stated {@code effectiveAt} back, so a
 * document read and written again is the same. A larger gap fails at the event's {@code recordedAt}.
 */
final class MemberJson {

    /** The minor version of {@code consentkit.member/v1} that added {@code closures}. */
    static final int CLOSURES_MINOR = 1;

    private static final String RESIDENCES = "an array of residences in the order they start, possibly empty";
    private static final String EVENTS = "an array of consent events, possibly empty";
    private static final String CLOSURES = "an array of account closures in the order they start, each at or after the "
            + "reopening of the one before; only the last may leave out reopenedAt";

    private MemberJson() {}

    /** The fields of a member document, in the order it is written. */
    record MemberForm(
            @JsonDeserialize(using = DocumentFormat.OfMember.class) @Nullable Integer format,
            @Nullable Located<String> id,
            @Nullable Located<LocalDate> birthDate,
            @Nullable Located<List<Located<ResidenceForm>>> jurisdictions,
            @Nullable Located<Instant> closedAt,
            @Nullable Located<List<Located<ClosureForm>>> closures,
            @Nullable Located<List<Located<EventForm>>> consent,
            @JsonProperty("$schema") @Nullable Located<String> schema,
            @JsonAnySetter @JsonDeserialize(contentUsing = UnknownFields.class) @Nullable Map<String, Object> unknown)
            implements Form.OfDocument<Member> {

        @Override
        public Member bind(Binding at) throws ConsentDocumentException {
            Located<String> idField = at.required(id, "id", Scalars.ID);
            JurisdictionTimeline timeline = new TimelineForm(at.list(jurisdictions, "jurisdictions", RESIDENCES)).bind(at);
            if (closedAt != null && closures != null) {
                throw closures.fail("a member has closedAt \"" + closedAt.written() + "\" and closures too",
                        "either \"closedAt\" for an account closed once and not reopened, or \"closures\", not both");
            }
            ConsentHistory history = new HistoryForm(at.list(consent, "consent", EVENTS)).bind(at);
            try {
                Member.Builder builder = Member.builder(idField.value()).birthDate(birthDate == null ? null : birthDate.value()).jurisdictions(timeline);
                if (closures == null) {
                    builder.closedAt(closedAt == null ? null : closedAt.value());
                } else {
                    builder.closures(closures(at.list(closures, "closures", CLOSURES), at));
                }
                return builder.consent(history).build();
            } catch (IllegalArgumentException e) {
                throw idField.fail(Scalars.problem(e), Scalars.ID, e);
            }
        }

        private static List<AccountClosure> closures(List<Located<ClosureForm>> forms, Binding at)
                throws ConsentDocumentException {
            List<AccountClosure> closures = new ArrayList<>();
            for (Located<ClosureForm> c : forms) {
                AccountClosure closure = c.value().bind(at.inside(c));
                if (!closures.isEmpty()) {
                    AccountClosure before = closures.get(closures.size() - 1);
                    Instant reopened = before.reopenedAt().orElse(null);
                    if (reopened == null || closure.closedAt().isBefore(reopened)) {
                        throw Objects.requireNonNull(c.value().closedAt()).fail("account closure " + closure
                                + (reopened == null ? " follows the closure " + before + ", which is not reopened"
                                        : closure.closedAt().isBefore(before.closedAt()) ? " is out of order after " + before
                                        : " overlaps the closure " + before + " before it"),
                                CLOSURES);
                    }
                }
                closures.add(closure);
            }
            return closures;
        }
    }

    /** The fields of an account closure, {@code [closedAt, reopenedAt)}. */
    record ClosureForm(@Nullable Located<Instant> closedAt, @Nullable Located<Instant> reopenedAt,
            @JsonAnySetter @JsonDeserialize(contentUsing = UnknownFields.class) @Nullable Map<String, Object> unknown)
            implements Form<AccountClosure> {

        @Override
        public AccountClosure bind(Binding at) throws ConsentDocumentException {
            Located<Instant> closed = at.required(closedAt, "closedAt", Scalars.INSTANT);
            try {
                return new AccountClosure(closed.value(), reopenedAt == null ? null : reopenedAt.value());
            } catch (IllegalArgumentException e) {
                throw (reopenedAt == null ? closed : reopenedAt).fail(Scalars.problem(e),
                        "reopenedAt after closedAt " + closed.value(), e);
            }
        }
    }

    /** A member's residences, an array in the order they start. */
    record TimelineForm(List<Located<ResidenceForm>> residences) implements Form<JurisdictionTimeline> {

        @Override
        public JurisdictionTimeline bind(Binding at) throws ConsentDocumentException {
            if (residences.contains(null)) {
                throw at.fail("a residence is null", RESIDENCES, null);
            }
            List<Residence> read = new ArrayList<>();
            for (Located<ResidenceForm> r : residences) {
                Residence residence = r.value().bind(at.inside(r));
                if (!read.isEmpty()) {
                    Residence before = read.get(read.size() - 1);
                    if (!residence.from().isAfter(before.from())) {
                        Located<Instant> from = r.value().from();
                        String problem = "residence in " + residence.jurisdiction()
                                + (from == null ? " has no start" : " starts at " + residence.from())
                                + ", not after the residence before it in " + before.jurisdiction()
                                + (before.from().equals(Instant.MIN) ? " (as far back as known)" : " from " + before.from());
                        String expected = "residences in the order they start, each from later than the one before;"
                                + " only the first may leave out from";
                        throw from == null ? at.inside(r).fail(problem,
                                expected, null) : from.fail(problem, expected);
                    }
                }
                read.add(residence);
            }
            return JurisdictionTimeline.of(read);
        }
    }

    /** The fields of a residence; without {@code from}, as far back as known. */
    record ResidenceForm(@Nullable Located<Jurisdiction> jurisdiction, @Nullable Located<Instant> from,
            @JsonAnySetter @JsonDeserialize(contentUsing = UnknownFields.class) @Nullable Map<String, Object> unknown)
            implements Form<Residence> {

        @Override
        public Residence bind(Binding at) throws ConsentDocumentException {
            Located<Jurisdiction> place = at.required(jurisdiction, "jurisdiction", Scalars.JURISDICTION);
            try {
                return new Residence(from == null ? Instant.MIN : from.value(), place.value());
            } catch (IllegalArgumentException e) {
                throw place.fail(Scalars.problem(e), "an ISO 3166-1 alpha-2 country such as DE or a subdivision such as US-CA", e);
            }
        }
    }

    /** A consent history, an array of events in any order, an event repeated as often as it was delivered. */
    record HistoryForm(List<Located<EventForm>> events) implements Form<ConsentHistory> {

        @Override
        public ConsentHistory bind(Binding at) throws ConsentDocumentException {
            if (events.contains(null)) {
                throw at.fail("a consent event is null", EVENTS, null);
            }
            List<ConsentEvent> read = new ArrayList<>(events.size());
            Map<String, ConsentEvent> byId = new HashMap<>();
            for (Located<EventForm> e : events) {
                ConsentEvent event = e.value().bind(at.inside(e));
                ConsentEvent earlier = byId.putIfAbsent(event.id(), event);
                if (earlier != null && !earlier.equals(event)) {
                    try {
                        ConsentHistory.of(earlier, event);
                    } catch (IllegalArgumentException conflict) {
                        throw e.fail(Scalars.problem(conflict),
                                "each event id used for one event only (repeating the same event is fine)", conflict);
                    }
                }
                read.add(event);
            }
            return ConsentHistory.of(read);
        }
    }

    /** The fields of a consent event. */
    record EventForm(
            @Nullable Located<String> id,
            @Nullable Located<Purpose> purpose,
            @Nullable Located<ConsentChoice> choice,
            @Nullable Located<Instant> effectiveAt,
            @Nullable Located<Instant> recordedAt,
            @Nullable Located<ConsentChannel> channel,
            @JsonAnySetter @JsonDeserialize(contentUsing = UnknownFields.class) @Nullable Map<String, Object> unknown)
            implements Form<ConsentEvent> {

        @Override
        public ConsentEvent bind(Binding at) throws ConsentDocumentException {
            return bind(at, at.options().clockSkewTolerance());
        }

        /**
         * The event, read with a clock-skew tolerance: how much later than {@code recordedAt} the
         * document may state {@code effectiveAt}, the event then counted from when it was recorded;
         * {@code null} for any gap, as in a decision's evidence, where the tolerance was applied when
         * the member was read.
         */
        ConsentEvent bind(Binding at, @Nullable Duration clockSkewTolerance) throws ConsentDocumentException {
            Located<String> idField = at.required(id, "id", Scalars.ID);
            String eventId = idField.value();
            Purpose eventPurpose = at.value(purpose, "purpose", Scalars.PURPOSE);
            ConsentChoice eventChoice = at.value(choice, "choice", "a consent choice");
            Instant effective = at.value(effectiveAt, "effectiveAt", Scalars.INSTANT);
            Located<Instant> recorded = at.required(recordedAt, "recordedAt", Scalars.INSTANT);
            ConsentChannel eventChannel = at.value(channel, "channel", "a consent channel");
            boolean early = recorded.value().isBefore(effective);
            String expected = "recordedAt at or after effectiveAt " + effective + (early && clockSkewTolerance != null
                    ? ", or at most " + clockSkewTolerance + " before it (the reader's clock-skew tolerance)" : "");
            try {
                if (eventId.isBlank() || !early) {
                    return new ConsentEvent(eventId, eventPurpose, eventChoice, effective, recorded.value(), eventChannel);
                }
                // The core states the clock-skew rule; without a tolerance (a decision's evidence) any gap counts.
                return clockSkewTolerance == null
                        ? ConsentEvent.effectiveWhenRecorded(eventId, eventPurpose, eventChoice, effective,
                                recorded.value(), eventChannel)
                        : ConsentEvent.asStated(eventId, eventPurpose, eventChoice, effective, recorded.value(),
                                eventChannel, clockSkewTolerance);
            } catch (IllegalArgumentException e) {
                throw eventId.isBlank() ? idField.fail(Scalars.problem(e), Scalars.ID, e)
                        : recorded.fail(Scalars.problem(e), expected, e);
            }
        }
    }

    static void write(Member member, JsonGenerator json, boolean withFormat) throws IOException {
        json.writeStartObject();
        List<AccountClosure> closures = member.closures();
        // Closed at most once, not reopened: the v1 form. Anything else needs v1.1's closures.
        boolean asClosedAt = closures.isEmpty() || (closures.size() == 1 && closures.get(0).isOpenEnded());
        if (withFormat) {
            json.writeStringField("format", asClosedAt ? DocumentFormat.MEMBER.current()
                    : DocumentFormat.MEMBER.current(CLOSURES_MINOR));
        }
        json.writeStringField("id", member.id());
        if (member.birthDate().isPresent()) {
            json.writeStringField("birthDate", member.birthDate().get().toString());
        }
        json.writeFieldName("jurisdictions");
        writeTimeline(member.jurisdictions(), json);
        if (!asClosedAt) {
            json.writeFieldName("closures");
            json.writeStartArray();
            for (AccountClosure closure : closures) {
                writeClosure(closure, json);
            }
            json.writeEndArray();
        } else if (member.closedAt().isPresent()) {
            json.writeStringField("closedAt", member.closedAt().get().toString());
        }
        json.writeFieldName("consent");
        writeHistory(member.consent(), json);
        json.writeEndObject();
    }

    static void writeDocument(Member member, JsonGenerator json) throws IOException {
        write(member, json, true);
    }

    static void writeClosure(AccountClosure closure, JsonGenerator json) throws IOException {
        json.writeStartObject();
        json.writeStringField("closedAt", closure.closedAt().toString());
        Instant reopened = closure.reopenedAt().orElse(null);
        if (reopened != null) {
            json.writeStringField("reopenedAt", reopened.toString());
        }
        json.writeEndObject();
    }

    static void writeTimeline(JurisdictionTimeline timeline, JsonGenerator json) throws IOException {
        json.writeStartArray();
        for (Residence residence : timeline.residences()) {
            writeResidence(residence, json);
        }
        json.writeEndArray();
    }

    static void writeResidence(Residence residence, JsonGenerator json) throws IOException {
        json.writeStartObject();
        json.writeStringField("jurisdiction", residence.jurisdiction().code());
        if (!residence.from().equals(Instant.MIN)) {
            json.writeStringField("from", residence.from().toString());
        }
        json.writeEndObject();
    }

    static void writeHistory(ConsentHistory history, JsonGenerator json) throws IOException {
        json.writeStartArray();
        for (ConsentEvent event : history.events()) {
            writeEvent(event, json);
        }
        json.writeEndArray();
    }

    static void writeEvent(ConsentEvent event, JsonGenerator json) throws IOException {
        json.writeStartObject();
        json.writeStringField("id", event.id());
        json.writeStringField("purpose", event.purpose().key());
        json.writeStringField("choice", event.choice().name());
        json.writeStringField("effectiveAt", event.statedEffectiveAt().toString());
        json.writeStringField("recordedAt", event.recordedAt().toString());
        json.writeStringField("channel", event.channel().name());
        json.writeEndObject();
    }
}
