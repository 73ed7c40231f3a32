package dev.consentkit.jackson;

import dev.consentkit.AccountClosure;
import dev.consentkit.ConsentChannel;
import dev.consentkit.ConsentChoice;
import dev.consentkit.ConsentEvent;
import dev.consentkit.ConsentHistory;
import dev.consentkit.ContentItem;
import dev.consentkit.DataCategory;
import dev.consentkit.Decision;
import dev.consentkit.Evidence;
import dev.consentkit.Jurisdiction;
import dev.consentkit.JurisdictionRule;
import dev.consentkit.JurisdictionTimeline;
import dev.consentkit.LeapDayBirthday;
import dev.consentkit.LegalBasis;
import dev.consentkit.Member;
import dev.consentkit.PolicyVersion;
import dev.consentkit.Purpose;
import dev.consentkit.Reason;
import dev.consentkit.Reservation;
import dev.consentkit.ReservationSource;
import dev.consentkit.Residence;
import dev.consentkit.StoredSpan;
import dev.consentkit.TrainingPolicy;
import dev.consentkit.UnknownAge;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * QuickTheories generators for every core type that appears in a document, with values that stress
 * the JSON forms: identifiers with quotes, backslashes, control characters, line separators and
 * characters outside the Basic Multilingual Plane; instants with 0 to 9 fraction digits; residences
 * with no known start; versions excluded by default; and decisions obtained by evaluating generated
 * policies, members and items.
 */
final class CoreValues {

    private static final long FROM = Instant.parse("1990-01-01T00:00:00Z").getEpochSecond();
    private static final long TO = Instant.parse("2100-01-01T00:00:00Z").getEpochSecond();
    private static final List<String> ID_CHARACTERS = List.of("a", "b", "z", "0", "9", "-", "_", " ", "\"", "\\", "/",
            "\n", "\t", "\u0001", "\u2028", "é", "ß", "中", "\uD83D\uDCA1", "{", "}", "[", "]", ":", ",");
    private static final List<String> SEGMENTS = List.of("content", "public", "group", "video-transcripts", "x1",
            "ai", "interactions", "code", "a_b", "profile", "jobs", "saved", "z9-y");
    private static final List<DataCategory> BUILT_IN_CATEGORIES = List.of(DataCategory.PROFILE_DETAILS,
            DataCategory.CONTENT, DataCategory.PUBLIC_CONTENT, DataCategory.GROUP_CONTENT, DataCategory.PRIVATE_MESSAGES,
            DataCategory.AI_INTERACTIONS, DataCategory.SAVED_JOB_DATA, DataCategory.JOB_APPLICATIONS,
            DataCategory.CREDENTIALS, DataCategory.PAYMENT, DataCategory.SALARY);
    private static final List<Jurisdiction> PLACES = List.of(Jurisdiction.of("DE"), Jurisdiction.of("FR"),
            Jurisdiction.of("GB"), Jurisdiction.of("US"), Jurisdiction.of("CH"), Jurisdiction.of("NO"),
            Jurisdiction.of("IS"), Jurisdiction.of("CA"), Jurisdiction.of("HK"), Jurisdiction.of("US-CA"),
            Jurisdiction.of("FR-75"), Jurisdiction.of("DE-BY"));
    private static final List<Jurisdiction> RULE_PLACES = concat(PLACES, List.of(Jurisdiction.EU, Jurisdiction.EEA));

    private CoreValues() {}

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    /** Instants from 1990 to 2100, with whole seconds, milliseconds, microseconds or nanoseconds. */
    static Gen<Instant> instants() {
        Gen<Long> seconds = Generate.longRange(FROM, TO);
        Gen<Integer> precision = Generate.range(0, 3);
        Gen<Integer> nanos = Generate.range(0, 999_999_999);
        return in -> {
            long s = seconds.generate(in);
            int n = nanos.generate(in);
            switch (precision.generate(in)) {
                case 0:
                    return Instant.ofEpochSecond(s);
                case 1:
                    return Instant.ofEpochSecond(s, n / 1_000_000 * 1_000_000L);
                case 2:
                    return Instant.ofEpochSecond(s, n / 1_000 * 1_000L);
                default:
                    return Instant.ofEpochSecond(s, n);
            }
        };
    }

    /** Non-blank identifiers: a letter, then up to a dozen characters that JSON has to escape or encode. */
    static Gen<String> ids() {
        Gen<Integer> length = Generate.range(0, 12);
        Gen<String> character = Generate.pick(ID_CHARACTERS);
        Gen<String> first = Generate.pick(List.of("m", "p", "e", "v", "post-", "Ü"));
        return in -> {
            StringBuilder id = new StringBuilder(first.generate(in));
            for (int i = length.generate(in); i > 0; i--) {
                id.append(character.generate(in));
            }
            return id.toString();
        };
    }

    private static Gen<String> keys() {
        Gen<Integer> depth = Generate.range(1, 3);
        Gen<String> segment = Generate.pick(SEGMENTS);
        return in -> {
            StringBuilder key = new StringBuilder(segment.generate(in));
            for (int i = depth.generate(in); i > 1; i--) {
                key.append('.').append(segment.generate(in));
            }
            return key.toString();
        };
    }

    static Gen<DataCategory> categories() {
        return Generate.pick(BUILT_IN_CATEGORIES).mix(keys().map(DataCategory::of), 40);
    }

    static Gen<Purpose> purposes() {
        return Generate.pick(List.of(Purpose.AI_TRAINING, Purpose.GENERATIVE_AI_TRAINING))
                .mix(keys().map(Purpose::of), 30);
    }

    static Gen<Jurisdiction> places() {
        return Generate.pick(PLACES);
    }

    static Gen<JurisdictionRule> rules() {
        Gen<Jurisdiction> where = Generate.pick(RULE_PLACES);
        Gen<Boolean> excluded = Generate.booleans();
        Gen<LegalBasis> basis = Generate.enumValues(LegalBasis.class);
        return in -> excluded.generate(in) ? JurisdictionRule.excluded(where.generate(in))
                : JurisdictionRule.withBasis(where.generate(in), basis.generate(in));
    }

    /** Versions with any default, rules for distinct jurisdictions, categories, ages and scopes. */
    static Gen<PolicyVersion> versions() {
        return versionsFrom(instants());
    }

    private static Gen<PolicyVersion> versionsFrom(Gen<Instant> effectiveFrom) {
        Gen<String> id = ids();
        Gen<Boolean> excludedByDefault = Generate.booleans();
        Gen<LegalBasis> basis = Generate.enumValues(LegalBasis.class);
        Gen<Integer> count = Generate.range(0, 4);
        Gen<JurisdictionRule> rule = rules();
        Gen<DataCategory> category = categories();
        Gen<Integer> age = Generate.pick(List.of(18, 18, 16, 0, 21, 150));
        Gen<UnknownAge> unknownAge = Generate.enumValues(UnknownAge.class);
        Gen<Boolean> scoped = Generate.booleans();
        Gen<Boolean> perMember = Generate.booleans();
        Gen<Instant> instant = instants();
        return in -> {
            PolicyVersion.Builder b = PolicyVersion.builder(id.generate(in), effectiveFrom.generate(in));
            if (excludedByDefault.generate(in)) {
                b.excludedByDefault();
            } else {
                b.defaultBasis(basis.generate(in));
            }
            Set<Jurisdiction> ruled = new LinkedHashSet<>();
            for (int i = count.generate(in); i > 0; i--) {
                JurisdictionRule r = rule.generate(in);
                if (ruled.add(r.jurisdiction())) {
                    b.rule(r);
                }
            }
            for (int i = count.generate(in); i > 0; i--) {
                b.allow(category.generate(in));
            }
            for (int i = count.generate(in); i > 0; i--) {
                b.neverAllow(category.generate(in));
            }
            b.minimumAge(age.generate(in)).unknownAge(unknownAge.generate(in))
                    .leapDayBirthday(Generate.enumValues(LeapDayBirthday.class).generate(in))
                    .gpcSignalsObject(Generate.booleans().generate(in));
            if (scoped.generate(in)) {
                b.itemsCreatedFrom(instant.generate(in));
            }
            return b.itemsFromMembersChoice(perMember.generate(in)).build();
        };
    }

    /** Policies of one to four versions with distinct ids, written in the order they take effect. */
    static Gen<TrainingPolicy> policies() {
        Gen<String> id = ids();
        Gen<Purpose> purpose = purposes();
        Gen<Integer> count = Generate.range(1, 4);
        Gen<Long> gap = Generate.longRange(1, 400L * 86_400);
        Gen<Instant> start = instants();
        return in -> {
            TrainingPolicy.Builder b = TrainingPolicy.builder(id.generate(in), purpose.generate(in));
            Instant from = start.generate(in);
            int versions = count.generate(in);
            for (int i = 0; i < versions; i++) {
                Instant at = from;
                PolicyVersion version = versionsFrom(ignored -> at).generate(in);
                b.version(version.toBuilder(version.id() + "#" + i, at).build());
                from = from.plusSeconds(gap.generate(in));
            }
            return b.build();
        };
    }

    /** Timelines of zero to three residences; the first often has no known start. */
    static Gen<JurisdictionTimeline> timelines() {
        Gen<Integer> count = Generate.range(0, 3);
        Gen<Boolean> always = Generate.booleans();
        Gen<Jurisdiction> place = places();
        Gen<Instant> start = instants();
        Gen<Long> gap = Generate.longRange(1, 3000L * 86_400);
        return in -> {
            List<Residence> residences = new ArrayList<>();
            int n = count.generate(in);
            Instant from = start.generate(in);
            for (int i = 0; i < n; i++) {
                residences.add(i == 0 && always.generate(in) ? Residence.always(place.generate(in))
                        : new Residence(from, place.generate(in)));
                from = from.plusSeconds(gap.generate(in));
            }
            return JurisdictionTimeline.of(residences);
        };
    }

    static Gen<Residence> residences() {
        Gen<Boolean> always = Generate.booleans();
        Gen<Jurisdiction> place = places();
        Gen<Instant> from = instants();
        return in -> always.generate(in) ? Residence.always(place.generate(in))
                : new Residence(from.generate(in), place.generate(in));
    }

    /**
     * Events recorded at or up to ten days after they take effect, and, one in ten, events stated to take
     * effect up to five seconds (the default clock-skew tolerance) after they were recorded, counted from
     * when they were recorded.
     */
    static Gen<ConsentEvent> events() {
        Gen<String> id = ids();
        Gen<Purpose> purpose = purposes();
        Gen<ConsentChoice> choice = Generate.enumValues(ConsentChoice.class);
        Gen<Instant> effectiveAt = instants();
        Gen<Long> delay = Generate.pick(List.of(0L, 0L, 1L, 5L, 864_000L)).mix(Generate.longRange(0, 864_000L), 30);
        Gen<Long> skewNanos = Generate.pick(List.of(1L, 1_000_000L, 5_000_000_000L)).mix(Generate.longRange(1, 5_000_000_000L), 50);
        Gen<Integer> tenth = Generate.range(1, 10);
        Gen<ConsentChannel> channel = Generate.enumValues(ConsentChannel.class);
        return in -> {
            Instant at = effectiveAt.generate(in);
            if (tenth.generate(in) == 1) {
                Instant stated = at.plusNanos(skewNanos.generate(in));
                if (StoredSpan.contains(stated)) {
                    return ConsentEvent.effectiveWhenRecorded(id.generate(in), purpose.generate(in), choice.generate(in),
                            stated, at, channel.generate(in));
                }
            }
            return new ConsentEvent(id.generate(in), purpose.generate(in), choice.generate(in), at,
                    at.plusSeconds(delay.generate(in)), channel.generate(in));
        };
    }

    /** Histories of up to five events with distinct ids. */
    static Gen<ConsentHistory> histories() {
        Gen<Integer> count = Generate.range(0, 5);
        Gen<ConsentEvent> event = events();
        return in -> {
            List<ConsentEvent> events = new ArrayList<>();
            Set<String> ids = new LinkedHashSet<>();
            for (int i = count.generate(in); i > 0; i--) {
                ConsentEvent e = event.generate(in);
                if (ids.add(e.id())) {
                    events.add(e);
                }
            }
            return ConsentHistory.of(events);
        };
    }

    static Gen<Member> members() {
        Gen<String> id = ids();
        Gen<Boolean> present = Generate.booleans();
        Gen<LocalDate> birthDate = Generate.longRange(LocalDate.of(1900, 1, 1).toEpochDay(), LocalDate.of(2020, 12, 31).toEpochDay())
                .map(LocalDate::ofEpochDay);
        Gen<JurisdictionTimeline> timeline = timelines();
        Gen<List<AccountClosure>> closures = closures();
        Gen<ConsentHistory> history = histories();
        return in -> Member.builder(id.generate(in))
                .birthDate(present.generate(in) ? birthDate.generate(in) : null)
                .jurisdictions(timeline.generate(in))
                .closures(closures.generate(in))
                .consent(history.generate(in))
                .build();
    }

    /**
     * Account closures: none, one not reopened (the v1 form), or up to three with reopenings, the last
     * perhaps not reopened (the v1.1 form).
     */
    static Gen<List<AccountClosure>> closures() {
        Gen<Integer> kind = Generate.range(0, 3);
        Gen<Integer> ends = Generate.range(1, 6);
        Gen<Instant> instant = instants();
        return in -> {
            switch (kind.generate(in)) {
                case 0:
                    return List.of();
                case 1:
                    return List.of(AccountClosure.from(instant.generate(in)));
                default:
                    TreeSet<Instant> sorted = new TreeSet<>();
                    for (int i = ends.generate(in); i > 0; i--) {
                        sorted.add(instant.generate(in));
                    }
                    List<Instant> at = new ArrayList<>(sorted);
                    List<AccountClosure> closures = new ArrayList<>();
                    for (int i = 0; i < at.size(); i += 2) {
                        closures.add(new AccountClosure(at.get(i), i + 1 < at.size() ? at.get(i + 1) : null));
                    }
                    return closures;
            }
        };
    }

    static Gen<Reservation> reservations() {
        Gen<ReservationSource> source = Generate.enumValues(ReservationSource.class);
        Gen<Instant> from = instants();
        return in -> new Reservation(source.generate(in), from.generate(in));
    }

    static Gen<ContentItem> items() {
        return itemsBy(ids());
    }

    /** Items by the given authors, deleted or not, resumed or not, with up to two reservations. */
    static Gen<ContentItem> itemsBy(Gen<String> author) {
        Gen<String> id = ids();
        Gen<DataCategory> category = categories();
        Gen<Instant> createdAt = instants();
        Gen<Boolean> deleted = Generate.booleans();
        Gen<Boolean> resumed = Generate.booleans();
        Gen<Long> lifetime = Generate.longRange(0, 2000L * 86_400);
        Gen<Integer> count = Generate.range(0, 2);
        Gen<Reservation> reservation = reservations();
        return in -> {
            Instant created = createdAt.generate(in);
            List<Reservation> reservations = new ArrayList<>();
            for (int i = count.generate(in); i > 0; i--) {
                reservations.add(reservation.generate(in));
            }
            return ContentItem.of(id.generate(in), author.generate(in), category.generate(in), created,
                    deleted.generate(in) ? created.plusSeconds(lifetime.generate(in)) : null, reservations)
                    .withResumedAt(resumed.generate(in) ? created.plusSeconds(lifetime.generate(in)) : null);
        };
    }

    /**
     * Decisions the engine makes: a generated policy evaluated for a generated item of a generated
     * member at a generated instant, half of them as an audit replay with {@code knownAt}.
     */
    static Gen<Decision> decisions() {
        Gen<TrainingPolicy> policy = policies();
        Gen<Member> member = members();
        Gen<Instant> asOf = instants();
        Gen<Boolean> audit = Generate.booleans();
        return in -> {
            TrainingPolicy p = policy.generate(in);
            Member m = member.generate(in);
            ContentItem item = itemsBy(ignored -> m.id()).generate(in);
            Instant at = asOf.generate(in);
            return audit.generate(in) ? p.asKnownAt(asOf.generate(in)).evaluate(item, m, at) : p.evaluate(item, m, at);
        };
    }

    /**
     * Evidence of every kind: the evidence of decisions the engine makes, consent events, and evidence
     * recorded by a v1 document, for any reason, with or without an instant.
     */
    static Gen<Evidence> evidence() {
        Gen<Integer> which = Generate.range(0, 3);
        Gen<Decision> decisions = decisions();
        Gen<ConsentEvent> event = events();
        Gen<Reason> reason = Generate.enumValues(Reason.class);
        Gen<String> description = ids();
        Gen<Boolean> dated = Generate.booleans();
        Gen<Instant> at = instants();
        return in -> {
            switch (which.generate(in)) {
                case 0:
                case 1:
                    return decisions.generate(in).evidence();
                case 2:
                    return Evidence.of(event.generate(in));
                default: {
                    Reason r = reason.generate(in);
                    ConsentEvent e = event.generate(in);
                    boolean byEvent = Evidence.Kind.of(r) == Evidence.Kind.CONSENT_EVENT;
                    if (byEvent && e.isOptOut() != (r == Reason.OPTED_OUT)) {
                        r = e.isOptOut() ? Reason.OPTED_OUT : Reason.ALLOWED_OPTED_IN;
                    }
                    return Evidence.recorded(r, description.generate(in), byEvent ? e.effectiveAt()
                            : dated.generate(in) ? at.generate(in) : null, byEvent ? e : null);
                }
            }
        };
    }
}
