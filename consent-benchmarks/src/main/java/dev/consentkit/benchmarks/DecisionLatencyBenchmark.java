package dev.consentkit.benchmarks;

import dev.consentkit.ContentItem;
import dev.consentkit.Decision;
import dev.consentkit.Member;
import dev.consentkit.TrainingPolicy;
import java.time.Instant;
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
 * How long one decision of {@link TrainingPolicy} takes for members with 0, 4 and 64 consent events:
 * the boolean {@code isTrainable}, which must allocate nothing, and {@code evaluate}, which allocates
 * the {@link Decision} it returns and nothing else that escapes.
 *
 * <p>Each invocation decides the next of {@value #CASES} pre-built {@link Sample} cases, so branch
 * predictors and caches see varied data, and returns its answer for JMH to consume. Run with
 * {@code -prof gc} to see the allocation per decision ({@code gc.alloc.rate.norm}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@State(Scope.Thread)
public class DecisionLatencyBenchmark {

    /** The number of cases cycled through; a power of two, so the next index is a mask away. */
    static final int CASES = 1024;

    /** The number of consent events each member has. */
    @Param({"0", "4", "64"})
    public int events;

    private TrainingPolicy policy;
    private ContentItem[] items;
    private Member[] members;
    private Instant[] asOfs;
    private int next;

    /** Generates the cases. */
    @Setup
    public void setUp() {
        policy = Sample.policy();
        List<Case> cases = Sample.cases(events, CASES);
        items = new ContentItem[CASES];
        members = new Member[CASES];
        asOfs = new Instant[CASES];
        for (int i = 0; i < CASES; i++) {
            items[i] = cases.get(i).item();
            members[i] = cases.get(i).member();
            asOfs[i] = cases.get(i).asOf();
        }
    }

    /** The fast path a training run calls for every item. */
    @Benchmark
    public boolean isTrainable() {
        int i = next++ & (CASES - 1);
        return policy.isTrainable(items[i], members[i], asOfs[i]);
    }

    /** The explained decision, with reason, failed checks, version and evidence. */
    @Benchmark
    public Decision evaluate() {
        int i = next++ & (CASES - 1);
        return policy.evaluate(items[i], members[i], asOfs[i]);
    }
}
