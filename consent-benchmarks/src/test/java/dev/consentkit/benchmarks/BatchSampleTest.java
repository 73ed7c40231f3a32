package dev.consentkit.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.consentkit.ConsentEvent;
import dev.consentkit.Decision;
import dev.consentkit.Member;
import dev.consentkit.Reason;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Shows that the batch sample is reproducible, that its forms describe the same data, and that it reaches every rule and edge. */
class BatchSampleTest {

    private static final BatchSample SAMPLE = SmallBatch.SAMPLE;
    private static final Instant ASOF = SAMPLE.asOf();
    private static final long ASOF_DAY = ASOF.atOffset(ZoneOffset.UTC).toLocalDate().toEpochDay();

    @Test
    void shouldGenerateTheSameSampleOnEveryCall() {
        BatchSample first = BatchSample.generate(2_000, 20_000);
        BatchSample second = BatchSample.generate(2_000, 20_000);

        assertTrue(IntStream.range(0, 2_000).allMatch(m -> first.member(m).equals(second.member(m))));
        assertTrue(IntStream.range(0, 20_000).allMatch(row -> first.item(row).equals(second.item(row))));
    }

    @Test
    void shouldDecideEveryItemAsTheTrainingPolicyDecidesItsObjects() {
        int[] disagreeing = SmallBatch.rows()
                .filter(row -> SmallBatch.decision(row).trainable() != SmallBatch.TRAINABLE.get(row))
                .toArray();

        assertEquals(0, disagreeing.length, () -> "rows disagree, such as " + SmallBatch.decision(disagreeing[0]));
    }

    @Test
    void shouldReachEveryReasonExceptThoseOfRulesThePolicyDoesNotHave() {
        Set<Reason> reached = EnumSet.noneOf(Reason.class);
        SmallBatch.rows().forEach(row -> reached.add(SmallBatch.decision(row).reason()));

        assertEquals(EnumSet.complementOf(EnumSet.of(Reason.POLICY_NOT_IN_FORCE, Reason.ITEM_OUT_OF_SCOPE,
                Reason.ITEM_RESERVED, Reason.ITEM_BEFORE_CHOICE)), reached);
    }

    @Test
    void shouldGiveMembersAboutOneAndAHalfConsentEventsOnAverageAndSomeMany() {
        double average = (double) SAMPLE.eventCount() / SAMPLE.memberCount();
        int most = IntStream.range(0, SAMPLE.memberCount()).map(m -> SAMPLE.member(m).consent().size()).max().orElse(0);

        assertTrue(average > 1.4 && average < 1.6 && most >= 40, () -> average + " on average, at most " + most);
    }

    @Test
    void shouldGiveMembersDistinctIdsOfTenAsciiCharacters() {
        Set<String> ids = new HashSet<>();
        for (int m = 0; m < SAMPLE.memberCount(); m++) {
            String id = SAMPLE.member(m).id();
            assertTrue(id.length() == 10 && id.chars().allMatch(c -> c < 128), id);
            ids.add(id);
        }
        assertEquals(SAMPLE.memberCount(), ids.size());
    }

    @Test
    void shouldIncludeOptOutsThatWinOverAnOptInAtTheSameInstant() {
        assertTrue(someItem(row -> reason(row) == Reason.OPTED_OUT && SmallBatch.author(row).consent().events()
                .stream().anyMatch(e -> !e.isOptOut() && e.effectiveAt().equals(decidingEvent(row).effectiveAt()))));
    }

    @Test
    void shouldIncludeOptOutsAndOptInsTakingEffectExactlyAtAsOf() {
        assertTrue(someItem(row -> reason(row) == Reason.OPTED_OUT && decidingEvent(row).effectiveAt().equals(ASOF)));
        assertTrue(someItem(row -> reason(row) == Reason.ALLOWED_OPTED_IN
                && decidingEvent(row).effectiveAt().equals(ASOF)));
    }

    @Test
    void shouldIncludeItemsCreatedExactlyAtAsOf() {
        assertTrue(someItem(row -> SmallBatch.decision(row).trainable() && SAMPLE.item(row).createdAt().equals(ASOF)));
    }

    @Test
    void shouldIncludeItemsDeletedExactlyAtAsOf() {
        assertTrue(someItem(row -> reason(row) == Reason.ITEM_DELETED
                && SAMPLE.item(row).deletedAt().orElseThrow().equals(ASOF)));
    }

    @Test
    void shouldIncludeAccountsClosedExactlyAtAsOf() {
        assertTrue(someItem(row -> reason(row) == Reason.ACCOUNT_CLOSED
                && SmallBatch.author(row).closedAt().orElseThrow().equals(ASOF)));
    }

    @Test
    void shouldIncludeItemsCreatedAtTheFirstInstantOfTheAuthorsComingOfAgeDay() {
        assertTrue(someItem(row -> SmallBatch.decision(row).trainable()
                && createdMicros(row) == comingOfAgeMicros(row)));
    }

    @Test
    void shouldIncludeItemsCreatedTheMicrosecondBeforeTheAuthorCameOfAge() {
        assertTrue(someItem(row -> SmallBatch.decision(row).failedChecks().equals(List.of(Reason.CREATED_WHILE_MINOR))
                && createdMicros(row) == comingOfAgeMicros(row) - 1));
    }

    @Test
    void shouldIncludeMembersBornOn29FebruaryWhoComeOfAgeOn28February() {
        assertTrue(someItem(row -> SmallBatch.decision(row).trainable() && bornOn29February(SmallBatch.author(row))
                && createdMicros(row) == comingOfAgeMicros(row)
                && LocalDate.ofEpochDay(SAMPLE.comingOfAgeDay(SAMPLE.itemMember(row))).getDayOfMonth() == 28));
    }

    @Test
    void shouldIncludeMembersComingOfAgeOnTheDayOfAsOfAndOnTheNextDay() {
        assertTrue(someItem(row -> comingOfAgeDay(row) == ASOF_DAY
                && SmallBatch.decision(row).failedChecks().equals(List.of(Reason.CREATED_WHILE_MINOR))));
        assertTrue(someItem(row -> comingOfAgeDay(row) == ASOF_DAY + 1
                && SmallBatch.decision(row).failedChecks().contains(Reason.MINOR)));
    }

    private static boolean someItem(IntPredicate condition) {
        return SmallBatch.rows().anyMatch(condition);
    }

    private static Reason reason(int row) {
        return SmallBatch.decision(row).reason();
    }

    private static ConsentEvent decidingEvent(int row) {
        Decision decision = SmallBatch.decision(row);
        return decision.evidence().consentEvent().orElseThrow(() -> new AssertionError("no event decides " + decision));
    }

    private static long createdMicros(int row) {
        return BatchSample.micros(SAMPLE.item(row).createdAt());
    }

    private static long comingOfAgeDay(int row) {
        return SAMPLE.comingOfAgeDay(SAMPLE.itemMember(row));
    }

    private static long comingOfAgeMicros(int row) {
        long day = comingOfAgeDay(row);
        return day == Long.MIN_VALUE ? Long.MIN_VALUE : day * 86_400_000_000L;
    }

    private static boolean bornOn29February(Member member) {
        return member.birthDate().filter(d -> d.getMonth() == Month.FEBRUARY && d.getDayOfMonth() == 29).isPresent();
    }
}
