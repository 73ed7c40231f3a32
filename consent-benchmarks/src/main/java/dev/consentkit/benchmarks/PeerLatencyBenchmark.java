package dev.consentkit.benchmarks;

import dev.consentkit.ContentItem;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How long one decision takes in Cedar, jCasbin and SAPL encoding the same three rules
 * ({@link CedarEngine}, {@link CasbinEngine}, {@link SaplEngine}), next to {@link TrainingPolicy}'s
 * {@code isTrainable} on the same cases, for members with 0, 4 and 64 consent events.
 *
 * <p>Each measured call starts from the library's own {@link ContentItem}, {@link Member} and instant
 * and includes whatever the caller does to put them into the peer's terms; the peers' javadoc says
 * what that is. As in {@link DecisionLatencyBenchmark}, each invocation decides the next of the
 * pre-built cases.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class PeerLatencyBenchmark {

    /** The number of consent events each member has. */
    @Param({"0", "4", "64"})
    public int events;

    private TrainingPolicy policy;
    private CedarEngine cedar;
    private CasbinEngine casbin;
    private SaplEngine sapl;
    private ContentItem[] items;
    private Member[] members;
    private Instant[] asOfs;
    private int next;

    /** Builds every engine once from the same policy, and generates the cases. */
    @Setup
    public void setUp() {
        policy = Sample.policy();
        cedar = new CedarEngine(policy);
        casbin = new CasbinEngine(policy, Sample.itemCategories());
        sapl = new SaplEngine(policy);
        List<Case> cases = Sample.cases(events, DecisionLatencyBenchmark.CASES);
        items = new ContentItem[cases.size()];
        members = new Member[cases.size()];
        asOfs = new Instant[cases.size()];
        for (int i = 0; i < cases.size(); i++) {
            items[i] = cases.get(i).item();
            members[i] = cases.get(i).member();
            asOfs[i] = cases.get(i).asOf();
        }
    }

    /** Stops SAPL's decision point. */
    @TearDown
    public void tearDown() {
        sapl.close();
    }

    /** ConsentKit, as the baseline. */
    @Benchmark
    public boolean consentKit() {
        int i = next();
        return policy.isTrainable(items[i], members[i], asOfs[i]);
    }

    /** Cedar. */
    @Benchmark
    public boolean cedar() {
        int i = next();
        return cedar.isTrainable(items[i], members[i], asOfs[i]);
    }

    /** jCasbin. */
    @Benchmark
    public boolean casbin() {
        int i = next();
        return casbin.isTrainable(items[i], members[i], asOfs[i]);
    }

    /** SAPL's embedded decision point. */
    @Benchmark
    public boolean sapl() {
        int i = next();
        return sapl.isTrainable(items[i], members[i], asOfs[i]);
    }

    private int next() {
        return next++ & (DecisionLatencyBenchmark.CASES - 1);
    }
}
