package dev.consentkit.jackson;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.consentkit.DataCategory;
import dev.consentkit.Jurisdiction;
import dev.consentkit.JurisdictionRule;
import dev.consentkit.LeapDayBirthday;
import dev.consentkit.LegalBasis;
import dev.consentkit.PolicyVersion;
import dev.consentkit.Purpose;
import dev.consentkit.TrainingPolicy;
import dev.consentkit.UnknownAge;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON form of a training policy, the {@code consentkit.policy/v1.1} document (read also as
 * {@code v1}, the form before {@code leapDayBirthday}, {@code gpcSignalsObject} and
 * {@code itemsFromMembersChoice}):
 *
 * <pre>{@code
 * {
 *   "format": "consentkit.policy/v1.1",
 *   "id": "linkedin-genai",
 *   "purpose": "ai-training.generative",
 *   "versions": [
 *     {
 *       "id": "2024-09-18",
 *       "effectiveFrom": "2024-09-18T00:00:00Z",
 *       "defaultBasis": "LEGITIMATE_INTERESTS",
 *       "jurisdictionRules": [{"jurisdiction": "EU", "excluded": true},
 *                             {"jurisdiction": "GB", "basis": "LEGITIMATE_INTERESTS"}],
 *       "allowedCategories": ["profile", "content.public"],
 *       "neverAllowedCategories": ["messages.private"],
 *       "minimumAge": 18,
 *       "unknownAge": "DENY",
 *       "leapDayBirthday": "MARCH_1",
 *       "gpcSignalsObject": false,
 *       "itemsCreatedFrom": "2024-09-18T00:00:00Z"
 *     }
 *   ]
 * }
 * }</pre>
 *
 * <p>A policy is a legal document that people review, so everything is written out: every field but
 * {@code itemsCreatedFrom} and the fields added in format {@code v1.1} is required, and lists may be
 * empty but not left out. {@code leapDayBirthday} and {@code gpcSignalsObject} are always written; a
 * version without them was written before they existed and keeps the meaning it was decided by, so
 * that replays of past audits do not change: {@code leapDayBirthday} ({@code "MARCH_1"} or
 * {@code "FEBRUARY_28"}) then means {@code "FEBRUARY_28"}, and {@code gpcSignalsObject}
 * ({@code true} or {@code false}) means {@code false}. {@code itemsFromMembersChoice} is {@code false}
 * when absent or {@code null}, and written only when {@code true}. A version's default
 * is either {@code "defaultBasis": "<basis>"} or {@code "excludedByDefault": true} (a program that runs
 * only where a rule gives a basis), never both and never neither; a rule is either
 * {@code "basis": "<basis>"} or {@code "excluded": true}. {@code null} is never a default, so a
 * missing default cannot silently mean "excluded" or a basis. Versions are written in the order they
 * take effect, each {@code effectiveFrom} later than the one before, so the file reads the way it
 * applies, and a category is listed once.
 */
final class PolicyJson {

    static final List<String> FIELDS = List.of("format", "id", "purpose", "versions");
    static final List<String> VERSION_FIELDS = List.of("id", "effectiveFrom", "defaultBasis", "excludedByDefault",
            "jurisdictionRules", "allowedCategories", "neverAllowedCategories", "minimumAge", "unknownAge",
            "leapDayBirthday", "gpcSignalsObject", "itemsCreatedFrom", "itemsFromMembersChoice");
    static final List<String> RULE_FIELDS = List.of("jurisdiction", "basis", "excluded");

    private static final String VERSIONS = "an array of policy versions in the order they take effect";
    private static final String DEFAULT = "either \"defaultBasis\" with a legal basis, or \"excludedByDefault\": true";
    private static final String RULE = "either \"basis\" with a legal basis, or \"excluded\": true";
    private static final String RULES = "an array of jurisdiction rules, possibly empty";
    private static final String CATEGORIES = "an array of data category keys, each once, possibly empty";
    private static final String AGE = "a whole number of years";

    private PolicyJson() {}

    static TrainingPolicy read(Node node, boolean formatRequired) throws ConsentDocumentException {
        DocumentFormat.POLICY.check(node, formatRequired);
        Node policy = node.object(FIELDS);
        Node idNode = policy.required("id", Scalars.ID);
        String id = Scalars.id(idNode);
        Purpose purpose = Scalars.purpose(policy.required("purpose", Scalars.PURPOSE));
        TrainingPolicy.Builder builder;
        try {
            builder = TrainingPolicy.builder(id, purpose);
        } catch (IllegalArgumentException e) {
            throw idNode.fail(Node.problem(e), Scalars.ID, e);
        }
        Node versionsNode = policy.required("versions", VERSIONS);
        PolicyVersion before = null;
        Map<String, Node> versionIds = new HashMap<>();
        for (Node v : versionsNode.array(VERSIONS)) {
            PolicyVersion version = readVersion(v);
            if (before != null && !version.effectiveFrom().isAfter(before.effectiveFrom())) {
                throw v.object(VERSION_FIELDS).required("effectiveFrom", Scalars.INSTANT).fail("version "
                        + version.id() + " takes effect at " + version.effectiveFrom() + ", not after version "
                        + before.id() + " before it, which takes effect at " + before.effectiveFrom(),
                        "versions in the order they take effect, each effectiveFrom later than the one before");
            }
            Node sameId = versionIds.putIfAbsent(version.id(), v);
            if (sameId != null) {
                throw v.object(VERSION_FIELDS).required("id", Scalars.ID).fail("policy " + id + " has two versions with id "
                        + version.id() + " (the other at line " + sameId.line + ", column " + sameId.column + ")",
                        "a version id used once in the policy");
            }
            builder.version(version);
            before = version;
        }
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw versionsNode.fail(Node.problem(e), "at least one version", e);
        }
    }

    static TrainingPolicy readDocument(Node node) throws ConsentDocumentException {
        return read(node, true);
    }

    static PolicyVersion readVersion(Node node) throws ConsentDocumentException {
        Node version = node.object(VERSION_FIELDS);
        Node idNode = version.required("id", Scalars.ID);
        String id = Scalars.id(idNode);
        Instant effectiveFrom = Scalars.instant(version.required("effectiveFrom", Scalars.INSTANT));
        PolicyVersion.Builder builder;
        try {
            builder = PolicyVersion.builder(id, effectiveFrom);
        } catch (IllegalArgumentException e) {
            throw idNode.fail(Node.problem(e), Scalars.ID, e);
        }

        Node basisNode = version.field("defaultBasis");
        Node excludedNode = version.field("excludedByDefault");
        if (basisNode != null && excludedNode != null) {
            throw excludedNode.fail("a version has either a default basis or is excluded by default, not both", DEFAULT);
        }
        if (excludedNode != null) {
            if (!excludedNode.bool(DEFAULT)) {
                throw excludedNode.fail("\"excludedByDefault\" is false: that says nothing about the default", DEFAULT);
            }
            builder.excludedByDefault();
        } else if (basisNode != null) {
            if (basisNode.type == Node.Type.NULL) {
                throw basisNode.fail("\"defaultBasis\" is null, which could be read as excluded or as not set", DEFAULT);
            }
            builder.defaultBasis(basisNode.enumValue(LegalBasis.class, "legal basis"));
        } else {
            throw version.missing("defaultBasis", DEFAULT);
        }

        for (Node r : version.required("jurisdictionRules", RULES).array(RULES)) {
            JurisdictionRule rule = readRule(r);
            try {
                builder.rule(rule);
            } catch (IllegalArgumentException e) {
                throw r.object(RULE_FIELDS).required("jurisdiction", Scalars.JURISDICTION)
                        .fail(Node.problem(e), "one rule per jurisdiction", e);
            }
        }
        for (DataCategory category : readCategories(version.required("allowedCategories", CATEGORIES))) {
            builder.allow(category);
        }
        for (DataCategory category : readCategories(version.required("neverAllowedCategories", CATEGORIES))) {
            builder.neverAllow(category);
        }
        Node ageNode = version.required("minimumAge", AGE);
        try {
            builder.minimumAge(ageNode.integer(AGE));
        } catch (IllegalArgumentException e) {
            throw ageNode.fail(Node.problem(e), AGE, e);
        }
        builder.unknownAge(version.required("unknownAge", "what an unknown age means")
                .enumValue(UnknownAge.class, "unknown-age handling"));
        Node leapNode = version.optional("leapDayBirthday");
        builder.leapDayBirthday(leapNode == null ? LeapDayBirthday.FEBRUARY_28
                : leapNode.enumValue(LeapDayBirthday.class, "leap-day birthday reading"));
        Node gpcNode = version.optional("gpcSignalsObject");
        builder.gpcSignalsObject(gpcNode != null
                && gpcNode.bool("whether Global Privacy Control signals object to training, true or false"));
        Node scopeNode = version.optional("itemsCreatedFrom");
        if (scopeNode != null) {
            builder.itemsCreatedFrom(Scalars.instant(scopeNode));
        }
        Node choiceScopeNode = version.optional("itemsFromMembersChoice");
        if (choiceScopeNode != null) {
            builder.itemsFromMembersChoice(choiceScopeNode.bool("true or false: whether items count only from the"
                    + " member's own opt-in"));
        }
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw version.fail(Node.problem(e), DEFAULT, e);
        }
    }

    static JurisdictionRule readRule(Node node) throws ConsentDocumentException {
        Node rule = node.object(RULE_FIELDS);
        Jurisdiction jurisdiction = Scalars.jurisdiction(rule.required("jurisdiction", Scalars.JURISDICTION));
        Node basisNode = rule.field("basis");
        Node excludedNode = rule.field("excluded");
        if (basisNode != null && excludedNode != null) {
            throw excludedNode.fail("a rule either gives a basis or excludes, not both", RULE);
        }
        if (excludedNode != null) {
            if (!excludedNode.bool(RULE)) {
                throw excludedNode.fail("\"excluded\" is false: that says nothing about the jurisdiction", RULE);
            }
            return JurisdictionRule.excluded(jurisdiction);
        }
        if (basisNode == null) {
            throw rule.missing("basis", RULE);
        }
        if (basisNode.type == Node.Type.NULL) {
            throw basisNode.fail("\"basis\" is null, which could be read as excluded or as not set", RULE);
        }
        return JurisdictionRule.withBasis(jurisdiction, basisNode.enumValue(LegalBasis.class, "legal basis"));
    }

    private static List<DataCategory> readCategories(Node node) throws ConsentDocumentException {
        Map<DataCategory, Node> seen = new LinkedHashMap<>();
        for (Node c : node.array(CATEGORIES)) {
            DataCategory category = Scalars.category(c);
            Node earlier = seen.putIfAbsent(category, c);
            if (earlier != null) {
                throw c.fail("category " + category + " is listed twice (first at line " + earlier.line + ", column "
                        + earlier.column + ")", CATEGORIES);
            }
        }
        return List.copyOf(seen.keySet());
    }

    static void write(TrainingPolicy policy, JsonGenerator json, boolean withFormat) throws IOException {
        json.writeStartObject();
        if (withFormat) {
            // Every version writes the fields of v1.1 (leapDayBirthday, gpcSignalsObject).
            json.writeStringField("format", DocumentFormat.POLICY.current(1));
        }
        json.writeStringField("id", policy.id());
        json.writeStringField("purpose", policy.purpose().key());
        json.writeArrayFieldStart("versions");
        for (PolicyVersion version : policy.versions()) {
            writeVersion(version, json);
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    static void writeDocument(TrainingPolicy policy, JsonGenerator json) throws IOException {
        write(policy, json, true);
    }

    static void writeVersion(PolicyVersion version, JsonGenerator json) throws IOException {
        json.writeStartObject();
        json.writeStringField("id", version.id());
        json.writeStringField("effectiveFrom", version.effectiveFrom().toString());
        if (version.defaultBasis().isPresent()) {
            json.writeStringField("defaultBasis", version.defaultBasis().get().name());
        } else {
            json.writeBooleanField("excludedByDefault", true);
        }
        json.writeArrayFieldStart("jurisdictionRules");
        for (JurisdictionRule rule : version.jurisdictionRules()) {
            writeRule(rule, json);
        }
        json.writeEndArray();
        json.writeArrayFieldStart("allowedCategories");
        for (DataCategory category : version.allowedCategories()) {
            json.writeString(category.key());
        }
        json.writeEndArray();
        json.writeArrayFieldStart("neverAllowedCategories");
        for (DataCategory category : version.neverAllowedCategories()) {
            json.writeString(category.key());
        }
        json.writeEndArray();
        json.writeNumberField("minimumAge", version.minimumAge());
        json.writeStringField("unknownAge", version.unknownAge().name());
        json.writeStringField("leapDayBirthday", version.leapDayBirthday().name());
        json.writeBooleanField("gpcSignalsObject", version.gpcSignalsObject());
        if (version.itemsCreatedFrom().isPresent()) {
            json.writeStringField("itemsCreatedFrom", version.itemsCreatedFrom().get().toString());
        }
        if (version.itemsFromMembersChoice()) {
            json.writeBooleanField("itemsFromMembersChoice", true);
        }
        json.writeEndObject();
    }

    static void writeRule(JurisdictionRule rule, JsonGenerator json) throws IOException {
        json.writeStartObject();
        json.writeStringField("jurisdiction", rule.jurisdiction().code());
        if (rule.basis() == null) {
            json.writeBooleanField("excluded", true);
        } else {
            json.writeStringField("basis", rule.basis().name());
        }
        json.writeEndObject();
    }
}
