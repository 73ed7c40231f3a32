package dev.consentkit.jackson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.consentkit.AccountClosure;
import dev.consentkit.ContentItem;
import dev.consentkit.DataCategory;
import dev.consentkit.Decision;
import dev.consentkit.Jurisdiction;
import dev.consentkit.LegalBasis;
import dev.consentkit.Member;
import dev.consentkit.PolicyVersion;
import dev.consentkit.Purpose;
import dev.consentkit.Reason;
import dev.consentkit.TrainingPolicy;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Shows how account closures are written and read: {@code closedAt} for an account closed once and
 * not reopened, as in every {@code v1} document, and {@code closures} (member format {@code v1.1}) for
 * any other, with located errors for closures that contradict each other.
 */
class MemberClosuresJsonTest {

    private static final Instant CLOSED = Instant.parse("2025-03-01T00:00:00Z");
    private static final Instant REOPENED = Instant.parse("2025-04-01T00:00:00Z");
    private static final Instant CLOSED_AGAIN = Instant.parse("2026-01-01T00:00:00Z");

    private static final Member REOPENED_MEMBER = Member.builder("m-1").birthDate(LocalDate.of(1990, 4, 1))
            .residentIn(Jurisdiction.of("DE"))
            .closure(AccountClosure.between(CLOSED, REOPENED))
            .closure(AccountClosure.from(CLOSED_AGAIN))
            .build();

    private static final String MEMBER = """
            {
              "format": "consentkit.member/v1.1",
              "id": "m-1",
              "jurisdictions": [{"jurisdiction": "DE"}],
              "closures": [
                {"closedAt": "2025-03-01T00:00:00Z", "reopenedAt": "2025-04-01T00:00:00Z"},
                {"closedAt": "2026-01-01T00:00:00Z"}
              ],
              "consent": []
            }
            """;

    private static String fixture(String name) throws IOException {
        return Files.readString(ProgramFixture.resource("members/" + name));
    }

    private static ConsentDocumentException failure(Executable read) {
        return assertThrows(ConsentDocumentException.class, read);
    }

    @Test
    void shouldWriteEveryClosureOfAReopenedAccountAsMemberV11() throws IOException {
        assertEquals(fixture("reopened-v1.1.json"), ConsentDocuments.writeMember(REOPENED_MEMBER));
    }

    @Test
    void shouldReadEveryClosureBack() throws IOException {
        Member member = ConsentDocuments.readMember(fixture("reopened-v1.1.json"));

        assertEquals(REOPENED_MEMBER, member);
        assertEquals(List.of(AccountClosure.between(CLOSED, REOPENED), AccountClosure.from(CLOSED_AGAIN)),
                member.closures());
    }

    @Test
    void shouldReadASingleClosedAtAsOneClosureNotReopened() throws IOException {
        Member member = ConsentDocuments.readMember(fixture("closed-once-v1.json"));

        assertEquals(List.of(AccountClosure.from(CLOSED_AGAIN)), member.closures());
    }

    @Test
    void shouldWriteAnAccountClosedOnceAsTheV1DocumentItWasReadFrom() throws IOException {
        String v1 = fixture("closed-once-v1.json");

        assertEquals(v1, ConsentDocuments.writeMember(ConsentDocuments.readMember(v1)));
    }

    @Test
    void shouldWriteOneClosureThatWasReopenedAsClosures() throws IOException {
        Member member = Member.builder("m-3").closure(AccountClosure.between(CLOSED, REOPENED)).build();

        String json = ConsentDocuments.writeMember(member);

        assertTrue(json.startsWith("{\n  \"format\": \"consentkit.member/v1.1\""), json);
        assertTrue(json.contains("\"closures\": [\n    {\n      \"closedAt\": \"2025-03-01T00:00:00Z\",\n"
                + "      \"reopenedAt\": \"2025-04-01T00:00:00Z\"\n    }\n  ]"), json);
        assertEquals(member, ConsentDocuments.readMember(json));
    }

    @Test
    void shouldReadClosuresInAStreamLineWithoutFormat() throws IOException {
        String line = "{\"id\": \"m-1\", \"birthDate\": \"1990-04-01\", \"jurisdictions\": [{\"jurisdiction\": \"DE\"}], "
                + "\"closures\": [{\"closedAt\": \"2025-03-01T00:00:00Z\", \"reopenedAt\": \"2025-04-01T00:00:00Z\"}, "
                + "{\"closedAt\": \"2026-01-01T00:00:00Z\"}], \"consent\": []}\n";

        try (NdjsonReader<Member> reader = NdjsonReader.members(new StringReader(line))) {
            assertEquals(REOPENED_MEMBER, reader.read().value());
        }
    }

    @Test
    void shouldRejectClosedAtBesideClosuresNamingBoth() {
        ConsentDocumentException e = failure(() -> ConsentDocuments.readMember(MEMBER.replace("\"closures\": [",
                "\"closedAt\": \"2025-03-01T00:00:00Z\", \"closures\": [")));

        assertEquals("$.closures", e.fieldPath());
        assertEquals(5, e.line());
        assertTrue(e.getMessage().contains("a member has closedAt \"2025-03-01T00:00:00Z\" and closures too"),
                e.getMessage());
    }

    @Test
    void shouldReadANullClosedAtBesideClosuresAsAbsent() throws IOException {
        Member member = ConsentDocuments.readMember(MEMBER.replace("\"closures\": [", "\"closedAt\": null, \"closures\": ["));

        assertEquals(2, member.closures().size());
    }

    @Test
    void shouldRejectOverlappingClosuresAtTheLaterOnesStart() {
        ConsentDocumentException e = failure(() -> ConsentDocuments.readMember(MEMBER.replace(
                "{\"closedAt\": \"2026-01-01T00:00:00Z\"}", "{\"closedAt\": \"2025-03-31T00:00:00Z\"}")));

        assertEquals("$.closures[1].closedAt", e.fieldPath());
        assertEquals(Optional.of("2025-03-31T00:00:00Z"), e.badValue());
        assertEquals(7, e.line());
        assertTrue(e.getMessage().contains("account closure [2025-03-31T00:00:00Z, ...) overlaps the closure "
                + "[2025-03-01T00:00:00Z, 2025-04-01T00:00:00Z) before it"), e.getMessage());
    }

    @Test
    void shouldRejectClosuresOutOfOrder() {
        ConsentDocumentException e = failure(() -> ConsentDocuments.readMember(MEMBER.replace(
                "{\"closedAt\": \"2026-01-01T00:00:00Z\"}", "{\"closedAt\": \"2024-01-01T00:00:00Z\"}")));

        assertEquals("$.closures[1].closedAt", e.fieldPath());
        assertTrue(e.getMessage().contains("is out of order after [2025-03-01T00:00:00Z, 2025-04-01T00:00:00Z)"),
                e.getMessage());
    }

    @Test
    void shouldRejectAClosureAfterOneNotReopened() {
        ConsentDocumentException e = failure(() -> ConsentDocuments.readMember(MEMBER.replace(
                ", \"reopenedAt\": \"2025-04-01T00:00:00Z\"", "")));

        assertEquals("$.closures[1].closedAt", e.fieldPath());
        assertTrue(e.getMessage().contains("follows the closure [2025-03-01T00:00:00Z, ...), which is not reopened"),
                e.getMessage());
    }

    @Test
    void shouldRejectAReopeningAtOrBeforeItsClosure() {
        ConsentDocumentException e = failure(() -> ConsentDocuments.readMember(MEMBER.replace(
                "\"reopenedAt\": \"2025-04-01T00:00:00Z\"", "\"reopenedAt\": \"2025-03-01T00:00:00Z\"")));

        assertEquals("$.closures[0].reopenedAt", e.fieldPath());
        assertEquals(Optional.of("2025-03-01T00:00:00Z"), e.badValue());
        assertTrue(e.getMessage().contains("reopenedAt after closedAt 2025-03-01T00:00:00Z"), e.getMessage());
    }

    @Test
    void shouldRejectAnUnknownFieldOfAClosure() {
        ConsentDocumentException e = failure(() -> ConsentDocuments.readMember(MEMBER.replace(
                "\"reopenedAt\": \"2025-04-01T00:00:00Z\"", "\"reopenedAt\": \"2025-04-01T00:00:00Z\", \"until\": 1")));

        assertEquals("$.closures[0].until", e.fieldPath());
    }

    @Test
    void shouldWriteADecisionNamingTheReopeningAsDecisionV21AndReadItBack() throws IOException {
        TrainingPolicy policy = TrainingPolicy.builder("p", Purpose.GENERATIVE_AI_TRAINING)
                .version(PolicyVersion.builder("v1", Instant.parse("2025-01-01T00:00:00Z"))
                        .defaultBasis(LegalBasis.LEGITIMATE_INTERESTS).allow(DataCategory.CONTENT).build())
                .build();
        ContentItem post = ContentItem.of("post-1", "m-1", DataCategory.PUBLIC_CONTENT, Instant.parse("2025-02-01T00:00:00Z"));
        Decision decision = policy.evaluate(post, REOPENED_MEMBER, Instant.parse("2025-03-15T00:00:00Z"));

        String json = ConsentDocuments.writeDecision(decision);

        assertEquals(Reason.ACCOUNT_CLOSED, decision.reason());
        assertTrue(json.startsWith("{\n  \"format\": \"consentkit.decision/v2.1\""), json);
        assertTrue(json.contains("\"at\": \"2025-03-01T00:00:00Z\""), json);
        assertTrue(json.contains("\"reopenedAt\": \"2025-04-01T00:00:00Z\""), json);
        assertEquals(decision, ConsentDocuments.readDecision(json));
    }

    @Test
    void shouldRejectAReopeningInEvidenceOfAnotherReason() {
        String json = """
                {"format": "consentkit.decision/v2.1", "itemId": "post-1", "memberId": "m-1",
                 "asOf": "2025-03-15T00:00:00Z", "trainable": false, "reason": "ITEM_DELETED",
                 "failedChecks": ["ITEM_DELETED"], "policyId": "p", "policyVersion": "v1",
                 "evidence": {"reason": "ITEM_DELETED", "itemId": "post-1", "at": "2025-03-01T00:00:00Z",
                              "reopenedAt": "2025-04-01T00:00:00Z"}}
                """;

        ConsentDocumentException e = failure(() -> ConsentDocuments.readDecision(json));

        assertEquals("$.evidence.reopenedAt", e.fieldPath());
        assertTrue(e.getMessage().contains("evidence for ITEM_DELETED has no reopening"), e.getMessage());
    }
}
