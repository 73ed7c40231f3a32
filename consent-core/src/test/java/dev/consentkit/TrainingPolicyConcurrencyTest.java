package dev.consentkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** Shows that one policy instance gives eight threads at once the same answers it gives a single thread. */
class TrainingPolicyConcurrencyTest {

    private static final int CASES = 4_000;
    private static final int THREADS = 8;
    private static final long SEED = 20_250_828L;

    private static final TrainingPolicy POLICY = RealPrograms.linkedIn();

    private static final Instant EARLIEST = Instant.parse("2023-01-01T00:00:00Z");
    private static final int DAYS = 1_300;
    /** The instants where the answers change, so that many cases sit exactly on a boundary. */
    private static final Instant[] BOUNDARIES = {
        Instant.parse("2024-09-18T00:00:00Z"), Instant.parse("2024-09-20T00:00:00Z"),
        Instant.parse("2025-11-03T00:00:00Z"), Instant.parse("2025-11-10T00:00:00Z"),
    };
    private static final String[] PLACES = {"DE", "FR", "NO", "CH", "GB", "US", "US-CA", "CA", "HK", "JP"};
    private static final DataCategory[] CATEGORIES = {
        DataCategory.PUBLIC_CONTENT, DataCategory.of("content.public.article"), DataCategory.GROUP_CONTENT,
        DataCategory.PROFILE_DETAILS, DataCategory.AI_INTERACTIONS, DataCategory.SAVED_JOB_DATA,
        DataCategory.PRIVATE_MESSAGES, DataCategory.JOB_APPLICATIONS, DataCategory.SALARY,
        DataCategory.of("telemetry.clicks"),
    };
    private static final Purpose[] PURPOSES = {
        Purpose.AI_TRAINING, Purpose.GENERATIVE_AI_TRAINING, Purpose.of("ai-training.safety"),
    };

    private static final List<Case> ALL_CASES = cases(new Random(SEED));

    @Test
    void shouldEvaluateTheSameDecisionsFromEightThreadsAsFromOne() throws Exception {
        Function<Case, Decision> evaluate = Case::evaluate;
        List<Decision> expected = answer(evaluate, 0);
        Set<Reason> reasons = EnumSet.noneOf(Reason.class);
        expected.forEach(decision -> reasons.addAll(decision.failedChecks()));
        assertTrue(reasons.size() >= 12, () -> "the cases exercise too few checks to mean much: " + reasons);

        for (List<Decision> actual : answerConcurrently(evaluate)) {
            assertEquals(expected, actual);
        }
    }

    @Test
    void shouldAnswerIsTrainableTheSameFromEightThreadsAsFromOne() throws Exception {
        Function<Case, Boolean> isTrainable = Case::isTrainable;
        List<Boolean> expected = answer(isTrainable, 0);
        assertTrue(expected.contains(true) && expected.contains(false), "the cases need both answers");

        for (List<Boolean> actual : answerConcurrently(isTrainable)) {
            assertEquals(expected, actual);
        }
    }

    /** Every thread answers every case, each starting at a different case, all released at once. */
    private static <T> List<List<T>> answerConcurrently(Function<Case, T> question) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch ready = new CountDownLatch(THREADS);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<T>>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int firstCase = t * (CASES / THREADS);
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    start.await();
                    return answer(question, firstCase);
                }));
            }
            ready.await();
            start.countDown();
            List<List<T>> answers = new ArrayList<>();
            for (Future<List<T>> future : futures) {
                answers.add(future.get());
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    /** The answers in case order, computed starting from {@code firstCase} and wrapping around. */
    private static <T> List<T> answer(Function<Case, T> question, int firstCase) {
        List<T> answers = new ArrayList<>(Collections.nCopies(CASES, null));
        for (int n = 0; n < CASES; n++) {
            int i = (firstCase + n) % CASES;
            answers.set(i, question.apply(ALL_CASES.get(i)));
        }
        return answers;
    }

    private static List<Case> cases(Random random) {
        List<Case> cases = new ArrayList<>(CASES);
        for (int i = 0; i < CASES; i++) {
            String memberId = "m-" + i;
            Member member = member(random, memberId);
            ContentItem item = item(random, "item-" + i, memberId);
            Instant asOf = random.nextInt(5) == 0 ? boundary(random) : instant(random);
            Instant knownAt = random.nextBoolean() ? null : instant(random);
            cases.add(new Case(item, member, asOf, knownAt));
        }
        return cases;
    }

    private static Member member(Random random, String id) {
        Member.Builder member = Member.builder(id);
        if (random.nextInt(10) != 0) {
            member.birthDate(LocalDate.of(1950 + random.nextInt(62), 1 + random.nextInt(12), 1 + random.nextInt(28)));
        }
        if (random.nextInt(10) != 0) {
            member.residentIn(place(random));
            if (random.nextInt(5) == 0) {
                member.residentIn(place(random), instant(random));
            }
        }
        if (random.nextInt(10) == 0) {
            member.closedAt(instant(random));
        }
        int events = random.nextInt(4);
        for (int e = 0; e < events; e++) {
            Instant effectiveAt = random.nextInt(4) == 0 ? boundary(random) : instant(random);
            Instant recordedAt = effectiveAt.plusSeconds(random.nextInt(5 * 86_400));
            ConsentChoice choice = random.nextBoolean() ? ConsentChoice.OPT_OUT : ConsentChoice.OPT_IN;
            member.consent(new ConsentEvent(id + "-e" + e, PURPOSES[random.nextInt(PURPOSES.length)], choice,
                    effectiveAt, recordedAt, ConsentChannel.values()[random.nextInt(ConsentChannel.values().length)]));
        }
        return member.build();
    }

    private static ContentItem item(Random random, String id, String authorId) {
        Instant createdAt = instant(random);
        Instant deletedAt = random.nextInt(10) == 0 ? createdAt.plusSeconds(random.nextInt(200 * 86_400)) : null;
        List<Reservation> reservations = random.nextInt(10) == 0
                ? List.of(new Reservation(ReservationSource.values()[random.nextInt(ReservationSource.values().length)],
                        instant(random)))
                : List.of();
        return ContentItem.of(id, authorId, CATEGORIES[random.nextInt(CATEGORIES.length)], createdAt, deletedAt,
                reservations);
    }

    private static Jurisdiction place(Random random) {
        return Jurisdiction.of(PLACES[random.nextInt(PLACES.length)]);
    }

    private static Instant boundary(Random random) {
        return BOUNDARIES[random.nextInt(BOUNDARIES.length)];
    }

    private static Instant instant(Random random) {
        return EARLIEST.plusSeconds(random.nextInt(DAYS) * 86_400L + random.nextInt(86_400));
    }

    /** One question to the policy; {@code knownAt} is null for a decision on everything recorded. */
    private record Case(ContentItem item, Member member, Instant asOf, @Nullable Instant knownAt) {

        Decision evaluate() {
            return knownAt == null ? POLICY.evaluate(item, member, asOf) : POLICY.asKnownAt(knownAt).evaluate(item, member, asOf);
        }

        boolean isTrainable() {
            return POLICY.isTrainable(item, member, asOf);
        }
    }
}
