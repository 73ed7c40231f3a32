package dev.consentkit.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.consentkit.ConsentChannel;
import dev.consentkit.ConsentEvent;
import dev.consentkit.ConsentHistory;
import dev.consentkit.ContentItem;
import dev.consentkit.DataCategory;
import dev.consentkit.Jurisdiction;
import dev.consentkit.LegalBasis;
import dev.consentkit.Member;
import dev.consentkit.PolicyVersion;
import dev.consentkit.Purpose;
import dev.consentkit.Reason;
import dev.consentkit.TrainingPolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Input chosen to make the store slow: member ids that collide as Java strings, and members with
 * a million consent events for purposes the policy does not govern. The store's layout keeps both
 * cheap; these tests check the layout and the answers, the benchmarks the time.
 */
class HostileInputTest {

    private static final Instant T = Instant.parse("2025-03-01T00:00:00Z");
    private static final TrainingPolicy POLICY = TrainingPolicy.builder("p", Purpose.GENERATIVE_AI_TRAINING)
            .version(PolicyVersion.builder("v1", Instant.parse("2024-01-01T00:00:00Z"))
                    .defaultBasis(LegalBasis.LEGITIMATE_INTERESTS).allow(DataCategory.CONTENT).minimumAge(0).build())
            .build();

    /** The 2^15 strings of 15 blocks "Aa" or "BB": all share one {@link String#hashCode()}. */
    static List<String> collidingIds() {
        List<String> ids = new ArrayList<>(1 << 15);
        for (int bits = 0; bits < 1 << 15; bits++) {
            StringBuilder id = new StringBuilder(30);
            for (int block = 0; block < 15; block++) {
                id.append((bits >>> block & 1) == 0 ? "Aa" : "BB");
            }
            ids.add(id.toString());
        }
        return ids;
    }

    @Test
    void shouldSpreadIdsThatCollideAsJavaStringsOverTheTable() {
        List<String> ids = collidingIds();
        Set<Integer> javaHashes = new HashSet<>();
        ids.forEach(id -> javaHashes.add(id.hashCode()));
        assertEquals(1, javaHashes.size(), "the ids are meant to collide as Java strings");
        MemberStore.Builder builder = MemberStore.builder();
        ids.forEach(id -> builder.add(Member.builder(id).residentIn(Jurisdiction.of("DE")).build()));

        MemberStore store = builder.build();

        // 32,768 ids in 65,536 slots: random hashes give a longest run of 24 to 62 slots (300 stores
        // measured); ids on one hash would make one run of all 32,768.
        assertTrue(store.longestProbe() < 256, "longest probe " + store.longestProbe());
        for (int m = 0; m < ids.size(); m++) {
            assertEquals(m, store.indexOf(ids.get(m)));
        }
        assertEquals(-1, store.indexOf("Aa".repeat(14) + "AA"));
    }

    @Test
    void shouldHashTheSameIdsDifferentlyInEveryStore() {
        MemberStore one = MemberStore.of(List.of());
        MemberStore other = MemberStore.of(List.of());

        assertNotEquals(one.hashOf("AaAaAaAa") ^ one.hashOf("BBBBBBBB"),
                other.hashOf("AaAaAaAa") ^ other.hashOf("BBBBBBBB"));
    }

    @Test
    void shouldFindTheChoiceInEffectAmongAMillionEventsOfOtherPurposes() {
        Purpose marketing = Purpose.of("marketing.email");
        List<ConsentEvent> events = new ArrayList<>(1_000_002);
        for (int i = 0; i < 1_000_000; i++) {
            Instant at = T.minusSeconds(2_000_000).plusSeconds(i);
            events.add(i % 2 == 0 ? ConsentEvent.optOut("x-" + i, marketing, at, at, ConsentChannel.API)
                    : ConsentEvent.optIn("x-" + i, marketing, at, at, ConsentChannel.API));
        }
        Instant optOut = T.minusSeconds(1_500_000);
        events.add(ConsentEvent.optOut("e-1", Purpose.AI_TRAINING, optOut, optOut, ConsentChannel.SETTINGS_TOGGLE));
        Instant optIn = T.minusSeconds(10);
        events.add(ConsentEvent.optIn("e-2", Purpose.GENERATIVE_AI_TRAINING, optIn, T.plusSeconds(10),
                ConsentChannel.SETTINGS_TOGGLE));
        Member member = Member.builder("m-1").residentIn(Jurisdiction.of("DE"))
                .consent(ConsentHistory.of(events)).build();
        ContentItem post = ContentItem.of("post-1", "m-1", DataCategory.PUBLIC_CONTENT, T.minusSeconds(3_000_000));
        MemberStore store = MemberStore.of(List.of(member));

        for (Instant asOf : List.of(optOut.minusNanos(1), optOut, T)) {
            Reason expected = asOf.isBefore(optOut) ? Reason.ALLOWED_BY_DEFAULT
                    : asOf.equals(T) ? Reason.ALLOWED_OPTED_IN : Reason.OPTED_OUT;
            assertEquals(expected, POLICY.evaluate(post, member, asOf).reason(), asOf.toString());
            assertEquals(expected, BatchEvaluator.of(POLICY, store, asOf).reason(post), asOf.toString());
        }
        // As known at T, the opt-in recorded after T does not count yet.
        assertFalse(POLICY.asKnownAt(T).evaluate(post, member, T).trainable());
        assertEquals(Reason.OPTED_OUT,
                BatchEvaluator.builder(POLICY, store).knownAt(T).build(T).reason(post));
    }
}
