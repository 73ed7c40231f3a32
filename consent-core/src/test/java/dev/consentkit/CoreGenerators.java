package dev.consentkit;

import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.consentkit.batch.BatchEvaluator;
import dev.consentkit.batch.MemberStore;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** QuickTheories generators for every core type, always valid and drawn so that every {@link Reason} is reachable. */
// Public for the batch tests in another package; the test module exports nothing, so the lint about
// exposing QuickTheories types does not apply.
@SuppressWarnings("exports")
public final class CoreGenerators {

    /** The start of the window most generated instants fall in. */
    public static final Instant WINDOW_START = Instant.parse("2023-01-01T00:00:00Z");
    /** The last second of that window. */
    public static final Instant WINDOW_END = Instant.parse("2027-12-31T23:59:59Z");
    /** The id of the member every scenario is about. */
    static final String MEMBER_ID = "m-1";

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

    private CoreGenerators() {}

    // ---- time ----

    /**
     * Instants in 2023..2027: any second, any nanosecond, UTC midnights, and anchors (with their
     * neighbours one nanosecond or one second away) often enough to produce ties.
     */
    public static Gen<Instant> instants() {
        Gen<Instant> seconds = longs().between(WINDOW_START.getEpochSecond(), WINDOW_END.getEpochSecond())
                .map(second -> Instant.ofEpochSecond(second));
        Gen<Instant> midnights = longs().between(utcDay(WINDOW_START), utcDay(WINDOW_END))
                .map(day -> LocalDate.ofEpochDay(day).atStartOfDay(ZoneOffset.UTC).toInstant());
        return Generate.frequency(
                Pair.of(3, seconds),
                Pair.of(1, seconds.zip(Generate.range(1, 999_999_999), (second, nanos) -> second.plusNanos(nanos))),
                Pair.of(2, midnights),
                Pair.of(3, anchors()),
                Pair.of(1, nudged(anchors())));
    }

    /** The anchor instants: program start dates and calendar edges such as 29 February. */
    public static Gen<Instant> anchors() {
        return Generate.pick(ANCHORS);
    }

    /**
     * {@code instants}, sometimes moved one nanosecond or one second either way; {@link Instant#MIN}
     * and {@link Instant#MAX} stay where they are when the move would leave the range of {@link Instant}.
     */
    public static Gen<Instant> nudged(Gen<Instant> instants) {
        return instants.zip(Generate.pick(NUDGES), (instant, nudge) -> {
            try {
                return instant.plus(nudge);
            } catch (DateTimeException beyondTheEndsOfTime) {
                return instant;
            }
        });
    }

    /** How long after a choice the platform recorded it: often at once, sometimes seconds or months later. */
    public static Gen<Duration> recordingLags() {
        return Generate.frequency(
                Pair.of(3, Generate.constant(Duration.ZERO)),
                Pair.of(2, Generate.range(1, 59).map(seconds -> Duration.ofSeconds(seconds))),
                Pair.of(2, Generate.range(1, 400).map(days -> Duration.ofDays(days))));
    }

    /** Positive durations from a nanosecond to a few years, to step strictly away from an instant. */
    public static Gen<Duration> positiveDurations() {
        return Generate.frequency(
                Pair.of(2, Generate.pick(List.of(Duration.ofNanos(1), Duration.ofSeconds(1), Duration.ofDays(1)))),
                Pair.of(3, Generate.range(1, 1500).map(days -> Duration.ofDays(days))),
                Pair.of(1, longs().between(1, 86_400_000_000_000L).map(nanos -> Duration.ofNanos(nanos))));
    }

    /** Durations of zero or more. */
    public static Gen<Duration> nonNegativeDurations() {
        return Generate.frequency(Pair.of(1, Generate.constant(Duration.ZERO)), Pair.of(3, positiveDurations()));
    }

    // ---- keys ----

    /**
     * Data categories: the built-in constants, keys under them ({@code content.public.video}), and
     * keys of the platform's own ({@code custom.notes}).
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

    /** A category one level under each generated category. */
    public static Gen<DataCategory> under(Gen<DataCategory> categories) {
        return categories.zip(Generate.pick(SUB_SEGMENTS), (parent, segment) -> DataCategory.of(parent.key() + "." + segment));
    }

    /** Purposes: {@code ai-training}, {@code ai-training.generative}, siblings, a child and an unrelated one. */
    public static Gen<Purpose> purposes() {
        return Generate.pick(PURPOSES);
    }

    /** The purpose a policy governs and every broader one: the purposes whose choices count for it. */
    public static List<Purpose> coveringPurposes(Purpose governed) {
        return governed.coveringPurposes();
    }

    /** Purposes for choices of a member under a policy for {@code governed}: mostly ones that count for it. */
    public static Gen<Purpose> purposesAround(Purpose governed) {
        return Generate.frequency(Pair.of(3, Generate.pick(coveringPurposes(governed))), Pair.of(2, purposes()));
    }

    // ---- places ----

    /** Where a member can be: EU members, the EEA-only IS, LI and NO, CH, GB, US, US-CA and subdivisions such as FR-75. */
    public static Gen<Jurisdiction> places() {
        return Generate.frequency(
                Pair.of(2, Generate.pick(EU_MEMBERS)),
                Pair.of(1, Generate.pick(EEA_ONLY)),
                Pair.of(4, Generate.pick(RULED_PLACES)));
    }

    /** What a jurisdiction rule can name: the groups EU and EEA, countries and subdivisions. */
    public static Gen<Jurisdiction> ruleJurisdictions() {
        return Generate.pick(RULE_JURISDICTIONS);
    }

    /** Any jurisdiction, place or group. */
    public static Gen<Jurisdiction> jurisdictions() {
        return Generate.frequency(Pair.of(3, places()), Pair.of(1, ruleJurisdictions()));
    }

    // ---- enums ----

    /** Legal bases, legitimate interests and consent more often than the rest. */
    public static Gen<LegalBasis> legalBases() {
        return Generate.frequency(
                Pair.of(3, Generate.constant(LegalBasis.LEGITIMATE_INTERESTS)),
                Pair.of(1, Generate.constant(LegalBasis.CONSENT)),
                Pair.of(2, arbitrary().enumValues(LegalBasis.class)));
    }

    public static Gen<ConsentChoice> consentChoices() {
        return arbitrary().enumValues(ConsentChoice.class);
    }

    public static Gen<ConsentChannel> consentChannels() {
        return arbitrary().enumValues(ConsentChannel.class);
    }

    // ---- consent ----

    /** Consent events about any purpose at any instant. */
    public static Gen<ConsentEvent> consentEvents() {
        return consentEvents(purposes(), instants());
    }

    /**
     * Consent events about these purposes, effective at these instants; recorded then or later, or, one
     * in twelve, counted from when they were recorded though stated up to five seconds later.
     */
    public static Gen<ConsentEvent> consentEvents(Gen<Purpose> purposes, Gen<Instant> effectiveAts) {
        Gen<Boolean> skewed = Generate.frequency(Pair.of(11, Generate.constant(false)), Pair.of(1, Generate.constant(true)));
        Gen<Long> skewNanos = Generate.longRange(1, 5_000_000_000L);
        return in -> {
            Instant effectiveAt = effectiveAts.generate(in);
            if (skewed.generate(in)) {
                Instant stated = effectiveAt.plusNanos(skewNanos.generate(in));
                if (StoredSpan.contains(stated)) {
                    return ConsentEvent.effectiveWhenRecorded("e-" + Generate.range(1, 9).generate(in), purposes.generate(in),
                            consentChoices().generate(in), stated, effectiveAt, consentChannels().generate(in));
                }
            }
            return new ConsentEvent("e-" + Generate.range(1, 9).generate(in), purposes.generate(in),
                    consentChoices().generate(in), effectiveAt, effectiveAt.plus(recordingLags().generate(in)),
                    consentChannels().generate(in));
        };
    }

    /**
     * Events renamed {@code e-1}, {@code e-2}, ... so that they form a valid history: mostly up to
     * seven, sometimes up to forty, more than the lookup walks back through before it searches.
     */
    public static Gen<List<ConsentEvent>> consentEventLists(Gen<ConsentEvent> events) {
        Gen<Integer> sizes = Generate.frequency(
                Pair.of(2, Generate.constant(0)),
                Pair.of(5, Generate.range(1, 3)),
                Pair.of(2, Generate.range(4, 7)),
                Pair.of(1, Generate.range(17, 40)));
        return lists().of(events).ofSizes(sizes).map(list -> withDistinctIds(list));
    }

    public static Gen<ConsentHistory> consentHistories() {
        return consentHistories(consentEvents());
    }

    public static Gen<ConsentHistory> consentHistories(Gen<ConsentEvent> events) {
        return consentEventLists(events).map(list -> ConsentHistory.of(list));
    }

    /** The same event under another id. */
    public static ConsentEvent withId(ConsentEvent event, String id) {
        return new ConsentEvent(id, event.purpose(), event.choice(), event.effectiveAt(), event.recordedAt(),
                event.channel(), event.statedEffectiveAt());
    }

    private static List<ConsentEvent> withDistinctIds(List<ConsentEvent> events) {
        List<ConsentEvent> renamed = new ArrayList<>(events.size());
        for (ConsentEvent event : events) {
            renamed.add(withId(event, "e-" + (renamed.size() + 1)));
        }
        return renamed;
    }

    // ---- members ----

    /** Residences: as far back as known, or from an instant. */
    public static Gen<Residence> residences() {
        return Generate.frequency(
                Pair.of(2, places().map(place -> Residence.always(place))),
                Pair.of(3, instants().zip(places(), (from, place) -> new Residence(from, place))));
    }

    /**
     * Jurisdiction timelines: unknown, one place always, a place and then moves, or only moves (so the
     * jurisdiction is unknown before the first).
     */
    public static Gen<JurisdictionTimeline> jurisdictionTimelines() {
        Gen<List<Residence>> moves = lists().of(instants().zip(places(), (from, place) -> new Residence(from, place)))
                .ofSizeBetween(1, 2);
        return Generate.frequency(
                Pair.of(1, Generate.constant(JurisdictionTimeline.unknown())),
                Pair.of(6, places().map(place -> JurisdictionTimeline.always(place))),
                Pair.of(3, places().zip(moves, (first, later) -> timeline(Residence.always(first), later))),
                Pair.of(1, moves.map(later -> timeline(null, later))));
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

    /**
     * Birth dates: adults throughout the window, members who come of age (at 13, 16, 18 or 21) inside
     * it, and 29 February births.
     */
    public static Gen<LocalDate> birthDates() {
        return Generate.frequency(
                Pair.of(5, datesBetween(LocalDate.of(1940, 1, 1), LocalDate.of(2000, 12, 31))),
                Pair.of(2, datesBetween(LocalDate.of(2002, 1, 1), LocalDate.of(2014, 12, 31))),
                Pair.of(1, Generate.pick(List.of(1996, 2000, 2004, 2008, 2012)).map(year -> LocalDate.of(year, 2, 29))));
    }

    public static Gen<LocalDate> datesBetween(LocalDate first, LocalDate last) {
        return longs().between(first.toEpochDay(), last.toEpochDay()).map(day -> LocalDate.ofEpochDay(day));
    }

    /**
     * Account closures: mostly none, sometimes one that stays closed, sometimes closures with
     * reopenings (up to three, the last perhaps still closed), ends often on instants that tie.
     */
    public static Gen<List<AccountClosure>> accountClosures() {
        return in -> {
            int kind = Generate.range(0, 99).generate(in);
            if (kind < 85) {
                return List.of();
            }
            if (kind < 92) {
                return List.of(AccountClosure.from(instants().generate(in)));
            }
            TreeSet<Instant> ends = new TreeSet<>(lists().of(instants()).ofSizeBetween(2, 6).generate(in));
            List<Instant> sorted = new ArrayList<>(ends);
            List<AccountClosure> closures = new ArrayList<>();
            for (int i = 0; i < sorted.size(); i += 2) {
                closures.add(new AccountClosure(sorted.get(i), i + 1 < sorted.size() ? sorted.get(i + 1) : null));
            }
            return closures;
        };
    }

    /**
     * Members with this id, with or without a birth date and account closures (closed once, or closed
     * and reopened), and any consent history.
     */
    public static Gen<Member> members(String id) {
        return members(id, consentHistories());
    }

    public static Gen<Member> members(String id, Gen<ConsentHistory> histories) {
        return in -> Member.builder(id)
                .birthDate(sometimes(90, birthDates()).generate(in).orElse(null))
                .jurisdictions(jurisdictionTimelines().generate(in))
                .closures(accountClosures().generate(in))
                .consent(histories.generate(in))
                .build();
    }

    // ---- items ----

    public static Gen<Reservation> reservations() {
        return arbitrary().enumValues(ReservationSource.class).zip(instants(), (source, from) -> new Reservation(source, from));
    }

    /** Items of any category authored by {@code authorId}. */
    public static Gen<ContentItem> contentItems(String authorId) {
        return contentItems(authorId, dataCategories());
    }

    /** Items of these categories authored by {@code authorId}, sometimes deleted, sometimes reserved. */
    public static Gen<ContentItem> contentItems(String authorId, Gen<DataCategory> categories) {
        return contentItems(authorId, categories, instants());
    }

    /**
     * Items of these categories created at these instants by {@code authorId}, sometimes deleted,
     * sometimes reserved, sometimes resumed.
     */
    public static Gen<ContentItem> contentItems(String authorId, Gen<DataCategory> categories, Gen<Instant> createdAts) {
        Gen<Integer> reservationCounts = Generate.frequency(
                Pair.of(9, Generate.constant(0)), Pair.of(1, Generate.range(1, 2)));
        return in -> {
            Instant createdAt = createdAts.generate(in);
            Optional<Duration> lifetime = sometimes(15, nonNegativeDurations()).generate(in);
            Optional<Duration> untilResumed = sometimes(25, nonNegativeDurations()).generate(in);
            return ContentItem.of("item-" + Generate.range(1, 3).generate(in), authorId, categories.generate(in),
                    createdAt, lifetime.map(age -> createdAt.plus(age)).orElse(null),
                    lists().of(reservations()).ofSizes(reservationCounts).generate(in))
                    .withResumedAt(untilResumed.map(age -> createdAt.plus(age)).orElse(null));
        };
    }

    // ---- policies ----

    public static Gen<JurisdictionRule> jurisdictionRules() {
        return jurisdictionRules(legalBases());
    }

    /** Rules for a group, country or subdivision: excluded, or under one of {@code bases}. */
    public static Gen<JurisdictionRule> jurisdictionRules(Gen<LegalBasis> bases) {
        return ruleJurisdictions().zip(sometimes(70, bases),
                (jurisdiction, basis) -> new JurisdictionRule(jurisdiction, basis.orElse(null)));
    }

    /** Versions with any rules and categories, effective from an instant in the window. */
    public static Gen<PolicyVersion> policyVersions() {
        return instants().flatMap(from -> policyVersions("v1", from, legalBases(), allowedCategoryLists(),
                neverAllowedCategoryLists()));
    }

    /** What a version may allow: one to three categories, or, rarely, none (then nothing is covered). */
    public static Gen<List<DataCategory>> allowedCategoryLists() {
        Gen<Integer> sizes = Generate.frequency(Pair.of(1, Generate.constant(0)), Pair.of(6, Generate.range(1, 3)));
        return lists().of(Generate.pick(USUALLY_ALLOWED)).ofSizes(sizes);
    }

    /**
     * What a version may never allow: mostly private messages, and categories some programs exclude,
     * some of them inside an allowed category ({@code content.group} inside {@code content}).
     */
    public static Gen<List<DataCategory>> neverAllowedCategoryLists() {
        Gen<DataCategory> neverAllowed = Generate.frequency(
                Pair.of(3, Generate.constant(DataCategory.PRIVATE_MESSAGES)), Pair.of(2, Generate.pick(USUALLY_NEVER_ALLOWED)));
        return lists().of(neverAllowed).ofSizeBetween(0, 2);
    }

    /**
     * Versions with this id and start: a default from {@code bases} (or excluded by default), up to
     * three rules excluding a jurisdiction or giving it one of {@code bases}, these allowed and
     * never-allowed categories, a minimum age, what an unknown age means, sometimes an item scope, and
     * sometimes items counted only from the member's own choice.
     */
    public static Gen<PolicyVersion> policyVersions(String id, Instant effectiveFrom, Gen<LegalBasis> bases,
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
            for (JurisdictionRule rule : lists().of(jurisdictionRules(bases)).ofSizeBetween(0, 3).generate(in)) {
                if (ruled.add(rule.jurisdiction())) {
                    version.rule(rule);
                }
            }
            return version
                    .allow(allowed.generate(in).toArray(new DataCategory[0]))
                    .neverAllow(neverAllowed.generate(in).toArray(new DataCategory[0]))
                    .minimumAge(Generate.pick(List.of(0, 13, 16, 18, 18, 21)).generate(in))
                    .unknownAge(Generate.frequency(Pair.of(3, Generate.constant(UnknownAge.DENY)),
                            Pair.of(1, Generate.constant(UnknownAge.TREAT_AS_ADULT))).generate(in))
                    .leapDayBirthday(Generate.enumValues(LeapDayBirthday.class).generate(in))
                    .gpcSignalsObject(Generate.booleans().generate(in))
                    .itemsCreatedFrom(sometimes(20, instants()).generate(in).orElse(null))
                    .itemsFromMembersChoice(Generate.booleans().generate(in) && Generate.booleans().generate(in))
                    .build();
        };
    }

    public static Gen<TrainingPolicy> trainingPolicies() {
        return trainingPolicies(legalBases());
    }

    /**
     * Policies for one of {@link #purposes()} with one to four versions at distinct instants, named
     * {@code v1}, {@code v2}, ... in order, whose defaults and rules use {@code bases}. As in real
     * programs, versions mostly keep the policy's categories and change the rest.
     */
    public static Gen<TrainingPolicy> trainingPolicies(Gen<LegalBasis> bases) {
        // The first version often starts with the window, so that most instants have a version in force.
        Gen<Instant> firstStarts = Generate.frequency(Pair.of(3, Generate.constant(WINDOW_START)), Pair.of(2, instants()));
        return in -> {
            SortedSet<Instant> starts = new TreeSet<>();
            starts.add(firstStarts.generate(in));
            starts.addAll(lists().of(instants()).ofSizeBetween(0, 3).generate(in));
            List<DataCategory> palette = lists().of(Generate.pick(USUALLY_ALLOWED)).ofSizeBetween(1, 3).generate(in);
            Gen<List<DataCategory>> allowed = Generate.frequency(
                    Pair.of(4, Generate.constant(palette)), Pair.of(1, allowedCategoryLists()));
            Gen<List<DataCategory>> neverAllowed = Generate.frequency(
                    Pair.of(4, Generate.constant(neverAllowedCategoryLists().generate(in))),
                    Pair.of(1, neverAllowedCategoryLists()));
            TrainingPolicy.Builder policy = TrainingPolicy.builder("policy-1", purposes().generate(in));
            int n = 0;
            for (Instant start : starts) {
                n++;
                policy.version(policyVersions("v" + n, start, bases, allowed, neverAllowed).generate(in));
            }
            return policy.build();
        };
    }

    // ---- scenarios ----

    /** One question to the engine: may {@code item} of {@code member} train under {@code policy} at {@code asOf}? */
    public record Scenario(TrainingPolicy policy, Member member, ContentItem item, Instant asOf, Instant knownAt) {

        Scenario withPolicy(TrainingPolicy newPolicy) {
            return new Scenario(newPolicy, member, item, asOf, knownAt);
        }

        Scenario withMember(Member newMember) {
            return new Scenario(policy, newMember, item, asOf, knownAt);
        }

        Scenario withItem(ContentItem newItem) {
            return new Scenario(policy, member, newItem, asOf, knownAt);
        }

        Scenario withAsOf(Instant newAsOf) {
            return new Scenario(policy, member, item, newAsOf, knownAt);
        }

        /** The version in force at {@code asOf}, if any. */
        Optional<PolicyVersion> version() {
            return policy.versionAt(asOf);
        }

        Decision evaluate() {
            return policy.evaluate(item, member, asOf);
        }

        /** The decision as the platform could have made it at {@code knownAt}. */
        Decision replay() {
            return policy.asKnownAt(knownAt).evaluate(item, member, asOf);
        }

        boolean isTrainable() {
            return policy.isTrainable(item, member, asOf);
        }

        /** Every value, so that a counterexample can be rebuilt by hand. */
        @Override
        public String toString() {
            StringBuilder s = new StringBuilder("\n  policy ").append(policy.id()).append(" for ").append(policy.purpose());
            policy.versions().forEach(v -> s.append("\n    ").append(describe(v)));
            s.append("\n  ").append(member).append(": ").append(member.consent());
            s.append("\n  ").append(item).append(" reservations ").append(item.reservations());
            return s.append("\n  asOf ").append(asOf).append(", knownAt ").append(knownAt).append('\n').toString();
        }
    }

    /** Scenarios under any policy. */
    public static Gen<Scenario> scenarios() {
        return scenarios(trainingPolicies());
    }

    /**
     * Scenarios under these policies: a member whose choices mostly concern the policy's purpose, an
     * item they authored whose category the policy mostly allows, an {@code asOf} often after the
     * item's creation, and {@code asOf} and {@code knownAt} often on (or a nanosecond or a second next
     * to) an instant that matters to the decision.
     */
    public static Gen<Scenario> scenarios(Gen<TrainingPolicy> policies) {
        return in -> {
            TrainingPolicy policy = policies.generate(in);
            Gen<ConsentEvent> choices = consentEvents(purposesAround(policy.purpose()), instants());
            Member member = members(MEMBER_ID, consentHistories(choices)).generate(in);
            ContentItem item = contentItems(member.id(), categoriesAround(policy), creationsAround(policy, member)).generate(in);
            Gen<Instant> moments = momentsOf(policy, member, item);
            Gen<Instant> afterCreation = nonNegativeDurations().map(age -> item.createdAt().plus(age));
            Instant asOf = Generate.frequency(Pair.of(1, moments), Pair.of(2, afterCreation)).generate(in);
            return new Scenario(policy, member, item, asOf, moments.generate(in));
        };
    }

    /**
     * The day a member born on {@code born} reaches the version's minimum age, worked out apart from
     * the engine: {@link LocalDate#plusYears}, which gives 28 February for a 29 February birthday in a
     * common year, moved to 1 March when the version reads such birthdays so.
     */
    public static LocalDate comingOfAge(LocalDate born, PolicyVersion version) {
        LocalDate anniversary = born.plusYears(version.minimumAge());
        boolean leapling = born.getMonthValue() == 2 && born.getDayOfMonth() == 29;
        return leapling && anniversary.getDayOfMonth() == 28 && version.leapDayBirthday() == LeapDayBirthday.MARCH_1
                ? anniversary.plusDays(1) : anniversary;
    }

    /** Instants in the window, and the UTC midnights in it on which the member comes of age under a version, nudged. */
    public static Gen<Instant> creationsAround(TrainingPolicy policy, Member member) {
        LocalDate born = member.birthDate().orElse(null);
        List<Instant> comingOfAge = born == null ? List.of() : policy.versions().stream()
                .map(version -> utcMidnight(comingOfAge(born, version)))
                .filter(midnight -> !midnight.isBefore(WINDOW_START) && midnight.isBefore(WINDOW_END))
                .collect(Collectors.toUnmodifiableList());
        if (comingOfAge.isEmpty()) {
            return instants();
        }
        return Generate.frequency(Pair.of(4, instants()), Pair.of(1, nudged(Generate.pick(comingOfAge))));
    }

    /** Categories a policy allows or never allows, categories under them, and any other category. */
    public static Gen<DataCategory> categoriesAround(TrainingPolicy policy) {
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

    /** Instants in the window, and instants on or next to one that matters to this policy, member or item. */
    public static Gen<Instant> momentsOf(TrainingPolicy policy, Member member, ContentItem item) {
        return Generate.frequency(Pair.of(2, instants()), Pair.of(3, nudged(Generate.pick(instantsOf(policy, member, item)))));
    }

    /** The instants at which something about this decision changes. */
    public static List<Instant> instantsOf(TrainingPolicy policy, Member member, ContentItem item) {
        Set<Instant> instants = new LinkedHashSet<>();
        for (PolicyVersion version : policy.versions()) {
            instants.add(version.effectiveFrom());
            version.itemsCreatedFrom().ifPresent(instants::add);
            member.birthDate().ifPresent(born -> instants.add(utcMidnight(comingOfAge(born, version))));
        }
        instants.add(item.createdAt());
        item.deletedAt().ifPresent(instants::add);
        item.reservations().forEach(r -> instants.add(r.effectiveFrom()));
        for (AccountClosure closure : member.closures()) {
            instants.add(closure.closedAt());
            closure.reopened().ifPresent(instants::add);
        }
        member.jurisdictions().residences().stream().map(Residence::from).filter(from -> !from.equals(Instant.MIN))
                .forEach(instants::add);
        for (ConsentEvent event : member.consent().events()) {
            instants.add(event.effectiveAt());
            instants.add(event.recordedAt());
        }
        return List.copyOf(instants);
    }

    // ---- batches ----

    // The first and last instants a long count of nanoseconds holds.
    private static final Instant FIRST_NANOS = Instant.EPOCH.plusNanos(Long.MIN_VALUE);
    private static final Instant LAST_NANOS = Instant.EPOCH.plusNanos(Long.MAX_VALUE);
    // The ends of time, centuries outside that span, and its edges with their neighbours.
    private static final List<Instant> FAR_INSTANTS = List.of(Instant.MIN, Instant.MAX,
            Instant.parse("-1000000-01-01T00:00:00Z"), Instant.parse("1600-01-01T00:00:00Z"),
            Instant.parse("2300-01-01T00:00:00Z"), Instant.parse("+1000000-01-01T00:00:00Z"),
            FIRST_NANOS, FIRST_NANOS.minusNanos(1), FIRST_NANOS.plusNanos(1), FIRST_NANOS.minusSeconds(1),
            FIRST_NANOS.plusSeconds(1), LAST_NANOS, LAST_NANOS.plusNanos(1), LAST_NANOS.minusNanos(1),
            LAST_NANOS.plusSeconds(1), LAST_NANOS.minusSeconds(1));
    // Id stems: ASCII, Latin-1 beyond ASCII, beyond Latin-1, and a surrogate pair.
    private static final List<String> ID_STEMS = List.of("m-", "m-", "m-", "é-", "成员-", "\uD83D\uDE00-");

    /**
     * Instants far from the window: {@link Instant#MIN} and {@link Instant#MAX}, years outside the span
     * a {@code long} of nanoseconds holds, and the first and last instants of that span with their
     * neighbours.
     */
    public static Gen<Instant> farInstants() {
        return Generate.pick(FAR_INSTANTS);
    }

    /** One to six distinct member ids, some of them with characters beyond ASCII or beyond Latin-1. */
    public static Gen<List<String>> memberIds() {
        return in -> {
            int count = Generate.range(1, 6).generate(in);
            List<String> ids = new ArrayList<>(count);
            for (int i = 1; i <= count; i++) {
                ids.add(Generate.pick(ID_STEMS).generate(in) + i);
            }
            return ids;
        };
    }

    /** Several members with distinct ids, whose choices mostly concern {@code governed} or a broader purpose. */
    public static Gen<List<Member>> memberLists(Purpose governed) {
        Gen<ConsentHistory> histories = consentHistories(consentEvents(purposesAround(governed), instants()));
        return in -> {
            List<Member> members = new ArrayList<>();
            for (String id : memberIds().generate(in)) {
                members.add(members(id, histories).generate(in));
            }
            return members;
        };
    }

    /**
     * Policies as {@link #trainingPolicies()}, whose versions sometimes get an item scope at any
     * instant, often one that is not a whole microsecond, second or hour, or far from the window; and
     * sometimes a first version in force since long before the span of stored instants.
     */
    public static Gen<TrainingPolicy> batchPolicies() {
        Gen<Optional<Instant>> scopes = sometimes(30, Generate.frequency(
                Pair.of(2, instants()),
                Pair.of(3, nudged(instants()).map(at -> at.plusNanos(1))),
                Pair.of(1, farInstants())));
        Gen<Optional<Instant>> earlyStarts = sometimes(15,
                Generate.pick(List.of(Instant.MIN, Instant.parse("1600-01-01T00:00:00Z"), FIRST_NANOS)));
        return in -> {
            TrainingPolicy policy = trainingPolicies().generate(in);
            TrainingPolicy.Builder builder = TrainingPolicy.builder(policy.id(), policy.purpose());
            for (PolicyVersion version : policy.versions()) {
                Optional<Instant> scope = scopes.generate(in);
                builder.version(scope.isEmpty() ? version
                        : version.toBuilder(version.id(), version.effectiveFrom()).itemsCreatedFrom(scope.get()).build());
            }
            Optional<Instant> earlyStart = earlyStarts.generate(in);
            if (earlyStart.isPresent()) {
                builder.version(policyVersions("v0", earlyStart.get(), legalBases(), allowedCategoryLists(),
                        neverAllowedCategoryLists()).generate(in));
            }
            return builder.build();
        };
    }

    /**
     * Many questions at one instant: a policy, the members of a store, items they authored, and
     * {@code asOf} and, sometimes, {@code knownAt}.
     */
    public record Batch(TrainingPolicy policy, List<Member> members, List<ContentItem> items, Instant asOf,
            Optional<Instant> knownAt) {

        public Batch withItems(List<ContentItem> newItems) {
            return new Batch(policy, members, newItems, asOf, knownAt);
        }

        public Member author(ContentItem item) {
            for (Member member : members) {
                if (member.id().equals(item.authorId())) {
                    return member;
                }
            }
            throw new IllegalArgumentException("no author for " + item);
        }

        /** The reference answer: {@code isTrainable}, or {@code evaluate(..., knownAt).trainable()} with a knowledge instant. */
        public boolean isTrainable(ContentItem item) {
            return isTrainable(item, author(item));
        }

        /** The reference answer for an item of {@code author}, who need not be one of {@link #members()}. */
        public boolean isTrainable(ContentItem item, Member author) {
            return knownAt.isPresent()
                    ? policy.asKnownAt(knownAt.get()).evaluate(item, author, asOf).trainable()
                    : policy.isTrainable(item, author, asOf);
        }

        /** The reference reason: {@code evaluate}'s, as known at {@code knownAt} when there is one. */
        public Reason reason(ContentItem item) {
            Member author = author(item);
            return knownAt.isPresent()
                    ? policy.asKnownAt(knownAt.get()).evaluate(item, author, asOf).reason()
                    : policy.evaluate(item, author, asOf).reason();
        }

        /** The rows the reference answer allows. */
        public BitSet trainableRows() {
            BitSet rows = new BitSet();
            for (int row = 0; row < items.size(); row++) {
                rows.set(row, isTrainable(items.get(row)));
            }
            return rows;
        }

        /** A batch evaluator over {@code store} for this batch's instants. */
        public BatchEvaluator evaluator(MemberStore store) {
            BatchEvaluator.Builder builder = BatchEvaluator.builder(policy, store);
            knownAt.ifPresent(builder::knownAt);
            return builder.build(asOf);
        }

        /** Every value, so that a counterexample can be rebuilt by hand. */
        @Override
        public String toString() {
            StringBuilder s = new StringBuilder("\n  policy ").append(policy.id()).append(" for ").append(policy.purpose());
            policy.versions().forEach(v -> s.append("\n    ").append(describe(v)));
            members.forEach(m -> s.append("\n  ").append(m).append(": ").append(m.consent()));
            items.forEach(i -> s.append("\n  ").append(i).append(" reservations ").append(i.reservations()));
            return s.append("\n  asOf ").append(asOf).append(", knownAt ").append(knownAt.orElse(null)).append('\n')
                    .toString();
        }
    }

    /**
     * Batches of one to forty items by several members: items of categories the policy mostly
     * allows, created around the instants that matter to it and to their author (coming of age,
     * item scopes); {@code asOf} often on or next to such an instant, or after the creation of one
     * item or of every item, sometimes anywhere in the window and sometimes far outside the span of stored instants; and
     * in four batches of ten a {@code knownAt}, chosen the same way.
     */
    public static Gen<Batch> batches() {
        Gen<Integer> itemCounts = Generate.frequency(Pair.of(1, Generate.range(1, 3)), Pair.of(3, Generate.range(4, 40)));
        return in -> {
            TrainingPolicy policy = batchPolicies().generate(in);
            List<Member> members = memberLists(policy.purpose()).generate(in);
            Gen<Member> authors = Generate.pick(members);
            Gen<DataCategory> categories = categoriesAround(policy);
            int count = itemCounts.generate(in);
            List<ContentItem> items = new ArrayList<>(count);
            for (int i = 1; i <= count; i++) {
                Member author = authors.generate(in);
                ContentItem drawn = contentItems(author.id(), categories, creationsInBatch(policy, author)).generate(in);
                items.add(ContentItem.of("item-" + i, drawn.authorId(), drawn.category(), drawn.createdAt(),
                        drawn.deletedAt().orElse(null), drawn.reservations())
                        .withResumedAt(resumptionInBatch(author, drawn).generate(in).orElse(null)));
            }
            Gen<Instant> moments = in2 -> momentsOf(policy, authors.generate(in2), Generate.pick(items).generate(in2))
                    .generate(in2);
            Gen<Instant> afterCreation = in2 -> Generate.pick(items).generate(in2).createdAt()
                    .plus(nonNegativeDurations().generate(in2));
            Instant lastCreation = items.stream().map(ContentItem::createdAt).max(Comparator.naturalOrder()).orElseThrow();
            Gen<Instant> afterEveryCreation = nonNegativeDurations().map(age -> lastCreation.plus(age));
            Gen<Instant> asOfs = Generate.frequency(Pair.of(3, moments), Pair.of(2, afterCreation),
                    Pair.of(3, afterEveryCreation), Pair.of(1, instants()), Pair.of(1, farInstants()));
            Instant asOf = asOfs.generate(in);
            Optional<Instant> knownAt = sometimes(40,
                    Generate.frequency(Pair.of(4, moments), Pair.of(1, farInstants()))).generate(in);
            return new Batch(policy, members, items, asOf, knownAt);
        };
    }

    /**
     * The item's resumption as drawn, or sometimes one on or next to one of the author's choices (where
     * a per-member item scope starts), when that is not before the creation.
     */
    private static Gen<Optional<Instant>> resumptionInBatch(Member author, ContentItem drawn) {
        List<Instant> choices = author.consent().events().stream().map(ConsentEvent::effectiveAt)
                .filter(at -> !at.isBefore(drawn.createdAt())).collect(Collectors.toUnmodifiableList());
        if (choices.isEmpty()) {
            return Generate.constant(drawn.resumedAt());
        }
        Gen<Optional<Instant>> nearChoice = nudged(Generate.pick(choices))
                .map(at -> at.isBefore(drawn.createdAt()) ? Optional.<Instant>empty() : Optional.of(at));
        return Generate.frequency(Pair.of(4, Generate.constant(drawn.resumedAt())), Pair.of(1, nearChoice));
    }

    /**
     * Creation instants as {@link #creationsAround}, and on or next to the start of a version's item
     * scope or one of the author's choices (where a per-member item scope starts).
     */
    private static Gen<Instant> creationsInBatch(TrainingPolicy policy, Member author) {
        List<Instant> scopes = Stream.concat(policy.versions().stream()
                .flatMap(version -> version.itemsCreatedFrom().stream()),
                        author.consent().events().stream().map(ConsentEvent::effectiveAt))
                .filter(from -> !from.isBefore(WINDOW_START) && from.isBefore(WINDOW_END))
                .collect(Collectors.toUnmodifiableList());
        if (scopes.isEmpty()) {
            return creationsAround(policy, author);
        }
        return Generate.frequency(Pair.of(4, creationsAround(policy, author)), Pair.of(1, nudged(Generate.pick(scopes))));
    }

    // ---- small helpers ----

    /** Present in about {@code percentPresent} percent of the values. */
    public static <T> Gen<Optional<T>> sometimes(int percentPresent, Gen<T> values) {
        return Generate.frequency(
                Pair.of(100 - percentPresent, Generate.constant(Optional.<T>empty())),
                Pair.of(percentPresent, values.map(value -> Optional.of(value))));
    }

    /** Every rule of a version, for counterexamples (its {@code toString} names only id and start). */
    public static String describe(PolicyVersion v) {
        return v.id() + " from " + v.effectiveFrom() + ": default " + v.defaultBasis().map(Object::toString).orElse("excluded")
                + ", rules " + v.jurisdictionRules() + ", allow " + v.allowedCategories() + ", never "
                + v.neverAllowedCategories() + ", minimum age " + v.minimumAge() + ", unknown age " + v.unknownAge()
                + ", leap-day birthdays " + v.leapDayBirthday() + (v.gpcSignalsObject() ? ", GPC signals object" : "")
                + v.itemsCreatedFrom().map(from -> ", items from " + from).orElse("");
    }

    public static Instant utcMidnight(LocalDate date) {
        return date.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private static long utcDay(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC).toEpochDay();
    }

    private static List<Jurisdiction> codes(String... codes) {
        return Stream.of(codes).map(Jurisdiction::of).collect(Collectors.toUnmodifiableList());
    }
}
