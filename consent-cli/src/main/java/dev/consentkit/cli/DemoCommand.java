package dev.consentkit.cli;

import dev.consentkit.ConsentChannel;
import dev.consentkit.ConsentEvent;
import dev.consentkit.ContentItem;
import dev.consentkit.Decision;
import dev.consentkit.Jurisdiction;
import dev.consentkit.JurisdictionRule;
import dev.consentkit.Member;
import dev.consentkit.PolicyVersion;
import dev.consentkit.Reason;
import dev.consentkit.TrainingPolicy;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code consent demo}: evaluates the bundled {@link DemoSample} at a few instants and prints a table
 * of decisions by reason per instant, then a handful of decisions explained, one of them showing that
 * an opt-out is not retroactive. The output is the same on every run: no timing, nothing random.
 */
@Command(name = "demo",
        sortOptions = false,
        description = {
                "Evaluates a bundled sample and explains some decisions.",
                "",
                "The sample: the LinkedIn-style generative-AI policy of 2024 and 2025, and 1,000 generated "
                        + "members in twelve jurisdictions with their consent choices, writing 20,000 items. "
                        + "Prints a table of decisions by reason at four instants, then a few decisions "
                        + "explained. The sample is generated from a fixed seed: every run prints the same.",
                ""},
        footerHeading = "%nExamples:%n",
        footer = "  ./consent demo")
final class DemoCommand implements Callable<Integer> {

    private static final String REASON_COLUMN = "%-22s";
    private static final String NUMBER_COLUMN = "%12s";
    private static final int MORAL_WIDTH = 96;

    private final Invocation invocation;

    @SuppressWarnings("UnusedVariable") // picocli reads and sets it by reflection
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    DemoCommand(Invocation invocation) {
        this.invocation = invocation;
    }

    @Override
    public Integer call() {
        DemoSample sample = DemoSample.generate();
        PrintWriter out = invocation.out();
        out.println("ConsentKit demo: which items may train a generative AI model, and why?");
        out.println();
        describePolicy(sample.policy(), out);
        out.println();
        long places = sample.members().stream().map(m -> m.jurisdictions().residences().get(0).jurisdiction())
                .distinct().count();
        out.println(String.format(Locale.ROOT, "Sample: %,d members in %d jurisdictions with their consent choices, "
                + "%,d items (seed %d).", sample.members().size(), places, sample.items().size(), DemoSample.SEED));
        out.println();
        table(sample, out);
        out.println();
        out.println("Decisions explained");
        out.println();
        int number = 1;
        for (Story story : stories(sample)) {
            story.print(number++, out);
        }
        return 0;
    }

    private static void describePolicy(TrainingPolicy policy, PrintWriter out) {
        out.println("Policy " + policy.id() + " for " + policy.purpose() + ":");
        for (PolicyVersion version : policy.versions()) {
            List<String> excluded = version.jurisdictionRules().stream().filter(JurisdictionRule::isExcluded)
                    .map(rule -> rule.jurisdiction().code()).collect(Collectors.toList());
            out.println("  version " + version.id() + " from " + date(version.effectiveFrom()) + ": "
                    + version.defaultBasis().map(b -> b + " by default").orElse("excluded by default") + ", "
                    + (excluded.isEmpty() ? "no region excluded" : "excludes " + String.join(", ", excluded)));
        }
        PolicyVersion first = policy.versions().get(0);
        out.println("  every version allows " + joined(first.allowedCategories()));
        out.println("  and never " + joined(first.neverAllowedCategories()) + ";");
        out.println("  nothing of members under " + first.minimumAge() + ", or of unknown age");
    }

    private static String joined(Iterable<?> values) {
        List<String> texts = new ArrayList<>();
        values.forEach(v -> texts.add(v.toString()));
        return String.join(", ", texts);
    }

    /** The counts by reason per instant, as a fixed-width table. */
    private static void table(DemoSample sample, PrintWriter out) {
        List<Map<Reason, Integer>> columns = new ArrayList<>();
        for (Instant asOf : DemoSample.INSTANTS) {
            columns.add(countByReason(sample, asOf));
        }
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, REASON_COLUMN, "reason"));
        for (Instant asOf : DemoSample.INSTANTS) {
            header.append(String.format(Locale.ROOT, NUMBER_COLUMN, date(asOf)));
        }
        out.println(header);
        for (Reason reason : Reason.values()) {
            if (columns.stream().anyMatch(c -> c.containsKey(reason))) {
                out.println(row(reason.name(), columns, c -> count(c.getOrDefault(reason, 0))));
            }
        }
        out.println(row("trainable", columns, c -> count(trainable(c))));
        out.println(row("total", columns, c -> count(c.values().stream().mapToInt(Integer::intValue).sum())));
        out.println(row("trainable share", columns, c -> String.format(Locale.ROOT, "%.1f%%",
                100.0 * trainable(c) / c.values().stream().mapToInt(Integer::intValue).sum())));
    }

    /** Every item's decision at {@code asOf}, counted by reason. */
    static Map<Reason, Integer> countByReason(DemoSample sample, Instant asOf) {
        Map<Reason, Integer> counts = new EnumMap<>(Reason.class);
        for (ContentItem item : sample.items()) {
            Decision decision = sample.policy().evaluate(item, sample.member(item.authorId()), asOf);
            counts.merge(decision.reason(), 1, Integer::sum);
        }
        return counts;
    }

    private static int trainable(Map<Reason, Integer> counts) {
        return counts.getOrDefault(Reason.ALLOWED_BY_DEFAULT, 0) + counts.getOrDefault(Reason.ALLOWED_OPTED_IN, 0);
    }

    private static String row(String label, List<Map<Reason, Integer>> columns,
            Function<Map<Reason, Integer>, String> cell) {
        StringBuilder row = new StringBuilder(String.format(Locale.ROOT, REASON_COLUMN, label));
        for (Map<Reason, Integer> column : columns) {
            row.append(String.format(Locale.ROOT, NUMBER_COLUMN, cell.apply(column)));
        }
        return row.toString();
    }

    private static String count(int n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    // ------------------------------------------------------------------ explained decisions

    /** A decision or two about one item, with what they show. */
    private static final class Story {

        final String title;
        final ContentItem item;
        final Member author;
        final List<Decision> decisions;
        final String moral;

        Story(String title, ContentItem item, Member author, List<Decision> decisions, String moral) {
            this.title = title;
            this.item = item;
            this.author = author;
            this.decisions = decisions;
            this.moral = moral;
        }

        void print(int number, PrintWriter out) {
            out.println(number + ". " + title);
            out.println("   " + item.id() + " by " + author.id() + " (" + home(author) + "), " + item.category()
                    + ", created " + item.createdAt());
            for (Decision d : decisions) {
                out.println("   at " + date(d.asOf()) + d.knownAt().map(k -> " as known at " + date(k)).orElse("") + ": "
                        + (d.trainable() ? "trainable" : "not trainable") + " (" + d.reason() + ") under " + d.policyId()
                        + d.policyVersion().map(v -> "@" + v).orElse(""));
                if (d.failedChecks().size() > 1) {
                    out.println("       failed checks: " + d.failedChecks());
                }
                out.println("       evidence: " + d.evidence());
            }
            for (String line : wrap(moral, MORAL_WIDTH)) {
                out.println("   " + line);
            }
            out.println();
        }
    }

    private static List<Story> stories(DemoSample sample) {
        return List.of(notRetroactive(sample), regionJoins(sample), neverUsed(sample), writtenAsMinor(sample),
                lateOptOut(sample));
    }

    /** An item used before its author's opt-out and not after: the opt-out stops use from then on. */
    private static Story notRetroactive(DemoSample sample) {
        List<Instant> at = DemoSample.INSTANTS;
        for (ContentItem item : sample.items()) {
            Member author = sample.member(item.authorId());
            ConsentEvent optOut = onlyEvent(author);
            if (!item.category().key().equals("content.public") || optOut == null || !optOut.isOptOut()
                    || optOut.channel() != ConsentChannel.SETTINGS_TOGGLE || isLate(optOut)) {
                continue;
            }
            for (int i = 0; i + 1 < at.size(); i++) {
                Instant before = at.get(i);
                Instant after = at.get(i + 1);
                Decision allowed = sample.policy().evaluate(item, author, before);
                Decision denied = sample.policy().evaluate(item, author, after);
                if (allowed.reason() == Reason.ALLOWED_BY_DEFAULT && denied.reason() == Reason.OPTED_OUT
                        && optOut.effectiveAt().isAfter(before)) {
                    return new Story("An opt-out is not retroactive.", item, author, List.of(allowed, denied),
                            "The member switched the setting off on " + date(optOut.effectiveAt()) + ": use on "
                                    + date(before) + " was allowed and stays allowed; from the opt-out on, it is not.");
                }
            }
        }
        throw new IllegalStateException("the demo sample has no opt-out to show");
    }

    /** A European member's post: excluded while the region is, used once the program covers it. */
    private static Story regionJoins(DemoSample sample) {
        Instant paused = DemoSample.INSTANTS.get(1);
        Instant joined = DemoSample.INSTANTS.get(2);
        return find(sample, (item, author) -> item.category().key().equals("content.public")
                && author.consent().isEmpty() && home(author).equals(Jurisdiction.of("DE")), item -> {
                    Member author = sample.member(item.authorId());
                    Decision before = sample.policy().evaluate(item, author, paused);
                    Decision after = sample.policy().evaluate(item, author, joined);
                    return before.reason() == Reason.JURISDICTION_EXCLUDED && after.reason() == Reason.ALLOWED_BY_DEFAULT
                            ? new Story("A region joins the program.", item, author, List.of(before, after),
                                    "The European Union was excluded until version 2025-11-03; from then on the "
                                            + "member's public posts are used unless they object.")
                            : null;
                });
    }

    /** A private message of a member who opted in: never used, whatever the member chose. */
    private static Story neverUsed(DemoSample sample) {
        Instant asOf = DemoSample.INSTANTS.get(2);
        return find(sample, (item, author) -> item.category().key().equals("messages.private"), item -> {
            Member author = sample.member(item.authorId());
            Decision decision = sample.policy().evaluate(item, author, asOf);
            ConsentEvent choice = author.consent().events().isEmpty() ? null
                    : author.consent().events().get(author.consent().events().size() - 1);
            return choice != null && !choice.isOptOut() && choice.effectiveAt().isBefore(asOf)
                    && decision.failedChecks().equals(List.of(Reason.CATEGORY_EXCLUDED, Reason.CATEGORY_NOT_COVERED))
                    ? new Story("Private messages are never used.", item, author, List.of(decision),
                            "The member opted in on " + date(choice.effectiveAt()) + ", but a never-allowed category "
                                    + "denies whatever the member chose.")
                    : null;
        });
    }

    /** A post written at 17 by a member who is 18 now: it stays out. */
    private static Story writtenAsMinor(DemoSample sample) {
        Instant asOf = DemoSample.INSTANTS.get(3);
        return find(sample, (item, author) -> item.category().key().equals("content.public"), item -> {
            Member author = sample.member(item.authorId());
            Decision decision = sample.policy().evaluate(item, author, asOf);
            return decision.failedChecks().equals(List.of(Reason.CREATED_WHILE_MINOR))
                    ? new Story("Coming of age does not release what a minor wrote.", item, author, List.of(decision),
                            "The member is an adult now, but the post was written before they turned 18.")
                    : null;
        });
    }

    /** An opt-out recorded days after it was made: an audit replays what was known at the time. */
    private static Story lateOptOut(DemoSample sample) {
        for (ContentItem item : sample.items()) {
            Member author = sample.member(item.authorId());
            ConsentEvent optOut = onlyEvent(author);
            if (!item.category().key().equals("content.public") || optOut == null || !optOut.isOptOut() || !isLate(optOut)) {
                continue;
            }
            // Midnight after the opt-out was made, while it was not yet recorded.
            Instant asOf = optOut.effectiveAt().atOffset(ZoneOffset.UTC).toLocalDate().plusDays(1)
                    .atStartOfDay(ZoneOffset.UTC).toInstant();
            if (!asOf.isBefore(optOut.recordedAt())) {
                continue;
            }
            Decision knownThen = sample.policy().asKnownAt(asOf).evaluate(item, author, asOf);
            Decision knownNow = sample.policy().evaluate(item, author, asOf);
            if (knownThen.trainable() && knownNow.reason() == Reason.OPTED_OUT) {
                return new Story("An audit tells a late-arriving opt-out from a wrong decision.", item, author,
                        List.of(knownThen, knownNow), "The opt-out made on " + date(optOut.effectiveAt())
                                + " was recorded only on " + date(optOut.recordedAt()) + ": a run on " + date(asOf)
                                + " could not know of it.");
            }
        }
        throw new IllegalStateException("the demo sample has no late-recorded opt-out to show");
    }

    private interface Candidate {
        boolean test(ContentItem item, Member author);
    }

    private static Story find(DemoSample sample, Candidate candidate,
            Function<ContentItem, Story> story) {
        for (ContentItem item : sample.items()) {
            Member author = sample.member(item.authorId());
            if (author.jurisdictions().residences().size() == 1 && candidate.test(item, author)) {
                Story found = story.apply(item);
                if (found != null) {
                    return found;
                }
            }
        }
        throw new IllegalStateException("the demo sample has no item for a story");
    }

    /** The member's one consent event, or null when they have none or several. */
    private static ConsentEvent onlyEvent(Member member) {
        List<ConsentEvent> events = member.consent().events();
        return events.size() == 1 && member.jurisdictions().residences().size() == 1 ? events.get(0) : null;
    }

    private static boolean isLate(ConsentEvent event) {
        return Duration.between(event.effectiveAt(), event.recordedAt()).compareTo(Duration.ofMinutes(1)) > 0;
    }

    /** The text in lines of at most {@code width} characters, broken at spaces. */
    private static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ", -1)) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.length() == 0 ? "" : " ").append(word);
        }
        lines.add(line.toString());
        return lines;
    }

    private static Jurisdiction home(Member member) {
        return member.jurisdictions().residences().get(0).jurisdiction();
    }

    /** An instant as its date when it is midnight UTC, as itself otherwise. */
    private static String date(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC).toLocalTime().equals(LocalTime.MIDNIGHT)
                ? instant.atOffset(ZoneOffset.UTC).toLocalDate().toString() : instant.toString();
    }
}
