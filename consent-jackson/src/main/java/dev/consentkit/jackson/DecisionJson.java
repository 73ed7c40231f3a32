package dev.consentkit.jackson;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.consentkit.ConsentEvent;
import dev.consentkit.Decision;
import dev.consentkit.Evidence;
import dev.consentkit.Reason;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON form of a decision, the {@code consentkit.decision/v1} document, as an audit trail keeps
 * it:
 *
 * <pre>{@code
 * {
 *   "format": "consentkit.decision/v1",
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
 *     "kind": "CONSENT_EVENT",
 *     "description": "OPT_OUT event e-7 for ai-training.generative via SETTINGS_TOGGLE",
 *     "at": "2025-11-10T00:00:00Z",
 *     "consentEvent": {"id": "e-7", ...}
 *   }
 * }
 * }</pre>
 *
 * <p>{@code knownAt} (only for an audit replay), {@code policyVersion} (absent exactly when no version
 * was in force) and the evidence's {@code at} are optional. {@code trainable} must agree with the
 * reason, and a consent event's description and instant with the event: a document that contradicts
 * itself is rejected rather than believed in part.
 */
final class DecisionJson {

    static final List<String> FIELDS = List.of("format", "itemId", "memberId", "asOf", "knownAt", "trainable", "reason",
            "failedChecks", "policyId", "policyVersion", "evidence");
    static final List<String> EVIDENCE_FIELDS = List.of("kind", "description", "at", "consentEvent");

    private static final String CHECKS = "an array of the failed checks in evaluation order, empty when trainable";
    private static final String EVIDENCE = "the evidence: {\"kind\": ..., \"description\": ..., \"at\": ...}";

    private DecisionJson() {}

    static Decision read(Node node, boolean formatRequired) throws ConsentDocumentException {
        DocumentFormat.DECISION.check(node, formatRequired);
        Node decision = node.object(FIELDS);
        String itemId = Scalars.id(decision.required("itemId", Scalars.ID));
        String memberId = Scalars.id(decision.required("memberId", Scalars.ID));
        Instant asOf = Scalars.instant(decision.required("asOf", Scalars.INSTANT));
        Node knownNode = decision.optional("knownAt");
        Instant knownAt = knownNode == null ? null : Scalars.instant(knownNode);
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
        Evidence evidence = readEvidence(decision.required("evidence", EVIDENCE));
        if (trainable != reason.isTrainable()) {
            throw trainableNode.fail("\"trainable\" is " + trainable + " but reason " + reason + " is "
                    + (reason.isTrainable() ? "a permission" : "a denial"), String.valueOf(reason.isTrainable()));
        }
        try {
            return Decision.of(itemId, memberId, asOf, knownAt, reason, failedChecks, policyId, policyVersion, evidence);
        } catch (IllegalArgumentException e) {
            throw culprit(decision, reason, failedChecks, policyVersion).fail(e.getMessage(),
                    "failed checks in evaluation order starting with the reason, and a policy version unless the"
                            + " reason is POLICY_NOT_IN_FORCE",
                    e);
        }
    }

    /** The field a contradiction the core found is best reported at. */
    private static Node culprit(Node decision, Reason reason, List<Reason> failedChecks, String policyVersion) {
        boolean checksWellFormed = true;
        for (int i = 0; i < failedChecks.size(); i++) {
            Reason failed = failedChecks.get(i);
            if (failed.isTrainable() || i > 0 && failed.ordinal() <= failedChecks.get(i - 1).ordinal()) {
                checksWellFormed = false;
            }
        }
        if (!checksWellFormed) {
            return decision.field("failedChecks");
        }
        if ((reason == Reason.POLICY_NOT_IN_FORCE) != (policyVersion == null)) {
            Node version = decision.field("policyVersion");
            return version != null ? version : decision;
        }
        return decision.field("reason");
    }

    static Decision readDocument(Node node) throws ConsentDocumentException {
        return read(node, true);
    }

    static Evidence readEvidence(Node node) throws ConsentDocumentException {
        Node evidence = node.object(EVIDENCE_FIELDS);
        Evidence.Kind kind = evidence.required("kind", "an evidence kind").enumValue(Evidence.Kind.class, "evidence kind");
        Node descriptionNode = evidence.required("description", "a non-blank description");
        String description = descriptionNode.string("a non-blank description");
        Node atNode = evidence.optional("at");
        Instant at = atNode == null ? null : Scalars.instant(atNode);
        Node eventNode = evidence.optional("consentEvent");
        if (kind != Evidence.Kind.CONSENT_EVENT) {
            if (eventNode != null) {
                throw eventNode.fail("evidence of kind " + kind + " has no consent event",
                        "no \"consentEvent\" unless the kind is CONSENT_EVENT");
            }
            try {
                return Evidence.of(kind, description, at);
            } catch (IllegalArgumentException e) {
                throw descriptionNode.fail(e.getMessage(), "a non-blank description", e);
            }
        }
        if (eventNode == null) {
            throw evidence.missing("consentEvent", "the consent event that decided");
        }
        ConsentEvent event = MemberJson.readEvent(eventNode);
        Evidence fromEvent = Evidence.of(event);
        if (!fromEvent.description().equals(description)) {
            throw descriptionNode.fail("the description does not match the consent event",
                    "\"" + fromEvent.description() + "\"");
        }
        if (atNode == null || !event.effectiveAt().equals(at)) {
            Node culprit = atNode == null ? evidence : atNode;
            throw culprit.fail("the evidence's instant is not the consent event's effectiveAt",
                    "\"at\": \"" + event.effectiveAt() + "\"");
        }
        return fromEvent;
    }

    static void write(Decision decision, JsonGenerator json, boolean withFormat) throws IOException {
        json.writeStartObject();
        if (withFormat) {
            json.writeStringField("format", DocumentFormat.DECISION.current());
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

    static void writeEvidence(Evidence evidence, JsonGenerator json) throws IOException {
        json.writeStartObject();
        json.writeStringField("kind", evidence.kind().name());
        json.writeStringField("description", evidence.description());
        if (evidence.at().isPresent()) {
            json.writeStringField("at", evidence.at().get().toString());
        }
        if (evidence.consentEvent().isPresent()) {
            json.writeFieldName("consentEvent");
            MemberJson.writeEvent(evidence.consentEvent().get(), json);
        }
        json.writeEndObject();
    }
}
