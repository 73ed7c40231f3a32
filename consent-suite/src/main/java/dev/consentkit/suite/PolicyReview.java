package dev.consentkit.suite;

import dev.consentkit.DataCategory;
import dev.consentkit.Jurisdiction;
import dev.consentkit.JurisdictionRule;
import dev.consentkit.LeapDayBirthday;
import dev.consentkit.LegalBasis;
import dev.consentkit.PolicyVersion;
import dev.consentkit.TrainingPolicy;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A review of a training policy's meaning: what a careful reviewer would ask about a policy that reads
 * and runs, each finding naming the part it is about and, given the policy's {@link PolicyLocations},
 * the line and column where that part starts. {@code consent validate} prints these findings for a policy
 * document; an application can review a policy it builds in Java the same way, before it deploys it.
 *
 * <p>A {@link TrainingPolicy} is valid by construction, and reading a policy document rejects what no
 * policy can be (versions out of order or sharing an instant, a jurisdiction code that does not exist, a
 * malformed category key, a rule given twice), at its first problem. Those problems are therefore not
 * findings of this review: reading reports them.
 *
 * <p>Errors, for what a policy cannot mean:
 * <ul>
 *   <li>an allowed category that is, or is under, a never-allowed category of the same version, so it can
 *       never be used.
 * </ul>
 *
 * <p>Warnings, for what a careful reviewer would ask about:
 * <ul>
 *   <li>an allowed (or never-allowed) category already covered by another entry of the same list;
 *   <li>a jurisdiction rule that changes no decision (below);
 *   <li>a version under which nothing can be trainable: one that allows no category, or one excluded by
 *       default in which no rule gives a basis;
 *   <li>a minimum age of 0, which switches every age check off;
 *   <li>a version that changes nothing from the one before it;
 *   <li>for a version that counts items only from each member's own choice
 *       ({@link PolicyVersion#itemsFromMembersChoice()}): an opt-out basis, by default or in a rule, under
 *       which members who never chose count nothing at all, and an {@code itemsCreatedFrom} that keeps
 *       resumed items out by their creation;
 *   <li>in a document only, since a policy built in Java always states them: a version that does not say
 *       when a member born on 29 February comes of age (the document's form then means
 *       {@link LeapDayBirthday#FEBRUARY_28}), and an {@code "itemsFromMembersChoice": false} that says
 *       what leaving the field out says. A field left out has no location, so these need
 *       {@link PolicyLocations#read(String)}.
 * </ul>
 *
 * <p><b>Rules that change no decision.</b> A jurisdiction rule is compared with what would decide for its
 * own jurisdiction without it: the most specific other rule of the version whose jurisdiction
 * {@linkplain Jurisdiction#contains contains} it, picked as evaluation picks (subdivision over country
 * over {@code EU} over {@code EEA}), or the version's default when no other rule contains it. When both
 * say the same (both exclude, or both give the same basis), the rule is reported. So every rule that
 * repeats the broader rule covering it is reported: a subdivision repeating its country or a group
 * ({@code US-CA} and {@code US}, {@code FR-75} and {@code EU}), a country repeating a group ({@code FR}
 * and {@code EU}, {@code NO} and {@code EEA}), {@code EU} repeating {@code EEA}, and any rule repeating
 * the default. A rule is compared with the most specific rule covering it only: {@code FR} excluded under
 * {@code EU} with a basis and {@code EEA} excluded is not reported, since removing it would let the
 * {@code EU} rule decide for France. One case is reported although the rule still decides somewhere: a
 * country's ISO 3166-2 subdivisions include a few territories outside the group ({@code FR-PF}, French
 * Polynesia, is in {@code FR} but not in the {@code EU}; so are {@code NL-AW} and, outside the
 * {@code EEA}, {@code NO-21}), which a country rule covers and the group rule does not; so the fix of such
 * a finding says the rule changes no decision within the group, and a country rule kept for such a
 * territory is better written as a rule for the territory itself.
 *
 * <p>Findings come in the order of the policy's versions, and within a version in the order of the
 * checks above; sort them by {@link Finding#location()} to list them by place.
 */
public final class PolicyReview {

    private final PolicyLocations locations;
    private final List<Finding> findings = new ArrayList<>();

    private PolicyReview(PolicyLocations locations) {
        this.locations = locations;
    }

    /**
     * Reviews a policy built in Java, or one whose document is not at hand: the findings name the version
     * and the rule, category or field they are about, without a location.
     *
     * @param policy the policy to review
     * @return what the review found, empty when nothing
     * @throws NullPointerException if {@code policy} is null
     */
    public static List<Finding> review(TrainingPolicy policy) {
        return review(policy, PolicyLocations.none());
    }

    /**
     * Reviews a policy read from a document, pointing each finding at the place where its part starts in
     * that document.
     *
     * @param policy the policy to review, as reading its document returned it
     * @param locations where its parts start in that document, from {@link PolicyLocations#read(String)}
     * @return what the review found, empty when nothing
     * @throws NullPointerException if an argument is null
     */
    public static List<Finding> review(TrainingPolicy policy, PolicyLocations locations) {
        Objects.requireNonNull(policy, "policy");
        PolicyReview review = new PolicyReview(Objects.requireNonNull(locations, "locations"));
        PolicyVersion before = null;
        for (PolicyVersion version : policy.versions()) {
            review.version(version, before);
            before = version;
        }
        return List.copyOf(review.findings);
    }

    private void version(PolicyVersion version, @Nullable PolicyVersion before) {
        if (before != null && sameRules(version, before)) {
            add(Finding.Severity.WARNING, PolicyPart.field(version.id(), "id"),
                    "version " + version.id() + " changes nothing from the version before it",
                    "remove it, or make the change it was meant to make");
        }
        rules(version);
        categories(version);
        nothingTrainable(version);
        minimumAge(version);
        leapDayBirthday(version);
        membersChoice(version);
    }

    // ------------------------------------------------------------------ jurisdiction rules

    private void rules(PolicyVersion version) {
        String defaultEffect = version.defaultBasis().map(LegalBasis::name).orElse("excluded");
        for (JurisdictionRule rule : version.jurisdictionRules()) {
            JurisdictionRule broader = broaderRule(rule, version.jurisdictionRules());
            Jurisdiction place = rule.jurisdiction();
            PolicyPart part = PolicyPart.rule(version.id(), place);
            if (broader != null && effect(broader).equals(effect(rule))) {
                Jurisdiction group = broader.jurisdiction();
                String fix = place.kind() == Jurisdiction.Kind.COUNTRY && group.isGroup()
                        ? "remove it; it changes no decision within " + group
                        : "remove it; it changes no decision";
                add(Finding.Severity.WARNING, part, "the rule for " + place + " says what the rule for " + group
                        + at(PolicyPart.rule(version.id(), group)) + " already says for it: " + shown(effect(rule)), fix);
            } else if (broader == null && effect(rule).equals(defaultEffect)) {
                add(Finding.Severity.WARNING, part, "the rule for " + place + " says what the default of version "
                        + version.id() + " already says: " + shown(defaultEffect), "remove it; it changes no decision");
            }
        }
    }

    /** What a rule does: "excluded" or the name of its basis. */
    private static String effect(JurisdictionRule rule) {
        return rule.basis().map(LegalBasis::name).orElse("excluded");
    }

    private static String shown(String effect) {
        return effect.equals("excluded") ? "excluded" : "under " + effect;
    }

    /** The rule that would decide for the rule's own jurisdiction without it, or null for the default. */
    private static @Nullable JurisdictionRule broaderRule(JurisdictionRule rule, List<JurisdictionRule> rules) {
        JurisdictionRule best = null;
        for (JurisdictionRule other : rules) {
            if (!other.jurisdiction().equals(rule.jurisdiction()) && other.jurisdiction().contains(rule.jurisdiction())
                    && (best == null || specificity(other.jurisdiction()) > specificity(best.jurisdiction()))) {
                best = other;
            }
        }
        return best;
    }

    /** As evaluation ranks rules: subdivision over country over EU over EEA. */
    private static int specificity(Jurisdiction place) {
        switch (place.kind()) {
            case SUBDIVISION:
                return 3;
            case COUNTRY:
                return 2;
            default:
                return place.equals(Jurisdiction.EU) ? 1 : 0;
        }
    }

    // ------------------------------------------------------------------ categories

    private void categories(PolicyVersion version) {
        String id = version.id();
        for (DataCategory allowed : version.allowedCategories()) {
            PolicyPart part = PolicyPart.allowedCategory(id, allowed);
            DataCategory blocking = within(allowed, version.neverAllowedCategories(), true);
            if (blocking != null && blocking.equals(allowed)) {
                add(Finding.Severity.ERROR, part, "category " + allowed + " is allowed, and never allowed"
                        + at(PolicyPart.neverAllowedCategory(id, blocking)) + ", so it can never be used",
                        "never allowed wins: remove it from allowedCategories, or from neverAllowedCategories if it may"
                                + " be used");
            } else if (blocking != null) {
                add(Finding.Severity.ERROR, part, "allowed category " + allowed + " can never be used: it is under"
                        + " never-allowed category " + blocking + atComma(PolicyPart.neverAllowedCategory(id, blocking)),
                        "remove it from allowedCategories, or never-allow only the categories under " + blocking
                                + " that must stay out");
            } else {
                DataCategory broader = within(allowed, version.allowedCategories(), false);
                if (broader != null) {
                    add(Finding.Severity.WARNING, part, "allowed category " + allowed + " is already allowed through "
                            + broader + atComma(PolicyPart.allowedCategory(id, broader)),
                            "remove it; allowing " + broader + " allows everything under it");
                }
            }
        }
        for (DataCategory never : version.neverAllowedCategories()) {
            DataCategory broader = within(never, version.neverAllowedCategories(), false);
            if (broader != null) {
                add(Finding.Severity.WARNING, PolicyPart.neverAllowedCategory(id, never), "never-allowed category "
                        + never + " is already never allowed through " + broader
                        + atComma(PolicyPart.neverAllowedCategory(id, broader)),
                        "remove it; never allowing " + broader + " covers everything under it");
            }
        }
    }

    /** The first of {@code list} that {@code category} lies under; itself only when {@code sameCounts}. */
    private static @Nullable DataCategory within(DataCategory category, Iterable<DataCategory> list,
            boolean sameCounts) {
        for (DataCategory other : list) {
            if (category.isWithin(other) && (sameCounts || !other.equals(category))) {
                return other;
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ versions as a whole

    private void nothingTrainable(PolicyVersion version) {
        String id = version.id();
        if (version.allowedCategories().isEmpty()) {
            add(Finding.Severity.WARNING, PolicyPart.field(id, "allowedCategories"),
                    "version " + id + " allows no category, so nothing is trainable under it",
                    "list the categories it may use, such as profile and content.public, unless the version pauses"
                            + " the program");
        }
        if (version.defaultBasis().isEmpty()
                && version.jurisdictionRules().stream().allMatch(JurisdictionRule::isExcluded)) {
            add(Finding.Severity.WARNING, PolicyPart.field(id, "excludedByDefault"), "version " + id
                    + " is excluded by default and no rule gives a basis, so nothing is trainable under it",
                    "add a jurisdiction rule with a basis for each place the program runs in");
        }
    }

    private void minimumAge(PolicyVersion version) {
        if (version.minimumAge() == 0) {
            add(Finding.Severity.WARNING, PolicyPart.field(version.id(), "minimumAge"),
                    "minimum age 0 switches off every age check, for minors and unknown ages alike",
                    "set the program's minimum age, 18 in every real program");
        }
    }

    /** A document's version that leaves leapDayBirthday out means 28 February; a policy built in Java says it. */
    private void leapDayBirthday(PolicyVersion version) {
        String id = version.id();
        if (version.minimumAge() != 0 && version.leapDayBirthday() == LeapDayBirthday.FEBRUARY_28
                && locations.of(PolicyPart.version(id)).isPresent()
                && locations.of(PolicyPart.field(id, "leapDayBirthday")).isEmpty()) {
            add(Finding.Severity.WARNING, PolicyPart.field(id, "minimumAge"), "version " + id + " does not say when a"
                    + " member born on 29 February comes of age, so a document of this form means 28 February in a"
                    + " common year, a day before the law of the United Kingdom and Hong Kong counts",
                    "add \"leapDayBirthday\": \"MARCH_1\", the safe reading, or \"FEBRUARY_28\" to keep this one");
        }
    }

    private void membersChoice(PolicyVersion version) {
        String id = version.id();
        PolicyPart scope = PolicyPart.field(id, "itemsFromMembersChoice");
        if (!version.itemsFromMembersChoice()) {
            if (locations.of(scope).isPresent()) {
                add(Finding.Severity.WARNING, scope, "\"itemsFromMembersChoice\": false says what leaving it out says",
                        "remove it; items then count whenever they were created");
            }
            return;
        }
        Optional<java.time.Instant> from = version.itemsCreatedFrom();
        if (from.isPresent()) {
            add(Finding.Severity.WARNING, PolicyPart.field(id, "itemsCreatedFrom"), "version " + id + " counts items"
                    + " from each member's own choice, and itemsCreatedFrom judges an item by its creation alone: an"
                    + " item created before " + from.get() + " stays out even when the member resumes it after their"
                    + " choice", "remove itemsCreatedFrom, unless items created before it must stay out even when"
                            + " resumed");
        }
        List<String> optOutPlaces = new ArrayList<>();
        version.defaultBasis().filter(basis -> !basis.requiresOptIn())
                .ifPresent(basis -> optOutPlaces.add("by default (" + basis + ")"));
        for (JurisdictionRule rule : version.jurisdictionRules()) {
            LegalBasis basis = rule.basis().orElse(null);
            if (basis != null && !basis.requiresOptIn()) {
                optOutPlaces.add("in " + rule.jurisdiction() + " (" + basis + ")");
            }
        }
        if (!optOutPlaces.isEmpty()) {
            add(Finding.Severity.WARNING, scope, "version " + id + " counts items only from each member's own opt-in,"
                    + " but runs without one " + String.join(", ", optOutPlaces) + ": there nothing of a member who"
                    + " never chose is trainable (ITEM_BEFORE_CHOICE), not even by default",
                    "give those places a consent basis, or leave itemsFromMembersChoice out if members who never chose"
                            + " should count");
        }
    }

    /** Whether two versions decide alike: everything but their ids and starts is the same. */
    private static boolean sameRules(PolicyVersion a, PolicyVersion b) {
        return a.defaultBasis().equals(b.defaultBasis())
                && new HashSet<>(a.jurisdictionRules()).equals(new HashSet<>(b.jurisdictionRules()))
                && a.allowedCategories().equals(b.allowedCategories())
                && a.neverAllowedCategories().equals(b.neverAllowedCategories())
                && a.minimumAge() == b.minimumAge() && a.unknownAge() == b.unknownAge()
                && a.leapDayBirthday() == b.leapDayBirthday() && a.gpcSignalsObject() == b.gpcSignalsObject()
                && a.itemsCreatedFrom().equals(b.itemsCreatedFrom())
                && a.itemsFromMembersChoice() == b.itemsFromMembersChoice();
    }

    // ------------------------------------------------------------------ findings

    /** Adds a finding about {@code part}, at its location, or else at its version's. */
    private void add(Finding.Severity severity, PolicyPart part, String message, String fix) {
        Finding finding = Finding.of(severity, part.toString(), message, fix);
        Optional<Location> at = locations.of(part).or(() -> locations.of(PolicyPart.version(part.version())));
        findings.add(at.map(finding::at).orElse(finding));
    }

    /** " at line L, column C" when the part's location is known, else nothing. */
    private String at(PolicyPart part) {
        return locations.of(part).map(location -> " at " + location).orElse("");
    }

    /** ", at line L, column C" when the part's location is known, else nothing. */
    private String atComma(PolicyPart part) {
        return locations.of(part).map(location -> ", at " + location).orElse("");
    }
}
