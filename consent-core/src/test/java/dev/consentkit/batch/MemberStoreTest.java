package dev.consentkit.batch;

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
import dev.consentkit.JurisdictionTimeline;
import dev.consentkit.LegalBasis;
import dev.consentkit.Member;
import dev.consentkit.PolicyVersion;
import dev.consentkit.Purpose;
import dev.consentkit.Residence;
import dev.consentkit.TrainingPolicy;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Shows how a member store finds members by id, which members and instants it accepts, and what it costs. */
class MemberStoreTest {

    private static final Instant T = Instant.parse("2025-03-01T00:00:00Z");
    private static final Jurisdiction DE = Jurisdiction.of("DE");
    private static final TrainingPolicy POLICY = TrainingPolicy.builder("p", Purpose.GENERATIVE_AI_TRAINING)
            .version(PolicyVersion.builder("v1", Instant.parse("2025-01-01T00:00:00Z"))
                    .defaultBasis(LegalBasis.LEGITIMATE_INTERESTS)
                    .allow(DataCategory.CONTENT)
                    .build())
            .build();

    // 100,000 members with ten-character ASCII ids, one residence each, and 1.5 consent events on average.
    private static final int LARGE_SIZE = 100_000;
    private static final MemberStore LARGE = largeStore();

    @Test
    void shouldFindEveryMemberAtADistinctIndexThatGivesBackItsId() {
        List<String> ids = List.of("m-1", "m-2", "m-3", "member-with-a-longer-id", "m-10");
        MemberStore store = storeOf(ids);

        Set<Integer> indexes = new HashSet<>();
        for (String id : ids) {
            int index = store.indexOf(id);
            assertTrue(index >= 0 && index < ids.size(), id + " at " + index);
            assertEquals(id, store.memberId(index));
            indexes.add(index);
        }
        assertEquals(ids.size(), indexes.size());
    }

    @Test
    void shouldGiveMinusOneForAnIdNotInTheStore() {
        MemberStore store = storeOf(List.of("m-1", "m-2", "m-10"));

        assertEquals(-1, store.indexOf("m-3"));
        assertEquals(-1, store.indexOf("m-"));
        assertEquals(-1, store.indexOf("m-100"));
        assertEquals(-1, store.indexOf("M-1"));
        assertEquals(-1, store.indexOf(""));
    }

    @Test
    void shouldTellWhetherItHoldsAMember() {
        MemberStore store = storeOf(List.of("m-1", "m-2"));

        assertTrue(store.contains("m-1"));
        assertTrue(store.contains("m-2"));
        assertFalse(store.contains("m-3"));
    }

    @Test
    void shouldFindNothingInAnEmptyStore() {
        MemberStore empty = MemberStore.builder().build();

        assertEquals(0, empty.size());
        assertEquals(-1, empty.indexOf("m-1"));
        assertFalse(empty.contains(""));
    }

    @Test
    void shouldRoundTripIdsWithCharactersBeyondLatin1() {
        // Two-byte characters (Chinese, Greek), a surrogate pair, and ASCII and Latin-1 ids stored next to them.
        List<String> ids = List.of("m-1", "成员-42", "μέλος-7", "\uD83D\uDE00-9", "müller", "m-\u0100", "\uFFFF");
        MemberStore store = storeOf(ids);

        for (String id : ids) {
            assertEquals(id, store.memberId(store.indexOf(id)));
        }
        assertEquals(-1, store.indexOf("成员-43"));
        assertEquals(-1, store.indexOf("m-\u0101"));
    }

    @Test
    void shouldRoundTripLatin1IdsBeyondAscii() {
        // Every id fits one byte a character, including those at and above 0x80.
        List<String> ids = List.of("é-1", "ÿ", "\u0080", "straße", "m-1");
        MemberStore store = storeOf(ids);

        for (String id : ids) {
            assertEquals(id, store.memberId(store.indexOf(id)));
        }
        assertEquals(-1, store.indexOf("e-1"));
        assertEquals(-1, store.indexOf("\u0100"));
    }

    @Test
    void shouldLeaveABuiltStoreAsItWasWhenItsBuilderGoesOnAdding() {
        // Sixteen one-char ids fill the builder's first arrays exactly, so the store may take them as they are.
        MemberStore.Builder builder = MemberStore.builder();
        for (int i = 0; i < 16; i++) {
            builder.add(member(String.valueOf((char) ('a' + i))).build());
        }
        MemberStore first = builder.build();
        builder.add(member("成员").build());
        builder.add(member("z").build());
        MemberStore second = builder.build();

        assertEquals(16, first.size());
        assertEquals(-1, first.indexOf("成员"));
        assertEquals(-1, first.indexOf("z"));
        assertEquals("p", first.memberId(15));
        assertEquals(18, second.size());
        assertEquals("成员", second.memberId(second.indexOf("成员")));
        assertEquals("a", second.memberId(second.indexOf("a")));
        assertTrue(first.footprintBytes() < second.footprintBytes());
        for (int i = 0; i < 16; i++) {
            assertEquals(i, first.indexOf(String.valueOf((char) ('a' + i))));
        }
    }

    @Test
    void shouldRoundTripSingleCharacterIds() {
        List<String> ids = List.of("a", "b", "ab", "é", "中", "0");
        MemberStore store = storeOf(ids);

        for (String id : ids) {
            assertEquals(id, store.memberId(store.indexOf(id)));
        }
        assertEquals(-1, store.indexOf("c"));
        assertEquals(-1, store.indexOf("ba"));
    }

    @Test
    void shouldTellApartIdsWithTheSameHashCode() {
        // "Aa" and "BB" have the same String.hashCode, so every id here lands on the same slot.
        List<String> ids = List.of("Aa", "BB", "AaAa", "AaBB", "BBAa", "BBBB");
        MemberStore store = storeOf(ids);

        for (String id : ids) {
            assertEquals(id, store.memberId(store.indexOf(id)));
        }
        assertEquals(-1, store.indexOf("AaAaAa"));
    }

    @Test
    void shouldFindNoMemberForAnAbsentIdWithTheHashCodeOfAPresentOne() {
        // Same length and same hash: only the characters tell them apart.
        MemberStore store = storeOf(List.of("AaAa", "xyzw"));

        assertEquals(-1, store.indexOf("BBBB"));
        assertEquals(-1, store.indexOf("AaBB"));
        assertEquals(0, store.indexOf("AaAa"));
    }

    @Test
    void shouldFindEveryMemberWhenAllIdsHaveTheSameLength() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            ids.add(String.format(Locale.ROOT, "m-%04d", i));
        }
        MemberStore store = storeOf(ids);

        for (int i = 0; i < ids.size(); i++) {
            assertEquals(i, store.indexOf(ids.get(i)));
            assertEquals(ids.get(i), store.memberId(i));
        }
        assertEquals(-1, store.indexOf("m-0500"));
        assertEquals(-1, store.indexOf("m-000"));
        assertEquals(-1, store.indexOf("m-00000"));
    }

    @Test
    void shouldFindEveryMemberWhenAllIdsHaveTheSameLengthBeyondLatin1() {
        List<String> ids = List.of("成员-1", "成员-2", "μέλ-3", "m-é4");
        MemberStore store = storeOf(ids);

        for (int i = 0; i < ids.size(); i++) {
            assertEquals(i, store.indexOf(ids.get(i)));
            assertEquals(ids.get(i), store.memberId(i));
        }
        assertEquals(-1, store.indexOf("成员-3"));
    }

    @Test
    void shouldFindEveryMemberWhenIdsDifferInLength() {
        List<String> ids = List.of("m-1", "ab", "member-22", "m-333", "x");
        MemberStore store = storeOf(ids);

        for (int i = 0; i < ids.size(); i++) {
            assertEquals(i, store.indexOf(ids.get(i)));
            assertEquals(ids.get(i), store.memberId(i));
        }
        assertEquals(-1, store.indexOf("m-2"));
        assertEquals(-1, store.indexOf("member-2"));
    }

    @Test
    void shouldTakeFourBytesAMemberLessWhenAllIdsHaveTheSameLength() {
        List<String> same = new ArrayList<>();
        List<String> oneLonger = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            same.add(String.format(Locale.ROOT, "m-%04d", i));
            oneLonger.add(String.format(Locale.ROOT, i == 999 ? "m-%05d" : "m-%04d", i));
        }

        long saved = storeOf(oneLonger).footprintBytes() - storeOf(same).footprintBytes();

        // The offsets of 1,000 ids and where the last one ends (an array of 4,020 bytes, 4,024 on the
        // heap), and the longer id's extra character, which may need another 8 bytes.
        assertTrue(saved == 4024 || saved == 4032, "saved " + saved + " bytes");
    }

    @Test
    void shouldKeepAnAccountClosedOnceAsCheapAsOneNeverClosed() {
        List<Member> open = new ArrayList<>();
        List<Member> closedOnce = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            String id = String.format(Locale.ROOT, "m-%04d", i);
            open.add(Member.builder(id).build());
            closedOnce.add(Member.builder(id).closedAt(Instant.parse("2025-01-01T00:00:00Z").plusSeconds(i)).build());
        }

        assertEquals(MemberStore.of(open).footprintBytes(), MemberStore.of(closedOnce).footprintBytes());
    }

    @Test
    void shouldKeepTheClosuresOfReopenedAccountsInASideTable() {
        List<Member> open = new ArrayList<>();
        List<Member> reopened = new ArrayList<>();
        Instant closed = Instant.parse("2025-01-01T00:00:00Z");
        for (int i = 0; i < 1000; i++) {
            String id = String.format(Locale.ROOT, "m-%04d", i);
            open.add(Member.builder(id).build());
            reopened.add(i % 10 != 0 ? Member.builder(id).build() : Member.builder(id)
                    .closure(AccountClosure.between(closed, closed.plusSeconds(60)))
                    .closure(AccountClosure.from(closed.plusSeconds(120))).build());
        }

        long extra = MemberStore.of(reopened).footprintBytes() - MemberStore.of(open).footprintBytes();

        // 100 reopened accounts: where each one's closures start (101 ints), and 200 closures of two longs.
        assertEquals(((16 + 101 * 4 + 7) & ~7) - 24 + 2L * (16 + 200 * 8 - 16), extra);
    }

    @Test
    void shouldTellApartMembersWhoseHashesShareTheirTopBits() {
        // A store of 100,000 members keeps the top 15 bits of each id's hash in its slot: among 100,000
        // ids many share them, and only their ids tell them apart.
        Map<Integer, List<String>> byTopBits = new HashMap<>();
        for (int m = 0; m < LARGE_SIZE; m++) {
            byTopBits.computeIfAbsent(LARGE.hashOf(largeId(m)) >>> 17, k -> new ArrayList<>()).add(largeId(m));
        }
        List<List<String>> sharing = byTopBits.values().stream().filter(g -> g.size() > 1).collect(Collectors.toList());

        assertTrue(sharing.size() > 1000, "only " + sharing.size() + " groups share their top bits");
        for (List<String> group : sharing) {
            for (String id : group) {
                assertEquals(id, LARGE.memberId(LARGE.indexOf(id)));
            }
        }
    }

    @Test
    void shouldFindNoMemberForAbsentIdsWhoseHashesShareTheTopBitsOfPresentOnes() {
        Set<Integer> present = new HashSet<>();
        for (int m = 0; m < LARGE_SIZE; m++) {
            present.add(LARGE.hashOf(largeId(m)) >>> 17);
        }
        int checked = 0;
        for (int m = LARGE_SIZE; checked < 1000; m++) {
            if (present.contains(LARGE.hashOf(largeId(m)) >>> 17)) {
                assertEquals(-1, LARGE.indexOf(largeId(m)), largeId(m));
                checked++;
            }
        }
        assertEquals(1000, checked);
    }

    @Test
    void shouldFindInStagesWhatItFindsOneIdAtATime() {
        // 100,000 ids in 262,144 slots: with linear probing about a fifth of them sit further along
        // their run than their first slot, and thousands share the top bits of their hash with another
        // id (shouldTellApartMembersWhoseHashesShareTheirTopBits counts them). The
        // staged lookup, in groups of 128 as the object path asks it, must answer for every one of them,
        // and for as many absent ids, what indexOf answers.
        int group = 128;
        String[] ids = new String[group];
        int[] hashes = new int[group];
        int[] entries = new int[group];
        int[] found = new int[group];
        int absent = 0;
        int asked = 0;
        for (int from = 0; from < 2 * LARGE_SIZE; from += group, asked += group) {
            for (int i = 0; i < group; i++) {
                ids[i] = largeId(from + i);
            }
            LARGE.indexesOf(ids, group, hashes, entries, found);
            for (int i = 0; i < group; i++) {
                int expected = LARGE.indexOf(ids[i]);
                assertEquals(expected, found[i], ids[i]);
                absent += expected < 0 ? 1 : 0;
            }
        }
        assertEquals(asked - LARGE_SIZE, absent);
    }

    @Test
    void shouldRejectAnIndexThatIsNotAMemberIndex() {
        MemberStore store = storeOf(List.of("m-1", "m-2"));

        assertThrows(IndexOutOfBoundsException.class, () -> store.memberId(2));
        assertThrows(IndexOutOfBoundsException.class, () -> store.memberId(-1));
    }

    @Test
    void shouldRejectTwoMembersWithTheSameIdNamingIt() {
        MemberStore.Builder builder = MemberStore.builder()
                .add(member("m-1").build())
                .add(member("m-2").build())
                .add(member("m-1").birthDate(LocalDate.of(1970, 1, 1)).build());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);

        assertEquals("member m-1 is added to the store twice", e.getMessage());
    }

    @Test
    void shouldRejectTheSameMemberTwiceFromACollection() {
        List<Member> twice = List.of(member("成员-1").build(), member("成员-1").build());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MemberStore.of(twice));

        assertTrue(e.getMessage().contains("成员-1"), e.getMessage());
    }

    @Test
    void shouldAcceptInstantsAtBothEndsOfTheDocumentedSpan() {
        Instant first = Instant.parse("1677-09-22T00:00:00Z");
        Instant last = Instant.parse("2262-04-10T23:59:59.999999999Z");
        Member member = Member.builder("m-1")
                .residentIn(DE, first)
                .closedAt(last)
                .consent(ConsentEvent.optIn("e-1", Purpose.AI_TRAINING, first, last, ConsentChannel.IMPORT))
                .build();

        MemberStore store = MemberStore.builder().add(member).build();

        assertEquals(1, store.size());
        assertEquals(1, store.consentEventCount());
    }

    @Test
    void shouldAcceptAResidenceAsFarBackAsWeKnow() {
        Member member = Member.builder("m-1").birthDate(LocalDate.of(1990, 1, 1))
                .jurisdictions(JurisdictionTimeline.of(List.of(Residence.always(DE))))
                .build();
        ContentItem post = ContentItem.of("post-1", "m-1", DataCategory.PUBLIC_CONTENT, T);

        MemberStore store = MemberStore.builder().add(member).build();

        assertTrue(BatchEvaluator.of(POLICY, store, T).isTrainable(post), "the member's jurisdiction is not known");
    }

    @Test
    void shouldCountMembersAndTheirDistinctConsentEvents() {
        ConsentEvent optOut = optOut("e-1", T);
        MemberStore store = MemberStore.of(List.of(
                member("m-1").build(),
                member("m-2").consent(optOut, optOut, optIn("e-2", T.plusSeconds(60))).build(),
                member("m-3").consent(optOut).build()));

        assertEquals(3, store.size());
        assertEquals(3, store.consentEventCount());
    }

    @Test
    void shouldLeaveTheBuilderUnchangedWhenAnAddFails() {
        // The bad member lives in more distinct places than a store holds; its first places would fit.
        Member good = member("m-1").build();
        List<Residence> residences = new ArrayList<>();
        for (int i = 0; i <= Short.MAX_VALUE; i++) {
            residences.add(new Residence(T.plusSeconds(i), Jurisdiction.of("US-" + Integer.toString(i, 36))));
        }
        Member bad = Member.builder("m-2").jurisdictions(JurisdictionTimeline.of(residences))
                .consent(optOut("e-1", T)).build();
        Member optedOut = member("m-3").consent(optOut("e-3", T)).build();
        MemberStore.Builder builder = MemberStore.builder().add(good);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> builder.add(bad));
        MemberStore store = builder.add(optedOut).build();

        assertEquals("a member store holds at most 32767 distinct jurisdictions; member m-2 would bring it to 32769",
                e.getMessage());
        assertEquals(2, store.size());
        assertEquals(1, store.consentEventCount());
        assertEquals(-1, store.indexOf("m-2"));
        assertEquals(Set.of("m-1", "m-3"), Set.of(store.memberId(0), store.memberId(1)));
        BatchEvaluator batch = BatchEvaluator.of(POLICY, store, T);
        assertTrue(batch.isTrainable(ContentItem.of("post-1", "m-1", DataCategory.PUBLIC_CONTENT, T)));
        assertFalse(batch.isTrainable(ContentItem.of("post-3", "m-3", DataCategory.PUBLIC_CONTENT, T)));
    }

    @Test
    void shouldNotChangeABuiltStoreWhenItsBuilderAddsMore() {
        MemberStore.Builder builder = MemberStore.builder().add(member("m-1").consent(optOut("e-1", T)).build());
        MemberStore first = builder.build();

        MemberStore second = builder.add(member("成员-2").consent(optOut("e-2", T)).build()).build();

        assertEquals(1, first.size());
        assertEquals(1, first.consentEventCount());
        assertEquals(-1, first.indexOf("成员-2"));
        assertEquals("m-1", first.memberId(0));
        assertEquals(2, second.size());
        assertEquals("成员-2", second.memberId(second.indexOf("成员-2")));
    }

    @Test
    void shouldTakeAtMost64BytesAMemberAnd24AConsentEvent() {
        assertEquals(LARGE_SIZE, LARGE.size());
        assertEquals(LARGE_SIZE * 3 / 2, LARGE.consentEventCount());

        long budget = 64L * LARGE.size() + 24L * LARGE.consentEventCount();

        assertTrue(LARGE.footprintBytes() <= budget, LARGE.footprintBytes() + " bytes > " + budget);
    }

    @Test
    void shouldFindEveryMemberOfALargeStore() {
        for (int m = 0; m < LARGE_SIZE; m++) {
            assertEquals(largeId(m), LARGE.memberId(LARGE.indexOf(largeId(m))));
        }
        assertEquals(-1, LARGE.indexOf(largeId(LARGE_SIZE)));
    }

    @Test
    void shouldSummariseSizeEventsAndFootprintInToString() {
        MemberStore store = MemberStore.of(List.of(
                member("m-1").consent(optOut("e-1", T)).build(),
                member("m-2").consent(optOut("e-1", T), optIn("e-2", T.plusSeconds(1))).build()));

        assertEquals("MemberStore[2 members, 3 consent events, 0.0 MB]", store.toString());
    }

    @Test
    void shouldShowTheFootprintInDecimalMegabytesInToString() {
        String expected = String.format(Locale.ROOT, "MemberStore[100000 members, 150000 consent events, %.1f MB]",
                LARGE.footprintBytes() / 1_000_000.0);

        assertEquals(expected, LARGE.toString());
        assertTrue(LARGE.footprintBytes() > 5_000_000, "an implausibly small footprint: " + LARGE.footprintBytes());
    }

    private static MemberStore largeStore() {
        Instant first = Instant.parse("2024-09-18T00:00:00Z");
        MemberStore.Builder builder = MemberStore.builder();
        for (int m = 0; m < LARGE_SIZE; m++) {
            Instant at = first.plusSeconds(m);
            Member.Builder member = Member.builder(largeId(m)).birthDate(LocalDate.of(1990, 1, 1)).residentIn(DE)
                    .consent(optOut("e-1", at));
            if (m % 2 == 1) {
                member.consent(optIn("e-2", at.plusSeconds(86_400)));
            }
            builder.add(member.build());
        }
        return builder.build();
    }

    /** Ten ASCII characters: {@code m-00000000}, {@code m-00000001}, ... */
    private static String largeId(int m) {
        return String.format(Locale.ROOT, "m-%08d", m);
    }

    private static MemberStore storeOf(List<String> ids) {
        List<Member> members = new ArrayList<>();
        for (String id : ids) {
            members.add(member(id).build());
        }
        return MemberStore.of(members);
    }

    /** An adult in Germany with no consent event. */
    private static Member.Builder member(String id) {
        return Member.builder(id).birthDate(LocalDate.of(1990, 6, 15)).residentIn(DE);
    }

    private static ConsentEvent optOut(String id, Instant at) {
        return ConsentEvent.optOut(id, Purpose.GENERATIVE_AI_TRAINING, at, at, ConsentChannel.SETTINGS_TOGGLE);
    }

    private static ConsentEvent optIn(String id, Instant at) {
        return ConsentEvent.optIn(id, Purpose.GENERATIVE_AI_TRAINING, at, at, ConsentChannel.SETTINGS_TOGGLE);
    }
}
