package dev.consentkit.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.consentkit.PropertyExamples;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Shows that member id hashes are a function of the id's chars under secret keys, that ids built to
 * collide under {@link String#hashCode()} spread like random ones, and that the arithmetic is exact.
 */
class MemberIdHashTest {

    private static final int EXAMPLES = PropertyExamples.scaled(2000);
    private static final BigInteger PRIME = BigInteger.TWO.pow(61).subtract(BigInteger.ONE);
    private static final BigInteger WORD = BigInteger.TWO.pow(64);
    // The largest operand the polynomial passes to multiply: a loosely reduced value plus a 48-bit coefficient.
    private static final long MAX_OPERAND = (1L << 61) + (1L << 49) - 1;
    // Every string of 15 pairs, each "Aa" or "BB": 32,768 ids of 30 chars with one String.hashCode.
    private static final List<String> FLOOD = floodIds("");
    // The same after 18 "Aa" pairs: 66 chars, beyond the multilinear family, and one String.hashCode again.
    private static final List<String> LONG_FLOOD = floodIds("Aa".repeat(18));
    private static final int BUCKETS = 1 << 16;
    private static final Keys FIXED = Keys.from(20_261_130L);

    @Test
    void shouldGiveEqualIdsEqualHashes() {
        qt().withExamples(EXAMPLES).forAll(ids(), keys()).checkAssert((id, keys) -> {
            MemberIdHash hash = keys.hash();
            String copy = new StringBuilder(id).toString();

            assertEquals(hash.hash(id), hash.hash(copy));
            assertEquals(hash.hash(id), hash.hash(("x" + id).substring(1)));
        });
    }

    @Test
    void shouldTakeIdsThatShareOneStringHashCode() {
        // The premise of the tests below: the flood ids are distinct, and each set shares one String.hashCode.
        for (List<String> flood : List.of(FLOOD, LONG_FLOOD)) {
            assertEquals(1 << 15, new HashSet<>(flood).size());
            assertEquals(1, flood.stream().mapToInt(String::hashCode).distinct().count());
        }
        assertTrue(FLOOD.get(0).length() <= MemberIdHash.MULTILINEAR_CHARS);
        assertTrue(LONG_FLOOD.get(0).length() > MemberIdHash.MULTILINEAR_CHARS);
    }

    @Test
    void shouldSpreadIdsWithOneStringHashCodeOverDistinctHashesAndEvenBuckets() {
        for (int trial = 0; trial < 8; trial++) {
            MemberIdHash hash = Keys.from(trial).hash();

            assertSpread(hash, FLOOD, 8, "trial " + trial);
            assertSpread(hash, LONG_FLOOD, 8, "long ids, trial " + trial);
        }
    }

    @Test
    void shouldSpreadIdsWithOneStringHashCodeUnderFreshSecretKeys() {
        // 32,768 ids in 65,536 buckets: a random function puts 12 or more in one bucket with probability
        // below 10^-7, and makes more than 8 pairs collide in 32 bits with probability below 10^-13. The
        // linear families alone do not behave so on these ids (one key in about 400 collided 9 to 326 of
        // them); with the mix over 64 bits, 4,000 fresh keys per set never exceeded these bounds.
        for (int trial = 0; trial < 3; trial++) {
            MemberIdHash hash = new MemberIdHash();

            assertSpread(hash, FLOOD, 11, "fresh keys " + trial);
            assertSpread(hash, LONG_FLOOD, 11, "long ids, fresh keys " + trial);
        }
    }

    @Test
    void shouldHashIdsDifferentlyUnderDifferentKeys() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            ids.add("member-" + i);
            ids.add("member-" + i + "-".repeat(MemberIdHash.MULTILINEAR_CHARS));
        }
        List<MemberIdHash> hashes = List.of(new MemberIdHash(), new MemberIdHash(), Keys.from(1).hash(),
                Keys.from(2).hash());

        for (int first = 0; first < hashes.size(); first++) {
            for (int second = first + 1; second < hashes.size(); second++) {
                int agreeing = 0;
                for (String id : ids) {
                    if (hashes.get(first).hash(id) == hashes.get(second).hash(id)) {
                        agreeing++;
                    }
                }
                // Independent keys agree on an id with probability 2^-32: two agreements among two
                // thousand ids would be a one in 10^12 event.
                assertTrue(agreeing <= 1, "hashes " + first + " and " + second + " agree on " + agreeing + " ids");
            }
        }
    }

    @Test
    void shouldHashAsTheReferenceEvaluationOfTheConstruction() {
        qt().withExamples(EXAMPLES).forAll(ids(), keys()).checkAssert((id, keys) ->
                assertEquals(keys.reference(id), keys.hash().hash(id), id));
    }

    @Test
    void shouldMultiplyModuloThePrimeAsBigIntegerDoes() {
        qt().withExamples(EXAMPLES * 5).forAll(operands(), operands()).checkAssert((a, b) -> {
            long product = MemberIdHash.multiply(a, b);

            assertEquals(BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)).mod(PRIME),
                    BigInteger.valueOf(product).mod(PRIME), a + " * " + b);
            assertTrue(product >= 0 && product < (1L << 61) + 4, a + " * " + b + " gives " + product);
        });
    }

    @Test
    void shouldReduceToTheResidueModuloThePrime() {
        Gen<Long> values = Generate.frequency(
                Pair.of(3, longs().between(0, Long.MAX_VALUE)),
                Pair.of(1, longs().between(1, 3).zip(longs().between(-8, 8), (k, d) -> MemberIdHash.P * k + d)),
                Pair.of(1, longs().between(Long.MAX_VALUE - 16, Long.MAX_VALUE)));
        qt().withExamples(EXAMPLES * 5).forAll(values).checkAssert(v ->
                assertEquals(BigInteger.valueOf(v).mod(PRIME).longValueExact(), MemberIdHash.canonical(v), v::toString));
    }

    @Test
    void shouldHashCharsBeyondLatin1AndSurrogatePairs() {
        MemberIdHash hash = FIXED.hash();
        // Chinese, Greek, a char that differs from an ASCII one only in its high byte, an emoji as a
        // surrogate pair, the pair's halves swapped, each half alone, and a long id of emoji.
        List<String> ids = List.of("成员-1", "成员-2", "μέλος-1", "μέλος-2", "A", "\u0141", "m-\u0100", "m-\u0000",
                "\uD83D\uDE00", "\uD83D\uDE01", "\uDE00\uD83D", "\uD83D", "\uDE00", "\uD83D\uDE00-x", "\uFFFF",
                "\uD83D\uDE00".repeat(40), "\uD83D\uDE00".repeat(39) + "\uD83D\uDE01");
        Set<Integer> hashes = new HashSet<>();
        for (String id : ids) {
            assertEquals(FIXED.reference(id), hash.hash(id), id);
            hashes.add(hash.hash(id));
        }

        assertEquals(ids.size(), hashes.size());
    }

    @Test
    void shouldHashAnIdAsAStoreKeepsItAsItHashesTheString() {
        MemberIdHash hash = FIXED.hash();
        // Strings of lengths on both sides of the multilinear family's 64 chars, at an offset in the
        // store's bytes: of chars up to 0x7FF, stored two bytes a char, and of chars up to 0xFF,
        // stored one byte a char as well.
        qt().withExamples(EXAMPLES)
                .forAll(strings().betweenCodePoints(0, 0x7FF).ofLengthBetween(0, 150), integers().between(0, 5))
                .checkAssert((id, offset) -> assertEquals(hash.hash(id), hash.hash(stored(id, offset, true), offset,
                        id.length(), true), id));
        qt().withExamples(EXAMPLES)
                .forAll(strings().betweenCodePoints(0, 0xFF).ofLengthBetween(0, 150), integers().between(0, 5))
                .checkAssert((id, offset) -> {
                    assertEquals(hash.hash(id), hash.hash(stored(id, offset, false), offset, id.length(), false), id);
                    assertEquals(hash.hash(id), hash.hash(stored(id, offset, true), offset, id.length(), true), id);
                });
    }

    /** {@code id} at char {@code offset} of bytes as a store keeps ids: one byte a char, or two. */
    private static byte[] stored(String id, int offset, boolean wide) {
        int unit = wide ? 2 : 1;
        byte[] bytes = new byte[(offset + id.length()) * unit];
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (wide) {
                bytes[(offset + i) * 2] = (byte) (c >>> 8);
                bytes[(offset + i) * 2 + 1] = (byte) c;
            } else {
                bytes[offset + i] = (byte) c;
            }
        }
        return bytes;
    }

    @Test
    void shouldDependOnTheHighByteOfEveryChar() {
        // A hash that kept only each char's low byte, or skipped the tail of a step, would miss one of
        // these changes; lengths run past the multilinear family into the polynomial.
        MemberIdHash hash = FIXED.hash();
        for (int length = 1; length <= 2 * MemberIdHash.MULTILINEAR_CHARS + 5; length++) {
            char[] chars = new char[length];
            for (int i = 0; i < length; i++) {
                chars[i] = (char) ('a' + i % 26);
            }
            int original = hash.hash(new String(chars));
            for (int i = 0; i < length; i++) {
                char[] changed = chars.clone();
                changed[i] ^= 0x0100;
                assertNotEquals(original, hash.hash(new String(changed)), "length " + length + ", position " + i);
            }
        }
    }

    @Test
    void shouldTellApartIdsThatDifferOnlyInTrailingZeroChars() {
        // The last word or coefficient is padded with zero chars; the length, hashed too, keeps these apart.
        MemberIdHash hash = FIXED.hash();
        String atTheLimit = "m".repeat(MemberIdHash.MULTILINEAR_CHARS - 1);
        List<String> ids = List.of("", "\0", "\0\0", "\0\0\0", "\0\0\0\0", "a", "a\0", "a\0\0", "a\0\0\0",
                "\0a", "\0\0a", "\0\0\0a", atTheLimit, atTheLimit + "\0", atTheLimit + "\0\0", atTheLimit + "\0\0\0",
                atTheLimit + "\0\0\0\0", atTheLimit + "\0\0\0\0\0");
        Set<Integer> hashes = new HashSet<>();
        for (String id : ids) {
            hashes.add(hash.hash(id));
        }

        assertEquals(ids.size(), hashes.size());
    }

    @Test
    void shouldRejectKeysThatDoNotFit() {
        long[] multilinear = new long[MemberIdHash.MULTILINEAR_KEYS];

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MemberIdHash(multilinear, MemberIdHash.P, 1, 1));
        assertEquals("point key 2305843009213693951 is not in [0, 2^61 - 1)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new MemberIdHash(multilinear, 1, -1, 1));
        assertThrows(IllegalArgumentException.class, () -> new MemberIdHash(multilinear, 1, 1, Long.MAX_VALUE));
        IllegalArgumentException tooFew = assertThrows(IllegalArgumentException.class,
                () -> new MemberIdHash(new long[3], 1, 1, 1));
        assertEquals("3 multilinear keys instead of 34", tooFew.getMessage());
    }

    @Test
    void shouldKeepItsKeysWhenTheCallerChangesTheArray() {
        long[] multilinear = FIXED.multilinear();
        MemberIdHash hash = new MemberIdHash(multilinear, FIXED.point(), FIXED.scale(), FIXED.offset());
        int before = hash.hash("m-1");

        multilinear[0]++;

        assertEquals(before, hash.hash("m-1"));
    }

    @Test
    void shouldMixOneToOne() {
        // Each step of the mix can be undone, so distinct values stay distinct: undoing them all gives
        // back every input.
        qt().withExamples(EXAMPLES * 5).forAll(longs().all()).checkAssert(h ->
                assertEquals(h, unmix(MemberIdHash.mix(h)), h::toString));
        assertEquals(0, MemberIdHash.mix(0));
    }

    private static void assertSpread(MemberIdHash hash, List<String> ids, int maxLoad, String trial) {
        Set<Integer> distinct = new HashSet<>();
        int[] lowBuckets = new int[BUCKETS];
        int[] topBuckets = new int[BUCKETS];
        for (String id : ids) {
            int h = hash.hash(id);
            distinct.add(h);
            lowBuckets[h & (BUCKETS - 1)]++;
            topBuckets[h >>> 16]++;
        }

        // A random function makes 0.125 pairs of 32,768 ids collide in 32 bits, on average.
        assertTrue(distinct.size() >= ids.size() - 8, trial + ": " + distinct.size() + " distinct hashes");
        assertTrue(max(lowBuckets) <= maxLoad, trial + ": " + max(lowBuckets) + " ids in one bucket of the low bits");
        assertTrue(max(topBuckets) <= maxLoad, trial + ": " + max(topBuckets) + " ids in one bucket of the top bits");
    }

    /** The finalizer of MurmurHash3, as published. */
    private static long fmix64(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }

    /** The inverse of the finalizer: each shift undoes itself, each product has an inverse modulo 2^64. */
    private static long unmix(long x) {
        x ^= x >>> 33;
        x *= 0x9cb4b2f8129337dbL;
        x ^= x >>> 33;
        x *= 0x4f74430c22a54005L;
        x ^= x >>> 33;
        return x;
    }

    private static int max(int[] counts) {
        int max = 0;
        for (int c : counts) {
            max = Math.max(max, c);
        }
        return max;
    }

    private static List<String> floodIds(String prefix) {
        List<String> ids = new ArrayList<>(1 << 15);
        for (int bits = 0; bits < 1 << 15; bits++) {
            StringBuilder id = new StringBuilder(prefix);
            for (int pair = 0; pair < 15; pair++) {
                id.append((bits >>> pair & 1) == 0 ? "Aa" : "BB");
            }
            ids.add(id.toString());
        }
        return ids;
    }

    /** Ids of every kind of char: ASCII, any code point (surrogate pairs and lone surrogates too), long ones. */
    private static Gen<String> ids() {
        return Generate.frequency(
                Pair.of(2, strings().ascii().ofLengthBetween(0, 24)),
                Pair.of(2, strings().betweenCodePoints(0, Character.MAX_CODE_POINT).ofLengthBetween(0, 24)),
                Pair.of(1, strings().betweenCodePoints(0, 0xFFFF).ofLengthBetween(60, 70)),
                Pair.of(1, strings().betweenCodePoints(0, 0x7FF).ofLengthBetween(71, 300)));
    }

    /** Keys drawn from a seed, or keys at the ends of their ranges. */
    private static Gen<Keys> keys() {
        Gen<Long> ends = Generate.pick(List.of(0L, 1L, 2L, MemberIdHash.P - 2, MemberIdHash.P - 1));
        Gen<Long> wordEnds = Generate.pick(List.of(0L, 1L, -1L, Long.MIN_VALUE, Long.MAX_VALUE));
        Gen<Keys> atTheEnds = longs().all().zip(wordEnds, ends, (seed, word, end) -> {
            Keys drawn = Keys.from(seed);
            long[] multilinear = drawn.multilinear();
            for (int i = 0; i < multilinear.length; i += 2) {
                multilinear[i] = word;
            }
            return new Keys(multilinear, end, drawn.scale(), end);
        });
        return Generate.frequency(Pair.of(4, longs().all().map(Keys::from)), Pair.of(1, atTheEnds));
    }

    /** Operands the polynomial multiplies: anywhere up to the largest, and at the ends and around the prime. */
    private static Gen<Long> operands() {
        return Generate.frequency(
                Pair.of(4, longs().between(0, MAX_OPERAND)),
                Pair.of(1, Generate.pick(List.of(0L, 1L, MemberIdHash.P - 1, MemberIdHash.P, MemberIdHash.P + 1,
                        1L << 61, MAX_OPERAND - 1, MAX_OPERAND))));
    }

    /** A hash's keys, and the hash written out with BigInteger from the construction in {@link MemberIdHash}'s description. */
    private record Keys(long[] multilinear, long point, long scale, long offset) {

        static Keys from(long seed) {
            SplittableRandom random = new SplittableRandom(seed);
            return new Keys(random.longs(MemberIdHash.MULTILINEAR_KEYS).toArray(), random.nextLong(MemberIdHash.P),
                    random.nextLong(MemberIdHash.P), random.nextLong(MemberIdHash.P));
        }

        @Override
        public long[] multilinear() {
            return multilinear.clone();
        }

        MemberIdHash hash() {
            return new MemberIdHash(multilinear, point, scale, offset);
        }

        int reference(String id) {
            return id.length() <= MemberIdHash.MULTILINEAR_CHARS ? multilinearReference(id) : polynomialReference(id);
        }

        private int multilinearReference(String id) {
            BigInteger sum = unsigned(multilinear[0]).add(unsigned(multilinear[1]).multiply(BigInteger.valueOf(id.length())));
            for (int i = 0; i < id.length(); i += 2) {
                long word = (long) id.charAt(i) << 16 | (i + 1 < id.length() ? id.charAt(i + 1) : 0);
                sum = sum.add(unsigned(multilinear[2 + i / 2]).multiply(BigInteger.valueOf(word)));
            }
            return (int) (fmix64(sum.mod(WORD).longValue()) >>> 32);
        }

        private int polynomialReference(String id) {
            BigInteger x = BigInteger.valueOf(id.length());
            for (int i = 0; i < id.length(); i += 3) {
                long coefficient = 0;
                for (int j = i; j < i + 3; j++) {
                    coefficient = coefficient << 16 | (j < id.length() ? id.charAt(j) : 0);
                }
                x = x.multiply(BigInteger.valueOf(point)).add(BigInteger.valueOf(coefficient)).mod(PRIME);
            }
            return (int) (fmix64(x.multiply(BigInteger.valueOf(scale)).add(BigInteger.valueOf(offset)).mod(PRIME)
                    .longValue()) >>> 32);
        }

        private static BigInteger unsigned(long key) {
            return new BigInteger(Long.toUnsignedString(key));
        }
    }
}
