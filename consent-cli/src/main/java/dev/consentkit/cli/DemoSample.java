package dev.consentkit.cli;

import dev.consentkit.ConsentChannel;
import dev.consentkit.ConsentEvent;
import dev.consentkit.ContentItem;
import dev.consentkit.DataCategory;
import dev.consentkit.Jurisdiction;
import dev.consentkit.LegalBasis;
import dev.consentkit.Member;
import dev.consentkit.PolicyVersion;
import dev.consentkit.Purpose;
import dev.consentkit.Reservation;
import dev.consentkit.ReservationSource;
import dev.consentkit.TrainingPolicy;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The data of {@code consent demo}, generated the same way on every run from a fixed seed: the
 * LinkedIn-style generative-AI training policy of 2024 and 2025, 1,000 members in twelve
 * jurisdictions with realistic consent timelines, and 20,000 content items.
 *
 * <p>Most members never choose; some opt out soon after the September 2024 launch, more in Europe
 * around the November 2025 expansion, a few Californians through Global Privacy Control and a few
 * Europeans through the objection form; some opt back in later, and some opt-outs are recorded days
 * after they were made. Some birth dates are unknown, some members are minors, some accounts are
 * closed and a few members move. Items are mostly public posts and profile data, with private
 * messages, group content, AI chats and job data; some are deleted and a few carry a do-not-train
 * reservation. Only {@link Random#nextInt(int)} and {@link Random#nextDouble()}, whose algorithms
 * {@link Random} specifies, and {@link StrictMath} are used, so every JDK generates the same sample.
 */
final class DemoSample {

    /** The seed: the launch date of the program. */
    static final long SEED = 20240918L;
    /** How many members the sample has. */
    static final int MEMBERS = 1_000;
    /** How many items the sample has. */
    static final int ITEMS = 20_000;
    /** The instants the demo evaluates at. */
    static final List<Instant> INSTANTS = List.of(midnight("2024-09-19"), midnight("2025-06-01"),
            midnight("2025-11-04"), midnight("2026-01-15"));

    private static final Instant LAUNCH = midnight("2024-09-18");
    private static final Instant GB_PAUSE = midnight("2024-09-20");
    private static final Instant EXPANSION = midnight("2025-11-03");
    private static final Instant HISTORY_START = midnight("2022-06-01");
    private static final Instant HISTORY_END = midnight("2026-01-10");
    private static final Duration DAY = Duration.ofDays(1);

    private static final Jurisdiction[] PLACES = codes("US", "US-CA", "CA", "BR", "IN", "GB", "DE", "FR", "NL", "IE",
            "NO", "CH");
    private static final int[] PLACE_WEIGHTS = {22, 6, 6, 10, 12, 10, 10, 8, 5, 3, 3, 5};
    private static final Set<String> EUROPE = Set.of("GB", "DE", "FR", "NL", "IE", "NO", "CH");

    private static final DataCategory[] CATEGORIES = {DataCategory.PUBLIC_CONTENT, DataCategory.PROFILE_DETAILS,
            DataCategory.PRIVATE_MESSAGES, DataCategory.GROUP_CONTENT, DataCategory.AI_INTERACTIONS,
            DataCategory.SAVED_JOB_DATA, DataCategory.JOB_APPLICATIONS, DataCategory.SALARY, DataCategory.PAYMENT,
            DataCategory.CREDENTIALS};
    private static final int[] CATEGORY_WEIGHTS = {45, 12, 14, 9, 6, 4, 5, 2, 2, 1};
    private static final String[] PREFIXES = {"post", "profile", "dm", "group", "chat", "saved-job", "application",
            "salary", "payment", "credentials"};
    private static final ReservationSource[] RESERVATION_SOURCES = {ReservationSource.ITEM_FLAG,
            ReservationSource.IPTC_DATA_MINING, ReservationSource.C2PA_TRAINING_MINING};

    private final TrainingPolicy policy;
    private final Map<String, Member> members;
    private final List<ContentItem> items;

    private DemoSample(TrainingPolicy policy, Map<String, Member> members, List<ContentItem> items) {
        this.policy = policy;
        this.members = members;
        this.items = items;
    }

    /** Generates the sample; every call returns an equal one. */
    static DemoSample generate() {
        Random random = new Random(SEED);
        Map<String, Member> members = new LinkedHashMap<>();
        for (int i = 1; i <= MEMBERS; i++) {
            Member member = member(i, random);
            members.put(member.id(), member);
        }
        List<Member> byIndex = List.copyOf(members.values());
        List<ContentItem> items = new ArrayList<>(ITEMS);
        for (int k = 1; k <= ITEMS; k++) {
            // A few members write much more than most: the author index leans towards the low numbers.
            int author = (int) (MEMBERS * StrictMath.pow(random.nextDouble(), 1.5));
            items.add(item(k, byIndex.get(author), random));
        }
        return new DemoSample(linkedInPolicy(), members, List.copyOf(items));
    }

    /**
     * LinkedIn's "Data for Generative AI Improvement" program: legitimate interests, on by default;
     * the EEA (the EU among it) and Switzerland excluded at the launch on 18 September 2024, the United Kingdom
     * too from 20 September 2024, and every region included from 3 November 2025.
     */
    static TrainingPolicy linkedInPolicy() {
        PolicyVersion launch = PolicyVersion.builder("2024-09-18", LAUNCH)
                .defaultBasis(LegalBasis.LEGITIMATE_INTERESTS)
                .exclude(Jurisdiction.EEA, Jurisdiction.of("CH"))
                .allow(DataCategory.PROFILE_DETAILS, DataCategory.PUBLIC_CONTENT, DataCategory.GROUP_CONTENT,
                        DataCategory.AI_INTERACTIONS, DataCategory.SAVED_JOB_DATA)
                .neverAllow(DataCategory.PRIVATE_MESSAGES, DataCategory.CREDENTIALS, DataCategory.PAYMENT,
                        DataCategory.SALARY, DataCategory.JOB_APPLICATIONS)
                .minimumAge(18)
                .build();
        PolicyVersion ukPause = launch.toBuilder("2024-09-20", GB_PAUSE).exclude(Jurisdiction.of("GB")).build();
        PolicyVersion expansion = PolicyVersion.builder("2025-11-03", EXPANSION)
                .defaultBasis(LegalBasis.LEGITIMATE_INTERESTS)
                .allow(launch.allowedCategories().toArray(new DataCategory[0]))
                .neverAllow(launch.neverAllowedCategories().toArray(new DataCategory[0]))
                .minimumAge(18)
                .build();
        return TrainingPolicy.builder("linkedin-genai", Purpose.GENERATIVE_AI_TRAINING)
                .version(launch)
                .version(ukPause)
                .version(expansion)
                .build();
    }

    /** The policy: {@link #linkedInPolicy()}. */
    TrainingPolicy policy() {
        return policy;
    }

    /** The members, in id order. */
    List<Member> members() {
        return List.copyOf(members.values());
    }

    /** The member with this id. */
    Member member(String id) {
        Member member = members.get(id);
        if (member == null) {
            throw new IllegalArgumentException("the demo sample has no member " + id);
        }
        return member;
    }

    /** The items, in id order. */
    List<ContentItem> items() {
        return items;
    }

    private static Member member(int index, Random random) {
        String id = String.format(Locale.ROOT, "m-%04d", index);
        Jurisdiction home = pick(PLACES, PLACE_WEIGHTS, random);
        Member.Builder member = Member.builder(id).residentIn(home);
        double age = random.nextDouble();
        if (age >= 0.05) {
            // 5% unknown birth dates; 5% minors, some of whom come of age while the program runs.
            member.birthDate(age < 0.10 ? dateBetween("2006-01-01", "2010-12-31", random)
                    : dateBetween("1955-01-01", "2004-12-31", random));
        }
        if (random.nextDouble() < 0.03) {
            Jurisdiction to = pick(PLACES, PLACE_WEIGHTS, random);
            if (!to.equals(home)) {
                member.residentIn(to, between(midnight("2024-03-01"), midnight("2025-12-31"), random));
            }
        }
        if (random.nextDouble() < 0.04) {
            member.closedAt(between(midnight("2024-01-01"), HISTORY_END, random));
        }
        consent(member, id, home, random);
        return member.build();
    }

    private static void consent(Member.Builder member, String id, Jurisdiction home, Random random) {
        boolean europe = EUROPE.contains(home.country().orElseThrow().code());
        double choice = random.nextDouble();
        ConsentChannel channel = ConsentChannel.SETTINGS_TOGGLE;
        Instant optOut;
        if (choice < 0.08) {
            // Soon after the launch made the news.
            optOut = between(LAUNCH, LAUNCH.plus(DAY.multipliedBy(45)), random);
        } else if (choice < 0.08 + (europe ? 0.20 : 0.05)) {
            // Around the expansion, after the notices of autumn 2025.
            optOut = between(EXPANSION.minus(DAY.multipliedBy(20)), EXPANSION.plus(DAY.multipliedBy(70)), random);
        } else if (home.code().equals("US-CA") && choice < 0.40) {
            optOut = between(midnight("2024-10-01"), midnight("2025-10-01"), random);
            channel = ConsentChannel.GPC_SIGNAL;
        } else if (choice < 0.33) {
            optOut = between(LAUNCH, HISTORY_END, random);
        } else {
            return;
        }
        Purpose purpose = Purpose.GENERATIVE_AI_TRAINING;
        double how = random.nextDouble();
        if (channel == ConsentChannel.SETTINGS_TOGGLE && europe && how < 0.25) {
            channel = ConsentChannel.OBJECTION_FORM;
        } else if (channel == ConsentChannel.SETTINGS_TOGGLE && how > 0.90) {
            // An opt-out of all AI training, through another service; it covers generative training too.
            channel = ConsentChannel.API;
            purpose = Purpose.AI_TRAINING;
        }
        member.consent(ConsentEvent.optOut(id + "-e1", purpose, optOut, recorded(optOut, random), channel));
        if (random.nextDouble() < 0.20) {
            Instant back = between(optOut.plus(DAY.multipliedBy(20)), optOut.plus(DAY.multipliedBy(240)), random);
            member.consent(ConsentEvent.optIn(id + "-e2", purpose, back, recorded(back, random),
                    ConsentChannel.SETTINGS_TOGGLE));
        }
    }

    /** When a choice was recorded: seconds later, or for one in ten, days later through an import. */
    private static Instant recorded(Instant effectiveAt, Random random) {
        return random.nextDouble() < 0.10 ? between(effectiveAt.plus(DAY), effectiveAt.plus(DAY.multipliedBy(30)), random)
                : effectiveAt.plusSeconds(1 + random.nextInt(20));
    }

    private static ContentItem item(int index, Member author, Random random) {
        int kind = pickIndex(CATEGORY_WEIGHTS, random);
        DataCategory category = CATEGORIES[kind];
        Instant from = HISTORY_START;
        if (author.birthDate().isPresent()) {
            Instant thirteen = author.birthDate().get().plusYears(13).atStartOfDay(ZoneOffset.UTC).toInstant();
            from = thirteen.isAfter(from) ? thirteen : from;
        }
        Instant until = author.closedAt().filter(closed -> closed.isBefore(HISTORY_END)).orElse(HISTORY_END);
        if (!from.isBefore(until)) {
            from = until.minus(DAY.multipliedBy(30));
        }
        Instant created = between(from, until, random);
        ContentItem item = ContentItem.of(String.format(Locale.ROOT, "%s-%05d", PREFIXES[kind], index), author.id(),
                category, created);
        if (random.nextDouble() < 0.05) {
            item = item.withDeletedAt(between(created.plusSeconds(3600), created.plus(DAY.multipliedBy(400)), random));
        }
        if ((category.equals(DataCategory.PUBLIC_CONTENT) || category.equals(DataCategory.AI_INTERACTIONS))
                && random.nextDouble() < 0.02) {
            item = item.withReservation(new Reservation(RESERVATION_SOURCES[random.nextInt(RESERVATION_SOURCES.length)],
                    between(created, created.plus(DAY.multipliedBy(60)), random)));
        }
        return item;
    }

    private static <T> T pick(T[] values, int[] weights, Random random) {
        return values[pickIndex(weights, random)];
    }

    private static int pickIndex(int[] weights, Random random) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int x = random.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            x -= weights[i];
            if (x < 0) {
                return i;
            }
        }
        throw new AssertionError("weights do not add up");
    }

    /** A whole second in {@code [from, until)}; every span used is far below the 68 years an int of seconds holds. */
    private static Instant between(Instant from, Instant until, Random random) {
        long seconds = Duration.between(from, until).toSeconds();
        return from.plusSeconds(random.nextInt((int) Math.max(1, seconds)));
    }

    private static LocalDate dateBetween(String from, String until, Random random) {
        LocalDate start = LocalDate.parse(from);
        return start.plusDays(random.nextInt((int) (LocalDate.parse(until).toEpochDay() - start.toEpochDay() + 1)));
    }

    private static Instant midnight(String date) {
        return LocalDate.parse(date).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private static Jurisdiction[] codes(String... codes) {
        Jurisdiction[] places = new Jurisdiction[codes.length];
        for (int i = 0; i < codes.length; i++) {
            places[i] = Jurisdiction.of(codes[i]);
        }
        return places;
    }
}
