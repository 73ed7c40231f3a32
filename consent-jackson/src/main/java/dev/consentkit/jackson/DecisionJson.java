package dev.consentkit.jackson;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.consentkit.AccountClosure;
import dev.consentkit.ConsentEvent;
import dev.consentkit.DataCategory;
import dev.consentkit.Decision;
import dev.consentkit.Evidence;
import dev.consentkit.LeapDayBirthday;
import dev.consentkit.LegalBasis;
import dev.consentkit.Reason;
import java.io.IOException;
import dev.consentkit.Jurisdiction;
import dev.consentkit.Reservation;
import java.util.Map;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The JSON form of a decision, as an audit trail keeps it. This library writes
 * {@code consentkit.decision/v2}, whose evidence is the facts that decided:
 *
 * <pre>{@code
 * {
 *   "format": "consentkit.decision/v2",
 *   "itemId": "post-1",
 *   "memberId": "m-1",
 *   "asOf": "2025-11-12T00:00:00Z",
 *   "knownAt": "2025-11-20T00:00:00Z",
 *   "trainable": false,
 *   "reason": "OPTED_OUT",
 *   "failedChecks": ["OPTED_OUT"],
 *   "policyId": "linkedin-genai",
 *   "policyVersion": "2025-11-03",
 *   "evidence": {
 *     "reason": "OPTED_OUT",
 *     "kind": "CONSENT_EVENT",
 *     "description": "OPT_OUT event e-7 for ai-training.generative via SETTINGS_TOGGLE",
 *     "at": "2025-11-10T00:00:00Z",
 *     "consentEvent": {"id": "e-7", ...}
 *   }
 * }
 * }</pre>
 *
 * <p>The evidence holds the facts its reason is explained by ({@link Evidence} lists them):
 * {@code policyId}, {@code policyVersion}, {@code itemId}, {@code memberId}, {@code consentEvent},
 * {@code jurisdiction} and {@code jurisdictionRule} (absent when the version's default applied),
 * {@code basis}, {@code category}, {@code categoryRule}, {@code reservation}, {@code birthDate},
 * {@code minimumAge} and {@code comingOfAge}; for {@code ACCOUNT_CLOSED}, {@code at} is the start of
 * the closure in effect and {@code reopenedAt} its reopening when the decision knew it, added in
 * {@code consentkit.decision/v2.1}. Evidence carried over from a {@code v1} document says
 * {@code "recorded": true} and has only its words, instant and consent event. {@code kind},
 * {@code description} and
 * {@code comingOfAge} are written for people and tools that do not know the rules; reading checks
 * {@code kind} and {@code comingOfAge} against the facts and never reads the description.
 * A consent event is written as in a member document, with the instants its source stated: one
 * counted from when it was recorded ({@link ConsentEvent#isSkewAdjusted()}) has an {@code effectiveAt}
 * after its {@code recordedAt}, and the evidence's {@code at} is its {@code recordedAt}, from when it
 * counted. Such an event is read back as counted from when it was recorded, whatever the reader's
 * clock-skew tolerance: the tolerance was applied when the member was read.
 *
 * <p>{@code consentkit.decision/v1} documents, whose evidence was a kind, prose and an instant (and
 * the consent event when one decided), are still read: their prose becomes the evidence's display
 * text ({@link Evidence#recorded}). A line of a decision stream without {@code format} is read as
 * {@code v2} when its evidence names its {@code reason}, as {@code v1} otherwise. {@code knownAt}
 * (only for an audit replay), {@code policyVersion} (absent exactly when no version was in force)
 * and the evidence's {@code at} are optional. {@code trainable} must agree with the reason: a
 * document that contradicts itself is rejected rather than believed in part.
 *
 * <p>A decision that names {@link Reason#ITEM_BEFORE_CHOICE}, as its reason or a failed check, or
 * whose evidence has {@code reopenedAt}, is written as {@code consentkit.decision/v2.1}, the minor
 * version that added both; every other decision is written as {@code v2}, as before. The evidence for it names the opt-in that starts the member's
 * choice in {@code consentEvent}, dated by {@code at}, or neither when the member made no choice.
 */
final class DecisionJson {

    /** The fields evidence of a {@code v1} document may have. */
    static final List<String> V1_EVIDENCE_FIELDS = List.of("kind", "description", "at", "consentEvent");

    private static final String CHECKS = "an array of the failed checks in evaluation order, empty when trainable";
    private static final String EVIDENCE = "the evidence: {\"reason\": ..., \"at\": ..., and its facts}";

    private DecisionJson() {}

    /** The fields of a decision document, in the order it is written. */
    record DecisionForm(
            @JsonDeserialize(using = DocumentFormat.OfDecision.class) @Nullable Integer format,
            @Nullable Located<String> itemId,
            @Nullable Located<String> memberId,
            @Nullable Located<Instant> asOf,
            @Nullable Located<Instant> knownAt,
            @Nullable Located<Boolean> trainable,
            @Nullable Located<Reason> reason,
            @Nullable Located<List<Reason>> failedChecks,
            @Nullable Located<String> policyId,
            @Nullable Located<String> policyVersion,
            @Nullable Located<EvidenceForm> evidence,
            @JsonProperty("$schema") @Nullable Located<String> schema,
            @JsonAnySetter @JsonDeserialize(contentUsing = UnknownFields.class) @Nullable Map<String, Object> unknown)
            implements Form.OfDocument<Decision> {

        @Override
        public Decision bind(Binding at) throws ConsentDocumentException {
            String item = at.required(itemId, "itemId", Scalars.ID).value();
            String member = at.required(memberId, "memberId", Scalars.ID).value();
            Instant instant = at.value(asOf, "asOf", Scalars.INSTANT);
            Located<Boolean> trainableField = at.required(trainable, "trainable", "true or false");
            Located<Reason> reasonField = at.required(reason, "reason", "a reason");
            Reason decided = reasonField.value();
            Located<List<Reason>> checks = at.required(failedChecks, "failedChecks", CHECKS);
            at.list(checks, "failedChecks", CHECKS);
            String policy = at.required(policyId, "policyId", Scalars.ID).value();
            Located<EvidenceForm> evidenceField = at.required(evidence, "evidence", EVIDENCE);
            EvidenceForm form = evidenceField.value();
            Binding evidenceAt = at.inside(evidenceField);
            boolean v1 = format == null ? form.reason() == null : format == 1;
            Evidence explained = v1 ? form.recorded(evidenceAt, decided) : form.bind(evidenceAt);
            if (trainableField.value() != decided.isTrainable()) {
                throw trainableField.fail("\"trainable\" is " + trainableField.value() + " but reason " + decided + " is "
                        + (decided.isTrainable() ? "a permission" : "a denial"), String.valueOf(decided.isTrainable()));
            }
            if (explained.reason() != decided) {
                Located<Reason> evidenceReason = form.reason();
                String problem = "the evidence explains " + explained.reason() + ", the decision's reason is " + decided;
                throw evidenceReason != null ? evidenceReason.fail(problem, "\"" + decided + "\"")
                        : evidenceAt.fail(problem, "\"" + decided + "\"", null);
            }
            Decision.Builder builder = Decision.builder(item, member, instant).failedChecks(checks.value())
                    .policy(policy, policyVersion == null ? null : policyVersion.value()).evidence(explained);
            if (knownAt != null) {
                builder.knownAt(knownAt.value());
            }
            try {
                return builder.build();
            } catch (IllegalArgumentException e) {
                throw culprit(at, reasonField, checks, evidenceField).fail(Scalars.problem(e),
                        "failed checks in evaluation order starting with the reason, a policy version unless the"
                                + " reason is POLICY_NOT_IN_FORCE, and evidence about this item, member and policy",
                        e);
            }
        }

        /** The field a decision the core refuses is most likely wrong in. */
        private Located<?> culprit(Binding at, Located<Reason> reasonField, Located<List<Reason>> checks,
                Located<EvidenceForm> evidenceField) {
            List<Reason> failed = checks.value();
            Reason decided = reasonField.value();
            for (int i = 0; i < failed.size(); i++) {
                if (failed.get(i).isTrainable() || (i > 0 && failed.get(i).ordinal() <= failed.get(i - 1).ordinal())) {
                    return checks;
                }
            }
            if ((decided == Reason.POLICY_NOT_IN_FORCE) != (policyVersion == null)) {
                return policyVersion != null ? policyVersion
                        : at.object();
            }
            if ((!decided.isTrainable() && !failed.isEmpty() && failed.get(0) == decided)
                    || (decided.isTrainable() && failed.isEmpty())) {
                return evidenceField;
            }
            return reasonField;
        }
    }

    /**
     * The fields of evidence, as {@code consentkit.decision/v2} writes them; evidence of a {@code v1}
     * document has the first four only.
     */
    record EvidenceForm(
            @Nullable Located<Reason> reason,
            @Nullable Located<Evidence.Kind> kind,
            @Nullable Located<String> description,
            @Nullable Located<Boolean> recorded,
            @Nullable Located<Instant> at,
            @Nullable Located<String> policyId,
            @Nullable Located<String> policyVersion,
            @Nullable Located<String> itemId,
            @Nullable Located<String> memberId,
            @Nullable Located<MemberJson.EventForm> consentEvent,
            @Nullable Located<Jurisdiction> jurisdiction,
            @Nullable Located<PolicyJson.RuleForm> jurisdictionRule,
            @Nullable Located<LegalBasis> basis,
            @Nullable Located<DataCategory> category,
            @Nullable Located<DataCategory> categoryRule,
            @Nullable Located<Reservation> reservation,
            @Nullable Located<LocalDate> birthDate,
            @Nullable Located<Integer> minimumAge,
            @Nullable Located<LocalDate> comingOfAge,
            @Nullable Located<Instant> reopenedAt,
            @JsonAnySetter @JsonDeserialize(contentUsing = UnknownFields.class) @Nullable Map<String, Object> unknown)
            implements Form<Evidence> {

        /** The facts of {@code v2} evidence, each with its field's name. */
        private List<Map.Entry<String, Located<?>>> facts() {
            List<Map.Entry<String, Located<?>>> facts = new ArrayList<>();
            add(facts, "policyId", policyId);
            add(facts, "policyVersion", policyVersion);
            add(facts, "itemId", itemId);
            add(facts, "memberId", memberId);
            add(facts, "jurisdiction", jurisdiction);
            add(facts, "jurisdictionRule", jurisdictionRule);
            add(facts, "basis", basis);
            add(facts, "category", category);
            add(facts, "categoryRule", categoryRule);
            add(facts, "reservation", reservation);
            add(facts, "birthDate", birthDate);
            add(facts, "minimumAge", minimumAge);
            add(facts, "comingOfAge", comingOfAge);
            add(facts, "reopenedAt", reopenedAt);
            return facts;
        }

        private static void add(List<Map.Entry<String, Located<?>>> facts, String name, @Nullable Located<?> fact) {
            if (fact != null) {
                facts.add(Map.entry(name, fact));
            }
        }

        /** Evidence of a {@code v1} document: the recorded words, instant and consent event of {@code decided}. */
        Evidence recorded(Binding at, Reason decided) throws ConsentDocumentException {
            List<Map.Entry<String, Located<?>>> beyond = facts();
            add(beyond, "reason", reason);
            add(beyond, "recorded", recorded);
            if (!beyond.isEmpty()) {
                Map.Entry<String, Located<?>> first = beyond.get(0);
                throw new ConsentDocumentException(first.getValue().path(), first.getKey(), first.getValue().line(),
                        first.getValue().column(), "unknown field \"" + first.getKey() + "\" in v1 evidence",
                        "one of " + String.join(", ", V1_EVIDENCE_FIELDS), null);
            }
            Located<Evidence.Kind> kindField = at.required(kind, "kind", "an evidence kind");
            if (kindField.value() != Evidence.Kind.of(decided)) {
                throw kindField.fail("evidence of kind " + kindField.value() + " cannot explain " + decided,
                        "\"" + Evidence.Kind.of(decided) + "\"");
            }
            Located<String> words = at.required(description, "description", "a non-blank description");
            ConsentEvent event = null;
            if (kindField.value() == Evidence.Kind.CONSENT_EVENT) {
                Located<MemberJson.EventForm> eventField = at.required(consentEvent, "consentEvent",
                        "the consent event that decided");
                event = event(eventField, at);
                if (this.at == null || !event.effectiveAt().equals(this.at.value())) {
                    String problem = "the evidence's instant is not the consent event's effectiveAt";
                    String expected = "\"at\": \"" + event.effectiveAt() + "\"";
                    throw this.at == null ? at.fail(problem, expected, null) : this.at.fail(problem, expected);
                }
            } else if (consentEvent != null) {
                throw consentEvent.fail("evidence of kind " + kindField.value() + " has no consent event",
                        "no \"consentEvent\" unless the kind is CONSENT_EVENT");
            }
            try {
                return Evidence.recorded(decided, words.value(), this.at == null ? null : this.at.value(), event);
            } catch (IllegalArgumentException e) {
                throw words.fail(Scalars.problem(e), "a non-blank description", e);
            }
        }

        private static ConsentEvent event(Located<MemberJson.EventForm> event, Binding at) throws ConsentDocumentException {
            return event.value().bind(at.inside(event), null);
        }

        @Override
        public Evidence bind(Binding at) throws ConsentDocumentException {
            Reason explains = at.required(reason, "reason", "the reason the evidence explains").value();
            if (kind != null && kind.value() != Evidence.Kind.of(explains)) {
                throw kind.fail("evidence for " + explains + " is of kind " + Evidence.Kind.of(explains),
                        "\"" + Evidence.Kind.of(explains) + "\"");
            }
            if (recorded != null && recorded.value()) {
                return carriedOver(at, explains);
            }
            Instant declaredAt = this.at == null ? null : this.at.value();
            Evidence.Builder builder = Evidence.builder(explains).at(declaredAt);
            if (policyId != null) {
                builder.policyId(policyId.value());
            }
            if (policyVersion != null) {
                builder.policyVersion(policyVersion.value());
            }
            if (itemId != null) {
                builder.itemId(itemId.value());
            }
            if (memberId != null) {
                builder.memberId(memberId.value());
            }
            if (consentEvent != null) {
                builder.consentEvent(event(consentEvent, at));
            }
            if (jurisdiction != null) {
                builder.jurisdiction(jurisdiction.value(), jurisdictionRule == null ? null : jurisdictionRule.value()
                        .bind(at.inside(jurisdictionRule)));
            } else if (jurisdictionRule != null) {
                throw jurisdictionRule.fail("a jurisdiction rule without the member's jurisdiction",
                        "\"jurisdiction\" beside \"jurisdictionRule\"");
            }
            if (basis != null) {
                builder.basis(basis.value());
            }
            if (category != null) {
                builder.category(category.value(), categoryRule == null ? null : categoryRule.value());
            } else if (categoryRule != null) {
                throw categoryRule.fail("a category rule without the item's category", "\"category\" beside \"categoryRule\"");
            }
            if (reservation != null) {
                builder.reservation(reservation.value());
            }
            if (birthDate != null || minimumAge != null) {
                if (birthDate == null || minimumAge == null) {
                    throw at.missing(birthDate == null ? "birthDate" : "minimumAge", "a birth date and a minimum age together");
                }
                LocalDate born = birthDate.value();
                // The document states the coming-of-age date; of the two readings of a 29 February
                // birthday, the one it names is the one it was decided by, and any other date is refused below.
                boolean marchFirst = comingOfAge != null && born.getMonthValue() == 2 && born.getDayOfMonth() == 29
                        && comingOfAge.value().getMonthValue() == 3;
                builder.age(born, minimumAge.value(), marchFirst ? LeapDayBirthday.MARCH_1 : LeapDayBirthday.FEBRUARY_28);
            }
            if (reopenedAt != null) {
                if (explains != Reason.ACCOUNT_CLOSED || declaredAt == null) {
                    throw reopenedAt.fail("evidence for " + explains + (declaredAt == null ? " without \"at\"" : "")
                            + " has no reopening", "\"reopenedAt\" only in evidence for ACCOUNT_CLOSED, beside its \"at\"");
                }
                try {
                    builder.closure(new AccountClosure(declaredAt, reopenedAt.value()));
                } catch (IllegalArgumentException e) {
                    throw reopenedAt.fail(Scalars.problem(e), "reopenedAt after the closure's start " + declaredAt, e);
                }
            }
            Evidence built;
            try {
                built = builder.build();
            } catch (IllegalArgumentException e) {
                throw at.fail(Scalars.problem(e), "the facts evidence for " + explains + " is explained by", e);
            }
            if (this.at != null && !built.at().map(instant -> instant.equals(declaredAt)).orElse(false)) {
                throw this.at.fail("the evidence's instant is not the one its facts give",
                        built.at().map(instant -> "\"at\": \"" + instant + "\"").orElse("no \"at\""));
            }
            if (comingOfAge != null && !built.comingOfAge().map(day -> day.equals(comingOfAge.value())).orElse(false)) {
                throw comingOfAge.fail("the coming-of-age date is not the one the birth date and minimum age give",
                        built.comingOfAge().map(day -> "\"" + day + "\"").orElse("no \"comingOfAge\""));
            }
            return built;
        }

        /** Evidence a {@code v2} document carried over from a {@code v1} one: words, instant and consent event. */
        private Evidence carriedOver(Binding at, Reason explains) throws ConsentDocumentException {
            Located<String> words = at.required(description, "description",
                    "the recorded words of evidence carried over from a v1 document");
            List<Map.Entry<String, Located<?>>> facts = facts();
            if (!facts.isEmpty()) {
                Map.Entry<String, Located<?>> first = facts.get(0);
                throw first.getValue().fail("evidence carried over from a v1 document has no " + first.getKey(),
                        "only reason, kind, description, recorded, at and consentEvent");
            }
            try {
                return Evidence.recorded(explains, words.value(), this.at == null ? null : this.at.value(),
                        consentEvent == null ? null : event(consentEvent, at));
            } catch (IllegalArgumentException e) {
                throw at.fail(Scalars.problem(e), "a consent event exactly when the reason is OPTED_OUT or ALLOWED_OPTED_IN", e);
            }
        }
    }

    static void write(Decision decision, JsonGenerator json, boolean withFormat) throws IOException {
        json.writeStartObject();
        if (withFormat) {
            // v2.1 added the ITEM_BEFORE_CHOICE reason and the reopening of a closure in evidence.
            boolean reopened = decision.evidence().closure().flatMap(AccountClosure::reopenedAt).isPresent();
            boolean minor = reopened || decision.failedChecks().contains(Reason.ITEM_BEFORE_CHOICE);
            json.writeStringField("format", DocumentFormat.DECISION.current(minor ? 1 : 0));
        }
        json.writeStringField("itemId", decision.itemId());
        json.writeStringField("memberId", decision.memberId());
        json.writeStringField("asOf", decision.asOf().toString());
        if (decision.knownAt().isPresent()) {
            json.writeStringField("knownAt", decision.knownAt().get().toString());
        }
        json.writeBooleanField("trainable", decision.trainable());
        json.writeStringField("reason", decision.reason().name());
        json.writeArrayFieldStart("failedChecks");
        for (Reason failed : decision.failedChecks()) {
            json.writeString(failed.name());
        }
        json.writeEndArray();
        json.writeStringField("policyId", decision.policyId());
        if (decision.policyVersion().isPresent()) {
            json.writeStringField("policyVersion", decision.policyVersion().get());
        }
        json.writeFieldName("evidence");
        writeEvidence(decision.evidence(), json);
        json.writeEndObject();
    }

    static void writeDocument(Decision decision, JsonGenerator json) throws IOException {
        write(decision, json, true);
    }

    /**
     * Writes evidence with its facts. Recorded evidence of a {@code v1} document keeps its prose as the
     * description and has no facts but its instant and consent event.
     */
    static void writeEvidence(Evidence evidence, JsonGenerator json) throws IOException {
        json.writeStartObject();
        json.writeStringField("reason", evidence.reason().name());
        json.writeStringField("kind", evidence.kind().name());
        json.writeStringField("description", evidence.description());
        if (evidence.at().isPresent()) {
            json.writeStringField("at", evidence.at().get().toString());
        }
        if (evidence.isRecorded()) {
            json.writeBooleanField("recorded", true);
            if (evidence.consentEvent().isPresent()) {
                json.writeFieldName("consentEvent");
                MemberJson.writeEvent(evidence.consentEvent().get(), json);
            }
            json.writeEndObject();
            return;
        }
        writeString(json, "policyId", evidence.policyId().orElse(null));
        writeString(json, "policyVersion", evidence.policyVersion().orElse(null));
        writeString(json, "itemId", evidence.itemId().orElse(null));
        writeString(json, "memberId", evidence.memberId().orElse(null));
        if (evidence.consentEvent().isPresent()) {
            json.writeFieldName("consentEvent");
            MemberJson.writeEvent(evidence.consentEvent().get(), json);
        }
        if (evidence.jurisdiction().isPresent()) {
            json.writeStringField("jurisdiction", evidence.jurisdiction().get().code());
            if (evidence.jurisdictionRule().isPresent()) {
                json.writeFieldName("jurisdictionRule");
                PolicyJson.writeRule(evidence.jurisdictionRule().get(), json);
            }
        }
        writeString(json, "basis", evidence.basis().map(Enum::name).orElse(null));
        writeString(json, "category", evidence.category().map(DataCategory::key).orElse(null));
        writeString(json, "categoryRule", evidence.categoryRule().map(DataCategory::key).orElse(null));
        if (evidence.reservation().isPresent()) {
            json.writeFieldName("reservation");
            ItemJson.writeReservation(evidence.reservation().get(), json);
        }
        if (evidence.birthDate().isPresent()) {
            json.writeStringField("birthDate", evidence.birthDate().get().toString());
            json.writeNumberField("minimumAge", evidence.minimumAge().getAsInt());
            json.writeStringField("comingOfAge", evidence.comingOfAge().map(LocalDate::toString).orElseThrow());
        }
        writeString(json, "reopenedAt", evidence.closure().flatMap(AccountClosure::reopenedAt).map(Instant::toString)
                .orElse(null));
        json.writeEndObject();
    }

    private static void writeString(JsonGenerator json, String field, @Nullable String value) throws IOException {
        if (value != null) {
            json.writeStringField(field, value);
        }
    }
}
