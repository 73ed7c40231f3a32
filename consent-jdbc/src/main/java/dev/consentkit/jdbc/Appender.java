package dev.consentkit.jdbc;

import dev.consentkit.AccountClosure;
import dev.consentkit.ConsentEvent;
import dev.consentkit.Residence;
import dev.consentkit.jdbc.LedgerBatch.ClosureFact;
import dev.consentkit.jdbc.LedgerBatch.EventFact;
import dev.consentkit.jdbc.LedgerBatch.MemberFact;
import dev.consentkit.jdbc.LedgerBatch.ResidenceFact;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Writes one batch in the caller's transaction: each table's facts in one statement, from arrays
 * ({@code unnest}), inserted where their key is new and then compared with what the ledger holds, so
 * that a fact stated again is passed over and a fact stated differently is a conflict naming both.
 *
 * <p>Facts are written in key order, the same in every writer, so that writers of overlapping batches
 * wait for one another instead of deadlocking. The members the batch refers to are read with a share
 * lock first: an erasure waits for the batch, and a batch after an erasure sees the tombstone.
 */
final class Appender {

    private static final String LOCK_MEMBERS =
            "SELECT member_id, erased_at FROM consentkit_member WHERE member_id = ANY (?::text[])"
                    + " ORDER BY member_id FOR SHARE";
    private static final String INSERT_MEMBERS = "INSERT INTO consentkit_member (member_id, birth_date)"
            + " SELECT m, b::date FROM unnest(?::text[], ?::text[]) AS g(m, b) ON CONFLICT (member_id) DO NOTHING";
    private static final String DIFFERENT_MEMBERS = "SELECT g.m, g.b, s.birth_date::text, s.erased_at"
            + " FROM unnest(?::text[], ?::text[]) AS g(m, b) JOIN consentkit_member s ON s.member_id = g.m"
            + " WHERE s.birth_date IS DISTINCT FROM g.b::date OR s.erased_at IS NOT NULL LIMIT 1";
    private static final String INSERT_RESIDENCES = "INSERT INTO consentkit_residence (member_id, resident_from, jurisdiction)"
            + " SELECT m, f::timestamptz, j FROM unnest(?::text[], ?::text[], ?::text[]) AS g(m, f, j)"
            + " ON CONFLICT (member_id, resident_from) DO NOTHING";
    private static final String DIFFERENT_RESIDENCES = "SELECT g.m, g.f, g.j, s.jurisdiction"
            + " FROM unnest(?::text[], ?::text[], ?::text[]) AS g(m, f, j) JOIN consentkit_residence s"
            + " ON s.member_id = g.m AND s.resident_from = g.f::timestamptz WHERE s.jurisdiction <> g.j LIMIT 1";
    // A closure's only change is its reopening: a row still closed takes the reopening instant.
    private static final String INSERT_CLOSURES = "INSERT INTO consentkit_closure AS s (member_id, closed_at, reopened_at)"
            + " SELECT m, c::timestamptz, r::timestamptz FROM unnest(?::text[], ?::text[], ?::text[]) AS g(m, c, r)"
            + " ON CONFLICT (member_id, closed_at) DO UPDATE SET reopened_at = excluded.reopened_at"
            + " WHERE s.reopened_at IS NULL AND excluded.reopened_at IS NOT NULL";
    private static final String DIFFERENT_CLOSURES = "SELECT g.m, g.c, g.r, s.reopened_at"
            + " FROM unnest(?::text[], ?::text[], ?::text[]) AS g(m, c, r) JOIN consentkit_closure s"
            + " ON s.member_id = g.m AND s.closed_at = g.c::timestamptz"
            + " WHERE s.reopened_at IS DISTINCT FROM g.r::timestamptz LIMIT 1";
    private static final String INSERT_EVENTS =
            "INSERT INTO consentkit_consent_event (member_id, event_id, purpose, choice, effective_at, recorded_at, channel)"
                    + " SELECT m, e, p, c, f::timestamptz, r::timestamptz, h"
                    + " FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])"
                    + " AS g(m, e, p, c, f, r, h) ON CONFLICT (member_id, event_id) DO NOTHING";
    private static final String DIFFERENT_EVENTS = "SELECT g.m, g.e, g.p, g.c, g.f, g.r, g.h,"
            + " s.purpose, s.choice, s.effective_at, s.recorded_at, s.channel"
            + " FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])"
            + " AS g(m, e, p, c, f, r, h) JOIN consentkit_consent_event s ON s.member_id = g.m AND s.event_id = g.e"
            + " WHERE (s.purpose, s.choice, s.effective_at, s.recorded_at, s.channel)"
            + " IS DISTINCT FROM (g.p, g.c, g.f::timestamptz, g.r::timestamptz, g.h) LIMIT 1";

    private final Connection connection;
    private final Duration clockSkewTolerance;

    Appender(Connection connection, Duration clockSkewTolerance) {
        this.connection = connection;
        this.clockSkewTolerance = clockSkewTolerance;
    }

    AppendResult append(LedgerBatch batch) throws SQLException {
        for (EventFact fact : batch.events()) {
            checkTolerance(fact);
        }
        lockMembers(batch);
        int written = appendMembers(sorted(batch.members(), f -> f.memberId()));
        written += appendResidences(sorted(batch.residences(), f -> f.memberId() + '\0' + f.residence().from()));
        written += appendClosures(sorted(batch.closures(), f -> f.memberId() + '\0' + f.closure().closedAt()));
        written += appendEvents(sorted(batch.events(), f -> f.memberId() + '\0' + f.event().id()));
        return new AppendResult(written, batch.size() - written);
    }

    // The event must read back as it is: built again from what the ledger stores, through the rule
    // every reader applies (ConsentEvent.asStated), with the ledger's tolerance.
    private void checkTolerance(EventFact fact) {
        ConsentEvent event = fact.event();
        try {
            ConsentEvent.asStated(event.id(), event.purpose(), event.choice(), event.statedEffectiveAt(),
                    event.recordedAt(), event.channel(), clockSkewTolerance);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("member " + fact.memberId() + ": " + e.getMessage()
                    + " of the ledger; the event could not be read back", e);
        }
    }

    // Share-locks the rows of the members the batch refers to, so that an erasure waits for the batch;
    // refuses a batch about an erased member, or one whose facts refer to a member in neither the
    // ledger nor the batch.
    private void lockMembers(LedgerBatch batch) throws SQLException {
        TreeSet<String> referred = new TreeSet<>();
        batch.residences().forEach(f -> referred.add(f.memberId()));
        batch.closures().forEach(f -> referred.add(f.memberId()));
        batch.events().forEach(f -> referred.add(f.memberId()));
        batch.members().forEach(f -> referred.remove(f.memberId()));
        TreeSet<String> ids = new TreeSet<>(referred);
        batch.members().forEach(f -> ids.add(f.memberId()));
        try (PreparedStatement lock = connection.prepareStatement(LOCK_MEMBERS)) {
            lock.setArray(1, texts(new ArrayList<>(ids), id -> id));
            try (ResultSet stored = lock.executeQuery()) {
                while (stored.next()) {
                    String id = stored.getString(1);
                    Instant erased = Rows.nullableInstant(stored, 2);
                    if (erased != null) {
                        throw new LedgerConflictException("member " + id + " was erased at " + erased
                                + "; the ledger takes no facts about an erased member");
                    }
                    referred.remove(id);
                }
            }
        }
        if (!referred.isEmpty()) {
            throw new IllegalArgumentException("the batch has facts about member " + referred.first()
                    + ", who is in neither the ledger nor the batch; add the member (LedgerBatch.Builder.member)"
                    + " in this batch or an earlier one");
        }
    }

    private int appendMembers(List<MemberFact> facts) throws SQLException {
        if (facts.isEmpty()) {
            return 0;
        }
        Array ids = texts(facts, MemberFact::memberId);
        Array births = texts(facts, f -> dateText(f.birthDate()));
        int written = update(INSERT_MEMBERS, ids, births);
        try (ResultSet different = query(DIFFERENT_MEMBERS, ids, births)) {
            if (different.next()) {
                String id = different.getString(1);
                if (Rows.nullableInstant(different, 4) != null) {
                    throw new LedgerConflictException("member " + id + " was erased at " + Rows.instant(different, 4)
                            + "; the ledger takes no facts about an erased member");
                }
                throw new LedgerConflictException("member " + id + " is in the ledger with birth date "
                        + orUnknown(different.getString(3)) + ", and the batch gives " + orUnknown(different.getString(2)));
            }
        }
        return written;
    }

    private int appendResidences(List<ResidenceFact> facts) throws SQLException {
        if (facts.isEmpty()) {
            return 0;
        }
        Array ids = texts(facts, ResidenceFact::memberId);
        Array from = texts(facts, f -> residenceFromText(f.residence()));
        Array places = texts(facts, f -> f.residence().jurisdiction().code());
        int written = update(INSERT_RESIDENCES, ids, from, places);
        try (ResultSet different = query(DIFFERENT_RESIDENCES, ids, from, places)) {
            if (different.next()) {
                throw new LedgerConflictException("member " + different.getString(1) + " moved at "
                        + different.getString(2) + " to " + different.getString(4) + " in the ledger, and the batch"
                        + " gives a move at the same instant to " + different.getString(3));
            }
        }
        return written;
    }

    private int appendClosures(List<ClosureFact> facts) throws SQLException {
        if (facts.isEmpty()) {
            return 0;
        }
        Map<String, AccountClosure> byKey = new HashMap<>();
        List<ClosureFact> distinct = new ArrayList<>();
        for (ClosureFact fact : facts) {
            String key = fact.memberId() + " closed at " + fact.closure().closedAt();
            AccountClosure earlier = byKey.putIfAbsent(key, fact.closure());
            if (earlier == null) {
                distinct.add(fact);
            } else if (!earlier.equals(fact.closure())) {
                throw new LedgerConflictException("the batch gives member " + key + " twice: " + earlier + " and "
                        + fact.closure());
            }
        }
        Array ids = texts(distinct, ClosureFact::memberId);
        Array closed = texts(distinct, f -> f.closure().closedAt().toString());
        Array reopened = texts(distinct, f -> instantText(f.closure().reopenedAt().orElse(null)));
        int written = update(INSERT_CLOSURES, ids, closed, reopened);
        try (ResultSet different = query(DIFFERENT_CLOSURES, ids, closed, reopened)) {
            if (different.next()) {
                Instant stored = Rows.nullableInstant(different, 4);
                throw new LedgerConflictException("member " + different.getString(1) + "'s account closed at "
                        + different.getString(2) + " is " + (stored == null ? "still closed" : "reopened at " + stored)
                        + " in the ledger, and the batch gives it "
                        + (different.getString(3) == null ? "still closed" : "reopened at " + different.getString(3)));
            }
        }
        return written;
    }

    private int appendEvents(List<EventFact> facts) throws SQLException {
        if (facts.isEmpty()) {
            return 0;
        }
        Array ids = texts(facts, EventFact::memberId);
        Array eventIds = texts(facts, f -> f.event().id());
        Array purposes = texts(facts, f -> f.event().purpose().key());
        Array choices = texts(facts, f -> f.event().choice().name());
        Array effective = texts(facts, f -> f.event().statedEffectiveAt().toString());
        Array recorded = texts(facts, f -> f.event().recordedAt().toString());
        Array channels = texts(facts, f -> f.event().channel().name());
        int written = update(INSERT_EVENTS, ids, eventIds, purposes, choices, effective, recorded, channels);
        try (ResultSet different = query(DIFFERENT_EVENTS, ids, eventIds, purposes, choices, effective, recorded, channels)) {
            if (different.next()) {
                throw new LedgerConflictException("consent event " + different.getString(2) + " of member "
                        + different.getString(1) + " is in the ledger as " + different.getString(9) + " of "
                        + different.getString(8) + " stated effective at " + Rows.instant(different, 10)
                        + ", recorded at " + Rows.instant(different, 11) + " via " + different.getString(12)
                        + ", and the batch gives it as " + different.getString(4) + " of " + different.getString(3)
                        + " stated effective at " + different.getString(5) + ", recorded at " + different.getString(6)
                        + " via " + different.getString(7) + "; an event id names one event of a member");
            }
        }
        return written;
    }

    private int update(String sql, Array... columns) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < columns.length; i++) {
                statement.setArray(i + 1, columns[i]);
            }
            return statement.executeUpdate();
        }
    }

    // The statement is closed with its result set (closeOnCompletion).
    private ResultSet query(String sql, Array... columns) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            for (int i = 0; i < columns.length; i++) {
                statement.setArray(i + 1, columns[i]);
            }
            ResultSet result = statement.executeQuery();
            statement.closeOnCompletion();
            return result;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }

    private <F> Array texts(List<F> facts, Function<F, @Nullable String> column) throws SQLException {
        @Nullable String[] values = new @Nullable String[facts.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = column.apply(facts.get(i));
        }
        return connection.createArrayOf("text", values);
    }

    private static <F> List<F> sorted(List<F> facts, Function<F, String> key) {
        List<F> copy = new ArrayList<>(facts);
        copy.sort(Comparator.comparing(key));
        return copy;
    }

    private static @Nullable String dateText(@Nullable LocalDate date) {
        return date == null ? null : date.toString();
    }

    private static @Nullable String instantText(@Nullable Instant instant) {
        return instant == null ? null : instant.toString();
    }

    static String residenceFromText(Residence residence) {
        return residence.from().equals(Instant.MIN) ? "-infinity" : residence.from().toString();
    }

    private static String orUnknown(@Nullable String birthDate) {
        return Objects.requireNonNullElse(birthDate, "unknown");
    }
}
