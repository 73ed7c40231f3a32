package dev.consentkit.jackson;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
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
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The common shape of a member line of an export, read straight off Jackson's streaming parser: the
 * speed path of {@link NdjsonReader#members}, as {@link ItemLines} is for items.
 *
 * <p>It takes only lines that the databinding ({@link MemberJson.MemberForm}) reads to the same
 * member: one object with {@code id}, {@code jurisdictions} and {@code consent} once each, and
 * {@code birthDate} and {@code closedAt} as strings or left out; residences of a
 * {@code jurisdiction} in its normal form and an optional {@code from}, each starting after the one
 * before; consent events of six string fields with distinct ids, each recorded at or after it takes
 * effect; times in their common form ({@link TimeForms}); nothing after the object. For anything
 * else (a {@code format} or {@code closures} field, a {@code null}, an event recorded before it takes
 * effect, which the clock-skew tolerance decides, an error of any kind) it answers {@code null}, and
 * the line goes through the databinding, which reads it or says exactly what is wrong.
 */
final class MemberLines {

    private static final int ID = 1;
    private static final int BIRTH = 2;
    private static final int JURISDICTIONS = 4;
    private static final int CLOSED = 8;
    private static final int CONSENT = 16;
    private static final int REQUIRED = ID | JURISDICTIONS | CONSENT;

    private MemberLines() {}

    /**
     * The member in the common shape that the parser reads next, one JSON object, leaving the parser
     * on its end; or {@code null} when the object is not in the common shape.
     *
     * @throws IOException if the parser finds no well-formed JSON
     * @throws IllegalArgumentException if the core refuses a value
     * @throws DateTimeException if a time is not in the common form
     */
    static @Nullable Member object(JsonParser parser) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            return null;
        }
        int seen = 0;
        String id = null;
        LocalDate birth = null;
        Instant closed = null;
        List<Residence> residences = null;
        List<ConsentEvent> events = null;
        for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
            int field = field(name);
            if (field == 0 || (seen & field) != 0) {
                return null;
            }
            seen |= field;
            if (field == JURISDICTIONS) {
                residences = residences(parser);
                if (residences == null) {
                    return null;
                }
                continue;
            }
            if (field == CONSENT) {
                events = events(parser);
                if (events == null) {
                    return null;
                }
                continue;
            }
            String value = parser.nextTextValue();
            if (value == null) {
                return null;
            }
            switch (field) {
                case ID -> id = value;
                case BIRTH -> birth = TimeForms.date(value);
                default -> closed = TimeForms.instant(value);
            }
        }
        if (parser.currentToken() != JsonToken.END_OBJECT || (seen & REQUIRED) != REQUIRED
                || id == null || residences == null || events == null) {
            return null;
        }
        return Member.builder(id).birthDate(birth).jurisdictions(JurisdictionTimeline.of(residences)).closedAt(closed)
                .consent(ConsentHistory.of(events)).build();
    }

    private static int field(String name) {
        return switch (name) {
            case "id" -> ID;
            case "birthDate" -> BIRTH;
            case "jurisdictions" -> JURISDICTIONS;
            case "closedAt" -> CLOSED;
            case "consent" -> CONSENT;
            default -> 0;
        };
    }

    /** The residences, each starting after the one before, or null. */
    private static @Nullable List<Residence> residences(JsonParser parser) throws IOException {
        if (parser.nextToken() != JsonToken.START_ARRAY) {
            return null;
        }
        List<Residence> residences = new ArrayList<>(2);
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            if (token != JsonToken.START_OBJECT) {
                return null;
            }
            String code = null;
            Instant from = null;
            for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
                String value = parser.nextTextValue();
                if (value == null) {
                    return null;
                }
                if (name.equals("jurisdiction") && code == null) {
                    code = value;
                } else if (name.equals("from") && from == null) {
                    from = TimeForms.instant(value);
                } else {
                    return null;
                }
            }
            Jurisdiction place = code == null ? null : Jurisdiction.of(code);
            Instant start = from == null ? Instant.MIN : from;
            if (place == null || !place.code().equals(code)
                    || (!residences.isEmpty() && !start.isAfter(residences.get(residences.size() - 1).from()))) {
                return null;
            }
            residences.add(new Residence(start, place));
        }
        return residences;
    }

    /** The consent events, with distinct ids and each recorded at or after it takes effect, or null. */
    private static @Nullable List<ConsentEvent> events(JsonParser parser) throws IOException {
        if (parser.nextToken() != JsonToken.START_ARRAY) {
            return null;
        }
        List<ConsentEvent> events = new ArrayList<>(4);
        Set<String> ids = new HashSet<>(8);
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            if (token != JsonToken.START_OBJECT) {
                return null;
            }
            String[] values = new String[6];
            for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
                int field = eventField(name);
                String value = parser.nextTextValue();
                if (field < 0 || value == null || values[field] != null) {
                    return null;
                }
                values[field] = value;
            }
            for (String value : values) {
                if (value == null) {
                    return null;
                }
            }
            Instant effective = TimeForms.instant(values[3]);
            Instant recorded = TimeForms.instant(values[4]);
            if (recorded.isBefore(effective) || !ids.add(values[0])) {
                return null;
            }
            events.add(new ConsentEvent(values[0], Purpose.of(values[1]), ConsentChoice.valueOf(values[2]), effective,
                    recorded, ConsentChannel.valueOf(values[5])));
        }
        return events;
    }

    private static int eventField(String name) {
        return switch (name) {
            case "id" -> 0;
            case "purpose" -> 1;
            case "choice" -> 2;
            case "effectiveAt" -> 3;
            case "recordedAt" -> 4;
            case "channel" -> 5;
            default -> -1;
        };
    }
}
