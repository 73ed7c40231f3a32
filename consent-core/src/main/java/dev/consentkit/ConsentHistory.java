package dev.consentkit;

import dev.consentkit.internal.ConsentLookup;
import dev.consentkit.internal.KernelTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A member's consent events, in the order they take effect.
 *
 * <p>Events may be supplied in any order and more than once: the history sorts them, and the same
 * event id with the same content is kept once. The same id with different content is an error, so a
 * corrupted log cannot silently replace a choice. Events are ordered by {@code effectiveAt}; at the
 * same instant an {@code OPT_OUT} comes after an {@code OPT_IN}, so the latest choice at that instant
 * is the opt-out (most restrictive wins). Events with the same instant and choice are ordered by
 * {@code recordedAt}, then by id, so the event a decision cites as evidence does not depend on the
 * order events were supplied in.
 *
 * <p>Finding the choice in effect allocates nothing and costs a few binary searches, however many
 * events of other purposes the member has. A replay as known at an instant also steps back over the
 * events of the same purpose (or a broader one) that took effect by {@code asOf} but were recorded
 * after that instant: its cost grows with their number.
 */
public final class ConsentHistory {

    private static final Comparator<ConsentEvent> EFFECT_ORDER = Comparator.comparing(ConsentEvent::effectiveAt)
            .thenComparing(ConsentEvent::choice)
            .thenComparing(ConsentEvent::recordedAt)
            .thenComparing(ConsentEvent::id);

    private static final ConsentHistory EMPTY = new ConsentHistory(new ConsentEvent[0]);

    private final ConsentEvent[] events;
    // The events laid out for the one consent lookup, grouped by purpose.
    private final ConsentLookup.Index index;

    private ConsentHistory(ConsentEvent[] sorted) {
        this.events = sorted;
        this.index = ConsentLookup.Index.of(Arrays.asList(sorted));
    }

    /** {@return a history with no event: the policy's default decides} */
    public static ConsentHistory empty() {
        return EMPTY;
    }

    /**
     * A history of these events, in any order, duplicates allowed.
     *
     * @param events the consent events, in any order; an event given twice counts once
     * @return the history of these events
     * @throws NullPointerException if an event is null
     * @throws IllegalArgumentException if two events share an id but differ; the message shows both
     */
    public static ConsentHistory of(ConsentEvent... events) {
        return of(Arrays.asList(Objects.requireNonNull(events, "events")));
    }

    /**
     * A history of these events, in any order, duplicates allowed.
     *
     * @param events the consent events, in any order; an event given twice counts once
     * @return the history of these events
     * @throws NullPointerException if the collection or an event is null
     * @throws IllegalArgumentException if two events share an id but differ; the message shows both
     */
    public static ConsentHistory of(Collection<ConsentEvent> events) {
        Objects.requireNonNull(events, "events");
        Map<String, ConsentEvent> byId = new HashMap<>();
        List<ConsentEvent> distinct = new ArrayList<>(events.size());
        int index = 0;
        for (ConsentEvent event : events) {
            if (event == null) {
                // The message is built only when it is needed: a build is far more often right.
                throw new NullPointerException("events[" + index + "]");
            }
            ConsentEvent earlier = byId.putIfAbsent(event.id(), event);
            if (earlier == null) {
                distinct.add(event);
            } else if (!earlier.equals(event)) {
                throw new IllegalArgumentException("consent event id " + event.id()
                        + " is used for two different events: " + earlier + " and " + event);
            }
            index++;
        }
        if (distinct.isEmpty()) {
            return EMPTY;
        }
        ConsentEvent[] sorted = distinct.toArray(new ConsentEvent[0]);
        Arrays.sort(sorted, EFFECT_ORDER);
        return new ConsentHistory(sorted);
    }

    /**
     * A copy with {@code event} added; unchanged if the same event is already there.
     *
     * @param event the consent event to add
     * @return a history with the events of this one and {@code event}
     * @throws IllegalArgumentException if another event has the same id
     */
    public ConsentHistory with(ConsentEvent event) {
        Objects.requireNonNull(event, "event");
        List<ConsentEvent> all = new ArrayList<>(events.length + 1);
        all.addAll(Arrays.asList(events));
        all.add(event);
        return of(all);
    }

    /**
     * The union of this history and {@code other}: every event of both, each once.
     *
     * @param other another history of the same member, such as one read from a second source
     * @return a history holding every event of both histories once
     * @throws IllegalArgumentException if the two hold different events under the same id
     */
    public ConsentHistory merge(ConsentHistory other) {
        Objects.requireNonNull(other, "other");
        // A history's events are already distinct and in order: with nothing on one side, the other is
        // the union, as a member built from one list of events has it.
        if (events.length == 0) {
            return other;
        }
        if (other.events.length == 0) {
            return this;
        }
        List<ConsentEvent> all = new ArrayList<>(events.length + other.events.length);
        all.addAll(Arrays.asList(events));
        all.addAll(Arrays.asList(other.events));
        return of(all);
    }

    /**
     * The history as the platform knew it at {@code knownAt}: without the events recorded after it.
     *
     * @param knownAt the instant whose knowledge counts, as in an audit replay
     * @return a history without the events recorded after {@code knownAt}
     */
    public ConsentHistory knownAt(Instant knownAt) {
        Objects.requireNonNull(knownAt, "knownAt");
        List<ConsentEvent> known = new ArrayList<>(events.length);
        for (ConsentEvent event : events) {
            if (!event.recordedAt().isAfter(knownAt)) {
                known.add(event);
            }
        }
        return of(known);
    }

    /** {@return the events, ordered by when they take effect (an opt-out after an opt-in at the same instant)} */
    public List<ConsentEvent> events() {
        return List.of(events);
    }

    /** {@return the number of distinct events} */
    public int size() {
        return events.length;
    }

    /** {@return whether the history has no event} */
    public boolean isEmpty() {
        return events.length == 0;
    }

    /**
     * The member's latest choice in effect at {@code asOf} for {@code purpose}: the last event
     * effective at or before {@code asOf} whose purpose is {@code purpose} or a broader one; empty if
     * there is none.
     *
     * @param purpose the purpose a policy governs
     * @param asOf the instant of use
     * @return the choice in effect for {@code purpose} at {@code asOf}, or empty when the member
     *     made none by then
     */
    public Optional<ConsentEvent> choiceInEffect(Purpose purpose, Instant asOf) {
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(asOf, "asOf");
        int code = choiceCode(purpose.coveringPurposes().toArray(new Purpose[0]), false,
                KernelTime.notAfterNanos(asOf), KernelTime.LATEST);
        return code == ConsentLookup.NONE ? Optional.empty() : Optional.of(events[ConsentLookup.rank(code)]);
    }

    /** The event of rank {@code rank} in effect order. */
    ConsentEvent event(int rank) {
        return events[rank];
    }

    /**
     * The {@link ConsentLookup} code of the choice in effect among events for the {@code covering}
     * purposes (a purpose and every broader one), and GPC opt-outs of any purpose when
     * {@code gpcSignalsObject}; instants in kernel nanoseconds. Allocation-free: this is on the decision path.
     */
    int choiceCode(Purpose[] covering, boolean gpcSignalsObject, long asOf, long knownAt) {
        return choiceCode(index, covering, gpcSignalsObject, asOf, knownAt);
    }

    /** {@link #choiceCode(Purpose[], boolean, long, long)} on a history's {@link #index()}, for a member that keeps it. */
    static int choiceCode(ConsentLookup.Index index, Purpose[] covering, boolean gpcSignalsObject, long asOf,
            long knownAt) {
        int choice = index.choiceAt(covering, asOf, knownAt);
        return gpcSignalsObject ? Math.max(choice, index.latestGpcSignal(asOf, knownAt)) : choice;
    }

    /** The events laid out for the consent lookup. */
    ConsentLookup.Index index() {
        return index;
    }

    /**
     * The rank, in effect order, of the choice point of the opt-in in effect {@code choice}: the
     * earliest opt-in of the unbroken run of opt-ins for the {@code covering} purposes, known at
     * {@code knownAt}, that ends with it (a GPC opt-out of any purpose ends a run too when
     * {@code gpcSignalsObject}). Allocation-free.
     */
    int choicePointRank(Purpose[] covering, boolean gpcSignalsObject, int choice, long knownAt) {
        return ConsentLookup.rank(index.code(index.choicePoint(covering, gpcSignalsObject, choice, knownAt)));
    }

    /**
     * {@link #choicePointRank}'s event's effective instant in kernel nanoseconds. Allocation-free.
     */
    long choicePointNanos(Purpose[] covering, boolean gpcSignalsObject, int choice, long knownAt) {
        return index.effectiveAt(index.choicePoint(covering, gpcSignalsObject, choice, knownAt));
    }

    /** Equal when both hold the same events. */
    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof ConsentHistory other && Arrays.equals(other.events, events);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(events);
    }

    /** The events in effect order. */
    @Override
    public String toString() {
        return Arrays.toString(events);
    }
}
