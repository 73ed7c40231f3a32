package dev.consentkit.benchmarks;

import dev.consentkit.ConsentChannel;
import dev.consentkit.ConsentChoice;
import dev.consentkit.ConsentEvent;
import dev.consentkit.ContentItem;
import dev.consentkit.DataCategory;
import dev.consentkit.Jurisdiction;
import dev.consentkit.LeapDayBirthday;
import dev.consentkit.LegalBasis;
import dev.consentkit.Member;
import dev.consentkit.PolicyVersion;
import dev.consentkit.Purpose;
import dev.consentkit.TrainingPolicy;
import dev.consentkit.batch.ItemColumns;
import dev.consentkit.batch.MemberStore;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * A platform's members and content items at batch scale, generated from a fixed seed, with the policy
 * and the instant a training run filters them for: the data the batch benchmarks and their agreement
 * test run on, in ConsentKit's columnar forms ({@link MemberStore}, {@link ItemColumns}), as objects
 * ({@link Member}, {@link ContentItem}) and, through {@link DuckDbBatch}, as SQL tables.
 *
 * <p>The policy is a LinkedIn-like program in which every check can decide: legitimate interests by
 * default, the EU, Switzerland and the United Kingdom excluded, Brazil under consent (opt-in), profile,
 * content, AI interactions and saved jobs allowed, private messages, job applications and account data
 * never, minimum age 18 and unknown ages denied.
 *
 * <p>Members have ids of ten ASCII characters and live in one of a dozen countries (half a percent
 * nowhere known). Birth dates span 1950 to 2012, so some members are minors and some came of age while
 * writing; 8% are unknown, 1% fall on 29 February and some exactly 18 years before {@link #ASOF}'s
 * day, give or take a day. 3% of accounts are closed, some after {@code asOf} and some exactly at it.
 * Members have 1.5 consent events on average (half have none, one in a hundred has 10 to 80), for
 * {@code ai-training.generative}, the broader {@code ai-training} or the sibling
 * {@code ai-training.safety}, which does not count; some have an opt-in and an opt-out at the same
 * instant, some an event exactly at {@code asOf}, and some events take effect after it.
 *
 * <p>Items belong to random members and have one of nine categories, one of them covered by no rule.
 * They are created from 2019 to the end of 2026 (some after {@code asOf}, some exactly at it, some at
 * the first instant of their author's 18th birthday and as many a microsecond before); 5% are
 * deleted, some exactly at {@code asOf}. Every instant has microsecond precision, as SQL timestamps do.
 */
public final class BatchSample {

    /** The seed every batch sample is generated from. */
    public static final long SEED = 20_260_630L;

    /** The instant the training run asks about. */
    public static final Instant ASOF = Instant.parse("2026-06-30T12:00:00Z");

    /** The policy's minimum age. */
    static final int MINIMUM_AGE = 18;

    /** The country codes members live in, with their weights. */
    static final List<String> COUNTRIES = List.of("US", "IN", "GB", "DE", "BR", "FR", "CA", "JP", "AU", "NL", "IE", "CH");
    private static final int[] COUNTRY_WEIGHTS = {240, 150, 80, 80, 80, 60, 60, 70, 50, 40, 25, 25};
    /** The countries the policy excludes: the EU members among {@link #COUNTRIES}, Switzerland and the UK. */
    static final Set<String> EXCLUDED_COUNTRIES = Set.of("DE", "FR", "NL", "IE", "CH", "GB");
    /** The countries where the policy needs an opt-in. */
    static final Set<String> OPT_IN_COUNTRIES = Set.of("BR");

    /** The category dictionary of the items, with their weights. */
    static final List<DataCategory> CATEGORIES = categories("content.public", "messages.private", "content.group",
            "profile", "ai.interactions", "jobs.saved", "jobs.application", "account.credentials", "ads.interactions");
    private static final int[] CATEGORY_WEIGHTS = {35, 20, 10, 10, 8, 5, 4, 3, 5};
    static final List<DataCategory> ALLOWED = categories("profile", "content", "ai.interactions", "jobs");
    static final List<DataCategory> NEVER_ALLOWED = categories("messages.private", "jobs.application", "account");

    /** The purposes of consent events, with their weights; the policy governs the first. */
    static final List<Purpose> PURPOSES = List.of(Purpose.GENERATIVE_AI_TRAINING, Purpose.AI_TRAINING,
            Purpose.of("ai-training.safety"));
    private static final int[] PURPOSE_WEIGHTS = {70, 20, 10};

    private static final TrainingPolicy POLICY = TrainingPolicy.builder("batch-genai", Purpose.GENERATIVE_AI_TRAINING)
            .version(PolicyVersion.builder("2024-09", Instant.parse("2024-09-18T00:00:00Z"))
                    .defaultBasis(LegalBasis.LEGITIMATE_INTERESTS)
                    .exclude(Jurisdiction.EU, Jurisdiction.of("CH"), Jurisdiction.of("GB"))
                    .basis(Jurisdiction.of("BR"), LegalBasis.CONSENT)
                    .allow(ALLOWED.toArray(new DataCategory[0]))
                    .neverAllow(NEVER_ALLOWED.toArray(new DataCategory[0]))
                    .minimumAge(MINIMUM_AGE)
                    // The reading DuckDB's date arithmetic shares, so that both sides apply the same rule.
                    .leapDayBirthday(LeapDayBirthday.FEBRUARY_28)
                    .build())
            .build();

    private static final long ASOF_MICROS = micros(ASOF);
    private static final long ASOF_DAY = Math.floorDiv(ASOF_MICROS, 86_400_000_000L);
    private static final long BIRTHS_FROM = LocalDate.of(1950, 1, 1).toEpochDay();
    private static final long BIRTHS_TO = LocalDate.of(2013, 1, 1).toEpochDay();
    private static final long CLOSURES_FROM = micros(Instant.parse("2020-01-01T00:00:00Z"));
    private static final long EVENTS_FROM = micros(Instant.parse("2024-09-18T00:00:00Z"));
    private static final long ITEMS_FROM = micros(Instant.parse("2019-01-01T00:00:00Z"));
    private static final long UNTIL = micros(Instant.parse("2027-01-01T00:00:00Z"));
    private static final long MICROS_PER_DAY = 86_400_000_000L;
    private static final long MAX_RECORDING_DELAY = 3 * MICROS_PER_DAY;
    private static final long MAX_DELETION_DELAY = 730 * MICROS_PER_DAY;
    private static final int UNKNOWN_BIRTH = Integer.MIN_VALUE;
    private static final byte UNKNOWN_PLACE = -1;
    private static final ConsentChannel[] CHANNELS = ConsentChannel.values();

    // Members: index -> country (or UNKNOWN_PLACE), birth epoch day (or UNKNOWN_BIRTH), closure
    // (Long.MAX_VALUE when open); events of member m at [eventStarts[m], eventStarts[m + 1]).
    private final byte[] place;
    private final int[] birthDay;
    private final long[] closedAt;
    private final int[] eventStarts;
    private final byte[] eventPurpose;
    private final boolean[] eventOptOut;
    private final long[] eventEffectiveAt;
    private final long[] eventRecordedAt;
    // Items: row -> author index, category index, creation, deletion (Long.MAX_VALUE when never).
    private final int[] itemMember;
    private final int[] itemCategory;
    private final long[] itemCreatedAt;
    private final long[] itemDeletedAt;
    private final MemberStore store;
    private final ItemColumns columns;

    private BatchSample(int memberCount, int itemCount) {
        SplittableRandom random = new SplittableRandom(SEED);
        place = new byte[memberCount];
        birthDay = new int[memberCount];
        closedAt = new long[memberCount];
        eventStarts = new int[memberCount + 1];
        int[] eventCounts = new int[memberCount];
        for (int m = 0; m < memberCount; m++) {
            place[m] = random.nextInt(200) == 0 ? UNKNOWN_PLACE : (byte) weighted(random, COUNTRY_WEIGHTS);
            birthDay[m] = nextBirthDay(random);
            closedAt[m] = nextClosure(random);
            eventCounts[m] = nextEventCount(random);
            eventStarts[m + 1] = eventStarts[m] + eventCounts[m];
        }
        int eventCount = eventStarts[memberCount];
        eventPurpose = new byte[eventCount];
        eventOptOut = new boolean[eventCount];
        eventEffectiveAt = new long[eventCount];
        eventRecordedAt = new long[eventCount];
        for (int m = 0; m < memberCount; m++) {
            generateEvents(random, eventStarts[m], eventCounts[m]);
        }
        itemMember = new int[itemCount];
        itemCategory = new int[itemCount];
        itemCreatedAt = new long[itemCount];
        itemDeletedAt = new long[itemCount];
        for (int row = 0; row < itemCount; row++) {
            generateItem(random, row, memberCount);
        }
        store = buildMemberStore(true);
        columns = ItemColumns.of(itemMember, itemCategory, CATEGORIES, itemCreatedAt, TimeUnit.MICROSECONDS)
                .withDeletedAt(itemDeletedAt);
    }

    /**
     * Generates a sample; the same arguments give the same sample on every call. A million members and
     * ten million items take a few seconds and about 300 MB besides the store.
     *
     * @throws IllegalArgumentException if a count is negative, or there are items but no members
     */
    public static BatchSample generate(int memberCount, int itemCount) {
        if (memberCount < 0 || itemCount < 0 || (itemCount > 0 && memberCount == 0)) {
            throw new IllegalArgumentException("counts must not be negative, and items need members: "
                    + memberCount + " members, " + itemCount + " items");
        }
        return new BatchSample(memberCount, itemCount);
    }

    /** The policy the run filters by. */
    public TrainingPolicy policy() {
        return POLICY;
    }

    /** The instant of use, {@link #ASOF}. */
    public Instant asOf() {
        return ASOF;
    }

    /** The number of members. */
    public int memberCount() {
        return place.length;
    }

    /** The number of consent events of all members together. */
    public int eventCount() {
        return eventEffectiveAt.length;
    }

    /** The number of items. */
    public int itemCount() {
        return itemMember.length;
    }

    /** The members, indexed as {@link #itemColumns()} refers to them. */
    public MemberStore memberStore() {
        return store;
    }

    /** The items as columns, instants in microseconds. */
    public ItemColumns itemColumns() {
        return columns;
    }

    /**
     * The members again, built into a new store, with or without their consent events: what the
     * footprint measurement compares.
     */
    public MemberStore buildMemberStore(boolean withConsentEvents) {
        MemberStore.Builder builder = MemberStore.builder();
        for (int m = 0; m < memberCount(); m++) {
            builder.add(member(m, withConsentEvents));
        }
        return builder.build();
    }

    /**
     * The member at {@code index}, as an object.
     *
     * @throws IndexOutOfBoundsException if there is no such member
     */
    public Member member(int index) {
        return member(index, true);
    }

    /**
     * The item in row {@code row}, as an object; its author is {@code member(itemColumns' member index)}.
     *
     * @throws IndexOutOfBoundsException if there is no such row
     */
    public ContentItem item(int row) {
        ContentItem item = ContentItem.of("i" + row, memberId(itemMember[row]), CATEGORIES.get(itemCategory[row]),
                instant(itemCreatedAt[row]));
        return itemDeletedAt[row] == Long.MAX_VALUE ? item : item.withDeletedAt(instant(itemDeletedAt[row]));
    }

    /** The items of rows {@code from} (inclusive) to {@code to} (exclusive), as objects. */
    public ContentItem[] items(int from, int to) {
        ContentItem[] items = new ContentItem[to - from];
        for (int row = from; row < to; row++) {
            items[row - from] = item(row);
        }
        return items;
    }

    /**
     * The id of the member at {@code index}: {@code m} and nine digits, scattered over the id space so
     * that neighbouring members do not have neighbouring ids.
     */
    static String memberId(int index) {
        long scattered = (index * 387_420_489L + 12_345L) % 1_000_000_000L;
        String digits = Long.toString(scattered);
        return "m" + "0".repeat(9 - digits.length()) + digits;
    }

    // The raw facts, for the SQL tables and the tests.

    /** The country code of the member, or {@code null} when unknown. */
    String country(int member) {
        return place[member] == UNKNOWN_PLACE ? null : COUNTRIES.get(place[member]);
    }

    /** The birth date of the member, or {@code null} when unknown. */
    LocalDate birthDate(int member) {
        return birthDay[member] == UNKNOWN_BIRTH ? null : LocalDate.ofEpochDay(birthDay[member]);
    }

    /** The account closure in microseconds since the epoch, or {@link Long#MAX_VALUE} when open. */
    long closedAtMicros(int member) {
        return closedAt[member];
    }

    int[] eventStarts() {
        return eventStarts;
    }

    Purpose eventPurpose(int event) {
        return PURPOSES.get(eventPurpose[event]);
    }

    boolean isOptOut(int event) {
        return eventOptOut[event];
    }

    long effectiveAtMicros(int event) {
        return eventEffectiveAt[event];
    }

    long recordedAtMicros(int event) {
        return eventRecordedAt[event];
    }

    int itemMember(int row) {
        return itemMember[row];
    }

    int itemCategory(int row) {
        return itemCategory[row];
    }

    long createdAtMicros(int row) {
        return itemCreatedAt[row];
    }

    /** The deletion in microseconds since the epoch, or {@link Long#MAX_VALUE} when never deleted. */
    long deletedAtMicros(int row) {
        return itemDeletedAt[row];
    }

    /** The first day, counted from 1970-01-01, on which the member is of age, or {@code Long.MIN_VALUE} when unknown. */
    long comingOfAgeDay(int member) {
        return birthDay[member] == UNKNOWN_BIRTH ? Long.MIN_VALUE
                : LocalDate.ofEpochDay(birthDay[member]).plusYears(MINIMUM_AGE).toEpochDay();
    }

    static long micros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    }

    static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }

    private Member member(int index, boolean withConsentEvents) {
        Member.Builder member = Member.builder(memberId(index)).birthDate(birthDate(index));
        String country = country(index);
        if (country != null) {
            member.residentIn(Jurisdiction.of(country));
        }
        if (closedAt[index] != Long.MAX_VALUE) {
            member.closedAt(instant(closedAt[index]));
        }
        if (withConsentEvents) {
            ConsentEvent[] events = new ConsentEvent[eventStarts[index + 1] - eventStarts[index]];
            for (int e = eventStarts[index]; e < eventStarts[index + 1]; e++) {
                events[e - eventStarts[index]] = new ConsentEvent("e" + e, eventPurpose(e),
                        eventOptOut[e] ? ConsentChoice.OPT_OUT : ConsentChoice.OPT_IN, instant(eventEffectiveAt[e]),
                        instant(eventRecordedAt[e]), CHANNELS[e % CHANNELS.length]);
            }
            member.consent(events);
        }
        return member.build();
    }

    private static int nextBirthDay(SplittableRandom random) {
        int kind = random.nextInt(1000);
        if (kind < 80) {
            return UNKNOWN_BIRTH;
        }
        if (kind < 90) {
            int[] leapYears = {2000, 2004, 2008, 2012};
            return (int) LocalDate.of(leapYears[random.nextInt(leapYears.length)], 2, 29).toEpochDay();
        }
        if (kind < 93) {
            // Of age the day before asOf's day, on it, or the day after.
            LocalDate asOfDay = LocalDate.ofEpochDay(ASOF_DAY);
            return (int) asOfDay.minusYears(MINIMUM_AGE).plusDays(random.nextInt(3) - 1).toEpochDay();
        }
        return (int) random.nextLong(BIRTHS_FROM, BIRTHS_TO);
    }

    private static long nextClosure(SplittableRandom random) {
        int kind = random.nextInt(1000);
        if (kind < 2) {
            return ASOF_MICROS;
        }
        return kind < 30 ? random.nextLong(CLOSURES_FROM, UNTIL) : Long.MAX_VALUE;
    }

    private static int nextEventCount(SplittableRandom random) {
        int kind = random.nextInt(100);
        if (kind < 50) {
            return 0;
        }
        if (kind < 70) {
            return 1;
        }
        if (kind < 85) {
            return 2;
        }
        if (kind < 95) {
            return 3;
        }
        return kind < 99 ? random.nextInt(4, 9) : random.nextInt(10, 81);
    }

    private void generateEvents(SplittableRandom random, int first, int count) {
        for (int e = first; e < first + count; e++) {
            eventPurpose[e] = (byte) weighted(random, PURPOSE_WEIGHTS);
            eventOptOut[e] = random.nextInt(100) < 55;
            eventEffectiveAt[e] = random.nextLong(EVENTS_FROM, UNTIL);
        }
        if (count >= 2 && random.nextInt(100) < 5) {
            // An opt-in and an opt-out for the governed purpose at the same instant: the opt-out wins.
            eventPurpose[first] = 0;
            eventPurpose[first + 1] = 0;
            eventOptOut[first + 1] = !eventOptOut[first];
            eventEffectiveAt[first + 1] = eventEffectiveAt[first];
        }
        if (count >= 1 && random.nextInt(100) < 2) {
            eventEffectiveAt[first + count - 1] = ASOF_MICROS;
        }
        for (int e = first; e < first + count; e++) {
            eventRecordedAt[e] = eventEffectiveAt[e] + random.nextLong(MAX_RECORDING_DELAY);
        }
    }

    private void generateItem(SplittableRandom random, int row, int memberCount) {
        int member = random.nextInt(memberCount);
        itemMember[row] = member;
        itemCategory[row] = weighted(random, CATEGORY_WEIGHTS);
        long created = random.nextLong(ITEMS_FROM, UNTIL);
        int kind = random.nextInt(10_000);
        if (kind < 10) {
            created = ASOF_MICROS;
        } else if (kind < 110 && birthDay[member] != UNKNOWN_BIRTH) {
            // The first instant of the author's coming-of-age day, or the microsecond before it.
            created = comingOfAgeDay(member) * MICROS_PER_DAY - (kind < 60 ? 0 : 1);
        }
        itemCreatedAt[row] = created;
        int deletion = random.nextInt(1000);
        if (deletion < 2) {
            itemDeletedAt[row] = Math.max(created, ASOF_MICROS);
        } else if (deletion < 50) {
            itemDeletedAt[row] = created + random.nextLong(MAX_DELETION_DELAY);
        } else {
            itemDeletedAt[row] = Long.MAX_VALUE;
        }
    }

    private static int weighted(SplittableRandom random, int[] weights) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int pick = random.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            pick -= weights[i];
            if (pick < 0) {
                return i;
            }
        }
        throw new AssertionError("weights " + Arrays.toString(weights));
    }

    private static List<DataCategory> categories(String... keys) {
        List<DataCategory> all = new ArrayList<>();
        for (String key : keys) {
            all.add(DataCategory.of(key));
        }
        return List.copyOf(all);
    }
}
