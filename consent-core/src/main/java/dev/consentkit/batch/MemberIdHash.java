package dev.consentkit.batch;

import java.nio.ByteBuffer;
import java.security.SecureRandom;

/**
 * The hash a member store finds a member id by: keyed with secrets drawn when the store is built, so
 * that nobody who chooses ids can make them collide.
 *
 * <p><b>Why.</b> Member ids can be handles that members pick themselves. {@link String#hashCode()} is
 * public and fixed, and collisions under it come in bulk: {@code "Aa"} and {@code "BB"} have the same
 * hash code, so all 2<sup>15</sup> strings of 15 such pairs share one. In an open-addressing table
 * every one of them lands on the same run of slots: building a store of those 32,768 ids takes
 * seconds instead of milliseconds, and every lookup walks the whole run, a denial of service for the
 * price of a few sign-ups. No function of {@code hashCode()} can help, however secret its seed: ids
 * equal there are equal after it. Seeded mixers in the style of MurmurHash do not help either: their
 * collisions come from differences that cancel for every seed.
 *
 * <p><b>Ids of up to {@value #MULTILINEAR_CHARS} chars</b>, nearly every id, are read as 32-bit words,
 * two chars each (the last padded with a zero char), after a first word that is the id's length
 * {@code n}. With secret 64-bit keys {@code m0, m1, …} the hash is the top 32 bits of {@code mix} of
 *
 * <pre>{@code
 * m0 + m1·n + m2·w1 + m3·w2 + …   (mod 2^64)
 * }</pre>
 *
 * <p>where {@code mix} is a fixed one-to-one function of 64 bits ({@link #mix}). Before the mix, this
 * is the multilinear family of Lemire and Kaser ("Strongly universal string hashing is fast", 2014),
 * after Dietzfelbinger's multiply-add-shift. Take two different ids {@code s} and {@code t} of up to
 * {@value #MULTILINEAR_CHARS} chars, chosen without knowing the keys: their words differ (in the
 * length if nowhere else, which keeps apart ids that differ only by a trailing zero char), so the two
 * sums differ except with probability at most 2<sup>−33</sup>, and a one-to-one mix keeps them apart.
 * The multiplications do not wait for one another, so the processor overlaps them: for ids of 8 to
 * 16 chars the hash costs about what computing {@code String.hashCode()} afresh does.
 *
 * <p><b>Longer ids</b>, for which no fixed number of keys suffices, are read as {@code k = ⌈n/3⌉}
 * coefficients of 48 bits, three chars each (the last padded with zero chars), after a first
 * coefficient {@code n}. They make a polynomial, evaluated at a secret point {@code r} of the field of
 * integers modulo the Mersenne prime {@code p = 2^61 − 1}, then mapped by secret {@code a} and
 * {@code b}:
 *
 * <pre>{@code
 * x = n·r^k + c1·r^(k−1) + … + ck   (mod p)
 * z = a·x + b                       (mod p)
 * }</pre>
 *
 * <p>and the hash is the top 32 bits of {@code mix} of {@code z}. For two different ids of up to
 * {@code n} chars, {@code x_s − x_t} is a nonzero polynomial in {@code r} of degree at most
 * {@code ⌈n/3⌉} (again the length keeps apart ids that differ only by trailing zero chars), so
 * {@code x_s = x_t} with probability at most {@code ⌈n/3⌉ / p}, and {@code z} keeps distinct values
 * distinct. This path is slower, one multiplication modulo {@code p} after another, about 1 ns a
 * char.
 *
 * <p><b>Why the mix is over all 64 bits.</b> Both families are linear in their keys. Keeping 32 bits
 * of their values directly makes any two ids' hashes agree with probability 2<sup>−32</sup>, as for a
 * random function, but not independently: ids that differ in a regular way (counters, or blocks such
 * as {@code "Aa"} and {@code "BB"} that anyone can use) have values whose differences fall into few
 * patterns, and a key for which one pattern vanishes in the kept bits makes every pair with that
 * pattern collide at once. Measured on the 32,768 {@code "Aa"}/{@code "BB"} ids of 66 chars, about one
 * key in 400 then put 9 to 326 ids on one hash. Mixing all 64 bits before keeping 32 breaks the
 * linearity: over 4,000 fresh keys each, the same ids and the 30-char ones never shared a hash more
 * than a random function would. The collisions of the full values are what the families bound, and
 * a one-to-one mix adds none.
 *
 * <p><b>What that means for a store.</b> For every set of ids, the expected number of pairs sharing a
 * slot of a table of 2<sup>m</sup> slots is what a random function gives: a set that collides for
 * every key does not exist, and one that collides for a store's keys cannot be found without learning
 * them. This is universal hashing, not a pseudorandom function: someone who could see which ids
 * collide, for instance by timing many lookups, would learn something of one store's keys; each store
 * draws its own, so that knowledge ends with the store.
 *
 * <p><b>The keys</b> come from {@link SecureRandom}, whose outputs reveal nothing of the next ones and
 * whose seed comes from the operating system's entropy, unlike {@code ThreadLocalRandom} or
 * {@code SplittableRandom}, whose whole state follows from a few outputs or, by default, from the
 * clock. They take about 300 bytes, and drawing them about 10 µs, once per store. {@link #hash}
 * allocates nothing and takes no lock; an instance is immutable and safe to share between threads.
 */
final class MemberIdHash {

    /** The longest id hashed by the multilinear family; longer ones take the polynomial. */
    static final int MULTILINEAR_CHARS = 64;
    /** The number of multilinear keys: one for the constant, one for the length, one per two chars. */
    static final int MULTILINEAR_KEYS = 2 + MULTILINEAR_CHARS / 2;
    /** The Mersenne prime 2<sup>61</sup> − 1, the polynomial's modulus. */
    static final long P = (1L << 61) - 1;

    // One generator for all stores: SecureRandom is thread-safe, and seeding one per store would only
    // cost time. Created on first use, so loading the class reads no entropy.
    private static final class Secrets {
        static final SecureRandom RANDOM = new SecureRandom();

        // Every key's bytes in one call, three times faster than a call per key.
        static ByteBuffer draw() {
            byte[] bytes = new byte[Long.BYTES * (MULTILINEAR_KEYS + 3)];
            RANDOM.nextBytes(bytes);
            return ByteBuffer.wrap(bytes);
        }
    }

    private final long[] multilinear;
    private final long point;
    private final long scale;
    private final long offset;

    /** A hash with fresh secret keys, for one store. */
    MemberIdHash() {
        this(Secrets.draw());
    }

    private MemberIdHash(ByteBuffer secrets) {
        this(multilinearKeys(secrets), fieldKey(secrets), fieldKey(secrets), fieldKey(secrets));
    }

    /**
     * A hash with these keys, so that tests can reproduce a hash; a store must never use known keys.
     *
     * @param multilinear {@value #MULTILINEAR_KEYS} keys of the multilinear family: {@code m0, m1, …}
     * @param point {@code r}, where the polynomial of a long id's chars is evaluated
     * @param scale {@code a}, which multiplies the polynomial's value
     * @param offset {@code b}, which is added to it
     * @throws IllegalArgumentException if there are not {@value #MULTILINEAR_KEYS} multilinear keys, or
     *     a polynomial key is not in {@code [0, 2^61 − 1)}; the message shows it
     */
    MemberIdHash(long[] multilinear, long point, long scale, long offset) {
        if (multilinear.length != MULTILINEAR_KEYS) {
            throw new IllegalArgumentException(multilinear.length + " multilinear keys instead of " + MULTILINEAR_KEYS);
        }
        this.multilinear = multilinear.clone();
        this.point = checkFieldKey(point, "point");
        this.scale = checkFieldKey(scale, "scale");
        this.offset = checkFieldKey(offset, "offset");
    }

    /**
     * The 32-bit hash of {@code id}, over its chars (surrogates included, each as it is); equal ids get
     * equal hashes from one instance. Every bit is as unpredictable as the class description says.
     *
     * @throws NullPointerException if {@code id} is null
     */
    int hash(String id) {
        int length = id.length();
        return length <= MULTILINEAR_CHARS ? multilinearHash(id, length) : polynomialHash(id, length);
    }

    private int multilinearHash(String id, int length) {
        long[] m = multilinear;
        long sum = m[0] + m[1] * length;
        int pairs = length >>> 1;
        for (int i = 0; i < pairs; i++) {
            sum += m[i + 2] * ((long) id.charAt(2 * i) << 16 | id.charAt(2 * i + 1));
        }
        if ((length & 1) != 0) {
            sum += m[pairs + 2] * ((long) id.charAt(length - 1) << 16);
        }
        return (int) (mix(sum) >>> 32);
    }

    private int polynomialHash(String id, int length) {
        long r = point;
        long x = length;
        int i = 0;
        for (int whole = length - 2; i < whole; i += 3) {
            x = multiply(x, r) + ((long) id.charAt(i) << 32 | (long) id.charAt(i + 1) << 16 | id.charAt(i + 2));
        }
        if (i < length) {
            long tail = (long) id.charAt(i) << 32;
            if (i + 1 < length) {
                tail |= (long) id.charAt(i + 1) << 16;
            }
            x = multiply(x, r) + tail;
        }
        return (int) (mix(canonical(multiply(x, scale) + offset)) >>> 32);
    }

    /**
     * The same hash as {@link #hash(String)} of an id as a store keeps it: {@code length} chars from
     * char {@code start} of {@code chars}, one byte a char, or two (high byte first) when
     * {@code wide}. Its own loops, not a {@code CharSequence} shared with {@link #hash(String)}: a
     * lookup's call sites then see only {@code String}s, which a shared path measured 25% to 40%
     * slower.
     */
    int hash(byte[] chars, int start, int length, boolean wide) {
        return length <= MULTILINEAR_CHARS
                ? multilinearHash(chars, start, length, wide)
                : polynomialHash(chars, start, length, wide);
    }

    private int multilinearHash(byte[] chars, int start, int length, boolean wide) {
        long[] m = multilinear;
        long sum = m[0] + m[1] * length;
        int pairs = length >>> 1;
        for (int i = 0; i < pairs; i++) {
            sum += m[i + 2] * ((long) charAt(chars, start + 2 * i, wide) << 16 | charAt(chars, start + 2 * i + 1, wide));
        }
        if ((length & 1) != 0) {
            sum += m[pairs + 2] * ((long) charAt(chars, start + length - 1, wide) << 16);
        }
        return (int) (mix(sum) >>> 32);
    }

    private int polynomialHash(byte[] chars, int start, int length, boolean wide) {
        long r = point;
        long x = length;
        int i = 0;
        for (int whole = length - 2; i < whole; i += 3) {
            x = multiply(x, r) + ((long) charAt(chars, start + i, wide) << 32
                    | (long) charAt(chars, start + i + 1, wide) << 16 | charAt(chars, start + i + 2, wide));
        }
        if (i < length) {
            long tail = (long) charAt(chars, start + i, wide) << 32;
            if (i + 1 < length) {
                tail |= (long) charAt(chars, start + i + 1, wide) << 16;
            }
            x = multiply(x, r) + tail;
        }
        return (int) (mix(canonical(multiply(x, scale) + offset)) >>> 32);
    }

    /** Char {@code position} of stored chars, one byte each or two (high byte first) when {@code wide}. */
    static char charAt(byte[] chars, int position, boolean wide) {
        return wide
                ? (char) (((chars[position * 2] & 0xFF) << 8) | (chars[position * 2 + 1] & 0xFF))
                : (char) (chars[position] & 0xFF);
    }

    /**
     * A fixed one-to-one mix of 64 bits (the finalizer of MurmurHash3): every output bit depends on
     * every input bit. It adds no secrecy; the keys do. It is there to break the linear structure of
     * the families before 32 bits are kept (see the class description), and, being one to one, it
     * keeps distinct values distinct.
     */
    static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        return h ^ (h >>> 33);
    }

    /**
     * A number congruent to {@code a·b} modulo {@code p}, below 2<sup>61</sup> + 4, for {@code a} and
     * {@code b} below 2<sup>61</sup> + 2<sup>49</sup>. Values are kept this loosely reduced between
     * steps, since adding a coefficient of 48 bits keeps them in range and a full reduction would cost
     * a compare on every step.
     */
    static long multiply(long a, long b) {
        // Below 2^123, so high < 2^59: the product is high·2^64 + low, and 2^61 ≡ 1 (mod p) lets its
        // 61-bit halves be added instead of divided.
        long low = a * b;
        long high = Math.multiplyHigh(a, b);
        long sum = (low & P) + (high << 3 | low >>> 61);
        return (sum & P) + (sum >>> 61);
    }

    /** The residue in {@code [0, p)} of {@code v}, for {@code v} in {@code [0, 2^63)}. */
    static long canonical(long v) {
        long folded = (v & P) + (v >>> 61);
        return folded >= P ? folded - P : folded;
    }

    private static long[] multilinearKeys(ByteBuffer secrets) {
        long[] keys = new long[MULTILINEAR_KEYS];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = secrets.getLong();
        }
        return keys;
    }

    /** A key uniform in {@code [0, p)}: 61 random bits, drawn again in the one case of 2^61 that is p. */
    private static long fieldKey(ByteBuffer secrets) {
        long key = secrets.getLong() >>> 3;
        while (key == P) {
            key = Secrets.RANDOM.nextLong() >>> 3;
        }
        return key;
    }

    private static long checkFieldKey(long key, String name) {
        if (key < 0 || key >= P) {
            throw new IllegalArgumentException(name + " key " + key + " is not in [0, 2^61 - 1)");
        }
        return key;
    }
}
