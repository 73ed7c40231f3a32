package dev.consentkit.jackson;

import com.fasterxml.jackson.core.JsonGenerator;
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

    static final List<String> FIELDS =
            List.of("format", "id", "birthDate", "jurisdictions", "closedAt", "closures", "consent");
    static final List<String> CLOSURE_FIELDS = List.of("closedAt", "reopenedAt");
    /** The minor version of {@code consentkit.member/v1} that added {@code closures}. */
    static final int CLOSURES_MINOR = 1;
    static final List<String> RESIDENCE_FIELDS = List.of("jurisdiction", "from");
    static final List<String> EVENT_FIELDS =
            List.of("id", "purpose", "choice", "effectiveAt", "recordedAt", "channel");

    private static final String RESIDENCES = "an array of residences in the order they start, possibly empty";
    private static final String EVENTS = "an array of consent events, possibly empty";
    private static final String CLOSURES = "an array of account closures in the order they start, each at or after the "
            + "reopening of the one before; only the last may leave out reopenedAt";

    private MemberJson() {}

    static Member read(Node node, boolean formatRequired, ReadOptions options) throws ConsentDocumentException {
        DocumentFormat.MEMBER.check(node, formatRequired);
        Node member = node.object(FIELDS);
        Node idNode = member.required("id", Scalars.ID);
        String id = Scalars.id(idNode);
        Node birthNode = member.optional("birthDate");
        LocalDate birthDate = birthNode == null ? null : Scalars.date(birthNode);
        JurisdictionTimeline jurisdictions = readTimeline(member.required("jurisdictions", RESIDENCES));
        Node closedNode = member.optional("closedAt");
        Instant closedAt = closedNode == null ? null : Scalars.instant(closedNode);
        Node closuresNode = member.optional("closures");
        if (closedNode != null && closuresNode != null) {
            throw closuresNode.fail("a member has closedAt " + closedNode.quoted() + " and closures too",
                    "either \"closedAt\" for an account closed once and not reopened, or \"closures\", not both");
        }
        List<AccountClosure> closures = closuresNode == null ? null : readClosures(closuresNode);
        ConsentHistory consent = readHistory(member.required("consent", EVENTS), options);
        try {
            Member.Builder builder = Member.builder(id).birthDate(birthDate).jurisdictions(jurisdictions);
            if (closures == null) {
                builder.closedAt(closedAt);
            } else {
                builder.closures(closures);
            }
            return builder.consent(consent).build();
        } catch (IllegalArgumentException e) {
            throw idNode.fail(Node.problem(e), Scalars.ID, e);
        }
    }

    static List<AccountClosure> readClosures(Node node) throws ConsentDocumentException {
        List<AccountClosure> closures = new ArrayList<>();
        for (Node c : node.array(CLOSURES)) {
            AccountClosure closure = readClosure(c);
            if (!closures.isEmpty()) {
                AccountClosure before = closures.get(closures.size() - 1);
                Instant reopened = before.reopenedAt();
                if (reopened == null || closure.closedAt().isBefore(reopened)) {
                    throw c.required("closedAt", Scalars.INSTANT).fail("account closure " + closure
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

    static AccountClosure readClosure(Node node) throws ConsentDocumentException {
        Node closure = node.object(CLOSURE_FIELDS);
        Instant closedAt = Scalars.instant(closure.required("closedAt", Scalars.INSTANT));
        Node reopenedNode = closure.optional("reopenedAt");
        Instant reopenedAt = reopenedNode == null ? null : Scalars.instant(reopenedNode);
        try {
            return new AccountClosure(closedAt, reopenedAt);
        } catch (IllegalArgumentException e) {
            throw (reopenedNode == null ? closure.required("closedAt", Scalars.INSTANT) : reopenedNode)
                    .fail(Node.problem(e), "reopenedAt after closedAt " + closedAt, e);
        }
    }

    static Member readDocument(Node node, ReadOptions options) throws ConsentDocumentException {
        return read(node, true, options);
    }

    static JurisdictionTimeline readTimeline(Node node) throws ConsentDocumentException {
        List<Residence> residences = new ArrayList<>();
        for (Node r : node.array(RESIDENCES)) {
            Residence residence = readResidence(r);
            if (!residences.isEmpty()) {
                Residence before = residences.get(residences.size() - 1);
                if (!residence.from().isAfter(before.from())) {
                    Node from = r.optional("from");
                    throw (from == null ? r : from).fail("residence in " + residence.jurisdiction()
                            + (from == null ? " has no start" : " starts at " + residence.from())
                            + ", not after the residence before it in " + before.jurisdiction()
                            + (before.from().equals(Instant.MIN) ? " (as far back as known)" : " from " + before.from()),
                            "residences in the order they start, each from later than the one before;"
                                    + " only the first may leave out from");
                }
            }
            residences.add(residence);
        }
        return JurisdictionTimeline.of(residences);
    }

    static Residence readResidence(Node node) throws ConsentDocumentException {
        Node residence = node.object(RESIDENCE_FIELDS);
        Node placeNode = residence.required("jurisdiction", Scalars.PLACE);
        Jurisdiction place = Scalars.jurisdiction(placeNode);
        Node fromNode = residence.optional("from");
        Instant from = fromNode == null ? Instant.MIN : Scalars.instant(fromNode);
        try {
            return new Residence(from, place);
        } catch (IllegalArgumentException e) {
            throw placeNode.fail(Node.problem(e), Scalars.PLACE, e);
        }
    }

    static ConsentHistory readHistory(Node node, ReadOptions options) throws ConsentDocumentException {
        List<Node> nodes = node.array(EVENTS);
        List<ConsentEvent> events = new ArrayList<>(nodes.size());
        Map<String, ConsentEvent> byId = new HashMap<>();
        for (Node e : nodes) {
            ConsentEvent event = readEvent(e, options.clockSkewTolerance());
            ConsentEvent earlier = byId.putIfAbsent(event.id(), event);
            if (earlier != null && !earlier.equals(event)) {
                try {
                    ConsentHistory.of(earlier, event);
                } catch (IllegalArgumentException conflict) {
                    throw e.fail(Node.problem(conflict), "each event id used for one event only (repeating the same event is fine)",
                            conflict);
                }
            }
            events.add(event);
        }
        try {
            return ConsentHistory.of(events);
        } catch (IllegalArgumentException e) {
            throw node.fail(Node.problem(e), "each event id used for one event only", e);
        }
    }

    /**
     * Reads a consent event.
     *
     * @param clockSkewTolerance how much later than {@code recordedAt} the document may state
     *     {@code effectiveAt}, the event then counted from when it was recorded; {@code null} for any
     *     gap, as in a decision's evidence, where the tolerance was applied when the member was read
     */
    static ConsentEvent readEvent(Node node, @Nullable Duration clockSkewTolerance) throws ConsentDocumentException {
        Node event = node.object(EVENT_FIELDS);
        Node idNode = event.required("id", Scalars.ID);
        String id = Scalars.id(idNode);
        Purpose purpose = Scalars.purpose(event.required("purpose", Scalars.PURPOSE));
        ConsentChoice choice = event.required("choice", "a consent choice").enumValue(ConsentChoice.class, "consent choice");
        Instant effectiveAt = Scalars.instant(event.required("effectiveAt", Scalars.INSTANT));
        Node recordedNode = event.required("recordedAt", Scalars.INSTANT);
        Instant recordedAt = Scalars.instant(recordedNode);
        ConsentChannel channel = event.required("channel", "a consent channel").enumValue(ConsentChannel.class, "consent channel");
        try {
            if (!recordedAt.isBefore(effectiveAt) || id.isBlank()) {
                return new ConsentEvent(id, purpose, choice, effectiveAt, recordedAt, channel);
            }
            Duration gap = Duration.between(recordedAt, effectiveAt);
            if (clockSkewTolerance != null && gap.compareTo(clockSkewTolerance) > 0) {
                throw recordedNode.fail("consent event " + id + " is recorded at " + recordedAt + ", before it takes effect at "
                        + effectiveAt + ": " + gap + " before, more than the clock-skew tolerance of " + clockSkewTolerance,
                        "recordedAt at or after effectiveAt " + effectiveAt + ", or at most " + clockSkewTolerance
                                + " before it (the reader's clock-skew tolerance)");
            }
            return ConsentEvent.effectiveWhenRecorded(id, purpose, choice, effectiveAt, recordedAt, channel);
        } catch (IllegalArgumentException e) {
            throw id.isBlank() ? idNode.fail(Node.problem(e), Scalars.ID, e)
                    : recordedNode.fail(Node.problem(e), "recordedAt at or after effectiveAt " + effectiveAt, e);
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
                json.writeStartObject();
                json.writeStringField("closedAt", closure.closedAt().toString());
                Instant reopened = closure.reopenedAt();
                if (reopened != null) {
                    json.writeStringField("reopenedAt", reopened.toString());
                }
                json.writeEndObject();
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
