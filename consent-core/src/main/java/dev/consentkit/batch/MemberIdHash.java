package dev.consentkit.batch;

import java.security.SecureRandom;

/** Interim: replaced by the seeded polynomial hash. */
final class MemberIdHash {

    private final long seed;

    MemberIdHash() {
        this.seed = new SecureRandom().nextLong() | 1;
    }

    int hash(String id) {
        long h = seed;
        for (int i = 0; i < id.length(); i++) {
            h = (h ^ id.charAt(i)) * 0x100000001B3L;
        }
        h ^= h >>> 29;
        h *= 0xBF58476D1CE4E5B9L;
        return (int) (h ^ (h >>> 32));
    }
}
