package dev.consentkit.cli;

import dev.consentkit.DataCategory;
import dev.consentkit.Jurisdiction;
import dev.consentkit.LegalBasis;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The checks {@code consent validate} makes of a policy document's meaning, each pointing at a line
 * and column. Reading a policy stops at its first problem; these checks list every one they find.
 *
 * <p>Errors: versions out of order; a jurisdiction rule for a code that does not exist; an allowed
 * category that is, or is under, a never-allowed one in the same version, so that it can never be
 * used. Warnings, for what a careful reviewer would ask about: an allowed (or never-allowed) category
 * already covered by another entry of the same list; a country or subdivision rule that repeats the
 * broader rule covering it, or a rule that repeats the version's default (such rules change no
 * decision); a version under which nothing can be trainable; a minimum age of 0; a version that
 * changes nothing from the one before it; and, for a version that counts items only from each
 * member's own choice ({@code itemsFromMembersChoice}), an opt-out basis under which members who never
 * chose would count nothing at all, an {@code itemsCreatedFrom} that keeps resumed items out by their
 * creation, and an explicit {@code false} that says what leaving the field out says.
 *
 * <p>Parts of the document that are malformed are skipped here: reading the document reports them.
 */
final class PolicyReview {

    private final List<Finding> findings = new ArrayList<>();

    private PolicyReview() {}

    /** Reviews a policy document, read as a JSON object. */
    static List<Finding> review(JsonTree policy) {
        PolicyReview review = new PolicyReview();
        review.versions(policy.elements("versions"));
        return review.findings;
    }

    private void versions(List<JsonTree> versions) {
        Instant before = null;
        String beforeId = null;
        String beforeSignature = null;
        for (int i = 0; i < versions.size(); i++) {
            JsonTree version = versions.get(i);
            if (!version.is(JsonTree.Type.OBJECT)) {
                continue;
            }
            String id = version.string("id") != null ? version.string("id") : "#" + (i + 1);
            JsonTree fromNode = version.field("effectiveFrom");
            Instant from = instant(fromNode);
            if (from != null) {
                if (before != null && !from.isAfter(before)) {
                    findings.add(Finding.error(fromNode, "version " + id + " takes effect at " + from
                            + ", not after version " + beforeId + " listed before it, which takes effect at " + before,
                            "list versions in the order they take effect, each effectiveFrom later than the one before"));
                }
                before = from;
                beforeId = id;
            }
            String signature = signature(version);
            if (signature.equals(beforeSignature)) {
                findings.add(Finding.warning(version.field("id") != null ? version.field("id") : version,
                        "version " + id + " changes nothing from the version before it",
                        "remove it, or make the change it was meant to make"));
            }
            beforeSignature = signature;
            rules(id, version);
            categories(version);
            nothingTrainable(id, version);
            minimumAge(version);
            leapDayBirthday(id, version);
            membersChoice(id, version);
        }
    }

    private static Instant instant(JsonTree node) {
        if (node == null || !node.is(JsonTree.Type.STRING)) {
            return null;
        }
        try {
            return Instant.parse(node.text());
        } catch (DateTimeException e) {
            return null;
        }
    }

    // ------------------------------------------------------------------ jurisdiction rules

    /** A rule that reads well enough to compare: its place, what it does, and where it is. */
    private record Rule(Jurisdiction place, String effect, JsonTree node) {}

    private void rules(String versionId, JsonTree version) {
        List<Rule> rules = new ArrayList<>();
        for (JsonTree rule : version.elements("jurisdictionRules")) {
            JsonTree code = rule.field("jurisdiction");
            if (code == null || !code.is(JsonTree.Type.STRING)) {
                continue;
            }
            Jurisdiction place;
            try {
                place = Jurisdiction.of(code.text());
            } catch (IllegalArgumentException e) {
                findings.add(Finding.error(code, "no jurisdiction has the code \"" + code.text() + "\"", howToName(e)));
                continue;
            }
            String effect = effect(rule, "excluded", "basis");
            if (effect != null) {
                rules.add(new Rule(place, effect, code));
            }
        }
        String defaultEffect = effect(version, "excludedByDefault", "defaultBasis");
        for (Rule rule : rules) {
            Rule broader = rule.place().isGroup() ? null : broaderRule(rule, rules);
            if (broader != null && broader.effect().equals(rule.effect())) {
                findings.add(Finding.warning(rule.node(), "the rule for " + rule.place() + " says what the rule for "
                        + broader.place() + " at " + broader.node().where() + " already says for it: "
                        + shown(rule.effect()), "remove it; it changes no decision"));
            } else if (broader == null && rule.effect().equals(defaultEffect)) {
                findings.add(Finding.warning(rule.node(), "the rule for " + rule.place() + " says what the default of version "
                        + versionId + " already says: " + shown(defaultEffect), "remove it; it changes no decision"));
            }
        }
    }

    /** What a rule or a version's default does: "excluded", a basis name, or null when malformed. */
    private static String effect(JsonTree node, String excludedField, String basisField) {
        JsonTree excluded = node.field(excludedField);
        String basis = node.string(basisField);
        if (excluded != null && basis != null) {
            return null;
        }
        if (excluded != null) {
            return excluded.text().equals("true") ? "excluded" : null;
        }
        if (basis == null) {
            return null;
        }
        try {
            return LegalBasis.valueOf(basis).name();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String shown(String effect) {
        return effect.equals("excluded") ? "excluded" : "under " + effect;
    }

    /** The most specific other rule that covers the rule's place, or null. */
    private static Rule broaderRule(Rule rule, List<Rule> rules) {
        Rule best = null;
        for (Rule other : rules) {
            if (!other.place().equals(rule.place()) && other.place().contains(rule.place())
                    && (best == null || specificity(other.place()) > specificity(best.place()))) {
                best = other;
            }
        }
        return best;
    }

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

    /** The guidance of the core's message for an unknown code, after its "unknown jurisdiction code 'X': ". */
    private static String howToName(IllegalArgumentException e) {
        String message = String.valueOf(e.getMessage());
        int guidance = message.indexOf("': ");
        return guidance < 0 ? "use an ISO 3166-1 alpha-2 country such as DE, a subdivision such as US-CA, or EU or EEA"
                : message.substring(guidance + 3);
    }

    // ------------------------------------------------------------------ categories

    /** A category entry that reads as a key, and where it is. */
    private record Entry(DataCategory category, JsonTree node) {}

    private void categories(JsonTree version) {
        List<Entry> allowed = entries(version.elements("allowedCategories"));
        List<Entry> never = entries(version.elements("neverAllowedCategories"));
        for (Entry a : allowed) {
            Entry blocking = within(a, never, true);
            if (blocking != null && blocking.category().equals(a.category())) {
                findings.add(Finding.error(a.node(), "category " + a.category() + " is allowed, and never allowed at "
                        + blocking.node().where() + ", so it can never be used",
                        "never allowed wins: remove it from allowedCategories, or from neverAllowedCategories if it may be used"));
            } else if (blocking != null) {
                findings.add(Finding.error(a.node(), "allowed category " + a.category()
                        + " can never be used: it is under never-allowed category " + blocking.category() + ", at "
                        + blocking.node().where(), "remove it from allowedCategories, or never-allow only the "
                        + "categories under " + blocking.category() + " that must stay out"));
            } else {
                Entry broader = within(a, allowed, false);
                if (broader != null) {
                    findings.add(Finding.warning(a.node(), "allowed category " + a.category()
                            + " is already allowed through " + broader.category() + ", at " + broader.node().where(),
                            "remove it; allowing " + broader.category() + " allows everything under it"));
                }
            }
        }
        for (Entry n : never) {
            Entry broader = within(n, never, false);
            if (broader != null) {
                findings.add(Finding.warning(n.node(), "never-allowed category " + n.category()
                        + " is already never allowed through " + broader.category() + ", at " + broader.node().where(),
                        "remove it; never allowing " + broader.category() + " covers everything under it"));
            }
        }
    }

    private static List<Entry> entries(List<JsonTree> nodes) {
        List<Entry> entries = new ArrayList<>();
        for (JsonTree node : nodes) {
            if (node.is(JsonTree.Type.STRING)) {
                try {
                    entries.add(new Entry(DataCategory.of(node.text()), node));
                } catch (IllegalArgumentException e) {
                    // Reading the document reports the malformed key.
                }
            }
        }
        return entries;
    }

    /** The first entry of {@code list} that {@code entry} lies under; itself only when {@code sameCounts}. */
    private static Entry within(Entry entry, List<Entry> list, boolean sameCounts) {
        for (Entry other : list) {
            if (entry.category().isWithin(other.category()) && (sameCounts || !other.category().equals(entry.category()))) {
                return other;
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ versions as a whole

    private void nothingTrainable(String id, JsonTree version) {
        JsonTree allowed = version.field("allowedCategories");
        if (allowed != null && allowed.is(JsonTree.Type.ARRAY) && allowed.elements().isEmpty()) {
            findings.add(Finding.warning(allowed, "version " + id + " allows no category, so nothing is trainable under it",
                    "list the categories it may use, such as profile and content.public, unless the version pauses the program"));
        }
        JsonTree excluded = version.field("excludedByDefault");
        if (excluded != null && excluded.text().equals("true")) {
            boolean anyBasis = version.elements("jurisdictionRules").stream()
                    .anyMatch(rule -> rule.string("basis") != null);
            if (!anyBasis) {
                findings.add(Finding.warning(excluded, "version " + id
                        + " is excluded by default and no rule gives a basis, so nothing is trainable under it",
                        "add a jurisdiction rule with a basis for each place the program runs in"));
            }
        }
    }

    private void minimumAge(JsonTree version) {
        JsonTree age = version.field("minimumAge");
        if (age != null && age.is(JsonTree.Type.NUMBER) && age.text().equals("0")) {
            findings.add(Finding.warning(age, "minimum age 0 switches off every age check, for minors and unknown ages alike",
                    "set the program's minimum age, 18 in every real program"));
        }
    }

    private void leapDayBirthday(String id, JsonTree version) {
        JsonTree age = version.field("minimumAge");
        if (version.field("leapDayBirthday") == null && age != null && age.is(JsonTree.Type.NUMBER)
                && !age.text().equals("0")) {
            findings.add(Finding.warning(age, "version " + id + " does not say when a member born on 29 February comes"
                    + " of age, so a document of this form means 28 February in a common year, a day before the law of"
                    + " the United Kingdom and Hong Kong counts",
                    "add \"leapDayBirthday\": \"MARCH_1\", the safe reading, or \"FEBRUARY_28\" to keep this one"));
        }
    }

    private void membersChoice(String id, JsonTree version) {
        JsonTree scope = version.field("itemsFromMembersChoice");
        if (scope == null || !scope.is(JsonTree.Type.BOOLEAN)) {
            return;
        }
        if (!scope.text().equals("true")) {
            findings.add(Finding.warning(scope, "\"itemsFromMembersChoice\": false says what leaving it out says",
                    "remove it; items then count whenever they were created"));
            return;
        }
        JsonTree from = version.field("itemsCreatedFrom");
        if (from != null && !from.is(JsonTree.Type.NULL)) {
            findings.add(Finding.warning(from, "version " + id + " counts items from each member's own choice, and"
                    + " itemsCreatedFrom judges an item by its creation alone: an item created before " + from.text()
                    + " stays out even when the member resumes it after their choice",
                    "remove itemsCreatedFrom, unless items created before it must stay out even when resumed"));
        }
        List<String> optOutPlaces = new ArrayList<>();
        String defaultBasis = version.string("defaultBasis");
        if (defaultBasis != null && !requiresOptIn(defaultBasis)) {
            optOutPlaces.add("by default (" + defaultBasis + ")");
        }
        for (JsonTree rule : version.elements("jurisdictionRules")) {
            String basis = rule.string("basis");
            if (basis != null && !requiresOptIn(basis)) {
                optOutPlaces.add("in " + rule.string("jurisdiction") + " (" + basis + ")");
            }
        }
        if (!optOutPlaces.isEmpty()) {
            findings.add(Finding.warning(scope, "version " + id + " counts items only from each member's own opt-in,"
                    + " but runs without one " + String.join(", ", optOutPlaces) + ": there nothing of a member who"
                    + " never chose is trainable (ITEM_BEFORE_CHOICE), not even by default",
                    "give those places a consent basis, or leave itemsFromMembersChoice out if members who never chose"
                            + " should count"));
        }
    }

    private static boolean requiresOptIn(String basis) {
        try {
            return LegalBasis.valueOf(basis).requiresOptIn();
        } catch (IllegalArgumentException e) {
            return true;
        }
    }

    /** What a version says apart from its id and start, to tell a version that changes nothing. */
    private static String signature(JsonTree version) {
        Set<String> rules = new TreeSet<>();
        for (JsonTree rule : version.elements("jurisdictionRules")) {
            rules.add(rule.string("jurisdiction") + "=" + effect(rule, "excluded", "basis"));
        }
        return "default=" + effect(version, "excludedByDefault", "defaultBasis") + " rules=" + rules
                + " allowed=" + texts(version.elements("allowedCategories"))
                + " never=" + texts(version.elements("neverAllowedCategories"))
                + " age=" + text(version.field("minimumAge")) + " unknownAge=" + text(version.field("unknownAge"))
                + " scope=" + text(version.field("itemsCreatedFrom"))
                + " fromMembersChoice=" + "true".equals(text(version.field("itemsFromMembersChoice")))
                // Left out, these two mean what a reader makes of them: 28 February, and no GPC objection.
                + " leapDay=" + (version.field("leapDayBirthday") == null ? "FEBRUARY_28"
                        : text(version.field("leapDayBirthday")))
                + " gpc=" + "true".equals(text(version.field("gpcSignalsObject")));
    }

    private static Set<String> texts(List<JsonTree> nodes) {
        Set<String> texts = new TreeSet<>();
        for (JsonTree node : nodes) {
            texts.add(node.text());
        }
        return texts;
    }

    private static String text(JsonTree node) {
        return node == null ? "-" : node.text();
    }
}
