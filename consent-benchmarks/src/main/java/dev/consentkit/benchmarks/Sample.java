package dev.consentkit.benchmarks;

import dev.consentkit.ConsentChannel;
import dev.consentkit.ConsentChoice;
import dev.consentkit.ConsentEvent;
import dev.consentkit.ContentItem;
import dev.consentkit.DataCategory;
import dev.consentkit.Jurisdiction;
import dev.consentkit.LegalBasis;
import dev.consentkit.Member;
import dev.consentkit.PolicyVersion;
import dev.consentkit.Purpose;
import dev.consentkit.TrainingPolicy;
import dev.consentkit.UnknownAge;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The policy and the cases that the engine and its peers are measured and compared on, generated
 * from a fixed seed so that every run sees the same data.
 *
 * <p>The policy is what all three peers can express: one version in force long before every case,
 * legitimate interests (opt-out) by default, four excluded countries, allowed categories covering
 * every category an item has and three never-allowed categories carved out of them, minimum age 0
 * and unknown ages treated as adults. Only three rules decide: category exclusion, jurisdiction exclusion and the
 * opt-out in effect at {@code asOf}.
 *
 * <p>Each case has its own member and item. A member lives in one country (one in five excluded), an
 * item has one of ten categories (one in five never allowed, some only through a parent such as
 * {@code account}), and the member has exactly the requested number of consent events: opt-ins and
 * opt-outs for {@code ai-training.generative} or the broader {@code ai-training}, effective at random
 * millisecond instants of 2025 and recorded up to three days later. Items are created before 2025
 * and {@code asOf} falls in 2025, so no other check of the engine can fail. To reach the rules'
 * edges, some members have an opt-in and an opt-out effective at the same instant (the opt-out wins)
 * and some cases ask at exactly an event's instant (intervals are half-open, so the event applies).
 */
public final class Sample {

    /** The seed every sample is generated from. */
    public static final long SEED = 20_251_103L;

    /** The consent history sizes the benchmarks measure: none, a few, and a long history. */
    public static final List<Integer> EVENT_COUNTS = List.of(0, 4, 64);

    private static final Instant POLICY_START = Instant.parse("2024-01-01T00:00:00Z");
    private static final Instant ITEMS_FROM = Instant.parse("2024-06-01T00:00:00Z");
    private static final Instant WINDOW_START = Instant.parse("2025-01-01T00:00:00Z");
    private static final long WINDOW_MILLIS =
            Duration.between(WINDOW_START, Instant.parse("2026-01-01T00:00:00Z")).toMillis();
    private static final long ITEM_MILLIS = Duration.between(ITEMS_FROM, WINDOW_START).toMillis();
    private static final long MAX_RECORDING_DELAY_MILLIS = Duration.ofDays(3).toMillis();

    private static final List<Jurisdiction> EXCLUDED_COUNTRIES = codes("BR", "CH", "DE", "FR");
    private static final List<Jurisdiction> INCLUDED_COUNTRIES = codes("AU", "CA", "GB", "IN", "JP", "MX", "SG", "US");
    private static final List<DataCategory> NEVER_ALLOWED =
            categories("messages.private", "account", "jobs.application");
    // Allowed categories cover every item category, so only the never-allowed ones exclude any.
    private static final List<DataCategory> ALLOWED =
            categories("profile", "content", "ai", "jobs", "messages", "account");
    private static final List<DataCategory> TRAINABLE_ITEM_CATEGORIES =
            categories("profile", "content.public", "content.group", "ai.interactions", "jobs.saved");
    private static final List<DataCategory> EXCLUDED_ITEM_CATEGORIES = categories("messages.private",
            "jobs.application", "account.credentials", "account.payment", "account.salary");
    private static final List<Purpose> PURPOSES = List.of(Purpose.GENERATIVE_AI_TRAINING, Purpose.AI_TRAINING);
    private static final ConsentChannel[] CHANNELS = ConsentChannel.values();

    private static final TrainingPolicy POLICY = TrainingPolicy.builder("benchmark-genai", Purpose.GENERATIVE_AI_TRAINING)
            .version(PolicyVersion.builder("2024-01", POLICY_START)
                    .defaultBasis(LegalBasis.LEGITIMATE_INTERESTS)
                    .exclude(EXCLUDED_COUNTRIES.toArray(new Jurisdiction[0]))
                    .allow(ALLOWED.toArray(new DataCategory[0]))
                    .neverAllow(NEVER_ALLOWED.toArray(new DataCategory[0]))
                    .minimumAge(0)
                    .unknownAge(UnknownAge.TREAT_AS_ADULT)
                    .build())
            .build();

    private Sample() {}

    /** The policy every engine decides by. */
    public static TrainingPolicy policy() {
        return POLICY;
    }

    /** Every category an item of the sample can have, allowed or not; a platform's category taxonomy. */
    public static List<DataCategory> itemCategories() {
        List<DataCategory> all = new ArrayList<>(TRAINABLE_ITEM_CATEGORIES);
        all.addAll(EXCLUDED_ITEM_CATEGORIES);
        return List.copyOf(all);
    }

    /**
     * {@code count} cases whose members each have exactly {@code events} consent events; the same
     * cases on every call.
     *
     * @throws IllegalArgumentException if an argument is negative
     */
    public static List<Case> cases(int events, int count) {
        if (events < 0 || count < 0) {
            throw new IllegalArgumentException("events and count must not be negative: " + events + ", " + count);
        }
        SplittableRandom random = new SplittableRandom(SEED + events);
        List<Case> cases = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            cases.add(nextCase(random, events, "e" + events + "-" + i));
        }
        return List.copyOf(cases);
    }

    /** {@code countPerSize} cases for each of the {@link #EVENT_COUNTS}, in that order. */
    public static List<Case> mixedCases(int countPerSize) {
        List<Case> all = new ArrayList<>();
        for (int events : EVENT_COUNTS) {
            all.addAll(cases(events, countPerSize));
        }
        return List.copyOf(all);
    }

    private static Case nextCase(SplittableRandom random, int events, String suffix) {
        Jurisdiction country = pick(random, random.nextInt(5) == 0 ? EXCLUDED_COUNTRIES : INCLUDED_COUNTRIES);
        DataCategory category = pick(random, random.nextInt(5) == 0 ? EXCLUDED_ITEM_CATEGORIES : TRAINABLE_ITEM_CATEGORIES);
        LocalDate birthDate = random.nextInt(4) == 0
                ? null
                : LocalDate.of(1950 + random.nextInt(60), 1 + random.nextInt(12), 1 + random.nextInt(28));

        ConsentEvent[] history = new ConsentEvent[events];
        for (int e = 0; e < events; e++) {
            Instant effectiveAt = WINDOW_START.plusMillis(random.nextLong(WINDOW_MILLIS));
            ConsentChoice choice = random.nextBoolean() ? ConsentChoice.OPT_OUT : ConsentChoice.OPT_IN;
            history[e] = event(random, "c-" + e, choice, effectiveAt);
        }
        if (events >= 2 && random.nextInt(8) == 0) {
            // An opt-in and an opt-out effective at the same instant: the opt-out must win.
            ConsentChoice other = history[0].isOptOut() ? ConsentChoice.OPT_IN : ConsentChoice.OPT_OUT;
            history[1] = event(random, "c-1", other, history[0].effectiveAt());
        }
        Instant asOf = events > 0 && random.nextInt(8) == 0
                ? history[random.nextInt(events)].effectiveAt()
                : WINDOW_START.plusMillis(random.nextLong(WINDOW_MILLIS));

        Member member = Member.builder("m-" + suffix)
                .residentIn(country)
                .birthDate(birthDate)
                .consent(history)
                .build();
        ContentItem item = ContentItem.of("i-" + suffix, member.id(), category,
                ITEMS_FROM.plusMillis(random.nextLong(ITEM_MILLIS)));
        return new Case(item, member, asOf);
    }

    private static ConsentEvent event(SplittableRandom random, String id, ConsentChoice choice, Instant effectiveAt) {
        Instant recordedAt = effectiveAt.plusMillis(random.nextLong(MAX_RECORDING_DELAY_MILLIS));
        return new ConsentEvent(id, pick(random, PURPOSES), choice, effectiveAt, recordedAt,
                CHANNELS[random.nextInt(CHANNELS.length)]);
    }

    private static <T> T pick(SplittableRandom random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static List<Jurisdiction> codes(String... codes) {
        List<Jurisdiction> all = new ArrayList<>();
        for (String code : codes) {
            all.add(Jurisdiction.of(code));
        }
        return List.copyOf(all);
    }

    private static List<DataCategory> categories(String... keys) {
        List<DataCategory> all = new ArrayList<>();
        for (String key : keys) {
            all.add(DataCategory.of(key));
        }
        return List.copyOf(all);
    }
}
