package dev.consentkit.jackson;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.consentkit.AccountClosure;
import dev.consentkit.ConsentEvent;
import dev.consentkit.DataCategory;
import dev.consentkit.Decision;
import dev.consentkit.Evidence;
import dev.consentkit.LeapDayBirthday;
import dev.consentkit.LegalBasis;
import dev.consentkit.Reason;
import java.io.IOException;
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

    static final List<String> FIELDS = List.of("format", "itemId", "memberId", "asOf", "knownAt", "trainable", "reason",
            "failedChecks", "policyId", "policyVersion", "evidence");
    static final List<String> EVIDENCE_FIELDS = List.of("reason", "kind", "description", "recorded", "at", "policyId",
            "policyVersion", "itemId", "memberId", "consentEvent", "jurisdiction", "jurisdictionRule", "basis",
            "category", "categoryRule", "reservation", "birthDate", "minimumAge", "comingOfAge", "reopenedAt");
    static final List<String> V1_EVIDENCE_FIELDS = List.of("kind", "description", "at", "consentEvent");

    private static final String CHECKS = "an array of the failed checks in evaluation order, empty when trainable";
    private static final String EVIDENCE = "the evidence: {\"reason\": ..., \"at\": ..., and its facts}";
    private static final String V1_EVIDENCE = "the evidence: {\"kind\": ..., \"description\": ..., \"at\": ...}";

    private DecisionJson() {}

    static Decision read(Node node, boolean formatRequired) throws ConsentDocumentException {
        int major = DocumentFormat.DECISION.check(node, formatRequired);
        Node decision = node.object(FIELDS);
        String itemId = Scalars.id(decision.required("itemId", Scalars.ID));
        String memberId = Scalars.id(decision.required("memberId", Scalars.ID));
        Instant asOf = Scalars.instant(decision.required("asOf", Scalars.INSTANT));
        Node knownNode = decision.optional("knownAt");
        Node trainableNode = decision.required("trainable", "true or false");
        boolean trainable = trainableNode.bool("true or false");
        Node reasonNode = decision.required("reason", "a reason");
        Reason reason = reasonNode.enumValue(Reason.class, "reason");
        Node checksNode = decision.required("failedChecks", CHECKS);
        List<Reason> failedChecks = new ArrayList<>();
        for (Node check : checksNode.array(CHECKS)) {
            failedChecks.add(check.enumValue(Reason.class, "reason"));
        }
        String policyId = Scalars.id(decision.required("policyId", Scalars.ID));
        Node versionNode = decision.optional("policyVersion");
        String policyVersion = versionNode == null ? null : Scalars.id(versionNode);
        Node evidenceNode = decision.required("evidence", major == 1 ? V1_EVIDENCE : EVIDENCE);
        boolean v1 = major == 1 || (major == 0 && evidenceNode.type == Node.Type.OBJECT
                && evidenceNode.field("reason") == null);
        Evidence evidence = v1 ? readRecorded(evidenceNode, reason) : readEvidence(evidenceNode);
        if (trainable != reason.isTrainable()) {
            throw trainableNode.fail("\"trainable\" is " + trainable + " but reason " + reason + " is "
                    + (reason.isTrainable() ? "a permission" : "a denial"), String.valueOf(reason.isTrainable()));
        }
        if (evidence.reason() != reason) {
            Node evidenceReason = evidenceNode.field("reason");
            throw (evidenceReason != null ? evidenceReason : evidenceNode).fail("the evidence explains " + evidence.reason()
                    + ", the decision's reason is " + reason, "\"" + reason + "\"");
        }
        Decision.Builder builder = Decision.builder(itemId, memberId, asOf).failedChecks(failedChecks)
                .policy(policyId, policyVersion).evidence(evidence);
        if (knownNode != null) {
            builder.knownAt(Scalars.instant(knownNode));
        }
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw culprit(decision, reason, failedChecks, policyVersion).fail(Node.problem(e),
                    "failed checks in evaluation order starting with the reason, a policy version unless the"
                            + " reason is POLICY_NOT_IN_FORCE, and evidence about this item, member and policy",
                    e);
        }
    }

    /** The field a contradiction the core found is best reported at. */
    private static Node culprit(Node decision, Reason reason, List<Reason> failedChecks, @Nullable String policyVersion) {
        boolean checksWellFormed = true;
        for (int i = 0; i < failedChecks.size(); i++) {
            Reason failed = failedChecks.get(i);
            if (failed.isTrainable() || (i > 0 && failed.ordinal() <= failedChecks.get(i - 1).ordinal())) {
                checksWellFormed = false;
            }
        }
        if (!checksWellFormed) {
            return required(decision.field("failedChecks"));
        }
        if ((reason == Reason.POLICY_NOT_IN_FORCE) != (policyVersion == null)) {
            Node version = decision.field("policyVersion");
            return version != null ? version : decision;
        }
        if ((!reason.isTrainable() && !failedChecks.isEmpty() && failedChecks.get(0) == reason)
                || (reason.isTrainable() && failedChecks.isEmpty())) {
            return required(decision.field("evidence"));
        }
        return required(decision.field("reason"));
    }

    private static Node required(@Nullable Node node) {
        if (node == null) {
            throw new AssertionError("the field was read before");
        }
        return node;
    }

    static Decision readDocument(Node node) throws ConsentDocumentException {
        return read(node, true);
    }

    /** Evidence of a {@code v1} document: prose for people, its instant, and the consent event when one decided. */
    static Evidence readRecorded(Node node, Reason reason) throws ConsentDocumentException {
        Node evidence = node.object(V1_EVIDENCE_FIELDS);
        Node kindNode = evidence.required("kind", "an evidence kind");
        Evidence.Kind kind = kindNode.enumValue(Evidence.Kind.class, "evidence kind");
        if (kind != Evidence.Kind.of(reason)) {
            throw kindNode.fail("evidence of kind " + kind + " cannot explain " + reason, "\"" + Evidence.Kind.of(reason) + "\"");
        }
        Node descriptionNode = evidence.required("description", "a non-blank description");
        String description = descriptionNode.string("a non-blank description");
        Node atNode = evidence.optional("at");
        Instant at = atNode == null ? null : Scalars.instant(atNode);
        Node eventNode = evidence.optional("consentEvent");
        ConsentEvent event = null;
        if (kind == Evidence.Kind.CONSENT_EVENT) {
            if (eventNode == null) {
                throw evidence.missing("consentEvent", "the consent event that decided");
            }
            event = MemberJson.readEvent(eventNode, null);
            if (atNode == null || !event.effectiveAt().equals(at)) {
                Node culprit = atNode == null ? evidence : atNode;
                throw culprit.fail("the evidence's instant is not the consent event's effectiveAt",
                        "\"at\": \"" + event.effectiveAt() + "\"");
            }
        } else if (eventNode != null) {
            throw eventNode.fail("evidence of kind " + kind + " has no consent event",
                    "no \"consentEvent\" unless the kind is CONSENT_EVENT");
        }
        try {
            return Evidence.recorded(reason, description, at, event);
        } catch (IllegalArgumentException e) {
            throw descriptionNode.fail(Node.problem(e), "a non-blank description", e);
        }
    }

    /** Evidence of a {@code v2} document, or evidence on its own: its reason and the facts that decided. */
    static Evidence readEvidence(Node node) throws ConsentDocumentException {
        Node evidence = node.object(EVIDENCE_FIELDS);
        Node reasonNode = evidence.required("reason", "the reason the evidence explains");
        Reason reason = reasonNode.enumValue(Reason.class, "reason");
        Node kindNode = evidence.optional("kind");
        if (kindNode != null && kindNode.enumValue(Evidence.Kind.class, "evidence kind") != Evidence.Kind.of(reason)) {
            throw kindNode.fail("evidence for " + reason + " is of kind " + Evidence.Kind.of(reason),
                    "\"" + Evidence.Kind.of(reason) + "\"");
        }
        Node descriptionNode = evidence.optional("description");
        String description = descriptionNode == null ? null : descriptionNode.string("a description for people");
        Node recordedNode = evidence.optional("recorded");
        if (recordedNode != null && recordedNode.bool("true, for evidence carried over from a v1 document")) {
            return readCarriedOver(evidence, reason, descriptionNode, description);
        }
        Evidence.Builder builder = Evidence.builder(reason);
        Node atNode = evidence.optional("at");
        Instant declaredAt = atNode == null ? null : Scalars.instant(atNode);
        builder.at(declaredAt);
        Node n = evidence.optional("policyId");
        if (n != null) {
            builder.policyId(Scalars.id(n));
        }
        n = evidence.optional("policyVersion");
        if (n != null) {
            builder.policyVersion(Scalars.id(n));
        }
        n = evidence.optional("itemId");
        if (n != null) {
            builder.itemId(Scalars.id(n));
        }
        n = evidence.optional("memberId");
        if (n != null) {
            builder.memberId(Scalars.id(n));
        }
        n = evidence.optional("consentEvent");
        if (n != null) {
            builder.consentEvent(MemberJson.readEvent(n, null));
        }
        Node placeNode = evidence.optional("jurisdiction");
        Node ruleNode = evidence.optional("jurisdictionRule");
        if (placeNode != null) {
            builder.jurisdiction(Scalars.jurisdiction(placeNode), ruleNode == null ? null : PolicyJson.readRule(ruleNode));
        } else if (ruleNode != null) {
            throw ruleNode.fail("a jurisdiction rule without the member's jurisdiction",
                    "\"jurisdiction\" beside \"jurisdictionRule\"");
        }
        n = evidence.optional("basis");
        if (n != null) {
            builder.basis(n.enumValue(LegalBasis.class, "legal basis"));
        }
        Node categoryNode = evidence.optional("category");
        Node categoryRuleNode = evidence.optional("categoryRule");
        if (categoryNode != null) {
            builder.category(Scalars.category(categoryNode),
                    categoryRuleNode == null ? null : Scalars.category(categoryRuleNode));
        } else if (categoryRuleNode != null) {
            throw categoryRuleNode.fail("a category rule without the item's category",
                    "\"category\" beside \"categoryRule\"");
        }
        n = evidence.optional("reservation");
        if (n != null) {
            builder.reservation(ItemJson.readReservation(n));
        }
        Node birthNode = evidence.optional("birthDate");
        Node ageNode = evidence.optional("minimumAge");
        if (birthNode != null || ageNode != null) {
            if (birthNode == null || ageNode == null) {
                throw evidence.missing(birthNode == null ? "birthDate" : "minimumAge",
                        "a birth date and a minimum age together");
            }
            LocalDate born = Scalars.date(birthNode);
            Node declared = evidence.optional("comingOfAge");
            // The document states the coming-of-age date; of the two readings of a 29 February
            // birthday, the one it names is the one it was decided by, and any other date is refused below.
            boolean marchFirst = declared != null && born.getMonthValue() == 2 && born.getDayOfMonth() == 29
                    && Scalars.date(declared).getMonthValue() == 3;
            builder.age(born, ageNode.integer("a minimum age from 1 to 150"),
                    marchFirst ? LeapDayBirthday.MARCH_1 : LeapDayBirthday.FEBRUARY_28);
        }
        Node reopenedNode = evidence.optional("reopenedAt");
        if (reopenedNode != null) {
            Instant reopenedAt = Scalars.instant(reopenedNode);
            if (reason != Reason.ACCOUNT_CLOSED || declaredAt == null) {
                throw reopenedNode.fail("evidence for " + reason + (declaredAt == null ? " without \"at\"" : "")
                        + " has no reopening", "\"reopenedAt\" only in evidence for ACCOUNT_CLOSED, beside its \"at\"");
            }
            try {
                builder.closure(new AccountClosure(declaredAt, reopenedAt));
            } catch (IllegalArgumentException e) {
                throw reopenedNode.fail(Node.problem(e), "reopenedAt after the closure's start " + declaredAt, e);
            }
        }
        Evidence built;
        try {
            built = builder.build();
        } catch (IllegalArgumentException e) {
            throw evidence.fail(Node.problem(e), "the facts evidence for " + reason + " is explained by", e);
        }
        if (atNode != null && !built.at().map(at -> at.equals(declaredAt)).orElse(false)) {
            throw atNode.fail("the evidence's instant is not the one its facts give",
                    built.at().map(at -> "\"at\": \"" + at + "\"").orElse("no \"at\""));
        }
        Node comingNode = evidence.optional("comingOfAge");
        LocalDate declaredComingOfAge = comingNode == null ? null : Scalars.date(comingNode);
        if (comingNode != null && !built.comingOfAge().map(day -> day.equals(declaredComingOfAge)).orElse(false)) {
            throw comingNode.fail("the coming-of-age date is not the one the birth date and minimum age give",
                    built.comingOfAge().map(day -> "\"" + day + "\"").orElse("no \"comingOfAge\""));
        }
        return built;
    }

    /** Evidence a {@code v2} document carried over from a {@code v1} one: words, instant and consent event. */
    private static Evidence readCarriedOver(Node evidence, Reason reason, @Nullable Node descriptionNode,
            @Nullable String description) throws ConsentDocumentException {
        if (descriptionNode == null || description == null) {
            throw evidence.missing("description", "the recorded words of evidence carried over from a v1 document");
        }
        for (String fact : EVIDENCE_FIELDS) {
            if (!List.of("reason", "kind", "description", "recorded", "at", "consentEvent").contains(fact)
                    && evidence.field(fact) != null) {
                throw required(evidence.field(fact)).fail("evidence carried over from a v1 document has no " + fact,
                        "only reason, kind, description, recorded, at and consentEvent");
            }
        }
        Node atNode = evidence.optional("at");
        Node eventNode = evidence.optional("consentEvent");
        try {
            return Evidence.recorded(reason, description, atNode == null ? null : Scalars.instant(atNode),
                    eventNode == null ? null : MemberJson.readEvent(eventNode, null));
        } catch (IllegalArgumentException e) {
            throw evidence.fail(Node.problem(e), "a consent event exactly when the reason is OPTED_OUT or ALLOWED_OPTED_IN",
                    e);
        }
    }

    static void write(Decision decision, JsonGenerator json, boolean withFormat) throws IOException {
        json.writeStartObject();
        if (withFormat) {
            // v2.1 added the ITEM_BEFORE_CHOICE reason and the reopening of a closure in evidence.
            boolean reopened = decision.evidence().closure().flatMap(AccountClosure::reopened).isPresent();
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
        writeString(json, "reopenedAt", evidence.closure().flatMap(AccountClosure::reopened).map(Instant::toString)
                .orElse(null));
        json.writeEndObject();
    }

    private static void writeString(JsonGenerator json, String field, @Nullable String value) throws IOException {
        if (value != null) {
            json.writeStringField(field, value);
        }
    }
}
