package dev.consentkit.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Shows that the flood benchmark's ids are what it says: distinct, of one length, and colliding or not. */
class MemberIdFloodBenchmarkTest {

    @Test
    void shouldGiveEveryCollidingIdTheSameStringHashCode() {
        List<String> ids = MemberIdFloodBenchmark.collidingIds();

        assertEquals(MemberIdFloodBenchmark.MEMBERS, new HashSet<>(ids).size());
        assertEquals(1, ids.stream().mapToInt(String::hashCode).distinct().count());
        assertTrue(ids.stream().allMatch(id -> id.length() == MemberIdFloodBenchmark.ID_LENGTH));
    }

    @Test
    void shouldGiveOrdinaryIdsTheSameLengthAndSpreadHashCodes() {
        List<String> ids = MemberIdFloodBenchmark.ordinaryIds();

        assertEquals(MemberIdFloodBenchmark.MEMBERS, new HashSet<>(ids).size());
        assertTrue(ids.stream().allMatch(id -> id.length() == MemberIdFloodBenchmark.ID_LENGTH));
        // Random strings collide in 32 bits a fraction of a time among 32,768; allow a few.
        assertTrue(ids.stream().mapToInt(String::hashCode).distinct().count() >= MemberIdFloodBenchmark.MEMBERS - 4);
        assertEquals(ids, MemberIdFloodBenchmark.ordinaryIds());
    }

    @Test
    void shouldFindEveryMemberOfEitherKindAtItsIndex() {
        for (String kind : List.of("colliding", "ordinary")) {
            MemberIdFloodBenchmark.Members members = new MemberIdFloodBenchmark.Members();
            members.ids = kind;
            members.setUp();
            MemberIdFloodBenchmark.Store store = new MemberIdFloodBenchmark.Store();

            store.setUp(members);

            assertEquals(MemberIdFloodBenchmark.MEMBERS, store.store.size());
            assertEquals(MemberIdFloodBenchmark.MEMBERS, new HashSet<>(List.of(members.lookups)).size());
        }
    }

    @Test
    void shouldRejectAnUnknownKindOfIds() {
        assertThrows(IllegalArgumentException.class, () -> MemberIdFloodBenchmark.idsOfKind("random"));
    }
}
