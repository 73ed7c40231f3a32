package dev.consentkit.spark;

import dev.consentkit.AccountClosure;
import dev.consentkit.ConsentChannel;
import dev.consentkit.ConsentChoice;
import dev.consentkit.ConsentEvent;
import dev.consentkit.Jurisdiction;
import dev.consentkit.JurisdictionTimeline;
import dev.consentkit.Member;
import dev.consentkit.Purpose;
import dev.consentkit.Residence;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.jspecify.annotations.Nullable;

/**
 * Builds a {@link Member} from a member row in the shape of a member document: {@code id},
 * {@code birthDate}, {@code closedAt}, and the lists {@code jurisdictions} ({@code jurisdiction},
 * {@code from}), {@code closures} ({@code closedAt}, {@code reopenedAt}) and {@code consent} (a consent
 * event's fields). Fields are found by name; a missing optional field is absent.
 *
 * <p>Rows in a table have no order, so residences and closures are taken in the order of their
 * instants; consent events may come in any order anyway. Everything else is as strict as the
 * documents: a value the core refuses makes the whole member fail, with a message that names the
 * member, the field and the value, and the member's items are then reported, never decided.
 *
 * <p>One reader serves one thread and a bounded number of rows (a chunk of a partition): it keeps the
 * purposes and places it has read by their text, since the rows of a data set mostly repeat a few, and
 * finding a freshly read key among them costs less than resolving it again (a purpose no policy names
 * is checked against the key grammar and made anew each time it is resolved).
 */
final class MemberRows {

    private static final int ID = 0;
    private static final int BIRTH_DATE = 1;
    private static final int CLOSED_AT = 2;
    private static final int JURISDICTIONS = 3;
    private static final int CLOSURES = 4;
    private static final int CONSENT = 5;

    private static final Comparator<Residence> BY_START = Comparator.comparing(Residence::from);
    private static final Comparator<AccountClosure> BY_CLOSING = Comparator.comparing(AccountClosure::closedAt);

    // The readers of the four kinds of struct, each with the positions of its fields in the last type it
    // met: one set per reader, so that two threads never take turns replacing each other's positions.
    private final StructReader memberStruct = new StructReader("id", "birthDate", "closedAt", "jurisdictions",
            "closures", "consent");
    private final StructReader residenceStruct = new StructReader("jurisdiction", "from");
    private final StructReader closureStruct = new StructReader("closedAt", "reopenedAt");
    private final StructReader eventStruct = new StructReader("id", "purpose", "choice", "effectiveAt", "recordedAt",
            "channel");
    private final Duration clockSkewTolerance;
    private final Map<String, Purpose> purposes = new HashMap<>();
    private final Map<String, Jurisdiction> places = new HashMap<>();

    /** A reader whose consent events may be stated up to {@code clockSkewTolerance} after they were recorded. */
    MemberRows(Duration clockSkewTolerance) {
        this.clockSkewTolerance = clockSkewTolerance;
    }

    /**
     * The member of {@code row}.
     *
     * @throws IllegalArgumentException if a value is missing or malformed, or the core refuses the
     *     member; the message names the member, the field and the value
     */
    Member member(Row row) {
        String id = Values.requiredText(memberStruct.get(row, ID), "a member row's id");
        try {
            Member.Builder member = Member.builder(id)
                    .birthDate(Values.date(memberStruct.get(row, BIRTH_DATE), "birthDate"));
            member.jurisdictions(jurisdictions(memberStruct.get(row, JURISDICTIONS)));
            Instant closedAt = Values.instant(memberStruct.get(row, CLOSED_AT), "closedAt");
            List<AccountClosure> closures = closures(memberStruct.get(row, CLOSURES));
            if (closedAt != null && !closures.isEmpty()) {
                throw new IllegalArgumentException("closedAt " + closedAt + " and closures " + closures
                        + " are both given; give the closures alone");
            }
            if (closedAt != null) {
                member.closedAt(closedAt);
            } else {
                member.closures(closures);
            }
            member.consent(events(memberStruct.get(row, CONSENT)));
            return member.build();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("member " + id + ": " + e.getMessage(), e);
        }
    }

    private JurisdictionTimeline jurisdictions(@Nullable Object value) {
        List<Row> rows = Values.rows(value, "jurisdictions");
        List<Residence> residences = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            String code;
            Instant from;
            try {
                code = Values.requiredText(residenceStruct.get(r, 0), ".jurisdiction");
                from = Values.instant(residenceStruct.get(r, 1), ".from");
            } catch (IllegalArgumentException e) {
                throw labelled("jurisdictions[" + i + "]", e);
            }
            Jurisdiction place = places.computeIfAbsent(code, Jurisdiction::of);
            residences.add(new Residence(from == null ? Instant.MIN : from, place));
        }
        residences.sort(BY_START);
        return JurisdictionTimeline.of(residences);
    }

    private List<AccountClosure> closures(@Nullable Object value) {
        List<Row> rows = Values.rows(value, "closures");
        List<AccountClosure> closures = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            Instant closedAt;
            Instant reopenedAt;
            try {
                closedAt = required(Values.instant(closureStruct.get(r, 0), ".closedAt"), ".closedAt");
                reopenedAt = Values.instant(closureStruct.get(r, 1), ".reopenedAt");
            } catch (IllegalArgumentException e) {
                throw labelled("closures[" + i + "]", e);
            }
            closures.add(new AccountClosure(closedAt, reopenedAt));
        }
        closures.sort(BY_CLOSING);
        return closures;
    }

    private ConsentEvent[] events(@Nullable Object value) {
        List<Row> rows = Values.rows(value, "consent");
        ConsentEvent[] events = new ConsentEvent[rows.size()];
        for (int i = 0; i < events.length; i++) {
            Row r = rows.get(i);
            String eventId;
            try {
                eventId = Values.requiredText(eventStruct.get(r, 0), ".id");
            } catch (IllegalArgumentException e) {
                throw labelled("consent[" + i + "]", e);
            }
            String purpose;
            ConsentChoice choice;
            Instant effectiveAt;
            Instant recordedAt;
            ConsentChannel channel;
            try {
                purpose = Values.requiredText(eventStruct.get(r, 1), " purpose");
                choice = Values.constant(ConsentChoice.class, Values.requiredText(eventStruct.get(r, 2), " choice"),
                        " choice");
                effectiveAt = required(Values.instant(eventStruct.get(r, 3), " effectiveAt"), " effectiveAt");
                recordedAt = required(Values.instant(eventStruct.get(r, 4), " recordedAt"), " recordedAt");
                channel = Values.constant(ConsentChannel.class, Values.requiredText(eventStruct.get(r, 5), " channel"),
                        " channel");
            } catch (IllegalArgumentException e) {
                throw labelled("consent event " + eventId, e);
            }
            events[i] = ConsentEvent.asStated(eventId, purposes.computeIfAbsent(purpose, Purpose::of), choice,
                    effectiveAt, recordedAt, channel, clockSkewTolerance);
        }
        return events;
    }

    /**
     * The refusal {@code e} of a value read with the name of its field alone (such as {@code .from}),
     * with the element it belongs to put in front: the label is spelled out only for a refusal, since a
     * member row's values are read far more often than refused.
     */
    private static IllegalArgumentException labelled(String element, IllegalArgumentException e) {
        return new IllegalArgumentException(element + e.getMessage(), e);
    }

    private static Instant required(@Nullable Instant instant, String what) {
        if (instant == null) {
            throw new IllegalArgumentException(what + " is missing");
        }
        return instant;
    }
}
