package dev.consentkit.testkit.quicktheories;

import dev.consentkit.AccountClosure;
import dev.consentkit.ConsentChannel;
import dev.consentkit.ConsentChoice;
import dev.consentkit.ConsentEvent;
import dev.consentkit.ConsentHistory;
import dev.consentkit.ContentItem;
import dev.consentkit.DataCategory;
import dev.consentkit.Decision;
import dev.consentkit.Jurisdiction;
import dev.consentkit.JurisdictionRule;
import dev.consentkit.JurisdictionTimeline;
import dev.consentkit.LeapDayBirthday;
import dev.consentkit.LegalBasis;
import dev.consentkit.Member;
import dev.consentkit.PolicyVersion;
import dev.consentkit.Purpose;
import dev.consentkit.Reservation;
import dev.consentkit.ReservationSource;
import dev.consentkit.StoredSpan;
import dev.consentkit.Residence;
import dev.consentkit.TrainingPolicy;
import dev.consentkit.UnknownAge;
import dev.consentkit.suite.Scenario;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;

/**
 * QuickTheories generators ({@link Gen}) for every ConsentKit core type, for property tests of your
 * own code around a policy:
 *
 * <pre>{@code
 * qt().forAll(ConsentGenerators.scenarios(myPolicy))
 *     .checkAssert(s -> assertEquals(s.evaluate().trainable(), myPipeline.wouldTrain(s.item(), s.member(), s.asOf())));
 * }</pre>
 *
 * <p>Every value generated is valid: a generator never throws, whatever the randomness it is given,
 * also while QuickTheories shrinks a counterexample. Values are drawn so that every {@link
 * dev.consentkit.Reason} is reachable and the edges that matter come up often rather than by luck:
 * instants fall on the dates real programs started and on calendar edges (29 February), with their
 * neighbours one nanosecond and one second away; members come of age inside the window; choices tie at
 * the same instant; policies exclude and include regions, change over time and have item scopes, also
 * per member; items are resumed, also next to the member's choices.
 * Most instants lie in the window {@link #WINDOW_START} to {@link #WINDOW_END}.
 *
 * <p>The {@code ...(TrainingPolicy)} and {@code ...(Purpose)} variants draw around a policy of your
 * own: choices mostly for its purpose or a broader one, items mostly of its categories, instants on
 * and next to its version starts, item scopes and the days members come of age under it.
 */
public final class ConsentGenerators {

    /** The start of the window most generated instants fall in: 2023-01-01T00:00:00Z. */
    public static final Instant WINDOW_START = Instant.parse("2023-01-01T00:00:00Z");
    /** The last second of that window: 2027-12-31T23:59:59Z. */
    public static final Instant WINDOW_END = Instant.parse("2027-12-31T23:59:59Z");
    /** The id of the member of every generated {@link Scenario}: {@value}. */
    public static final String MEMBER_ID = "m-1";

    // Dates real programs started or changed on, and calendar edges. Versions, choices, items and asOf
    // all land on them often, so ties between those instants are common rather than lucky.
    private static final List<Instant> ANCHORS = Stream.of("2023-01-01T00:00:00Z", "2024-02-29T00:00:00Z",
                    "2024-09-18T00:00:00Z", "2024-09-20T00:00:00Z", "2025-05-27T00:00:00Z", "2025-08-28T00:00:00Z",
                    "2025-11-03T00:00:00Z", "2026-02-28T00:00:00Z", "2026-03-01T00:00:00Z", "2027-12-31T23:59:59Z")
            .map(Instant::parse)
            .collect(Collectors.toUnmodifiableList());
    private static final List<Duration> NUDGES = List.of(Duration.ZERO, Duration.ZERO, Duration.ofNanos(-1),
            Duration.ofNanos(1), Duration.ofSeconds(-1), Duration.ofSeconds(1));

    private static final List<DataCategory> BUILT_IN_CATEGORIES = List.of(DataCategory.PROFILE_DETAILS,
            DataCategory.CONTENT, DataCategory.PUBLIC_CONTENT, DataCategory.GROUP_CONTENT, DataCategory.PRIVATE_MESSAGES,
            DataCategory.AI_INTERACTIONS, DataCategory.SAVED_JOB_DATA, DataCategory.JOB_APPLICATIONS,
            DataCategory.CREDENTIALS, DataCategory.PAYMENT, DataCategory.SALARY);
    private static final List<DataCategory> CUSTOM_CATEGORIES = List.of(DataCategory.of("custom"),
            DataCategory.of("custom.notes"), DataCategory.of("telemetry"));
    private static final List<String> SUB_SEGMENTS = List.of("video", "drafts", "v2");
    private static final List<DataCategory> USUALLY_ALLOWED = List.of(DataCategory.PROFILE_DETAILS, DataCategory.CONTENT,
            DataCategory.PUBLIC_CONTENT, DataCategory.GROUP_CONTENT, DataCategory.AI_INTERACTIONS,
            DataCategory.SAVED_JOB_DATA, DataCategory.of("custom"));
    private static final List<DataCategory> USUALLY_NEVER_ALLOWED = List.of(DataCategory.JOB_APPLICATIONS,
            DataCategory.CREDENTIALS, DataCategory.PAYMENT, DataCategory.SALARY, DataCategory.GROUP_CONTENT,
            DataCategory.of("content.public.video"));

    private static final List<Purpose> PURPOSES = List.of(Purpose.AI_TRAINING, Purpose.GENERATIVE_AI_TRAINING,
            Purpose.of("ai-training.safety"), Purpose.of("ai-training.generative.images"), Purpose.of("personalisation"));

    private static final List<Jurisdiction> EU_MEMBERS = List.copyOf(Jurisdiction.EU.members());
    private static final List<Jurisdiction> EEA_ONLY = codes("IS", "LI", "NO");
    // Places that the rules below name, or that lie inside or just outside them.
    private static final List<Jurisdiction> RULED_PLACES = codes("DE", "FR", "IE", "FR-75", "DE-BY", "CH", "GB", "US",
            "US-CA", "US-NY", "CA", "JP");
    private static final List<Jurisdiction> RULE_JURISDICTIONS = List.of(Jurisdiction.EU, Jurisdiction.EEA,
            Jurisdiction.of("DE"), Jurisdiction.of("FR"), Jurisdiction.of("FR-75"), Jurisdiction.of("NO"),
            Jurisdiction.of("CH"), Jurisdiction.of("GB"), Jurisdiction.of("US"), Jurisdiction.of("US-CA"));
    // The first and last instants a long count of nanoseconds since the epoch holds.
    private static final Instant FIRST_NANOS = Instant.EPOCH.plusNanos(Long.MIN_VALUE);
    private static final Instant LAST_NANOS = Instant.EPOCH.plusNanos(Long.MAX_VALUE);
    // The ends of time, centuries outside the stored span, the edges of that span, and the edges of a
    // long count of nanoseconds with their neighbours.
    private static final List<Instant> FAR_INSTANTS = List.of(Instant.MIN, Instant.MAX,
            Instant.parse("-1000000-01-01T00:00:00Z"), Instant.parse("1600-01-01T00:00:00Z"),
            Instant.parse("2300-01-01T00:00:00Z"), Instant.parse("+1000000-01-01T00:00:00Z"),
            StoredSpan.FIRST, StoredSpan.LAST,
            FIRST_NANOS, FIRST_NANOS.minusNanos(1), FIRST_NANOS.plusNanos(1), FIRST_NANOS.minusSeconds(1),
            FIRST_NANOS.plusSeconds(1), LAST_NANOS, LAST_NANOS.plusNanos(1), LAST_NANOS.minusNanos(1),
            LAST_NANOS.plusSeconds(1), LAST_NANOS.minusSeconds(1));
    // Member id stems: ASCII, Latin-1 beyond ASCII, beyond Latin-1, and a surrogate pair.
    private static final List<String> ID_STEMS = List.of("m-", "m-", "m-", "\u00e9-", "\u6210\u5458-", "\uD83D\uDE00-");
    private static final List<Integer> MINIMUM_AGES = List.of(0, 13, 16, 18, 18, 21);
    private static final int MAX_KEY_LENGTH = 200;

    private ConsentGenerators() {}

    // ---------------------------------------------------------------- time

    /**
     * {@return instants in the window: any second, any nanosecond, UTC midnights, and the dates real
     * programs started on and calendar edges (with their neighbours one nanosecond or one second away),
     * often enough to produce ties} Use them for policy version starts, consent choices, item creations
     * and the instant of use alike, so that these often fall on the same instant.
     */
    public static Gen<Instant> instants() {
        Gen<Instant> seconds = Generate.longRange(WINDOW_START.getEpochSecond(), WINDOW_END.getEpochSecond())
                .map(second -> Instant.ofEpochSecond(second));
        Gen<Instant> midnights = Generate.longRange(utcDay(WINDOW_START), utcDay(WINDOW_END))
                .map(day -> utcMidnight(LocalDate.ofEpochDay(day)));
        Gen<Instant> anchors = Generate.pick(ANCHORS);
        return Generate.frequency(
                Pair.of(3, seconds),
                Pair.of(1, seconds.zip(Generate.range(1, 999_999_999), (second, nanos) -> second.plusNanos(nanos))),
                Pair.of(2, midnights),
                Pair.of(3, anchors),
                Pair.of(1, nudged(anchors)))
                .map(at -> at.isBefore(WINDOW_START) ? WINDOW_START : at.isAfter(WINDOW_END) ? WINDOW_END : at);
    }

    /**
     * Instants from {@code first} to {@code last}, both included: any second, any nanosecond, and the
     * two ends.
     *
     * @param first the earliest instant drawn, such as the start of a policy version
     * @param last the latest instant drawn, not before {@code first}
     * @return a generator of instants from {@code first} to {@code last}, each end drawn about one time
     *     in eight
     * @throws IllegalArgumentException if {@code last} is before {@code first}
     */
    public static Gen<Instant> instantsBetween(Instant first, Instant last) {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(last, "last");
        if (last.isBefore(first)) {
            throw new IllegalArgumentException("instants between " + first + " and " + last + ": the last is before the first");
        }
        Gen<Instant> seconds = Generate.longRange(first.getEpochSecond(), last.getEpochSecond())
                .zip(Generate.range(0, 999_999_999), (second, nanos) -> Instant.ofEpochSecond(second, nanos))
                .map(at -> at.isBefore(first) ? first : at.isAfter(last) ? last : at);
        return Generate.frequency(Pair.of(6, seconds), Pair.of(1, Generate.constant(first)),
                Pair.of(1, Generate.constant(last)));
    }

    /**
     * {@return instants far from the window, where conversions of time overflow if they can:
     * {@link Instant#MIN} and {@link Instant#MAX}, years centuries outside the span ConsentKit stores
     * ({@link StoredSpan}), the two ends of that span, and the first and last instants a {@code long}
     * count of nanoseconds since the epoch holds, with their neighbours one nanosecond and one second
     * away} Ask about them (as {@code asOf} or {@code knownAt}, or as an item
     * scope) to test that a decision holds at the ends of time; values such as items and choices cannot
     * hold the instants outside the span.
     */
    public static Gen<Instant> farInstants() {
        return Generate.pick(FAR_INSTANTS);
    }

    /**
     * {@code instants}, sometimes moved one nanosecond or one second either way; an instant stays where it
     * is when the move would leave the range of {@link Instant}. Nudged instants test the edges of a
     * decision: the last nanosecond before a choice or a version takes effect, and the first after.
     *
     * @param instants the instants to move, such as a policy's version starts or a member's choices
     * @return a generator of those instants, one in three left where it is and the others moved one
     *     nanosecond or one second earlier or later
     */
    public static Gen<Instant> nudged(Gen<Instant> instants) {
        Objects.requireNonNull(instants, "instants");
        return instants.zip(Generate.pick(NUDGES), (instant, nudge) -> plus(instant, nudge));
    }

    /**
     * {@return birth dates: adults throughout the window, members who come of age (at 13, 16, 18 or 21)
     * inside it, and 29 February births} Dates of members who come of age inside the window put the day
     * a member reaches a policy's minimum age among the instants that matter.
     */
    public static Gen<LocalDate> birthDates() {
        return Generate.frequency(
                Pair.of(5, datesBetween(LocalDate.of(1940, 1, 1), LocalDate.of(2000, 12, 31))),
                Pair.of(2, datesBetween(LocalDate.of(2002, 1, 1), LocalDate.of(2014, 12, 31))),
                Pair.of(1, Generate.pick(List.of(1996, 2000, 2004, 2008, 2012)).map(year -> LocalDate.of(year, 2, 29))));
    }

    // ---------------------------------------------------------------- keys, places, enums

    /**
     * {@return data categories: the built-in constants, keys under them ({@code content.public.video}),
     * and keys of a platform's own ({@code custom.notes})}
     */
    public static Gen<DataCategory> dataCategories() {
        Gen<DataCategory> builtIn = Generate.pick(BUILT_IN_CATEGORIES);
        return Generate.frequency(
                Pair.of(4, builtIn),
                Pair.of(2, under(builtIn)),
                Pair.of(1, under(under(builtIn))),
                Pair.of(1, Generate.pick(CUSTOM_CATEGORIES)),
                Pair.of(1, under(Generate.pick(CUSTOM_CATEGORIES))));
    }

    /**
     * {@return purposes of consent choices and policies: {@code ai-training}, {@code ai-training.generative},
     * a sibling, a child and an unrelated one}
     */
    public static Gen<Purpose> purposes() {
        return Generate.pick(PURPOSES);
    }

    /**
     * Purposes of members' choices under a policy for {@code governed}: mostly {@code governed} or a
     * broader purpose, whose choices count for it, and sometimes any other.
     *
     * @param governed the purpose the policy governs, such as {@link Purpose#AI_TRAINING}
     * @return a generator of purposes for the consent events of the members that policy decides about
     */
    public static Gen<Purpose> purposesAround(Purpose governed) {
        return Generate.frequency(Pair.of(3, Generate.pick(coveringPurposes(Objects.requireNonNull(governed, "governed")))),
                Pair.of(2, purposes()));
    }

    /**
     * {@return where a member can be: the EU's member states, Iceland, Liechtenstein and Norway, and
     * places the rules of {@link #jurisdictionRules()} name or lie near: CH, GB, US, US-CA, US-NY, FR-75,
     * DE-BY, CA, JP} Never a group: a member lives in a country or a subdivision, not in the EU as such.
     */
    public static Gen<Jurisdiction> places() {
        return Generate.frequency(
                Pair.of(2, Generate.pick(EU_MEMBERS)),
                Pair.of(1, Generate.pick(EEA_ONLY)),
                Pair.of(4, Generate.pick(RULED_PLACES)));
    }

    /** {@return what a jurisdiction rule can name: the groups EU and EEA, countries and subdivisions} */
    public static Gen<Jurisdiction> ruleJurisdictions() {
        return Generate.pick(RULE_JURISDICTIONS);
    }

    /**
     * {@return any jurisdiction: a place a member can be ({@link #places()}) or one a rule can name
     * ({@link #ruleJurisdictions()})}
     */
    public static Gen<Jurisdiction> jurisdictions() {
        return Generate.frequency(Pair.of(3, places()), Pair.of(1, ruleJurisdictions()));
    }

    /** {@return the legal bases a policy can train under, legitimate interests and consent more often than the rest} */
    public static Gen<LegalBasis> legalBases() {
        return Generate.frequency(
                Pair.of(3, Generate.constant(LegalBasis.LEGITIMATE_INTERESTS)),
                Pair.of(1, Generate.constant(LegalBasis.CONSENT)),
                Pair.of(2, Generate.enumValues(LegalBasis.class)));
    }

    /** {@return a member's two consent choices, {@code OPT_IN} and {@code OPT_OUT}, equally often} */
    public static Gen<ConsentChoice> consentChoices() {
        return Generate.enumValues(ConsentChoice.class);
    }

    /** {@return every consent channel, the ways a member's choice can reach the platform} */
    public static Gen<ConsentChannel> consentChannels() {
        return Generate.enumValues(ConsentChannel.class);
    }

    /** {@return every reservation source, the signals an item's do-not-train reservation can be read from} */
    public static Gen<ReservationSource> reservationSources() {
        return Generate.enumValues(ReservationSource.class);
    }

    /**
     * {@return what a policy version does with a member of unknown age: deny more often than treat as
     * adult, as policies do}
     */
    public static Gen<UnknownAge> unknownAges() {
        return Generate.frequency(Pair.of(3, Generate.constant(UnknownAge.DENY)),
                Pair.of(1, Generate.constant(UnknownAge.TREAT_AS_ADULT)));
    }

    // ---------------------------------------------------------------- consent

    /**
     * {@return consent events about any of {@link #purposes()}, effective at an instant of the window,
     * recorded then or later} As {@link #consentEvents(Gen, Gen)} draws them.
     */
    public static Gen<ConsentEvent> consentEvents() {
        return consentEvents(purposes(), instants());
    }

    /**
     * Consent events about these purposes, effective at these instants (held within
     * {@link StoredSpan}); recorded at once, seconds or months later. About one in twelve is stated by
     * its source to take effect up to five seconds after it was recorded, as clocks of different services
     * drift, and is counted from when it was recorded ({@link ConsentEvent#effectiveWhenRecorded}), as a
     * reader with the default clock-skew tolerance reads it. Ids are {@code e-1} to {@code e-9}: use
     * {@link #consentHistories(Gen)} for a valid history of several.
     *
     * @param purposes the purposes the members' choices concern
     * @param effectiveAts the instants from which the choices take effect
     * @return a generator of single consent events, each an opt-in or an opt-out through any channel
     */
    public static Gen<ConsentEvent> consentEvents(Gen<Purpose> purposes, Gen<Instant> effectiveAts) {
        Objects.requireNonNull(purposes, "purposes");
        Objects.requireNonNull(effectiveAts, "effectiveAts");
        Gen<Boolean> skewed = Generate.frequency(Pair.of(11, Generate.constant(false)), Pair.of(1, Generate.constant(true)));
        return in -> {
            Instant effectiveAt = stored(effectiveAts.generate(in));
            String id = "e-" + Generate.range(1, 9).generate(in);
            if (skewed.generate(in)) {
                Instant stated = stored(plus(effectiveAt, clockSkews().generate(in)));
                if (stated.isAfter(effectiveAt)) {
                    return ConsentEvent.effectiveWhenRecorded(id, purposes.generate(in), consentChoices().generate(in),
                            stated, effectiveAt, consentChannels().generate(in));
                }
            }
            return new ConsentEvent(id, purposes.generate(in),
                    consentChoices().generate(in), effectiveAt, stored(plus(effectiveAt, recordingLags().generate(in))),
                    consentChannels().generate(in));
        };
    }

    /**
     * {@return a member's consent histories of any events ({@link #consentEvents()}): none, a few, up to
     * seven, or a long history of 17 to 40} As {@link #consentEventLists(Gen)} draws them.
     */
    public static Gen<ConsentHistory> consentHistories() {
        return consentHistories(consentEvents());
    }

    /**
     * Consent histories of these events, as many and named as {@link #consentEventLists(Gen)} draws them.
     *
     * @param events the consent events a history is drawn from; their ids are replaced
     * @return a generator of valid consent histories, empty in about one in five
     */
    public static Gen<ConsentHistory> consentHistories(Gen<ConsentEvent> events) {
        return consentEventLists(Objects.requireNonNull(events, "events")).map(list -> ConsentHistory.of(list));
    }

    /**
     * Lists of these events as a platform's log of one member's choices: none, one to three, four to
     * seven, or, in about one in ten, 17 to 40, more than a history looks through one by one before it
     * searches. The events are renamed {@code e-1}, {@code e-2}, ... in order, so that every list is a
     * valid history ({@link ConsentHistory#of}) in any order and split in any way, as two systems'
     * logs of the same member are.
     *
     * @param events the consent events a list is drawn from; their ids are replaced
     * @return a generator of lists of consent events with distinct ids, empty in about one in five
     */
    public static Gen<List<ConsentEvent>> consentEventLists(Gen<ConsentEvent> events) {
        Objects.requireNonNull(events, "events");
        Gen<Integer> sizes = Generate.frequency(
                Pair.of(2, Generate.constant(0)),
                Pair.of(5, Generate.range(1, 3)),
                Pair.of(2, Generate.range(4, 7)),
                Pair.of(1, Generate.range(17, 40)));
        return SourceDSL.lists().of(events).ofSizes(sizes).map(list -> {
            List<ConsentEvent> renamed = new ArrayList<>(list.size());
            for (ConsentEvent event : list) {
                renamed.add(new ConsentEvent("e-" + (renamed.size() + 1), event.purpose(), event.choice(),
                        event.effectiveAt(), event.recordedAt(), event.channel(), event.statedEffectiveAt()));
            }
            return renamed;
        });
    }

    // ---------------------------------------------------------------- members

    /**
     * {@return residences in one of {@link #places()}: as far back as known, or from an instant in the
     * window, when the member moved there}
     */
    public static Gen<Residence> residences() {
        return Generate.frequency(
                Pair.of(2, places().map(place -> Residence.always(place))),
                Pair.of(3, instants().zip(places(), (from, place) -> new Residence(from, place))));
    }

    /**
     * {@return where members were over time: unknown, one place always, a place and then moves, or only
     * moves (so the jurisdiction is unknown before the first)}
     */
    public static Gen<JurisdictionTimeline> jurisdictionTimelines() {
        Gen<List<Residence>> moves = SourceDSL.lists()
                .of(instants().zip(places(), (from, place) -> new Residence(from, place)))
                .ofSizeBetween(1, 2);
        return Generate.frequency(
                Pair.of(1, Generate.constant(JurisdictionTimeline.unknown())),
                Pair.of(6, places().map(place -> JurisdictionTimeline.always(place))),
                Pair.of(3, places().zip(moves, (first, later) -> timeline(Residence.always(first), later))),
                Pair.of(1, moves.map(later -> timeline(null, later))));
    }

    /**
     * {@return the closures of a member's account: most often none; sometimes one that stays closed;
     * sometimes closures reopened in between (up to three, the last perhaps still closed), in order and
     * without overlaps, their ends often on instants that tie with others of the window} Each list is
     * valid for {@link Member.Builder#closures(List)}.
     */
    public static Gen<List<AccountClosure>> accountClosures() {
        Gen<List<Instant>> ends = SourceDSL.lists().of(instants()).ofSizeBetween(2, 6);
        Gen<List<AccountClosure>> reopened = ends.map(list -> {
            List<Instant> sorted = new ArrayList<>(new TreeSet<>(list));
            List<AccountClosure> closures = new ArrayList<>();
            for (int i = 0; i < sorted.size(); i += 2) {
                closures.add(new AccountClosure(sorted.get(i), i + 1 < sorted.size() ? sorted.get(i + 1) : null));
            }
            return List.copyOf(closures);
        });
        return Generate.frequency(
                Pair.of(85, Generate.constant(List.of())),
                Pair.of(8, instants().map(closedAt -> List.of(AccountClosure.from(closedAt)))),
                Pair.of(7, reopened));
    }

    /**
     * Members with this id, with or without a birth date and account closures (closed once, or closed
     * and reopened), and any consent history.
     *
     * @param id the id of every member drawn, the one their content items name as author
     * @return a generator of members with that id, as {@link #members(String, Gen)} draws them
     * @throws IllegalArgumentException if {@code id} is blank
     */
    public static Gen<Member> members(String id) {
        return members(id, consentHistories());
    }

    /**
     * Members with this id whose choices concern mostly {@code governed} or a broader purpose: the
     * members a policy for {@code governed} decides about.
     *
     * @param id the id of every member drawn, the one their content items name as author
     * @param governed the purpose of the policy the members are drawn for, such as its
     *     {@link TrainingPolicy#purpose()}
     * @return a generator of members with that id whose consent events mostly count for {@code governed}
     * @throws IllegalArgumentException if {@code id} is blank
     */
    public static Gen<Member> members(String id, Purpose governed) {
        return members(id, consentHistories(consentEvents(purposesAround(governed), instants())));
    }

    /**
     * Members with this id and these consent histories; nine in ten with a birth date, about one in
     * seven with account closures ({@link #accountClosures()}).
     *
     * @param id the id of every member drawn, the one their content items name as author
     * @param histories the consent histories to give the members
     * @return a generator of members with that id, each with a {@linkplain #jurisdictionTimelines()
     *     jurisdiction timeline}, a birth date if known, their account closures and one of {@code histories}
     * @throws IllegalArgumentException if {@code id} is blank
     */
    public static Gen<Member> members(String id, Gen<ConsentHistory> histories) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(histories, "histories");
        if (id.isBlank()) {
            throw new IllegalArgumentException("member id is blank: '" + id + "'");
        }
        return in -> Member.builder(id)
                .birthDate(sometimes(90, birthDates()).generate(in).orElse(null))
                .jurisdictions(jurisdictionTimelines().generate(in))
                .closures(accountClosures().generate(in))
                .consent(histories.generate(in))
                .build();
    }

    // ---------------------------------------------------------------- items

    /** {@return an item's do-not-train reservations from any source, effective from an instant in the window} */
    public static Gen<Reservation> reservations() {
        return reservationSources().zip(instants(), (source, from) -> new Reservation(source, from));
    }

    /**
     * Items of any category authored by {@code authorId}, created at an instant of the window.
     *
     * @param authorId the id of the member who authored every item drawn
     * @return a generator of content items by that member, as {@link #contentItems(String, Gen, Gen)} draws
     *     them
     * @throws IllegalArgumentException if {@code authorId} is blank
     */
    public static Gen<ContentItem> contentItems(String authorId) {
        return contentItems(authorId, dataCategories(), instants());
    }

    /**
     * Items of these categories, created at these instants (held within {@link StoredSpan}), authored by {@code authorId}: ids
     * {@code item-1} to {@code item-3}, deleted in about one in seven, reserved in about one in ten,
     * resumed (at or after their creation) in about one in four.
     *
     * @param authorId the id of the member who authored every item drawn
     * @param categories the data categories of the items, such as {@link #dataCategories()}
     * @param createdAts the instants at which the items were created
     * @return a generator of content items by that member
     * @throws IllegalArgumentException if {@code authorId} is blank
     */
    public static Gen<ContentItem> contentItems(String authorId, Gen<DataCategory> categories, Gen<Instant> createdAts) {
        Objects.requireNonNull(authorId, "authorId");
        Objects.requireNonNull(categories, "categories");
        Objects.requireNonNull(createdAts, "createdAts");
        if (authorId.isBlank()) {
            throw new IllegalArgumentException("author id is blank: '" + authorId + "'");
        }
        Gen<Integer> reservationCounts = Generate.frequency(
                Pair.of(9, Generate.constant(0)), Pair.of(1, Generate.range(1, 2)));
        return in -> {
            Instant createdAt = stored(createdAts.generate(in));
            Optional<Duration> lifetime = sometimes(15, nonNegativeDurations()).generate(in);
            Optional<Duration> untilResumed = sometimes(25, nonNegativeDurations()).generate(in);
            return ContentItem.of("item-" + Generate.range(1, 3).generate(in), authorId, categories.generate(in),
                    createdAt, lifetime.map(age -> stored(plus(createdAt, age))).orElse(null),
                    SourceDSL.lists().of(reservations()).ofSizes(reservationCounts).generate(in))
                    .withResumedAt(untilResumed.map(age -> stored(plus(createdAt, age))).orElse(null));
        };
    }

    // ---------------------------------------------------------------- policies

    /**
     * {@return a policy version's rules for a group, country or subdivision: excluded in three of ten,
     * otherwise under any legal basis}
     */
    public static Gen<JurisdictionRule> jurisdictionRules() {
        return jurisdictionRules(legalBases());
    }

    /**
     * {@return policy versions with any rules and categories, named {@code v1}, effective from an instant
     * in the window}
     */
    public static Gen<PolicyVersion> policyVersions() {
        return in -> policyVersion("v1", instants().generate(in), legalBases(), allowedCategoryLists(),
                neverAllowedCategoryLists()).generate(in);
    }

    /** {@return training policies for any of {@link #purposes()} whose defaults and rules use any legal basis} */
    public static Gen<TrainingPolicy> trainingPolicies() {
        return trainingPolicies(legalBases());
    }

    /**
     * Policies {@code policy-1} for one of {@link #purposes()}, with one to four versions at distinct
     * instants named {@code v1}, {@code v2}, ... in order, whose defaults and rules use {@code bases}
     * (a default is sometimes "excluded"). As in real programs, versions mostly keep the policy's
     * categories and change the rest; the first often starts with the window, so most instants have a
     * version in force.
     *
     * @param bases the legal bases the versions' defaults and jurisdiction rules use, such as
     *     {@link #legalBases()}
     * @return a generator of training policies
     */
    public static Gen<TrainingPolicy> trainingPolicies(Gen<LegalBasis> bases) {
        Objects.requireNonNull(bases, "bases");
        Gen<Instant> firstStarts = Generate.frequency(Pair.of(3, Generate.constant(WINDOW_START)), Pair.of(2, instants()));
        return in -> {
            SortedSet<Instant> starts = new TreeSet<>();
            starts.add(firstStarts.generate(in));
            starts.addAll(SourceDSL.lists().of(instants()).ofSizeBetween(0, 3).generate(in));
            List<DataCategory> palette = SourceDSL.lists().of(Generate.pick(USUALLY_ALLOWED)).ofSizeBetween(1, 3)
                    .generate(in);
            Gen<List<DataCategory>> allowed = Generate.frequency(
                    Pair.of(4, Generate.constant(palette)), Pair.of(1, allowedCategoryLists()));
            Gen<List<DataCategory>> neverAllowed = Generate.frequency(
                    Pair.of(4, Generate.constant(neverAllowedCategoryLists().generate(in))),
                    Pair.of(1, neverAllowedCategoryLists()));
            TrainingPolicy.Builder policy = TrainingPolicy.builder("policy-1", purposes().generate(in));
            int n = 0;
            for (Instant start : starts) {
                n++;
                policy.version(policyVersion("v" + n, start, bases, allowed, neverAllowed).generate(in));
            }
            return policy.build();
        };
    }

    // ---------------------------------------------------------------- scenarios and decisions

    /**
     * {@return scenarios under any generated policy ({@link #trainingPolicies()}), as {@link #scenarios(Gen)}
     * draws them}
     */
    public static Gen<Scenario> scenarios() {
        return scenarios(trainingPolicies());
    }

    /**
     * Scenarios under a policy of your own, as {@link #scenarios(Gen)} draws them.
     *
     * @param policy the training policy every scenario is under
     * @return a generator of scenarios under that policy, with members, items and instants drawn around it
     */
    public static Gen<Scenario> scenarios(TrainingPolicy policy) {
        return scenarios(Generate.constant(Objects.requireNonNull(policy, "policy")));
    }

    /**
     * Scenarios under these policies: a member {@value #MEMBER_ID} whose choices mostly concern the
     * policy's purpose or a broader one, an item they authored whose category the policy mostly allows or
     * never allows, created sometimes around the day the member comes of age or one of the member's
     * choices, and sometimes resumed next to one of them; {@code asOf} often after the
     * item's creation, and often on, or a nanosecond or a second next to, an instant that matters to the
     * decision (a version start, an item scope, a choice, a move, a deletion); and in half of them a
     * {@code knownAt} chosen the same way.
     *
     * @param policies the training policies a scenario's policy is drawn from
     * @return a generator of scenarios, each a complete question the policy answers
     */
    public static Gen<Scenario> scenarios(Gen<TrainingPolicy> policies) {
        Objects.requireNonNull(policies, "policies");
        return in -> {
            TrainingPolicy policy = policies.generate(in);
            Member member = members(MEMBER_ID, policy.purpose()).generate(in);
            ContentItem drawn = contentItems(member.id(), categoriesAround(policy), creationsAround(policy, member))
                    .generate(in);
            ContentItem item = drawn.withResumedAt(resumptionsAround(member, drawn).generate(in).orElse(null));
            Gen<Instant> moments = momentsOf(policy, member, item);
            Gen<Instant> afterCreation = nonNegativeDurations().map(age -> plus(item.createdAt(), age));
            Instant asOf = Generate.frequency(Pair.of(1, moments), Pair.of(2, afterCreation)).generate(in);
            Instant knownAt = sometimes(50, moments).generate(in).orElse(null);
            return Scenario.of(policy, member, item, asOf, knownAt);
        };
    }

    /** {@return decisions the engine makes: {@link Scenario#replay()} of {@link #scenarios()}} */
    public static Gen<Decision> decisions() {
        return scenarios().map(s -> s.replay());
    }

    // ---------------------------------------------------------------- batches

    /**
     * {@return batches under any generated policy: many questions at one instant, as
     * {@link #batches(Gen)} draws them}
     */
    public static Gen<Batch> batches() {
        return batches(trainingPolicies());
    }

    /**
     * Batches under these policies, as a batch job asks: one to six members with distinct ids (some
     * of them beyond ASCII or beyond Latin-1) whose choices mostly concern the policy's purpose or a
     * broader one, and one to forty items they authored, named {@code item-1}, {@code item-2}, ...,
     * of categories the policy mostly allows, created around the instants that matter to the policy
     * and to their author (coming of age, item scopes, choices) and sometimes resumed next to a
     * choice. The policies' versions sometimes get an item scope at any instant, often one that is
     * not a whole microsecond, second or hour, or far from the window, and a policy sometimes gets a
     * first version {@code v0} in force since long before the span ConsentKit stores. {@code asOf} is
     * often on or next to an instant that matters, or after the creation of one item or of every
     * item, sometimes anywhere in the window and sometimes far from it ({@link #farInstants()}); in
     * about four batches of ten a {@code knownAt} is chosen the same way.
     *
     * @param policies the training policies a batch's policy is drawn from, before item scopes and an
     *     early first version are added
     * @return a generator of batches, each a set of questions the policy answers at one instant
     */
    public static Gen<Batch> batches(Gen<TrainingPolicy> policies) {
        Objects.requireNonNull(policies, "policies");
        Gen<TrainingPolicy> batchPolicies = withItemScopesAndEarlyStarts(policies);
        Gen<Integer> itemCounts = Generate.frequency(Pair.of(1, Generate.range(1, 3)), Pair.of(3, Generate.range(4, 40)));
        return in -> {
            TrainingPolicy policy = batchPolicies.generate(in);
            List<Member> members = new ArrayList<>();
            for (String id : memberIds().generate(in)) {
                members.add(members(id, policy.purpose()).generate(in));
            }
            Gen<Member> authors = Generate.pick(members);
            Gen<DataCategory> categories = categoriesAround(policy);
            int count = itemCounts.generate(in);
            List<ContentItem> items = new ArrayList<>(count);
            for (int i = 1; i <= count; i++) {
                Member author = authors.generate(in);
                ContentItem drawn = contentItems(author.id(), categories, creationsInBatch(policy, author)).generate(in);
                items.add(ContentItem.of("item-" + i, drawn.authorId(), drawn.category(), drawn.createdAt(),
                        drawn.deletedAt().orElse(null), drawn.reservations())
                        .withResumedAt(resumptionsAround(author, drawn).generate(in).orElse(null)));
            }
            Gen<Instant> moments = in2 -> momentsOf(policy, authors.generate(in2), Generate.pick(items).generate(in2))
                    .generate(in2);
            Gen<Instant> afterCreation = in2 -> plus(Generate.pick(items).generate(in2).createdAt(),
                    nonNegativeDurations().generate(in2));
            Instant lastCreation = items.stream().map(ContentItem::createdAt).max(Comparator.naturalOrder()).orElseThrow();
            Gen<Instant> afterEveryCreation = nonNegativeDurations().map(age -> plus(lastCreation, age));
            Instant asOf = Generate.frequency(Pair.of(3, moments), Pair.of(2, afterCreation),
                    Pair.of(3, afterEveryCreation), Pair.of(1, instants()), Pair.of(1, farInstants())).generate(in);
            Instant knownAt = sometimes(40, Generate.frequency(Pair.of(4, moments), Pair.of(1, farInstants())))
                    .generate(in).orElse(null);
            return Batch.of(policy, members, items, asOf, knownAt);
        };
    }

    // ---------------------------------------------------------------- around a policy

    /** Categories a policy allows or never allows, categories under them, and any other category. */
    static Gen<DataCategory> categoriesAround(TrainingPolicy policy) {
        Set<DataCategory> allowed = new LinkedHashSet<>();
        Set<DataCategory> neverAllowed = new LinkedHashSet<>();
        for (PolicyVersion version : policy.versions()) {
            allowed.addAll(version.allowedCategories());
            neverAllowed.addAll(version.neverAllowedCategories());
        }
        List<Pair<Integer, Gen<DataCategory>>> choices = new ArrayList<>();
        choices.add(Pair.of(1, dataCategories()));
        if (!allowed.isEmpty()) {
            choices.add(Pair.of(3, Generate.pick(List.copyOf(allowed))));
            choices.add(Pair.of(1, under(Generate.pick(List.copyOf(allowed)))));
        }
        if (!neverAllowed.isEmpty()) {
            choices.add(Pair.of(1, Generate.pick(List.copyOf(neverAllowed))));
        }
        return Generate.frequency(choices);
    }

    /**
     * The item's resumption as drawn, or, in about one in five, one on or next to one of the member's
     * choices (where a per-member item scope starts) that is not before the creation.
     */
    static Gen<Optional<Instant>> resumptionsAround(Member member, ContentItem item) {
        List<Instant> choices = member.consent().events().stream().map(ConsentEvent::effectiveAt)
                .filter(at -> !at.isBefore(item.createdAt())).collect(Collectors.toUnmodifiableList());
        if (choices.isEmpty()) {
            return Generate.constant(item.resumedAt());
        }
        Gen<Optional<Instant>> nearChoice = nudged(Generate.pick(choices)).map(ConsentGenerators::stored)
                .map(at -> at.isBefore(item.createdAt()) ? Optional.<Instant>empty() : Optional.of(at));
        return Generate.frequency(Pair.of(4, Generate.constant(item.resumedAt())), Pair.of(1, nearChoice));
    }

    /**
     * Instants in the window, and, nudged, the UTC midnights on which the member comes of age under a
     * version and the member's choices (where a per-member item scope starts).
     */
    static Gen<Instant> creationsAround(TrainingPolicy policy, Member member) {
        LocalDate born = member.birthDate().orElse(null);
        List<Instant> edges = Stream.concat(born == null ? Stream.<Instant>empty() : policy.versions().stream()
                .map(version -> utcMidnight(Invariants.comingOfAge(born, version))),
                        member.consent().events().stream().map(ConsentEvent::effectiveAt))
                .distinct()
                .collect(Collectors.toUnmodifiableList());
        if (edges.isEmpty()) {
            return instants();
        }
        return Generate.frequency(Pair.of(4, instants()), Pair.of(1, nudged(Generate.pick(edges))));
    }

    /** Instants in the window, and instants on or next to one that matters to this policy, member or item. */
    static Gen<Instant> momentsOf(TrainingPolicy policy, Member member, ContentItem item) {
        return Generate.frequency(Pair.of(2, instants()), Pair.of(3, nudged(Generate.pick(instantsOf(policy, member, item)))));
    }

    /** The instants at which something about this decision changes. */
    static List<Instant> instantsOf(TrainingPolicy policy, Member member, ContentItem item) {
        Set<Instant> instants = new LinkedHashSet<>();
        for (PolicyVersion version : policy.versions()) {
            instants.add(version.effectiveFrom());
            version.itemsCreatedFrom().ifPresent(instants::add);
            member.birthDate().ifPresent(born -> instants.add(utcMidnight(Invariants.comingOfAge(born, version))));
        }
        instants.add(item.createdAt());
        item.deletedAt().ifPresent(instants::add);
        item.resumedAt().ifPresent(instants::add);
        item.reservations().forEach(r -> instants.add(r.effectiveFrom()));
        for (AccountClosure closure : member.closures()) {
            instants.add(closure.closedAt());
            closure.reopenedAt().ifPresent(instants::add);
        }
        member.jurisdictions().residences().stream().map(Residence::from).filter(from -> !from.equals(Instant.MIN))
                .forEach(instants::add);
        for (ConsentEvent event : member.consent().events()) {
            instants.add(event.effectiveAt());
            instants.add(event.recordedAt());
        }
        return List.copyOf(instants);
    }

    /**
     * These policies, whose versions sometimes get an item scope at any instant, often one that is not
     * a whole microsecond, second or hour, or far from the window; and sometimes a first version
     * {@code v0} in force since long before the span of stored instants, when that is before every
     * version and the id is free.
     */
    private static Gen<TrainingPolicy> withItemScopesAndEarlyStarts(Gen<TrainingPolicy> policies) {
        Gen<Optional<Instant>> scopes = sometimes(30, Generate.frequency(
                Pair.of(2, instants()),
                Pair.of(3, nudged(instants()).map(at -> at.plusNanos(1))),
                Pair.of(1, farInstants())));
        Gen<Optional<Instant>> earlyStarts = sometimes(15,
                Generate.pick(List.of(Instant.MIN, Instant.parse("1600-01-01T00:00:00Z"), FIRST_NANOS)));
        return in -> {
            TrainingPolicy policy = policies.generate(in);
            TrainingPolicy.Builder builder = TrainingPolicy.builder(policy.id(), policy.purpose());
            for (PolicyVersion version : policy.versions()) {
                Optional<Instant> scope = scopes.generate(in);
                builder.version(scope.isEmpty() ? version
                        : version.toBuilder(version.id(), version.effectiveFrom()).itemsCreatedFrom(scope.get()).build());
            }
            Optional<Instant> earlyStart = earlyStarts.generate(in);
            // A first version: before every other, under an id none of them has.
            if (earlyStart.isPresent() && policy.versions().stream()
                    .allMatch(v -> v.effectiveFrom().isAfter(earlyStart.get()) && !v.id().equals("v0"))) {
                builder.version(policyVersions().generate(in).toBuilder("v0", earlyStart.get()).build());
            }
            return builder.build();
        };
    }

    /** One to six distinct member ids, some of them with characters beyond ASCII or beyond Latin-1. */
    private static Gen<List<String>> memberIds() {
        return in -> {
            int count = Generate.range(1, 6).generate(in);
            List<String> ids = new ArrayList<>(count);
            for (int i = 1; i <= count; i++) {
                ids.add(Generate.pick(ID_STEMS).generate(in) + i);
            }
            return ids;
        };
    }

    /**
     * Creation instants as {@link #creationsAround}, and on or next to the start of a version's item
     * scope inside the window.
     */
    private static Gen<Instant> creationsInBatch(TrainingPolicy policy, Member author) {
        List<Instant> scopes = policy.versions().stream().flatMap(version -> version.itemsCreatedFrom().stream())
                .filter(from -> !from.isBefore(WINDOW_START) && from.isBefore(WINDOW_END))
                .collect(Collectors.toUnmodifiableList());
        if (scopes.isEmpty()) {
            return creationsAround(policy, author);
        }
        return Generate.frequency(Pair.of(4, creationsAround(policy, author)), Pair.of(1, nudged(Generate.pick(scopes))));
    }

    /** The purpose a policy governs and every broader one: the purposes whose choices count for it. */
    static List<Purpose> coveringPurposes(Purpose governed) {
        return governed.coveringPurposes();
    }

    // ---------------------------------------------------------------- building blocks

    /** How much later than recorded a source may state a choice, within the default clock-skew tolerance. */
    static Gen<Duration> clockSkews() {
        return Generate.frequency(
                Pair.of(1, Generate.constant(Duration.ofNanos(1))),
                Pair.of(1, Generate.constant(Duration.ofSeconds(5))),
                Pair.of(3, Generate.longRange(1, 5_000_000_000L).map(Duration::ofNanos)));
    }

    /** How long after a choice the platform recorded it: often at once, sometimes seconds or months later. */
    static Gen<Duration> recordingLags() {
        return Generate.frequency(
                Pair.of(3, Generate.constant(Duration.ZERO)),
                Pair.of(2, Generate.range(1, 59).map(seconds -> Duration.ofSeconds(seconds))),
                Pair.of(2, Generate.range(1, 400).map(days -> Duration.ofDays(days))));
    }

    /** Positive durations from a nanosecond to a few years, to step strictly away from an instant. */
    static Gen<Duration> positiveDurations() {
        return Generate.frequency(
                Pair.of(2, Generate.pick(List.of(Duration.ofNanos(1), Duration.ofSeconds(1), Duration.ofDays(1)))),
                Pair.of(3, Generate.range(1, 1500).map(days -> Duration.ofDays(days))),
                Pair.of(1, Generate.longRange(1, 86_400_000_000_000L).map(nanos -> Duration.ofNanos(nanos))));
    }

    /** Durations of zero or more. */
    static Gen<Duration> nonNegativeDurations() {
        return Generate.frequency(Pair.of(1, Generate.constant(Duration.ZERO)), Pair.of(3, positiveDurations()));
    }

    /** Present in about {@code percentPresent} percent of the values. */
    static <T> Gen<Optional<T>> sometimes(int percentPresent, Gen<T> values) {
        return Generate.frequency(
                Pair.of(100 - percentPresent, Generate.constant(Optional.<T>empty())),
                Pair.of(percentPresent, values.map(value -> Optional.of(value))));
    }

    /**
     * {@code instant}, held within the span every instant a ConsentKit value holds lies in
     * ({@link StoredSpan}): for instants computed from a question's instant
     * that a value will keep.
     */
    static Instant stored(Instant instant) {
        return instant.isBefore(StoredSpan.FIRST) ? StoredSpan.FIRST
                : instant.isAfter(StoredSpan.LAST) ? StoredSpan.LAST : instant;
    }

    /** {@code instant + duration}, held at {@link Instant#MIN} or {@link Instant#MAX} instead of overflowing. */
    static Instant plus(Instant instant, Duration duration) {
        try {
            return instant.plus(duration);
        } catch (DateTimeException | ArithmeticException beyondTheEndsOfTime) {
            return duration.isNegative() ? Instant.MIN : Instant.MAX;
        }
    }

    static Instant utcMidnight(LocalDate date) {
        return date.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private static Gen<LocalDate> datesBetween(LocalDate first, LocalDate last) {
        return Generate.longRange(first.toEpochDay(), last.toEpochDay()).map(day -> LocalDate.ofEpochDay(day));
    }

    /** A category one level under each generated category, or the category itself when its key is already as long as keys get. */
    private static Gen<DataCategory> under(Gen<DataCategory> categories) {
        return categories.zip(Generate.pick(SUB_SEGMENTS), (parent, segment) -> {
            String key = parent.key() + "." + segment;
            return key.length() > MAX_KEY_LENGTH ? parent : DataCategory.of(key);
        });
    }

    private static JurisdictionTimeline timeline(@Nullable Residence first, List<Residence> later) {
        // Residences must start at distinct instants: of two moves at the same instant keep the first.
        Map<Instant, Residence> byStart = new LinkedHashMap<>();
        if (first != null) {
            byStart.put(first.from(), first);
        }
        later.forEach(residence -> byStart.putIfAbsent(residence.from(), residence));
        return JurisdictionTimeline.of(List.copyOf(byStart.values()));
    }

    /** Rules for a group, country or subdivision: excluded, or under one of {@code bases}. */
    private static Gen<JurisdictionRule> jurisdictionRules(Gen<LegalBasis> bases) {
        return ruleJurisdictions().zip(sometimes(70, bases),
                (jurisdiction, basis) -> new JurisdictionRule(jurisdiction, basis.orElse(null)));
    }

    /** What a version may allow: one to three categories, or, rarely, none (then nothing is covered). */
    private static Gen<List<DataCategory>> allowedCategoryLists() {
        Gen<Integer> sizes = Generate.frequency(Pair.of(1, Generate.constant(0)), Pair.of(6, Generate.range(1, 3)));
        return SourceDSL.lists().of(Generate.pick(USUALLY_ALLOWED)).ofSizes(sizes);
    }

    /**
     * What a version may never allow: mostly private messages, and categories some programs exclude,
     * some of them inside an allowed category ({@code content.group} inside {@code content}).
     */
    private static Gen<List<DataCategory>> neverAllowedCategoryLists() {
        Gen<DataCategory> neverAllowed = Generate.frequency(
                Pair.of(3, Generate.constant(DataCategory.PRIVATE_MESSAGES)), Pair.of(2, Generate.pick(USUALLY_NEVER_ALLOWED)));
        return SourceDSL.lists().of(neverAllowed).ofSizeBetween(0, 2);
    }

    /**
     * Versions with this id and start: a default from {@code bases} (or excluded by default), up to three
     * rules excluding a jurisdiction or giving it one of {@code bases}, these allowed and never-allowed
     * categories, a minimum age, what an unknown age means, sometimes an item scope, and in about one in
     * four items counted only from the member's own choice.
     */
    private static Gen<PolicyVersion> policyVersion(String id, Instant effectiveFrom, Gen<LegalBasis> bases,
            Gen<List<DataCategory>> allowed, Gen<List<DataCategory>> neverAllowed) {
        return in -> {
            PolicyVersion.Builder version = PolicyVersion.builder(id, effectiveFrom);
            Optional<LegalBasis> defaultBasis = sometimes(85, bases).generate(in);
            if (defaultBasis.isPresent()) {
                version.defaultBasis(defaultBasis.get());
            } else {
                version.excludedByDefault();
            }
            Set<Jurisdiction> ruled = new LinkedHashSet<>();
            for (JurisdictionRule rule : SourceDSL.lists().of(jurisdictionRules(bases)).ofSizeBetween(0, 3).generate(in)) {
                if (ruled.add(rule.jurisdiction())) {
                    version.rule(rule);
                }
            }
            return version
                    .allow(allowed.generate(in).toArray(new DataCategory[0]))
                    .neverAllow(neverAllowed.generate(in).toArray(new DataCategory[0]))
                    .minimumAge(Generate.pick(MINIMUM_AGES).generate(in))
                    .unknownAge(unknownAges().generate(in))
                    .leapDayBirthday(Generate.enumValues(LeapDayBirthday.class).generate(in))
                    .gpcSignalsObject(Generate.booleans().generate(in))
                    .itemsCreatedFrom(sometimes(20, instants()).generate(in).orElse(null))
                    .itemsFromMembersChoice(oneInFour(in))
                    .build();
        };
    }

    /** True about one time in four: two draws of a coin, the second only when the first came up true. */
    private static boolean oneInFour(RandomnessSource in) {
        boolean first = Generate.booleans().generate(in);
        return first && Generate.booleans().generate(in);
    }

    private static long utcDay(Instant instant) {
        return Math.floorDiv(instant.getEpochSecond(), 86_400L);
    }

    private static List<Jurisdiction> codes(String... codes) {
        return Stream.of(codes).map(Jurisdiction::of).collect(Collectors.toUnmodifiableList());
    }
}
