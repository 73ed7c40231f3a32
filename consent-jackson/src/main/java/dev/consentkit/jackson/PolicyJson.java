package dev.consentkit.jackson;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
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
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

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

    private static final String VERSIONS = "an array of policy versions in the order they take effect";
    private static final String DEFAULT = "either \"defaultBasis\" with a legal basis, or \"excludedByDefault\": true";
    private static final String RULE = "either \"basis\" with a legal basis, or \"excluded\": true";
    private static final String RULES = "an array of jurisdiction rules, possibly empty";
    private static final String CATEGORIES = "an array of data category keys, each once, possibly empty";
    private static final String AGE = "a whole number of years";

    private PolicyJson() {}

    /** The fields of a policy document, in the order it is written. */
    record PolicyForm(
            @JsonDeserialize(using = DocumentFormat.OfPolicy.class) @Nullable Integer format,
            @Nullable Located<String> id,
            @Nullable Located<Purpose> purpose,
            @Nullable Located<List<Located<VersionForm>>> versions,
            @JsonProperty("$schema") @Nullable Located<String> schema,
            @JsonAnySetter @JsonDeserialize(contentUsing = UnknownFields.class) @Nullable Map<String, Object> unknown)
            implements Form.OfDocument<TrainingPolicy> {

        @Override
        public TrainingPolicy bind(Binding at) throws ConsentDocumentException {
            Located<String> idField = at.required(id, "id", Scalars.ID);
            TrainingPolicy.Builder builder;
            try {
                builder = TrainingPolicy.builder(idField.value(), at.value(purpose, "purpose", Scalars.PURPOSE));
            } catch (IllegalArgumentException e) {
                throw idField.fail(Scalars.problem(e), Scalars.ID, e);
            }
            PolicyVersion before = null;
            Map<String, Located<String>> versionIds = new HashMap<>();
            for (Located<VersionForm> v : at.list(versions, "versions", VERSIONS)) {
                VersionForm form = v.value();
                PolicyVersion version = form.bind(at.inside(v));
                if (before != null && !version.effectiveFrom().isAfter(before.effectiveFrom())) {
                    throw Objects.requireNonNull(form.effectiveFrom()).fail("version " + version.id() + " takes effect at "
                            + version.effectiveFrom() + ", not after version " + before.id() + " before it, which takes"
                            + " effect at " + before.effectiveFrom(),
                            "versions in the order they take effect, each effectiveFrom later than the one before");
                }
                Located<String> versionId = Objects.requireNonNull(form.id());
                Located<String> sameId = versionIds.putIfAbsent(version.id(), versionId);
                if (sameId != null) {
                    throw versionId.fail("policy " + idField.value() + " has two versions with id " + version.id()
                            + " (the other at " + sameId.where() + ")", "a version id used once in the policy");
                }
                builder.version(version);
                before = version;
            }
            try {
                return builder.build();
            } catch (IllegalArgumentException e) {
                throw at.fail(Scalars.problem(e), "at least one version in \"versions\"", e);
            }
        }
    }

    /** The fields of a policy version, in the order it is written. */
    record VersionForm(
            @Nullable Located<String> id,
            @Nullable Located<Instant> effectiveFrom,
            @Nullable Located<LegalBasis> defaultBasis,
            @Nullable Located<Boolean> excludedByDefault,
            @Nullable Located<List<Located<RuleForm>>> jurisdictionRules,
            @Nullable Located<List<Located<DataCategory>>> allowedCategories,
            @Nullable Located<List<Located<DataCategory>>> neverAllowedCategories,
            @Nullable Located<Integer> minimumAge,
            @Nullable Located<UnknownAge> unknownAge,
            @Nullable Located<LeapDayBirthday> leapDayBirthday,
            @Nullable Located<Boolean> gpcSignalsObject,
            @Nullable Located<Instant> itemsCreatedFrom,
            @Nullable Located<Boolean> itemsFromMembersChoice,
            @JsonAnySetter @JsonDeserialize(contentUsing = UnknownFields.class) @Nullable Map<String, Object> unknown)
            implements Form<PolicyVersion> {

        @Override
        public PolicyVersion bind(Binding at) throws ConsentDocumentException {
            Located<String> idField = at.required(id, "id", Scalars.ID);
            PolicyVersion.Builder builder;
            try {
                builder = PolicyVersion.builder(idField.value(),
                        at.required(effectiveFrom, "effectiveFrom", Scalars.INSTANT).value());
            } catch (IllegalArgumentException e) {
                throw idField.fail(Scalars.problem(e), Scalars.ID, e);
            }
            if (excludedByDefault != null) {
                if (defaultBasis != null) {
                    throw excludedByDefault.fail("a version has either a default basis or is excluded by default, not both",
                            DEFAULT);
                }
                if (!excludedByDefault.value()) {
                    throw excludedByDefault.fail("\"excludedByDefault\" is false: that says nothing about the default",
                            DEFAULT);
                }
                builder.excludedByDefault();
            } else {
                builder.defaultBasis(at.value(defaultBasis, "defaultBasis", DEFAULT));
            }
            for (Located<RuleForm> r : at.list(jurisdictionRules, "jurisdictionRules", RULES)) {
                JurisdictionRule rule = r.value().bind(at.inside(r));
                try {
                    builder.rule(rule);
                } catch (IllegalArgumentException e) {
                    throw Objects.requireNonNull(r.value().jurisdiction()).fail(Scalars.problem(e),
                            "one rule per jurisdiction", e);
                }
            }
            unique(at.list(allowedCategories, "allowedCategories", CATEGORIES)).forEach(builder::allow);
            unique(at.list(neverAllowedCategories, "neverAllowedCategories", CATEGORIES)).forEach(builder::neverAllow);
            Located<Integer> age = at.required(minimumAge, "minimumAge", AGE);
            try {
                builder.minimumAge(age.value());
            } catch (IllegalArgumentException e) {
                throw age.fail(Scalars.problem(e), AGE, e);
            }
            builder.unknownAge(at.value(unknownAge, "unknownAge", "what an unknown age means"));
            // A version written before these fields existed keeps the meaning it was decided by.
            builder.leapDayBirthday(leapDayBirthday == null ? LeapDayBirthday.FEBRUARY_28 : leapDayBirthday.value());
            builder.gpcSignalsObject(gpcSignalsObject != null && gpcSignalsObject.value());
            if (itemsCreatedFrom != null) {
                builder.itemsCreatedFrom(itemsCreatedFrom.value());
            }
            builder.itemsFromMembersChoice(itemsFromMembersChoice != null && itemsFromMembersChoice.value());
            try {
                return builder.build();
            } catch (IllegalArgumentException e) {
                throw at.fail(Scalars.problem(e), DEFAULT, e);
            }
        }

        private static List<DataCategory> unique(List<Located<DataCategory>> categories) throws ConsentDocumentException {
            Map<DataCategory, Located<DataCategory>> seen = new LinkedHashMap<>();
            for (Located<DataCategory> c : categories) {
                Located<DataCategory> earlier = seen.putIfAbsent(c.value(), c);
                if (earlier != null) {
                    throw c.fail("category " + c.value() + " is listed twice (first at " + earlier.where() + ")", CATEGORIES);
                }
            }
            return List.copyOf(seen.keySet());
        }
    }

    /** The fields of a jurisdiction rule. */
    record RuleForm(
            @Nullable Located<Jurisdiction> jurisdiction,
            @Nullable Located<LegalBasis> basis,
            @Nullable Located<Boolean> excluded,
            @JsonAnySetter @JsonDeserialize(contentUsing = UnknownFields.class) @Nullable Map<String, Object> unknown)
            implements Form<JurisdictionRule> {

        @Override
        public JurisdictionRule bind(Binding at) throws ConsentDocumentException {
            Jurisdiction place = at.required(jurisdiction, "jurisdiction", Scalars.JURISDICTION).value();
            if (excluded != null) {
                if (basis != null) {
                    throw excluded.fail("a rule either gives a basis or excludes, not both", RULE);
                }
                if (!excluded.value()) {
                    throw excluded.fail("\"excluded\" is false: that says nothing about the jurisdiction", RULE);
                }
                return JurisdictionRule.excluded(place);
            }
            return JurisdictionRule.withBasis(place, at.value(basis, "basis", RULE));
        }
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
        Optional<LegalBasis> basis = rule.basis();
        if (basis.isPresent()) {
            json.writeStringField("basis", basis.get().name());
        } else {
            json.writeBooleanField("excluded", true);
        }
        json.writeEndObject();
    }
}
