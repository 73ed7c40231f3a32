package dev.consentkit.benchmarks;

import dev.consentkit.ConsentChannel;
import dev.consentkit.ConsentEvent;
import dev.consentkit.ContentItem;
import dev.consentkit.DataCategory;
import dev.consentkit.Decision;
import dev.consentkit.Jurisdiction;
import dev.consentkit.Member;
import dev.consentkit.Purpose;
import dev.consentkit.Reason;
import dev.consentkit.TrainingPolicy;
import dev.consentkit.batch.BatchEvaluator;
import dev.consentkit.batch.MemberStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a long consent history about other purposes costs a decision: a member with
 * {@value #MANY_EVENTS} consent events about {@code marketing.email}, against the same member without
 * them. The target: those events make a decision at most twice as slow as without them.
 *
 * <p>Both members have the same two events about the policy's purpose, {@code ai-training.generative}:
 * an opt-out and, an hour later, an opt-in, so every decision is "allowed; the member opted in". The
 * unrelated events come after both, one a second, alternating opt-in and opt-out, each with its own
 * id, and {@code asOf} after them all: a history searched backwards from {@code asOf} for the choice
 * in effect passes every unrelated event before it finds the opt-in.
 *
 * <ul>
 *   <li>{@code isTrainable} is {@link TrainingPolicy#isTrainable} on the {@link Member} object: one
 *       decision.
 *   <li>{@code batchForOneMember} is what the batch path spends on one member: {@link BatchEvaluator#of}
 *       over a {@link MemberStore} holding this member alone, which resolves closure, jurisdiction,
 *       age and the consent choice in effect from the store's arrays, then
 *       {@link BatchEvaluator#isTrainable} for one item, which finds its author in the store and
 *       checks the item. The evaluator's set-up is in both variants alike, so what differs between
 *       them is the store's search for the choice in effect.
 * </ul>
 *
 * <p>Setup checks that both variants decide alike, with the reason above, on both paths, and fails the
 * run otherwise. The members and the store are built once per trial (a few seconds for the long
 * history, not measured).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
// A collector without concurrent marking: the long history is a large live set, and a concurrent
// collector's threads marking it would compete with the measured thread for the two cores.
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+UseParallelGC"})
@State(Scope.Benchmark)
public class UnrelatedEventsBenchmark {

    /** The number of unrelated consent events of the long history. */
    public static final int MANY_EVENTS = 1_000_000;

    /** The purpose of the unrelated events, which the policy's purpose is not under. */
    static final Purpose UNRELATED = Purpose.of("marketing.email");

    private static final Instant RELEVANT_FROM = Instant.parse("2025-01-01T00:00:00Z");
    private static final Instant UNRELATED_FROM = Instant.parse("2025-01-02T00:00:00Z");
    private static final Instant AS_OF = Instant.parse("2025-03-01T00:00:00Z");

    /** The number of consent events about other purposes. */
    @Param({"0", "1000000"})
    public int unrelatedEvents;

    private TrainingPolicy policy;
    private Member member;
    private MemberStore store;
    private ContentItem item;

    /**
     * Builds the member, its store and the item, and checks that every path decides as expected.
     *
     * @throws IllegalStateException if a path decides otherwise
     */
    @Setup
    public void setUp() {
        policy = Sample.policy();
        member = member(unrelatedEvents);
        store = MemberStore.of(List.of(member));
        item = item();
        check(policy, member, store);
    }

    /** One decision on the member object. */
    @Benchmark
    public boolean isTrainable() {
        return policy.isTrainable(item, member, AS_OF);
    }

    /** The batch path's per-member pass over a store of this member, and one item decided with it. */
    @Benchmark
    public boolean batchForOneMember() {
        return BatchEvaluator.of(policy, store, AS_OF).isTrainable(item);
    }

    /** The instant every decision is asked for, after every event. */
    static Instant asOf() {
        return AS_OF;
    }

    /**
     * A member in an included country with an opt-out and a later opt-in for the policy's purpose,
     * followed by {@code unrelated} events about {@link #UNRELATED}, one a second, alternating opt-in and
     * opt-out.
     */
    static Member member(int unrelated) {
        List<ConsentEvent> events = new ArrayList<>(unrelated + 2);
        events.add(ConsentEvent.optOut("relevant-0", Purpose.GENERATIVE_AI_TRAINING, RELEVANT_FROM, RELEVANT_FROM,
                ConsentChannel.SETTINGS_TOGGLE));
        Instant optIn = RELEVANT_FROM.plusSeconds(3600);
        events.add(ConsentEvent.optIn("relevant-1", Purpose.GENERATIVE_AI_TRAINING, optIn, optIn,
                ConsentChannel.SETTINGS_TOGGLE));
        for (int e = 0; e < unrelated; e++) {
            Instant at = UNRELATED_FROM.plusSeconds(e);
            events.add(e % 2 == 0
                    ? ConsentEvent.optIn("unrelated-" + e, UNRELATED, at, at, ConsentChannel.API)
                    : ConsentEvent.optOut("unrelated-" + e, UNRELATED, at, at, ConsentChannel.API));
        }
        return Member.builder("m-long-history")
                .residentIn(Jurisdiction.of("US"))
                .consent(events.toArray(new ConsentEvent[0]))
                .build();
    }

    /** A public post of the member, created before every event. */
    static ContentItem item() {
        return ContentItem.of("post-1", "m-long-history", DataCategory.PUBLIC_CONTENT,
                Instant.parse("2024-06-01T00:00:00Z"));
    }

    private static void check(TrainingPolicy policy, Member member, MemberStore store) {
        Decision decision = policy.evaluate(item(), member, AS_OF);
        boolean batch = BatchEvaluator.of(policy, store, AS_OF).isTrainable(item());
        if (decision.reason() != Reason.ALLOWED_OPTED_IN || !batch) {
            throw new IllegalStateException("the member with " + member.consent().size() + " consent events should be "
                    + "trainable because it opted in; the policy says " + decision + ", the batch path " + batch);
        }
    }
}
