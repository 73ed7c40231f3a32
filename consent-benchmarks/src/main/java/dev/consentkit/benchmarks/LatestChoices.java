package dev.consentkit.benchmarks;

import dev.consentkit.ConsentEvent;
import dev.consentkit.Member;
import java.time.Instant;
import java.util.List;

/**
 * The instants of a member's latest opt-out and latest opt-in effective at or before {@code asOf},
 * among the events for the policy's purpose or a broader one: what a caller extracts from the
 * consent log for an engine that cannot iterate over it. The engine then decides that an opt-out is
 * in effect when there is one and no opt-in is later (an opt-in at the same instant loses).
 *
 * <p>The caller walks the history from its latest event back, since {@link dev.consentkit.ConsentHistory}
 * keeps events sorted by {@code effectiveAt}, and stops as soon as it has both instants, so that the
 * peers pay no more for it than a careful caller would.
 */
final class LatestChoices {

    private final Instant optOut;
    private final Instant optIn;

    private LatestChoices(Instant optOut, Instant optIn) {
        this.optOut = optOut;
        this.optIn = optIn;
    }

    /**
     * Scans {@code member}'s consent events.
     *
     * @param coveringPurposes the keys of the purposes whose choices count
     */
    static LatestChoices of(Member member, List<String> coveringPurposes, Instant asOf) {
        Instant optOut = null;
        Instant optIn = null;
        List<ConsentEvent> events = member.consent().events();
        for (int i = events.size() - 1; i >= 0 && (optOut == null || optIn == null); i--) {
            ConsentEvent event = events.get(i);
            if (event.effectiveAt().isAfter(asOf) || !coveringPurposes.contains(event.purpose().key())) {
                continue;
            }
            if (event.isOptOut()) {
                optOut = optOut == null ? event.effectiveAt() : optOut;
            } else {
                optIn = optIn == null ? event.effectiveAt() : optIn;
            }
        }
        return new LatestChoices(optOut, optIn);
    }

    /** The latest opt-out effective at or before {@code asOf}, or {@code null}. */
    Instant optOut() {
        return optOut;
    }

    /** The latest opt-in effective at or before {@code asOf}, or {@code null}. */
    Instant optIn() {
        return optIn;
    }
}
