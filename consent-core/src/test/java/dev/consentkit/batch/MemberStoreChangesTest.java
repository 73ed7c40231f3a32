package dev.consentkit.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.consentkit.AccountClosure;
import dev.consentkit.ConsentChannel;
import dev.consentkit.ConsentEvent;
import dev.consentkit.ContentItem;
import dev.consentkit.DataCategory;
import dev.consentkit.Jurisdiction;
import dev.consentkit.LegalBasis;
import dev.consentkit.Member;
import dev.consentkit.PolicyVersion;
import dev.consentkit.Purpose;
import dev.consentkit.Reason;
import dev.consentkit.TrainingPolicy;
import dev.consentkit.internal.KernelTime;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Shows that a store brought up to date with {@link MemberStore#withChanges} decides as a store built
 * afresh from the members it should hold, shares the arrays of the store it came from, and gives
 * vacated indexes to no member.
 */
class MemberStoreChangesTest {

    private static final Jurisdiction DE = Jurisdiction.of("DE");
    private static final Jurisdiction FR = Jurisdiction.of("FR");
    private static final Jurisdiction BR = Jurisdiction.of("BR");
    private static final Jurisdiction US = Jurisdiction.of("US");
    private static final Jurisdiction JP = Jurisdiction.of("JP");
    private static final Purpose ADVERTISING = Purpose.of("advertising");
    private static final TrainingPolicy BY_DEFAULT = TrainingPolicy.builder("by-default", Purpose.GENERATIVE_AI_TRAINING)
            .version(PolicyVersion.builder("v1", at("2025-01-01"))
                    .defaultBasis(LegalBasis.LEGITIMATE_INTERESTS)
                    .basis(FR, LegalBasis.CONSENT)
                    .exclude(BR, JP)
                    .allow(DataCategory.CONTENT)
                    .minimumAge(18)
                    .gpcSignalsObject(true)
                    .build())
            .build();
    private static final TrainingPolicy BY_CHOICE = TrainingPolicy.builder("by-choice", Purpose.GENERATIVE_AI_TRAINING)
            .version(PolicyVersion.builder("v1", at("2025-01-01"))
                    .defaultBasis(LegalBasis.CONSENT)
                    .basis(US, LegalBasis.LEGITIMATE_INTERESTS)
                    .allow(DataCategory.CONTENT)
                    .gpcSignalsObject(true)
                    .itemsFromMembersChoice(true)
                    .build())
            .build();
    private static final List<TrainingPolicy> POLICIES = List.of(BY_DEFAULT, BY_CHOICE);
    private static final List<Instant> USES = List.of(at("2025-03-01"), at("2025-07-01"), at("2026-01-01"));
    private static final List<@Nullable Instant> KNOWN = Arrays.asList(null, at("2025-05-01"));

    @Test
    void shouldAddAMemberTheStoreDoesNotHave() {
        List<Member> old = members("m-", 40);
        Member added = member("new", 3);

        MemberStore changed = MemberStore.of(old).withChanges(List.of(added), List.of());

        assertTrue(changed.isLayered());
        assertEquals(41, changed.size());
        assertEquals(41, changed.memberCount());
        assertEquals(40, changed.indexOf("new"));
        assertEquals("new", changed.memberId(40));
        assertDecidesAs(with(old, List.of(added), Set.of()), changed);
    }

    @Test
    void shouldReplaceAMemberWithTheSameId() {
        List<Member> old = members("m-", 40);
        MemberStore store = MemberStore.of(old);
        int before = store.indexOf("m-7");
        Member replacement = member("m-7", 5);

        MemberStore changed = store.withChanges(List.of(replacement), List.of());

        assertEquals(41, changed.size());
        assertEquals(40, changed.memberCount());
        assertEquals(40, changed.indexOf("m-7"));
        assertTrue(changed.isVacated(before));
        assertDecidesAs(with(old, List.of(replacement), Set.of()), changed);
    }

    @Test
    void shouldRemoveAMemberAndVacateItsIndex() {
        List<Member> old = members("m-", 40);
        MemberStore store = MemberStore.of(old);
        int removed = store.indexOf("m-3");

        MemberStore changed = store.withChanges(List.of(), List.of("m-3"));

        assertEquals(40, changed.size());
        assertEquals(39, changed.memberCount());
        assertEquals(-1, changed.indexOf("m-3"));
        assertFalse(changed.contains("m-3"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> changed.memberId(removed));
        assertEquals("member index " + removed + " is vacated: its member was replaced or removed", e.getMessage());
        assertEquals("m-4", changed.memberId(store.indexOf("m-4")));
        assertDecidesAs(with(old, List.of(), Set.of("m-3")), changed);
    }

    @Test
    void shouldIgnoreTheRemovalOfAnIdTheStoreDoesNotHave() {
        List<Member> old = members("m-", 40);

        MemberStore changed = MemberStore.of(old).withChanges(List.of(), List.of("nobody", "m-2", "m-2"));

        assertEquals(40, changed.size());
        assertEquals(39, changed.memberCount());
        assertDecidesAs(with(old, List.of(), Set.of("m-2")), changed);
        MemberStore again = changed.withChanges(List.of(), List.of("m-2"));
        assertEquals(39, again.memberCount());
        assertDecidesAs(with(old, List.of(), Set.of("m-2")), again);
    }

    @Test
    void shouldRejectAnIdBothUpsertedAndRemovedNamingIt() {
        MemberStore store = MemberStore.of(members("m-", 4));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> store.withChanges(List.of(member("m-1", 2)), List.of("m-0", "m-1")));

        assertEquals("member m-1 is both upserted and removed", e.getMessage());
    }

    @Test
    void shouldRejectAnIdUpsertedTwiceNamingIt() {
        MemberStore store = MemberStore.of(members("m-", 4));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> store.withChanges(List.of(member("x", 1), member("x", 2)), List.of()));

        assertEquals("member x is upserted twice", e.getMessage());
    }

    @Test
    void shouldRejectNullsNamingWhatIsMissing() {
        MemberStore store = MemberStore.of(members("m-", 4));

        assertEquals("upserts", assertThrows(NullPointerException.class,
                () -> store.withChanges(null, List.of())).getMessage());
        assertEquals("removedIds", assertThrows(NullPointerException.class,
                () -> store.withChanges(List.of(), null)).getMessage());
        assertEquals("upserted member", assertThrows(NullPointerException.class,
                () -> store.withChanges(Arrays.asList(member("a", 1), null), List.of())).getMessage());
        assertEquals("removed member id", assertThrows(NullPointerException.class,
                () -> store.withChanges(List.of(), Arrays.asList("m-1", null))).getMessage());
    }

    @Test
    void shouldLeaveTheOldStoreAsItWas() {
        List<Member> old = members("m-", 40);
        MemberStore store = MemberStore.of(old);
        int index = store.indexOf("m-5");
        long footprint = store.footprintBytes();

        MemberStore changed = store.withChanges(List.of(member("m-5", 6), member("new", 1)), List.of("m-6"));
        changed.withChanges(List.of(member("m-8", 2)), List.of("new"));

        assertFalse(store.isLayered());
        assertEquals(index, store.indexOf("m-5"));
        assertEquals(40, store.memberCount());
        assertEquals(footprint, store.footprintBytes());
        assertDecidesAs(old, store);
        assertDecidesAs(with(old, List.of(member("m-5", 6), member("new", 1)), Set.of("m-6")), changed);
    }

    @Test
    void shouldApplyRoundAfterRoundOfChangesAndCompactWhenTheyPassAQuarterOfTheBase() {
        Random random = new Random(42);
        Map<String, Member> expected = new LinkedHashMap<>();
        for (Member member : members("m-", 120)) {
            expected.put(member.id(), member);
        }
        MemberStore store = MemberStore.of(expected.values());
        int layered = 0;
        int compacted = 0;
        for (int round = 0; round < 12; round++) {
            List<String> ids = new ArrayList<>(expected.keySet());
            Collections.shuffle(ids, random);
            List<Member> upserts = new ArrayList<>();
            Set<String> removed = new HashSet<>();
            for (String id : ids.subList(0, 3)) {
                upserts.add(member(id, random.nextInt(420)));
            }
            removed.addAll(ids.subList(3, 5));
            removed.add("gone-" + round);
            for (int k = 0; k < 2; k++) {
                upserts.add(member("r" + round + "-" + k, random.nextInt(420)));
            }
            MemberStore previous = store;
            List<Member> before = List.copyOf(expected.values());

            store = store.withChanges(upserts, removed);

            for (String id : removed) {
                expected.remove(id);
            }
            for (Member member : upserts) {
                expected.put(member.id(), member);
            }
            if (store.isLayered()) {
                layered++;
            } else {
                compacted++;
                assertEquals(store.memberCount(), store.size());
            }
            assertDecidesAs(List.copyOf(expected.values()), store);
            assertDecidesAs(before, previous);
        }
        assertTrue(layered >= 3 && compacted >= 1, layered + " layered, " + compacted + " compacted");
    }

    @Test
    void shouldCompactIntoAFlatStoreOnceTheChangesPassAQuarterOfTheBase() {
        List<Member> old = members("m-", 12);
        MemberStore store = MemberStore.of(old);

        MemberStore three = store.withChanges(List.of(member("m-0", 1)), List.of("m-1"));
        MemberStore four = store.withChanges(List.of(member("m-0", 1), member("new", 2)), List.of("m-1"));

        assertTrue(three.isLayered());
        assertFalse(four.isLayered());
        assertEquals(12, four.size());
        assertEquals(12, four.memberCount());
        assertEquals(-1, four.indexOf("m-1"));
        assertDecidesAs(with(old, List.of(member("m-0", 1), member("new", 2)), Set.of("m-1")), four);
    }

    @Test
    void shouldCompactALayeredStoreWithMembersOfTheDeltaAndItsNewJurisdictionsAndPurposes() {
        // The first members, whose purposes and places come first in the base's dictionaries, are
        // removed, so a compacted store numbers the rest afresh.
        List<Member> old = members("m-", 20);
        Member japanese = Member.builder("jp").birthDate(LocalDate.of(1990, 1, 1)).residentIn(JP)
                .consent(optIn("e-1", Purpose.of("other.z"), "2025-01-02"), optOut("e-2", Purpose.AI_TRAINING, "2025-02-02"))
                .build();
        MemberStore layered = MemberStore.of(old).withChanges(List.of(japanese), List.of("m-0", "m-1"));
        assertTrue(layered.isLayered());

        MemberStore compacted = layered.withChanges(List.of(member("a", 4), member("b", 11)), List.of("m-2", "m-3"));

        assertFalse(compacted.isLayered());
        assertDecidesAs(with(old, List.of(japanese, member("a", 4), member("b", 11)), Set.of("m-0", "m-1", "m-2", "m-3")),
                compacted);
    }

    @Test
    void shouldCompactWithTheJurisdictionsOfTheMembersPresentOnly() {
        // The first instant a store keeps, as a closure: the copy must not take it for the side table.
        Member closedFirst = Member.builder("closed-first").birthDate(LocalDate.of(1990, 1, 1)).residentIn(DE)
                .closedAt(KernelTime.FIRST).build();
        List<Member> old = new ArrayList<>(members("m-", 6));
        old.add(Member.builder("jp").residentIn(JP).build());
        old.add(closedFirst);

        MemberStore compacted = MemberStore.of(old).withChanges(List.of(member("m-1", 2)), List.of("jp"));

        assertFalse(compacted.isLayered());
        List<Member> expected = with(old, List.of(member("m-1", 2)), Set.of("jp"));
        assertEquals(Set.of(MemberStore.of(expected).places()), Set.of(compacted.places()));
        assertFalse(Set.of(compacted.places()).contains(JP));
        assertEquals(Reason.ACCOUNT_CLOSED, BatchEvaluator.of(BY_DEFAULT, compacted, at("2025-07-01")).reason(post("closed-first")));
        assertDecidesAs(expected, compacted);
    }

    @Test
    void shouldFindTheChoiceAmongManyPurposeGroupsThatCompactionNumbersAnew() {
        // In the first store the ten other purposes come before the generative one; compacted without
        // the first member, the generative one comes first, and the third member's groups, more than
        // are visited one by one, must be sorted again for the search.
        List<ConsentEvent> others = new ArrayList<>();
        for (int p = 0; p < 10; p++) {
            others.add(optOut("o-" + p, Purpose.of("other.q" + p), "2025-01-0" + (1 + p % 9)));
        }
        List<ConsentEvent> withChoice = new ArrayList<>(others);
        withChoice.add(optIn("e-1", Purpose.GENERATIVE_AI_TRAINING, "2025-01-20"));
        List<Member> old = List.of(
                Member.builder("x1").birthDate(LocalDate.of(1990, 1, 1)).residentIn(DE)
                        .consent(others.toArray(new ConsentEvent[0])).build(),
                Member.builder("y").birthDate(LocalDate.of(1990, 1, 1)).residentIn(DE)
                        .consent(optIn("e-1", Purpose.GENERATIVE_AI_TRAINING, "2025-01-10")).build(),
                Member.builder("x2").birthDate(LocalDate.of(1990, 1, 1)).residentIn(DE)
                        .consent(withChoice.toArray(new ConsentEvent[0])).build());

        MemberStore compacted = MemberStore.of(old).withChanges(List.of(), List.of("x1"));

        assertFalse(compacted.isLayered());
        assertEquals(Reason.ALLOWED_OPTED_IN, BatchEvaluator.of(BY_CHOICE, compacted, at("2025-07-01")).reason(post("x2")));
        assertDecidesAs(with(old, List.of(), Set.of("x1")), compacted);
    }

    @Test
    void shouldRenumberTheJurisdictionsAndPurposesThatACompactionKeeps() {
        // The first member brings the first jurisdiction and the first purpose of the dictionaries and
        // is removed: in the compacted store every other member's entries move down, a group of purposes
        // keeps its order, and the GPC signals stay apart.
        Member first = Member.builder("first").birthDate(LocalDate.of(1990, 1, 1)).residentIn(JP)
                .consent(optOut("e-0", Purpose.of("other.first"), "2025-01-01")).build();
        List<Member> old = new ArrayList<>();
        old.add(first);
        old.addAll(members("m-", 14));
        List<Member> upserts = List.of(member("m-3", 4), member("m-4", 6));

        MemberStore compacted = MemberStore.of(old).withChanges(upserts, List.of("first"));

        assertFalse(compacted.isLayered());
        assertFalse(Set.of(compacted.places()).contains(JP));
        assertDecidesAs(with(old, upserts, Set.of("first")), compacted);
    }

    @Test
    void shouldFindTheFirstMemberOfTheDeltaAfterABaseOfWholeWordsOfTheBitmap() {
        List<Member> old = members("m-", 64);

        MemberStore changed = MemberStore.of(old).withChanges(List.of(member("new", 0)), List.of("m-0"));

        assertTrue(changed.isLayered());
        assertEquals(64, changed.indexOf("new"));
        assertFalse(changed.isVacated(64));
        assertTrue(changed.isVacated(0));
        assertDecidesAs(with(old, List.of(member("new", 0)), Set.of("m-0")), changed);
    }

    @Test
    void shouldKeepAStoreWithNoChangesDecidingAsBefore() {
        List<Member> old = members("m-", 8);

        MemberStore same = MemberStore.of(old).withChanges(List.of(), List.of());

        assertEquals(8, same.size());
        assertEquals(8, same.memberCount());
        assertDecidesAs(old, same);
    }

    @Test
    void shouldBringAnEmptyStoreUpToDate() {
        MemberStore changed = MemberStore.of(List.of()).withChanges(List.of(member("a", 1), member("b", 2)), List.of("c"));

        assertFalse(changed.isLayered());
        assertDecidesAs(List.of(member("a", 1), member("b", 2)), changed);
    }

    @Test
    void shouldDecideWithJurisdictionsAndPurposesOnlyInTheDelta() {
        // The base knows Germany and the generative purpose only; the delta brings Japan (excluded by
        // one policy), the broader purpose, and a GPC opt-out of a purpose of its own.
        List<Member> old = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            old.add(Member.builder("m-" + i).birthDate(LocalDate.of(1990, 1, 1)).residentIn(DE)
                    .consent(optIn("e-1", Purpose.GENERATIVE_AI_TRAINING, "2025-01-0" + (1 + i % 9))).build());
        }
        List<Member> upserts = List.of(
                Member.builder("jp").birthDate(LocalDate.of(1990, 1, 1)).residentIn(JP).build(),
                Member.builder("broad").birthDate(LocalDate.of(1990, 1, 1)).residentIn(DE)
                        .consent(optIn("e-1", Purpose.GENERATIVE_AI_TRAINING, "2025-01-02"),
                                optOut("e-2", Purpose.AI_TRAINING, "2025-02-02"))
                        .build(),
                Member.builder("m-4").birthDate(LocalDate.of(1990, 1, 1)).residentIn(US)
                        .consent(optIn("e-1", Purpose.GENERATIVE_AI_TRAINING, "2025-01-02"),
                                gpcOptOut("e-2", Purpose.of("advertising.new"), "2025-02-02"))
                        .build());
        MemberStore store = MemberStore.of(old);

        MemberStore changed = store.withChanges(upserts, List.of());

        assertTrue(changed.isLayered());
        assertEquals(List.of(DE, JP, US), Arrays.asList(changed.places()));
        assertEquals(List.of(DE), Arrays.asList(store.places()));
        List<Member> expected = with(old, upserts, Set.of());
        assertDecidesAs(expected, changed);
        BatchEvaluator evaluator = BatchEvaluator.of(BY_DEFAULT, changed, at("2025-07-01"));
        assertEquals(Reason.JURISDICTION_EXCLUDED, evaluator.reason(post("jp")));
        assertEquals(Reason.OPTED_OUT, evaluator.reason(post("broad")));
        assertEquals(Reason.OPTED_OUT, evaluator.reason(post("m-4")));
        assertEquals(Reason.ALLOWED_OPTED_IN, evaluator.reason(post("m-5")));
    }

    @Test
    void shouldFindWideIdsOnlyInTheDelta() {
        List<Member> old = members("m-", 40);
        List<Member> upserts = List.of(member("мария", 2), member("李", 5), member("m-9", 7));

        MemberStore changed = MemberStore.of(old).withChanges(upserts, List.of("m-1"));

        assertEquals(40, changed.indexOf("мария"));
        assertEquals("李", changed.memberId(changed.indexOf("李")));
        assertEquals(-1, changed.indexOf("марья"));
        assertDecidesAs(with(old, upserts, Set.of("m-1")), changed);
    }

    @Test
    void shouldFindWideIdsOnlyInTheBase() {
        List<Member> old = members("мария-", 40);
        List<Member> upserts = List.of(member("ascii", 2), member("мария-9", 7));

        MemberStore changed = MemberStore.of(old).withChanges(upserts, List.of("мария-1"));

        assertEquals("ascii", changed.memberId(changed.indexOf("ascii")));
        assertEquals("мария-2", changed.memberId(changed.indexOf("мария-2")));
        assertDecidesAs(with(old, upserts, Set.of("мария-1")), changed);
    }

    @Test
    void shouldCompactOneByteIdsWithTwoByteOnesFromTheDeltaAndTheUpserts() {
        List<Member> second = new ArrayList<>(members("李-", 9));
        second.add(member("m-5", 38));

        MemberStore compacted = assertCompactsAfterADelta(members("m-", 40),
                List.of(member("мария", 2), member("m-3", 7)), "m-1", second, "m-2");

        assertEquals(-1, compacted.indexOf("мари"));
    }

    @Test
    void shouldCompactTwoByteIdsWithOneByteOnesFromTheDeltaAndTheUpserts() {
        // The delta's ids are all one byte a char; the second change replaces one of them.
        List<Member> second = new ArrayList<>(members("é-", 9));
        second.add(member("мария-5", 38));

        MemberStore compacted = assertCompactsAfterADelta(members("мария-", 40),
                List.of(member("ascii", 2), member("é-0", 7)), "мария-1", second, "мария-2");

        assertEquals(-1, compacted.indexOf("ascii-"));
    }

    /**
     * Applies {@code first} and the removal of {@code firstRemoved} to a store of {@code old}, which must
     * leave it layered, then {@code second} and the removal of {@code secondRemoved}, which must compact
     * it; the compacted store must decide as a store built afresh, find every member by id, and find
     * neither removed id. Returns the compacted store.
     */
    private static MemberStore assertCompactsAfterADelta(List<Member> old, List<Member> first, String firstRemoved,
            List<Member> second, String secondRemoved) {
        MemberStore layered = MemberStore.of(old).withChanges(first, List.of(firstRemoved));
        MemberStore compacted = layered.withChanges(second, List.of(secondRemoved));

        assertTrue(layered.isLayered());
        assertFalse(compacted.isLayered());
        assertEquals(-1, compacted.indexOf(firstRemoved));
        assertEquals(-1, compacted.indexOf(secondRemoved));
        assertDecidesAs(with(with(old, first, Set.of(firstRemoved)), second, Set.of(secondRemoved)), compacted);
        return compacted;
    }

    @Test
    void shouldFillExactlyTheRoomEachChangeReserves() {
        List<MemberStore.Builder> filled = new ArrayList<>();
        Consumer<MemberStore.Builder> exactlyFull = builder -> {
            assertTrue(builder.isFull(), "room left over, or grown past what was reserved");
            filled.add(builder);
        };
        List<Member> old = members("m-", 84);
        // Reopened accounts (variant 2) go to the side table, GPC opt-outs (3, 6) are kept twice, and
        // a two-byte id makes the delta's ids wide.
        List<Member> first = List.of(member("m-1", 2), member("m-2", 3), member("m-3", 6), member("成员", 4));
        List<Member> second = List.of(member("m-2", 5), member("m-7", 1));
        List<Member> third = members("n-", 20);

        MemberStore layered = MemberStore.of(old).withChanges(first, List.of("m-5"), exactlyFull);
        MemberStore twice = layered.withChanges(second, List.of("成员"), exactlyFull);
        MemberStore compacted = twice.withChanges(third, List.of("m-9"), exactlyFull);

        assertEquals(3, filled.size());
        assertTrue(layered.isLayered());
        assertTrue(twice.isLayered());
        assertFalse(compacted.isLayered());
        assertDecidesAs(with(with(with(old, first, Set.of("m-5")), second, Set.of("成员")), third, Set.of("m-9")),
                compacted);
    }

    @Test
    void shouldKeepGpcOptOutsAndReopenedAccountsInBothLayers() {
        // Variant 3 has a GPC opt-out and variant 2 a reopened account (see member).
        List<Member> old = List.of(member("gpc", 3), member("reopened", 2), member("both", 38));
        List<Member> base = new ArrayList<>(old);
        base.addAll(members("m-", 60));
        List<Member> upserts = List.of(member("gpc-new", 3), member("reopened-new", 2), member("reopened", 3),
                member("m-0", 2), member("m-1", 3));

        MemberStore changed = MemberStore.of(base).withChanges(upserts, List.of("gpc"));

        assertTrue(changed.isLayered());
        List<Member> expected = with(base, upserts, Set.of("gpc"));
        assertDecidesAs(expected, changed);
        assertDecidesAs(expected, changed.withChanges(List.of(), List.of("nobody")));
    }

    @Test
    void shouldRejectAVacatedIndexInColumnsAndVerdicts() {
        List<Member> old = members("m-", 40);
        MemberStore store = MemberStore.of(old);
        int vacated = store.indexOf("m-2");
        MemberStore changed = store.withChanges(List.of(member("m-2", 1)), List.of());
        BatchEvaluator evaluator = BatchEvaluator.of(BY_DEFAULT, changed, at("2025-07-01"));
        BatchEvaluator notInForce = BatchEvaluator.of(BY_DEFAULT, changed, at("2024-07-01"));
        ItemColumns columns = ItemColumns.of(new int[] {0, vacated}, new int[] {0, 0}, List.of(DataCategory.CONTENT),
                new long[] {0, 0}, TimeUnit.SECONDS);

        String message = "member index " + vacated + " in row 1 is vacated in the member store: its member was replaced "
                + "or removed";
        assertEquals(message, assertThrows(IllegalArgumentException.class, () -> evaluator.trainable(columns)).getMessage());
        assertEquals(message, assertThrows(IllegalArgumentException.class, () -> evaluator.reasons(columns)).getMessage());
        assertEquals(message, assertThrows(IllegalArgumentException.class, () -> notInForce.trainable(columns)).getMessage());
        assertEquals("member index " + vacated + " is vacated in the member store: its member was replaced or removed",
                assertThrows(IllegalArgumentException.class, () -> evaluator.memberVerdict(vacated)).getMessage());
        assertEquals(evaluator.memberVerdict(changed.indexOf("m-3")),
                BatchEvaluator.of(BY_DEFAULT, store, at("2025-07-01")).memberVerdict(store.indexOf("m-3")));
        assertThrows(IndexOutOfBoundsException.class, () -> evaluator.memberVerdict(changed.size()));
    }

    @Test
    void shouldTellAVacatedFirstIndexFromOneOutsideTheStoreInColumns() {
        MemberStore changed = MemberStore.of(members("m-", 40)).withChanges(List.of(), List.of("m-0"));
        BatchEvaluator evaluator = BatchEvaluator.of(BY_DEFAULT, changed, at("2025-07-01"));
        BatchEvaluator notInForce = BatchEvaluator.of(BY_DEFAULT, changed, at("2024-07-01"));
        ItemColumns vacated = ItemColumns.of(new int[] {0}, new int[] {0}, List.of(DataCategory.CONTENT),
                new long[] {0}, TimeUnit.SECONDS);
        ItemColumns outside = ItemColumns.of(new int[] {1, 40}, new int[] {0, 0}, List.of(DataCategory.CONTENT),
                new long[] {0, 0}, TimeUnit.SECONDS);

        String vacatedMessage = "member index 0 in row 0 is vacated in the member store: its member was replaced or "
                + "removed";
        String outsideMessage = "member index 40 in row 1 is not in the member store of 40 members";
        assertEquals(vacatedMessage, assertThrows(IllegalArgumentException.class, () -> evaluator.reasons(vacated))
                .getMessage());
        assertEquals(vacatedMessage, assertThrows(IllegalArgumentException.class, () -> evaluator.trainable(vacated))
                .getMessage());
        assertEquals(outsideMessage, assertThrows(IllegalArgumentException.class, () -> evaluator.reasons(outside))
                .getMessage());
        assertEquals(outsideMessage, assertThrows(IllegalArgumentException.class, () -> evaluator.trainable(outside))
                .getMessage());
        assertEquals(outsideMessage, assertThrows(IllegalArgumentException.class, () -> notInForce.trainable(outside))
                .getMessage());
    }

    @Test
    void shouldCountTheConsentEventsOfTheMembersPresent() {
        List<Member> old = members("m-", 40);
        List<Member> upserts = List.of(member("m-3", 4), member("new", 3));

        MemberStore changed = MemberStore.of(old).withChanges(upserts, List.of("m-5", "m-10"));
        MemberStore again = changed.withChanges(List.of(member("new", 5)), List.of("m-3", "m-11"));

        assertEquals(MemberStore.of(with(old, upserts, Set.of("m-5", "m-10"))).consentEventCount(),
                changed.consentEventCount());
        assertEquals(MemberStore.of(with(with(old, upserts, Set.of("m-5", "m-10")), List.of(member("new", 5)),
                Set.of("m-3", "m-11"))).consentEventCount(), again.consentEventCount());
    }

    @Test
    void shouldShareTheBasesArraysAndCountThemOnce() {
        List<Member> old = members("m-", 4000);
        MemberStore store = MemberStore.of(old);
        List<Member> upserts = List.of(member("m-1", 4), member("new", 3));
        MemberStore delta = MemberStore.of(List.of(member("m-1", 4), member("new", 3)));

        MemberStore changed = store.withChanges(upserts, List.of("m-2"));

        // The base counted once, the delta, and a bitmap of 4,000 bits: 63 longs, 520 bytes.
        assertEquals(store.footprintBytes() + delta.footprintBytes() + 520, changed.footprintBytes());
        assertEquals("MemberStore[4000 members, " + changed.consentEventCount() + " consent events, "
                + String.format(Locale.ROOT, "%.1f MB", changed.footprintBytes() / 1e6) + "]", changed.toString());
    }

    /** Every decision of {@code store} equals that of a store built afresh from {@code expected}. */
    private static void assertDecidesAs(List<Member> expected, MemberStore store) {
        MemberStore fresh = MemberStore.of(expected);
        assertEquals(expected.size(), store.memberCount());
        assertEquals(fresh.consentEventCount(), store.consentEventCount());
        Set<Integer> indexes = new HashSet<>();
        for (Member member : expected) {
            int index = store.indexOf(member.id());
            assertTrue(index >= 0 && index < store.size() && !store.isVacated(index), member.id() + " at " + index);
            assertEquals(member.id(), store.memberId(index));
            indexes.add(index);
        }
        int vacated = 0;
        for (int m = 0; m < store.size(); m++) {
            vacated += store.isVacated(m) ? 1 : 0;
        }
        assertEquals(store.size() - store.memberCount(), vacated);
        List<ContentItem> items = items(expected);
        for (TrainingPolicy policy : POLICIES) {
            for (Instant asOf : USES) {
                for (Instant knownAt : KNOWN) {
                    BatchEvaluator actual = evaluator(policy, store, asOf, knownAt);
                    BatchEvaluator reference = evaluator(policy, fresh, asOf, knownAt);
                    String question = policy.id() + " at " + asOf + " known at " + knownAt;
                    assertEquals(reference.reasons(items), actual.reasons(items), question);
                    assertEquals(reference.trainable(items), actual.trainable(items), question);
                    assertArrayEquals(reference.reasons(ColumnsOfItems.of(fresh, items, TimeUnit.MICROSECONDS)),
                            actual.reasons(ColumnsOfItems.of(store, items, TimeUnit.MICROSECONDS)), question);
                    assertEquals(reference.trainable(ColumnsOfItems.of(fresh, items, TimeUnit.MICROSECONDS)),
                            actual.trainable(ColumnsOfItems.of(store, items, TimeUnit.MICROSECONDS)), question);
                    for (Member member : expected) {
                        assertEquals(reference.memberVerdict(fresh.indexOf(member.id())),
                                actual.memberVerdict(store.indexOf(member.id())), question + " for " + member.id());
                    }
                }
            }
        }
    }

    private static BatchEvaluator evaluator(TrainingPolicy policy, MemberStore store, Instant asOf,
            @Nullable Instant knownAt) {
        BatchEvaluator.Builder builder = BatchEvaluator.builder(policy, store);
        if (knownAt != null) {
            builder.knownAt(knownAt);
        }
        return builder.build(asOf);
    }

    /** The members of {@code old} less {@code removed}, with {@code upserts} replacing or added after them. */
    private static List<Member> with(List<Member> old, List<Member> upserts, Set<String> removed) {
        Map<String, Member> members = new LinkedHashMap<>();
        for (Member member : old) {
            members.put(member.id(), member);
        }
        members.keySet().removeAll(removed);
        for (Member member : upserts) {
            members.put(member.id(), member);
        }
        return List.copyOf(members.values());
    }

    /** Three items per member, created before the policy, between the uses and late; one resumed. */
    private static List<ContentItem> items(List<Member> members) {
        List<ContentItem> items = new ArrayList<>();
        for (Member member : members) {
            String id = member.id();
            items.add(ContentItem.of(id + "/1", id, DataCategory.CONTENT, at("2024-06-01")));
            items.add(ContentItem.of(id + "/2", id, DataCategory.CONTENT, at("2025-02-01"))
                    .withResumedAt(at("2025-06-01")));
            items.add(ContentItem.of(id + "/3", id, DataCategory.CONTENT, at("2025-06-15")));
        }
        return items;
    }

    private static ContentItem post(String author) {
        return ContentItem.of(author + "/post", author, DataCategory.CONTENT, at("2025-06-15"));
    }

    private static List<Member> members(String prefix, int count) {
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            members.add(member(prefix + i, i));
        }
        return members;
    }

    /**
     * A member whose facts follow {@code variant}: its birth date from {@code variant % 4}, where they
     * live from {@code % 5}, their account's closures from {@code % 6} and their consent events from
     * {@code % 7}, so that 420 variants differ in every combination.
     */
    private static Member member(String id, int variant) {
        Member.Builder member = Member.builder(id);
        switch (variant % 4) {
            case 0 -> member.birthDate(LocalDate.of(1990, 6, 15));
            case 1 -> member.birthDate(LocalDate.of(2012, 6, 15));
            case 2 -> member.birthDate(LocalDate.of(2007, 4, 1));
            default -> member.birthDate(null);
        }
        switch (variant % 5) {
            case 0 -> member.residentIn(DE);
            case 1 -> member.residentIn(FR);
            case 2 -> member.residentIn(BR);
            case 3 -> member.residentIn(DE, Instant.MIN).residentIn(US, at("2025-05-01"));
            default -> { }
        }
        switch (variant % 6) {
            case 1 -> member.closedAt(at("2025-04-01"));
            case 2 -> member.closure(AccountClosure.between(at("2025-02-01"), at("2025-04-01")))
                    .closure(AccountClosure.from(at("2025-09-01")));
            default -> { }
        }
        Purpose generative = Purpose.GENERATIVE_AI_TRAINING;
        switch (variant % 7) {
            case 1 -> member.consent(optOut("e-1", generative, "2025-02-15"));
            case 2 -> member.consent(optIn("e-1", Purpose.AI_TRAINING, "2025-01-10"),
                    ConsentEvent.optOut("e-2", generative, at("2025-04-01"), at("2025-06-01"), ConsentChannel.API));
            case 3 -> member.consent(optIn("e-1", generative, "2025-01-05"), gpcOptOut("e-2", ADVERTISING, "2025-02-20"));
            case 4 -> {
                List<ConsentEvent> events = new ArrayList<>();
                for (int p = 0; p < 10; p++) {
                    events.add(optOut("o-" + p, Purpose.of("other.p" + p), "2025-01-0" + (1 + p % 9)));
                }
                events.add(optIn("e-1", generative, "2025-01-20"));
                member.consent(events.toArray(new ConsentEvent[0]));
            }
            case 5 -> member.consent(optIn("e-1", generative, "2025-01-20"), optOut("e-2", generative, "2025-03-10"),
                    optIn("e-3", generative, "2025-05-10"));
            case 6 -> member.consent(gpcOptOut("e-1", ADVERTISING, "2025-01-15"), optIn("e-2", Purpose.AI_TRAINING, "2025-02-10"),
                    gpcOptOut("e-3", generative, "2025-08-10"));
            default -> { }
        }
        return member.build();
    }

    private static ConsentEvent optIn(String id, Purpose purpose, String day) {
        return ConsentEvent.optIn(id, purpose, at(day), ConsentChannel.SETTINGS_TOGGLE);
    }

    private static ConsentEvent optOut(String id, Purpose purpose, String day) {
        return ConsentEvent.optOut(id, purpose, at(day), ConsentChannel.SETTINGS_TOGGLE);
    }

    private static ConsentEvent gpcOptOut(String id, Purpose purpose, String day) {
        return ConsentEvent.optOut(id, purpose, at(day), ConsentChannel.GPC_SIGNAL);
    }

    private static Instant at(String day) {
        return Instant.parse(day + "T00:00:00Z");
    }
}
