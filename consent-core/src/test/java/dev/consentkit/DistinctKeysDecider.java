package dev.consentkit;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;

/**
 * Decides many items whose data category, consent purpose or member's subdivision is a key no other
 * item has, as a training run reading them from input would, and prints how many were trainable.
 * {@link DistinctKeysInSmallHeapTest} runs it in a JVM with a small heap: the library must not keep
 * the keys it reads.
 *
 * <p>Arguments: {@code categories}, {@code purposes} or {@code subdivisions}, then the number of
 * items. Prints {@code trainable N}.
 */
final class DistinctKeysDecider {

    private static final Instant CREATED = Instant.parse("2025-01-01T00:00:00Z");
    private static final Instant AS_OF = Instant.parse("2025-06-01T00:00:00Z");
    private static final LocalDate ADULT = LocalDate.of(1990, 4, 1);
    private static final String[] COUNTRIES = Locale.getISOCountries();

    private DistinctKeysDecider() {}

    public static void main(String[] args) {
        if (args.length != 2) {
            throw new IllegalArgumentException("expected: categories|purposes|subdivisions COUNT, not "
                    + String.join(" ", args));
        }
        int count = Integer.parseInt(args[1]);
        long trainable;
        switch (args[0]) {
            case "categories":
                trainable = distinctCategories(count);
                break;
            case "purposes":
                trainable = distinctPurposes(count);
                break;
            case "subdivisions":
                trainable = distinctSubdivisions(count);
                break;
            default:
                throw new IllegalArgumentException("unknown kind of key '" + args[0]
                        + "': expected categories, purposes or subdivisions");
        }
        System.out.println("trainable " + trainable);
    }

    /** Items under the allowed {@code content}, each with a category of its own: all trainable. */
    private static long distinctCategories(int count) {
        TrainingPolicy policy = policy(Purpose.GENERATIVE_AI_TRAINING);
        Member member = Member.builder("m-1").birthDate(ADULT).residentIn(Jurisdiction.of("US")).build();
        long trainable = 0;
        for (int i = 0; i < count; i++) {
            ContentItem item = ContentItem.of("item-" + i, "m-1", DataCategory.of("content.k" + i), CREATED);
            if (policy.isTrainable(item, member, AS_OF)) {
                trainable++;
            }
        }
        return trainable;
    }

    /**
     * Members who each opted out of a purpose of their own, narrower than the policy's and so not
     * covering it: all trainable.
     */
    private static long distinctPurposes(int count) {
        TrainingPolicy policy = policy(Purpose.AI_TRAINING);
        ContentItem item = ContentItem.of("item-1", "m-1", DataCategory.PUBLIC_CONTENT, CREATED);
        long trainable = 0;
        for (int i = 0; i < count; i++) {
            Purpose own = Purpose.of("ai-training.k" + i);
            Member member = Member.builder("m-1").birthDate(ADULT).residentIn(Jurisdiction.of("US"))
                    .consent(ConsentEvent.optOut("c-" + i, own, CREATED, CREATED, ConsentChannel.SETTINGS_TOGGLE))
                    .build();
            if (policy.isTrainable(item, member, AS_OF)) {
                trainable++;
            }
        }
        return trainable;
    }

    /**
     * Members each in a subdivision of their own, of every country, under a policy whose one rule
     * (for {@code US-CA}) none of them is in: all trainable.
     */
    private static long distinctSubdivisions(int count) {
        TrainingPolicy policy = policy(Purpose.GENERATIVE_AI_TRAINING);
        ContentItem item = ContentItem.of("item-1", "m-1", DataCategory.PUBLIC_CONTENT, CREATED);
        long trainable = 0;
        for (int i = 0; i < count; i++) {
            Member member = Member.builder("m-1").birthDate(ADULT).residentIn(Jurisdiction.of(subdivision(i))).build();
            if (policy.isTrainable(item, member, AS_OF)) {
                trainable++;
            }
        }
        return trainable;
    }

    /** A subdivision code no other {@code i} gets, three letters or digits long, so never {@code US-CA}. */
    private static String subdivision(int i) {
        String country = COUNTRIES[i % COUNTRIES.length];
        String code = Integer.toString(i / COUNTRIES.length, 36).toUpperCase(Locale.ROOT);
        return country + "-" + "0".repeat(3 - code.length()) + code;
    }

    private static TrainingPolicy policy(Purpose purpose) {
        return TrainingPolicy.builder("distinct-keys", purpose)
                .version(PolicyVersion.builder("v1", Instant.EPOCH)
                        .defaultBasis(LegalBasis.LEGITIMATE_INTERESTS)
                        .allow(DataCategory.CONTENT)
                        .exclude(Jurisdiction.of("US-CA"))
                        .build())
                .build();
    }
}
