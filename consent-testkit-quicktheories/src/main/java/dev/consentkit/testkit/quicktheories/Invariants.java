package dev.consentkit.testkit.quicktheories;

import static dev.consentkit.testkit.quicktheories.ConsentGenerators.consentChannels;
import static dev.consentkit.testkit.quicktheories.ConsentGenerators.consentChoices;
import static dev.consentkit.testkit.quicktheories.ConsentGenerators.consentEvents;
import static dev.consentkit.testkit.quicktheories.ConsentGenerators.coveringPurposes;
import static dev.consentkit.testkit.quicktheories.ConsentGenerators.instants;
import static dev.consentkit.testkit.quicktheories.ConsentGenerators.momentsOf;
import static dev.consentkit.testkit.quicktheories.ConsentGenerators.nonNegativeDurations;
import static dev.consentkit.testkit.quicktheories.ConsentGenerators.nudged;
import static dev.consentkit.testkit.quicktheories.ConsentGenerators.plus;
import static dev.consentkit.testkit.quicktheories.ConsentGenerators.stored;
import static dev.consentkit.testkit.quicktheories.ConsentGenerators.positiveDurations;
import static dev.consentkit.testkit.quicktheories.ConsentGenerators.purposesAround;
import static dev.consentkit.testkit.quicktheories.ConsentGenerators.recordingLags;
import static dev.consentkit.testkit.quicktheories.ConsentGenerators.scenarios;
import static dev.consentkit.testkit.quicktheories.ConsentGenerators.utcMidnight;

import dev.consentkit.AccountClosure;
import dev.consentkit.ConsentChoice;
import dev.consentkit.ConsentEvent;
import dev.consentkit.ConsentHistory;
import dev.consentkit.ContentItem;
import dev.consentkit.DataCategory;
import dev.consentkit.Decision;
import dev.consentkit.LeapDayBirthday;
import dev.consentkit.Member;
import dev.consentkit.PolicyVersion;
import dev.consentkit.Purpose;
import dev.consentkit.Reason;
import dev.consentkit.TrainingPolicy;
import dev.consentkit.suite.Scenario;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Collectors;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * The invariants every training policy keeps, whatever its rules: each with the examples that could
 * break it for a given policy and the predicate that finds a violation.
 */
final class Invariants {

    static final Invariant<Answer> NEVER_ALLOWED_CATEGORIES = new Invariant<>("never-allowed categories",
            "an item of, or under, a category that the version in force never allows is never trainable, whatever the"
                    + " member chose",
            policy -> answers(underANeverAllowedCategory(policy)), Invariants::neverAllowedCategoryViolation);

    static final Invariant<Change> NON_RETROACTIVITY = new Invariant<>("non-retroactivity",
            "consent events that take effect after asOf never change the decision at asOf",
            policy -> withChoicesEffectiveAfterAsOf(policy), Invariants::sameAnswersViolation);

    static final Invariant<Change> OPT_OUT_NEVER_WIDENS = new Invariant<>("an opt-out never widens",
            "adding an OPT_OUT never makes an item trainable that was not",
            policy -> withAddedChoice(policy, ConsentChoice.OPT_OUT), Invariants::wideningViolation);

    static final Invariant<Change> OPT_IN_NEVER_NARROWS = new Invariant<>("an opt-in never narrows",
            "adding an OPT_IN never makes a trainable item not trainable",
            policy -> withAddedChoice(policy, ConsentChoice.OPT_IN), Invariants::narrowingViolation);

    static final Invariant<Change> RESUMPTION_NEVER_NARROWS = new Invariant<>("a resumption never narrows",
            "resuming the item again, at or before asOf, never makes a trainable item not trainable",
            policy -> resumedAgain(policy), Invariants::narrowingViolation);

    static final Invariant<Answer> FAST_PATH_AGREES = new Invariant<>("isTrainable agrees with evaluate",
            "isTrainable(item, member, asOf) equals evaluate(item, member, asOf).trainable()",
            policy -> answers(scenarios(policy)), Invariants::fastPathViolation);

    static final Invariant<Change> EVENT_ORDER_INDEPENDENCE = new Invariant<>("event order independence",
            "the decision does not depend on the order in which consent events are supplied, nor on repeats",
            policy -> suppliedInAnotherOrder(policy), Invariants::sameAnswersViolation);

    static final Invariant<Change> REPLAY_AS_KNOWN_AT = new Invariant<>("replay as known at",
            "evaluate(item, member, asOf, knownAt) decides as evaluate does without the consent events recorded after"
                    + " knownAt",
            policy -> withTheHistoryAsKnownAt(policy), Invariants::replayViolation);

    static final Invariant<Answer> ITEM_LIFETIME = new Invariant<>("nothing before creation or from deletion",
            "an item is never trainable before it is created, nor at or after it is deleted",
            policy -> answers(asOfOutsideTheItemsLifetime(policy)), Invariants::lifetimeViolation);

    static final Invariant<Answer> MINORS = new Invariant<>("nothing of minors",
            "nothing of a member under the minimum age of the version in force is trainable, nor anything they"
                    + " created before reaching it, even after they do",
            policy -> answers(itemsCreatedAroundComingOfAge(policy)), Invariants::minorViolation);

    static final Invariant<Answer> OPT_OUT_DENIES = new Invariant<>("an opt-out in effect denies",
            "while the member's latest choice in effect for the policy's purpose, or a broader one, is an OPT_OUT,"
                    + " nothing of theirs is trainable",
            policy -> answers(asOfAfterAnOptOutWithoutLaterOptIn(scenarios(policy))), Invariants::optOutViolation);

    static final Invariant<Answer> CLOSED_ACCOUNTS = new Invariant<>("nothing while the account is closed",
            "while a closure of the member's account is in effect (closedAt <= asOf < reopenedAt) nothing of theirs is"
                    + " trainable, whenever the item was created; from its reopening on the closure denies nothing",
            policy -> answers(asOfAroundAClosure(policy)), Invariants::closedAccountViolation);

    /** Every invariant, in the order they are checked. */
    static final List<Invariant<?>> ALL = List.of(NEVER_ALLOWED_CATEGORIES, NON_RETROACTIVITY, OPT_OUT_NEVER_WIDENS,
            OPT_IN_NEVER_NARROWS, RESUMPTION_NEVER_NARROWS, FAST_PATH_AGREES, EVENT_ORDER_INDEPENDENCE,
            REPLAY_AS_KNOWN_AT, ITEM_LIFETIME, MINORS, OPT_OUT_DENIES, CLOSED_ACCOUNTS);

    private Invariants() {}

    // ---------------------------------------------------------------- predicates

    static Optional<String> neverAllowedCategoryViolation(Answer a) {
        PolicyVersion version = a.scenario().versionInForce().orElse(null);
        if (version == null) {
            return Optional.empty();
        }
        DataCategory category = a.scenario().item().category();
        DataCategory never = version.neverAllowedCategories().stream().filter(category::isWithin).findFirst().orElse(null);
        if (never == null) {
            return Optional.empty();
        }
        List<String> wrong = trainableAnswers(a);
        if (!a.decision().failed(Reason.CATEGORY_EXCLUDED)) {
            wrong.add("CATEGORY_EXCLUDED is not among evaluate's failed checks " + a.decision().failedChecks());
        }
        return complaint("category " + category + (category.equals(never) ? " is" : " is under") + " the category "
                + never + ", which version " + version.id() + " never allows", wrong);
    }

    /** The two scenarios must get the same decisions and the same fast answer. */
    static Optional<String> sameAnswersViolation(Change c) {
        List<String> wrong = new ArrayList<>();
        if (!c.before().decision().equals(c.after().decision())) {
            wrong.add("evaluate changed from " + c.before().decision() + " to " + c.after().decision());
        }
        if (!c.before().replayed().equals(c.after().replayed())) {
            wrong.add("replay changed from " + c.before().replayed() + " to " + c.after().replayed());
        }
        if (c.before().fast() != c.after().fast()) {
            wrong.add("isTrainable changed from " + c.before().fast() + " to " + c.after().fast());
        }
        return complaint("after " + c.change(), wrong);
    }

    static Optional<String> wideningViolation(Change c) {
        return complaint("after " + c.change(), changed(c, false));
    }

    static Optional<String> narrowingViolation(Change c) {
        return complaint("after " + c.change(), changed(c, true));
    }

    static Optional<String> fastPathViolation(Answer a) {
        if (a.fast() == a.decision().trainable()) {
            return Optional.empty();
        }
        return Optional.of("isTrainable is " + a.fast() + " but evaluate decided " + a.decision());
    }

    /** The replay before the change must match the decision after it, on the history as known at knownAt. */
    static Optional<String> replayViolation(Change c) {
        Decision replayed = c.before().replayed();
        Decision expected = c.after().decision();
        List<String> wrong = new ArrayList<>();
        if (replayed.trainable() != expected.trainable() || replayed.reason() != expected.reason()
                || !replayed.failedChecks().equals(expected.failedChecks())
                || !replayed.policyVersion().equals(expected.policyVersion())
                || !replayed.evidence().equals(expected.evidence())) {
            wrong.add("replay decided " + replayed + ", but evaluate on the history as known then decided " + expected);
        }
        if (!replayed.knownAt().equals(c.before().scenario().knownAt())) {
            wrong.add("the replayed decision is as known at " + replayed.knownAt().map(Object::toString).orElse("no instant")
                    + ", not at " + c.before().scenario().knownAt().map(Object::toString).orElse("no instant"));
        }
        return complaint("replaying as known at " + c.before().scenario().knownAt().map(Object::toString).orElse("no instant"),
                wrong);
    }

    static Optional<String> lifetimeViolation(Answer a) {
        Scenario s = a.scenario();
        ContentItem item = s.item();
        boolean notYetCreated = s.asOf().isBefore(item.createdAt());
        boolean deleted = item.deletedAt().map(at -> !at.isAfter(s.asOf())).orElse(false);
        if (!notYetCreated && !deleted) {
            return Optional.empty();
        }
        List<String> wrong = trainableAnswers(a);
        if (notYetCreated && !a.decision().failed(Reason.ITEM_NOT_YET_CREATED)) {
            wrong.add("ITEM_NOT_YET_CREATED is not among evaluate's failed checks " + a.decision().failedChecks());
        }
        if (deleted && !a.decision().failed(Reason.ITEM_DELETED)) {
            wrong.add("ITEM_DELETED is not among evaluate's failed checks " + a.decision().failedChecks());
        }
        return complaint("item " + item.id() + (notYetCreated ? " is created at " + item.createdAt()
                : " is deleted at " + item.deletedAt().orElseThrow()) + ", and asOf is " + s.asOf(), wrong);
    }

    /**
     * The day a member born on {@code born} reaches the version's minimum age, worked out apart from
     * the engine: {@link LocalDate#plusYears}, which gives 28 February for a 29 February birthday in a
     * common year, moved to 1 March when the version reads such birthdays so.
     */
    static LocalDate comingOfAge(LocalDate born, PolicyVersion version) {
        LocalDate anniversary = born.plusYears(version.minimumAge());
        boolean leapling = born.getMonthValue() == 2 && born.getDayOfMonth() == 29;
        return leapling && anniversary.getDayOfMonth() == 28 && version.leapDayBirthday() == LeapDayBirthday.MARCH_1
                ? anniversary.plusDays(1) : anniversary;
    }

    static Optional<String> minorViolation(Answer a) {
        Scenario s = a.scenario();
        PolicyVersion version = s.versionInForce().orElse(null);
        LocalDate born = s.member().birthDate().orElse(null);
        if (version == null || version.minimumAge() == 0 || born == null) {
            return Optional.empty();
        }
        long comingOfAge = comingOfAge(born, version).toEpochDay();
        boolean minor = utcDay(s.asOf()) < comingOfAge;
        boolean createdWhileMinor = utcDay(s.item().createdAt()) < comingOfAge;
        if (!minor && !createdWhileMinor) {
            return Optional.empty();
        }
        List<String> wrong = trainableAnswers(a);
        if (minor && !a.decision().failed(Reason.MINOR)) {
            wrong.add("MINOR is not among evaluate's failed checks " + a.decision().failedChecks());
        }
        if (createdWhileMinor && !a.decision().failed(Reason.CREATED_WHILE_MINOR)) {
            wrong.add("CREATED_WHILE_MINOR is not among evaluate's failed checks " + a.decision().failedChecks());
        }
        return complaint("member " + s.member().id() + ", born " + born + ", turns " + version.minimumAge() + " (the minimum"
                + " age of version " + version.id() + ") on " + LocalDate.ofEpochDay(comingOfAge) + "; item "
                + s.item().id() + " is created at " + s.item().createdAt() + ", and asOf is " + s.asOf(), wrong);
    }

    static Optional<String> optOutViolation(Answer a) {
        Scenario s = a.scenario();
        Purpose purpose = s.policy().purpose();
        ConsentEvent choice = s.member().consent().choiceInEffect(purpose, s.asOf()).orElse(null);
        List<String> wrong = new ArrayList<>();
        if (choice != null && choice.isOptOut()) {
            if (a.fast()) {
                wrong.add("isTrainable is true");
            }
            if (a.decision().trainable()) {
                wrong.add("evaluate decided " + a.decision());
            }
            if (!a.decision().failed(Reason.OPTED_OUT)) {
                wrong.add("OPTED_OUT is not among evaluate's failed checks " + a.decision().failedChecks());
            }
        }
        ConsentEvent known = s.knownAt().flatMap(k -> s.member().consent().knownAt(k).choiceInEffect(purpose, s.asOf()))
                .orElse(null);
        if (known != null && known.isOptOut() && a.replayed().trainable()) {
            wrong.add("replay decided " + a.replayed() + " although " + known.id() + " was recorded by then");
        }
        ConsentEvent shown = choice != null && choice.isOptOut() ? choice : known;
        return shown == null ? Optional.empty()
                : complaint("the choice in effect at asOf " + s.asOf() + " is " + shown.choice() + " " + shown.id() + " for "
                        + shown.purpose() + ", effective " + shown.effectiveAt(), wrong);
    }

    static Optional<String> closedAccountViolation(Answer a) {
        Scenario s = a.scenario();
        AccountClosure inEffect = s.member().closures().stream().filter(c -> c.isInEffectAt(s.asOf())).findFirst()
                .orElse(null);
        if (inEffect != null) {
            List<String> wrong = trainableAnswers(a);
            if (!a.decision().failed(Reason.ACCOUNT_CLOSED)) {
                wrong.add("ACCOUNT_CLOSED is not among evaluate's failed checks " + a.decision().failedChecks());
            }
            return complaint("the account of member " + s.member().id() + " is closed " + inEffect + " and asOf is "
                    + s.asOf(), wrong);
        }
        List<String> wrong = new ArrayList<>();
        if (a.decision().failed(Reason.ACCOUNT_CLOSED)) {
            wrong.add("evaluate decided " + a.decision());
        }
        if (a.replayed().failed(Reason.ACCOUNT_CLOSED)) {
            wrong.add("replay decided " + a.replayed());
        }
        return complaint("no closure of the account of member " + s.member().id() + " " + s.member().closures()
                + " is in effect at asOf " + s.asOf(), wrong);
    }

    /** The answers that say trainable. */
    private static List<String> trainableAnswers(Answer a) {
        List<String> wrong = new ArrayList<>();
        if (a.fast()) {
            wrong.add("isTrainable is true");
        }
        if (a.decision().trainable()) {
            wrong.add("evaluate decided " + a.decision());
        }
        if (a.replayed().trainable()) {
            wrong.add("replay decided " + a.replayed());
        }
        return wrong;
    }

    /** The answers that went from {@code !from} to {@code from}... as complaints: from trainable when {@code wasTrainable}. */
    private static List<String> changed(Change c, boolean wasTrainable) {
        List<String> wrong = new ArrayList<>();
        String turned = wasTrainable ? " turned from trainable to not trainable: " : " turned from not trainable to trainable: ";
        if (c.before().fast() == wasTrainable && c.after().fast() != wasTrainable) {
            wrong.add("isTrainable" + turned + c.before().fast() + " then " + c.after().fast());
        }
        if (c.before().decision().trainable() == wasTrainable && c.after().decision().trainable() != wasTrainable) {
            wrong.add("evaluate" + turned + c.before().decision() + " then " + c.after().decision());
        }
        if (c.before().replayed().trainable() == wasTrainable && c.after().replayed().trainable() != wasTrainable) {
            wrong.add("replay" + turned + c.before().replayed() + " then " + c.after().replayed());
        }
        return wrong;
    }

    private static Optional<String> complaint(String situation, List<String> wrong) {
        return wrong.isEmpty() ? Optional.empty() : Optional.of(situation + ", yet " + String.join("; ", wrong));
    }

    private static long utcDay(Instant instant) {
        return Math.floorDiv(instant.getEpochSecond(), 86_400L);
    }

    // ---------------------------------------------------------------- examples

    private static Gen<Answer> answers(Gen<Scenario> scenarios) {
        return scenarios.map(s -> Answer.of(s));
    }

    /**
     * Scenarios asking while a version that never allows some category is in force, about an item of
     * that category or one under it. A policy with no never-allowed category gets plain scenarios, for
     * which the invariant holds trivially.
     */
    private static Gen<Scenario> underANeverAllowedCategory(TrainingPolicy policy) {
        List<PolicyVersion> excluding = policy.versions().stream()
                .filter(v -> !v.neverAllowedCategories().isEmpty())
                .collect(Collectors.toUnmodifiableList());
        if (excluding.isEmpty()) {
            return scenarios(policy);
        }
        return in -> {
            Scenario s = scenarios(policy).generate(in);
            PolicyVersion version = Generate.pick(excluding).generate(in);
            DataCategory never = Generate.pick(List.copyOf(version.neverAllowedCategories())).generate(in);
            DataCategory category = Generate.booleans().generate(in) && never.key().length() < 190
                    ? DataCategory.of(never.key() + ".archived") : never;
            return s.withItem(copy(s.item(), category, s.item().createdAt()))
                    .withAsOf(inForce(policy, version).generate(in));
        };
    }

    /** Instants at which {@code version} is in force: its start, and soon or long after it, before the next version. */
    private static Gen<Instant> inForce(TrainingPolicy policy, PolicyVersion version) {
        Instant next = policy.versions().stream().map(PolicyVersion::effectiveFrom)
                .filter(start -> start.isAfter(version.effectiveFrom())).findFirst().orElse(null);
        Gen<Duration> offsets = Generate.frequency(Pair.of(1, Generate.constant(Duration.ZERO)),
                Pair.of(4, positiveDurations()));
        return offsets.map(offset -> {
            Instant at = plus(version.effectiveFrom(), offset);
            return next != null && !at.isBefore(next) ? version.effectiveFrom() : at;
        });
    }

    /** Scenarios with one to three more choices, under fresh ids, all effective strictly after asOf. */
    private static Gen<Change> withChoicesEffectiveAfterAsOf(TrainingPolicy policy) {
        return in -> {
            Scenario s = scenarios(policy).generate(in);
            int count = Generate.range(1, 3).generate(in);
            List<ConsentEvent> later = new ArrayList<>();
            for (int i = 1; i <= count; i++) {
                Instant effectiveAt = stored(plus(s.asOf(), positiveDurations().generate(in)));
                // At the end of what a value can hold there is no later instant to add a choice at.
                if (effectiveAt.isAfter(s.asOf())) {
                    later.add(new ConsentEvent("later-" + i, purposesAround(policy.purpose()).generate(in),
                            consentChoices().generate(in), effectiveAt,
                            stored(plus(effectiveAt, recordingLags().generate(in))), consentChannels().generate(in)));
                }
            }
            return adding(s, later);
        };
    }

    /** Scenarios with one more choice, under a fresh id, often effective at or right next to asOf. */
    private static Gen<Change> withAddedChoice(TrainingPolicy policy, ConsentChoice choice) {
        return in -> {
            Scenario s = scenarios(policy).generate(in);
            Gen<Instant> effectiveAts = Generate.frequency(
                    Pair.of(1, instants()), Pair.of(2, nudged(Generate.constant(s.asOf()))));
            ConsentEvent drawn = consentEvents(purposesAround(policy.purpose()), effectiveAts).generate(in);
            ConsentEvent added = new ConsentEvent("added", drawn.purpose(), choice, drawn.effectiveAt(),
                    drawn.recordedAt(), drawn.channel());
            return adding(s, List.of(added));
        };
    }

    /**
     * The scenario's item resumed once more, at or before {@code asOf} and not before its creation or
     * last resumption: often on or next to one of the member's choices or to {@code asOf}. Only the last
     * resumption is kept, so a resumption after {@code asOf} would hide an earlier one from the question
     * (which then fails closed); that is not a widening or a narrowing this invariant is about.
     */
    private static Gen<Change> resumedAgain(TrainingPolicy policy) {
        return in -> {
            Scenario s = scenarios(policy).generate(in);
            ContentItem item = s.item();
            Instant earliest = item.resumedAt().orElse(item.createdAt());
            List<Instant> near = new ArrayList<>();
            near.add(s.asOf());
            s.member().consent().events().forEach(event -> near.add(event.effectiveAt()));
            Instant drawn = stored(Generate.frequency(Pair.of(1, instants()), Pair.of(3, nudged(Generate.pick(near))))
                    .generate(in));
            Instant resumedAt = drawn.isBefore(earliest) || drawn.isAfter(s.asOf()) ? earliest : drawn;
            Scenario resumed = s.withItem(item.withResumedAt(resumedAt));
            return new Change("resuming the item at " + resumedAt, Answer.of(s), Answer.of(resumed));
        };
    }

    private static Change adding(Scenario s, List<ConsentEvent> events) {
        Member member = s.member();
        for (ConsentEvent event : events) {
            member = member.withConsentEvent(event);
        }
        String what = events.isEmpty() ? "adding no event"
                : "adding " + events.stream().map(Invariants::describe).collect(Collectors.joining(", "));
        return new Change(what, Answer.of(s), Answer.of(s.withMember(member)));
    }

    /**
     * Scenarios whose member's events are supplied in another order, some of them more than once. Some
     * events get a twin: the same choice at the same instant under another id, purpose, channel or
     * recording, since only such ties could let the order show through.
     */
    private static Gen<Change> suppliedInAnotherOrder(TrainingPolicy policy) {
        Gen<Integer> copies = Generate.frequency(Pair.of(3, Generate.constant(1)), Pair.of(1, Generate.range(2, 3)));
        Gen<Long> shuffles = Generate.longRange(Long.MIN_VALUE, Long.MAX_VALUE);
        return in -> {
            Scenario s = scenarios(policy).generate(in);
            Gen<Purpose> purposes = purposesAround(policy.purpose());
            List<ConsentEvent> events = new ArrayList<>();
            for (ConsentEvent event : s.member().consent().events()) {
                events.add(event);
                if (Generate.range(0, 2).generate(in) == 0) {
                    events.add(new ConsentEvent(event.id() + "-twin", purposes.generate(in), event.choice(),
                            event.effectiveAt(), stored(plus(event.effectiveAt(), recordingLags().generate(in))),
                            consentChannels().generate(in)));
                }
            }
            List<ConsentEvent> supplied = new ArrayList<>();
            for (ConsentEvent event : events) {
                supplied.addAll(Collections.nCopies(copies.generate(in), event));
            }
            Collections.shuffle(supplied, new Random(shuffles.generate(in)));
            Scenario drawn = s.withMember(s.member().withConsent(ConsentHistory.of(events)));
            Member resupplied = drawn.member().withConsent(ConsentHistory.empty());
            for (ConsentEvent event : supplied) {
                resupplied = resupplied.withConsentEvent(event);
            }
            return new Change("supplying the events in the order " + supplied.stream().map(ConsentEvent::id)
                    .collect(Collectors.joining(", ")), Answer.of(drawn), Answer.of(drawn.withMember(resupplied)));
        };
    }

    /**
     * Scenarios with an audit instant, asked as known then, and asked on everything recorded with the
     * events recorded after it removed.
     */
    private static Gen<Change> withTheHistoryAsKnownAt(TrainingPolicy policy) {
        return in -> {
            Scenario drawn = scenarios(policy).generate(in);
            Instant knownAt = drawn.knownAt().isPresent() ? drawn.knownAt().get()
                    : momentsOf(policy, drawn.member(), drawn.item()).generate(in);
            Scenario s = drawn.withKnownAt(knownAt);
            Member asKnown = s.member().withConsent(s.member().consent().knownAt(knownAt));
            return new Change("removing the events recorded after " + knownAt + " and asking without knownAt",
                    Answer.of(s), Answer.of(s.withMember(asKnown).withKnownAt(null)));
        };
    }

    /** Scenarios asking before the item was created, or at or after it was deleted. */
    private static Gen<Scenario> asOfOutsideTheItemsLifetime(TrainingPolicy policy) {
        return in -> {
            Scenario s = scenarios(policy).generate(in);
            ContentItem item = s.item();
            if (Generate.booleans().generate(in)) {
                return s.withAsOf(plus(item.createdAt(), positiveDurations().generate(in).negated()));
            }
            Instant deletedAt = item.deletedAt().isPresent() ? item.deletedAt().get()
                    : stored(plus(item.createdAt(), nonNegativeDurations().generate(in)));
            return s.withItem(item.withDeletedAt(deletedAt)).withAsOf(plus(deletedAt, nonNegativeDurations().generate(in)));
        };
    }

    /**
     * Scenarios asking while a version with a minimum age is in force, of a member with a known birth
     * date, about an item created around the UTC midnight on which the member comes of age, or long
     * before or after it. A policy with no minimum age gets plain scenarios, for which the invariant
     * holds trivially.
     */
    private static Gen<Scenario> itemsCreatedAroundComingOfAge(TrainingPolicy policy) {
        List<PolicyVersion> ageLimited = policy.versions().stream().filter(v -> v.minimumAge() > 0)
                .collect(Collectors.toUnmodifiableList());
        if (ageLimited.isEmpty()) {
            return scenarios(policy);
        }
        Gen<Duration> offsets = Generate.frequency(
                Pair.of(3, Generate.pick(List.of(Duration.ZERO, Duration.ofNanos(-1), Duration.ofNanos(1),
                        Duration.ofSeconds(-1), Duration.ofHours(23), Duration.ofDays(-1), Duration.ofDays(1)))),
                Pair.of(2, Generate.range(-4000, 2000).map(days -> Duration.ofDays(days))));
        return in -> {
            Scenario s = scenarios(policy).generate(in);
            PolicyVersion version = Generate.pick(ageLimited).generate(in);
            LocalDate born = s.member().birthDate().isPresent() ? s.member().birthDate().get()
                    : ConsentGenerators.birthDates().generate(in);
            Member member = s.member().toBuilder().birthDate(born).build();
            Instant createdAt = stored(plus(utcMidnight(comingOfAge(born, version)), offsets.generate(in)));
            return s.withMember(member).withItem(copy(s.item(), s.item().category(), createdAt))
                    .withAsOf(inForce(policy, version).generate(in));
        };
    }

    /**
     * Scenarios drawn from {@code scenarios} whose member opted out, for the policy's purpose or a
     * broader one, at or before asOf, and has no opt-in covering that purpose effective after the
     * opt-out. The engine's own property tests draw them over random policies too.
     */
    static Gen<Scenario> asOfAfterAnOptOutWithoutLaterOptIn(Gen<Scenario> scenarios) {
        return in -> {
            Scenario s = scenarios.generate(in);
            Purpose governed = s.policy().purpose();
            Instant optedOutAt = stored(plus(s.asOf(), nonNegativeDurations().generate(in).negated()));
            if (optedOutAt.isAfter(s.asOf())) {
                // Asked before any instant a value can hold: ask at the opt-out instead.
                s = s.withAsOf(optedOutAt);
            }
            ConsentEvent optOut = ConsentEvent.optOut("opt-out", Generate.pick(coveringPurposes(governed)).generate(in),
                    optedOutAt, stored(plus(optedOutAt, recordingLags().generate(in))), consentChannels().generate(in));
            List<ConsentEvent> events = new ArrayList<>(List.of(optOut));
            for (ConsentEvent event : s.member().consent().events()) {
                boolean laterOptIn = !event.isOptOut() && event.purpose().covers(governed)
                        && event.effectiveAt().isAfter(optedOutAt);
                if (!laterOptIn) {
                    events.add(event);
                }
            }
            return s.withMember(s.member().withConsent(ConsentHistory.of(events)));
        };
    }

    /**
     * Scenarios whose member's account was closed, and perhaps reopened, around asOf: asking on or next
     * to a closure's start or its reopening, inside it, or after it, about items created before, during
     * and after the closure.
     */
    private static Gen<Scenario> asOfAroundAClosure(TrainingPolicy policy) {
        return in -> {
            Scenario s = scenarios(policy).generate(in);
            Instant closedAt = stored(plus(s.asOf(), positiveDurations().generate(in).negated()));
            Instant reopenedAt = Generate.booleans().generate(in) ? null
                    : stored(plus(closedAt, positiveDurations().generate(in)));
            if (reopenedAt != null && !reopenedAt.isAfter(closedAt)) {
                reopenedAt = null;
            }
            List<AccountClosure> closures = new ArrayList<>();
            Instant earlier = stored(plus(closedAt, positiveDurations().generate(in).negated()));
            if (earlier.isBefore(closedAt) && Generate.booleans().generate(in)) {
                // An earlier closure, reopened by the time of this one.
                Instant earlierStart = stored(plus(earlier, positiveDurations().generate(in).negated()));
                if (earlierStart.isBefore(earlier)) {
                    closures.add(AccountClosure.between(earlierStart, earlier));
                }
            }
            closures.add(new AccountClosure(closedAt, reopenedAt));
            List<Instant> around = new ArrayList<>(List.of(closedAt));
            if (reopenedAt != null) {
                around.add(reopenedAt);
            }
            Instant asOf = nudged(Generate.pick(around)).generate(in);
            Member member = s.member().toBuilder().closures(closures).build();
            return s.withMember(member).withAsOf(asOf);
        };
    }

    /** The item with another category and creation; a deletion before the new creation is dropped. */
    private static ContentItem copy(ContentItem item, DataCategory category, Instant createdAt) {
        Instant deletedAt = item.deletedAt().filter(at -> !at.isBefore(createdAt)).orElse(null);
        return ContentItem.of(item.id(), item.authorId(), category, createdAt, deletedAt, item.reservations());
    }

    private static String describe(ConsentEvent event) {
        return event.choice() + " " + event.id() + " for " + event.purpose() + " effective " + event.effectiveAt()
                + ", recorded " + event.recordedAt();
    }
}
