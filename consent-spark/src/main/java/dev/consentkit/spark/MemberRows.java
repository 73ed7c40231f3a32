package dev.consentkit.spark;

import static dev.consentkit.spark.Values.field;

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
import java.util.List;
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
 */
final class MemberRows {

    private static final Comparator<Residence> BY_START = Comparator.comparing(Residence::from);
    private static final Comparator<AccountClosure> BY_CLOSING = Comparator.comparing(AccountClosure::closedAt);

    private MemberRows() {}

    /**
     * The member of {@code row}.
     *
     * @throws IllegalArgumentException if a value is missing or malformed, or the core refuses the
     *     member; the message names the member, the field and the value
     */
    static Member member(Row row, Duration clockSkewTolerance) {
        String id = Values.requiredText(field(row, "id"), "a member row's id");
        try {
            Member.Builder member = Member.builder(id).birthDate(Values.date(field(row, "birthDate"), "birthDate"));
            member.jurisdictions(jurisdictions(field(row, "jurisdictions")));
            Instant closedAt = Values.instant(field(row, "closedAt"), "closedAt");
            List<AccountClosure> closures = closures(field(row, "closures"));
            if (closedAt != null && !closures.isEmpty()) {
                throw new IllegalArgumentException("closedAt " + closedAt + " and closures " + closures
                        + " are both given; give the closures alone");
            }
            if (closedAt != null) {
                member.closedAt(closedAt);
            } else {
                member.closures(closures);
            }
            member.consent(events(field(row, "consent"), clockSkewTolerance));
            return member.build();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("member " + id + ": " + e.getMessage(), e);
        }
    }

    private static JurisdictionTimeline jurisdictions(@Nullable Object value) {
        List<Residence> residences = new ArrayList<>();
        List<Row> rows = Values.rows(value, "jurisdictions");
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            String what = "jurisdictions[" + i + "]";
            String code = Values.requiredText(field(r, "jurisdiction"), what + ".jurisdiction");
            Instant from = Values.instant(field(r, "from"), what + ".from");
            residences.add(new Residence(from == null ? Instant.MIN : from, Jurisdiction.of(code)));
        }
        residences.sort(BY_START);
        return JurisdictionTimeline.of(residences);
    }

    private static List<AccountClosure> closures(@Nullable Object value) {
        List<AccountClosure> closures = new ArrayList<>();
        List<Row> rows = Values.rows(value, "closures");
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            String what = "closures[" + i + "]";
            Instant closedAt = Values.instant(field(r, "closedAt"), what + ".closedAt");
            if (closedAt == null) {
                throw new IllegalArgumentException(what + ".closedAt is missing");
            }
            closures.add(new AccountClosure(closedAt, Values.instant(field(r, "reopenedAt"), what + ".reopenedAt")));
        }
        closures.sort(BY_CLOSING);
        return closures;
    }

    private static ConsentEvent[] events(@Nullable Object value, Duration clockSkewTolerance) {
        List<Row> rows = Values.rows(value, "consent");
        ConsentEvent[] events = new ConsentEvent[rows.size()];
        for (int i = 0; i < events.length; i++) {
            Row r = rows.get(i);
            String what = "consent[" + i + "]";
            String eventId = Values.requiredText(field(r, "id"), what + ".id");
            String at = "consent event " + eventId;
            events[i] = ConsentEvent.asStated(eventId,
                    Purpose.of(Values.requiredText(field(r, "purpose"), at + " purpose")),
                    Values.constant(ConsentChoice.class, Values.requiredText(field(r, "choice"), at + " choice"), at + " choice"),
                    required(Values.instant(field(r, "effectiveAt"), at + " effectiveAt"), at + " effectiveAt"),
                    required(Values.instant(field(r, "recordedAt"), at + " recordedAt"), at + " recordedAt"),
                    Values.constant(ConsentChannel.class, Values.requiredText(field(r, "channel"), at + " channel"), at + " channel"),
                    clockSkewTolerance);
        }
        return events;
    }

    private static Instant required(@Nullable Instant instant, String what) {
        if (instant == null) {
            throw new IllegalArgumentException(what + " is missing");
        }
        return instant;
    }
}
