package dev.consentkit.jackson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.consentkit.ConsentChannel;
import dev.consentkit.ConsentChoice;
import dev.consentkit.ConsentEvent;
import dev.consentkit.ContentItem;
import dev.consentkit.DataCategory;
import dev.consentkit.Decision;
import dev.consentkit.LegalBasis;
import dev.consentkit.Member;
import dev.consentkit.PolicyVersion;
import dev.consentkit.Purpose;
import dev.consentkit.Reason;
import dev.consentkit.TrainingPolicy;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Shows what the clock-skew tolerance of {@link ReadOptions} does at every reader: a consent event
 * recorded a moment before it takes effect is read, counted from when it was recorded, and written back
 * as its document stated it; one recorded longer before fails, naming the event; and zero tolerance
 * reads as strictly as the core's rule.
 */
class ReadOptionsTest {

    private static final Path MEMBER = ProgramFixture.resource("clock-skew/member.json");
    private static final Path MEMBERS = ProgramFixture.resource("clock-skew/members.ndjson");
    private static final Instant RECORDED = Instant.parse("2025-11-10T00:00:00Z");

    private static final TrainingPolicy POLICY = TrainingPolicy.builder("genai", Purpose.GENERATIVE_AI_TRAINING)
            .version(PolicyVersion.builder("2025", Instant.parse("2025-01-01T00:00:00Z"))
                    .defaultBasis(LegalBasis.LEGITIMATE_INTERESTS)
                    .allow(DataCategory.PUBLIC_CONTENT)
                    .minimumAge(18)
                    .build())
            .build();

    private static final ContentItem POST = ContentItem.of("post-1", "m-1", DataCategory.PUBLIC_CONTENT,
            Instant.parse("2025-10-01T00:00:00Z"));

    @Test
    void shouldTolerateFiveSecondsByDefault() {
        assertEquals(Duration.ofSeconds(5), ReadOptions.DEFAULT_CLOCK_SKEW_TOLERANCE);
        assertEquals(Duration.ofSeconds(5), ReadOptions.defaults().clockSkewTolerance());
        assertEquals("ReadOptions[clockSkewTolerance=PT5S]", ReadOptions.defaults().toString());
    }

    @Test
    void shouldDeriveOptionsWithAnotherToleranceLeavingTheDefaultsAlone() {
        ReadOptions minute = ReadOptions.defaults().withClockSkewTolerance(Duration.ofMinutes(1));

        assertEquals(Duration.ofMinutes(1), minute.clockSkewTolerance());
        assertEquals(Duration.ofSeconds(5), ReadOptions.defaults().clockSkewTolerance());
        assertEquals(Duration.ZERO, minute.withClockSkewTolerance(Duration.ZERO).clockSkewTolerance());
        assertSame(ReadOptions.defaults(), ReadOptions.defaults().withClockSkewTolerance(Duration.ofSeconds(5)));
    }

    @Test
    void shouldRejectANegativeToleranceSayingWhatIsAllowed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ReadOptions.defaults().withClockSkewTolerance(Duration.ofMillis(-1)));

        assertEquals("clock-skew tolerance PT-0.001S is negative; give zero (no event may be recorded before it takes"
                + " effect) or more, such as PT5S", e.getMessage());
        assertThrows(NullPointerException.class, () -> ReadOptions.defaults().withClockSkewTolerance(null));
    }

    @Test
    void shouldBeEqualExactlyWhenTheTolerancesAreEqual() {
        ReadOptions sameAsDefaults = ReadOptions.defaults().withClockSkewTolerance(Duration.ofSeconds(6))
                .withClockSkewTolerance(Duration.ofMillis(5000));
        ReadOptions strict = ReadOptions.defaults().withClockSkewTolerance(Duration.ZERO);

        assertEquals(ReadOptions.defaults(), sameAsDefaults);
        assertEquals(ReadOptions.defaults().hashCode(), sameAsDefaults.hashCode());
        assertNotEquals(ReadOptions.defaults(), strict);
        assertNotEquals(strict, ReadOptions.defaults().withClockSkewTolerance(Duration.ofNanos(1)));
        assertNotEquals(ReadOptions.defaults(), Duration.ofSeconds(5));
    }

    @Test
    void shouldCountAnEventRecordedJustBeforeItTakesEffectFromWhenItWasRecorded() throws IOException {
        Member member = ConsentDocuments.readMember(MEMBER);

        ConsentEvent event = member.consent().events().get(0);
        assertEquals(ConsentEvent.effectiveWhenRecorded("e-7", Purpose.GENERATIVE_AI_TRAINING, ConsentChoice.OPT_OUT,
                Instant.parse("2025-11-10T00:00:00.001Z"), RECORDED, ConsentChannel.API), event);
        assertEquals(RECORDED, event.effectiveAt());
        assertTrue(event.isSkewAdjusted());
        assertFalse(member.consent().events().get(1).isSkewAdjusted());
    }

    @Test
    void shouldDecideWithTheEventFromWhenItWasRecorded() throws IOException {
        Member member = ConsentDocuments.readMember(MEMBER);

        assertTrue(POLICY.isTrainable(POST, member, RECORDED.minusNanos(1)));
        Decision decision = POLICY.evaluate(POST, member, RECORDED);
        assertEquals(Reason.OPTED_OUT, decision.reason());
        assertEquals("OPT_OUT event e-7 for ai-training.generative via API (stated to take effect at "
                + "2025-11-10T00:00:00.001Z, after it was recorded; counted from when it was recorded)",
                decision.evidence().description());
    }

    @Test
    void shouldWriteBackTheInstantsTheDocumentStated() throws IOException {
        String document = Files.readString(MEMBER);

        assertEquals(document, ConsentDocuments.writeMember(ConsentDocuments.readMember(document)));
    }

    @Test
    void shouldRejectAnEventRecordedLongerBeforeThanTheToleranceNamingItTheGapAndTheTolerance() {
        ReadOptions options = ReadOptions.defaults().withClockSkewTolerance(Duration.ofNanos(999_999));

        ConsentDocumentException e = assertThrows(ConsentDocumentException.class,
                () -> ConsentDocuments.readMember(MEMBER, options));

        assertEquals("$.consent[0].recordedAt at line 16, column 21: consent event e-7 is recorded at 2025-11-10T00:00:00Z,"
                + " before it takes effect at 2025-11-10T00:00:00.001Z: PT0.001S before, more than the clock-skew tolerance"
                + " of PT0.000999999S; expected recordedAt at or after effectiveAt 2025-11-10T00:00:00.001Z, or at most"
                + " PT0.000999999S before it (the reader's clock-skew tolerance)", e.getMessage());
        assertEquals("2025-11-10T00:00:00Z", e.badValue().orElseThrow());
    }

    @Test
    void shouldReadAsStrictlyAsTheCoreWithZeroTolerance() throws IOException {
        ReadOptions strict = ReadOptions.defaults().withClockSkewTolerance(Duration.ZERO);

        ConsentDocumentException e = assertThrows(ConsentDocumentException.class,
                () -> ConsentDocuments.readMember(MEMBER, strict));
        assertTrue(e.problem().startsWith("consent event e-7 is recorded at 2025-11-10T00:00:00Z, before it takes effect"
                + " at 2025-11-10T00:00:00.001Z"), e.problem());

        String onTime = Files.readString(MEMBER).replace("00:00:00.001Z", "00:00:00Z");
        assertFalse(ConsentDocuments.readMember(onTime, strict).consent().events().get(0).isSkewAdjusted());
    }

    @Test
    void shouldTolerateAGapOfExactlyTheToleranceAndNotOneNanosecondMore() throws IOException {
        List<NdjsonReader.Line<Member>> lines = readAll(NdjsonReader.members(MEMBERS));

        assertTrue(lines.get(0).hasValue(), lines.get(0).toString());
        assertEquals(Instant.parse("2025-11-10T00:00:05Z"),
                lines.get(1).value().consent().events().get(0).statedEffectiveAt());
        assertFalse(lines.get(2).hasValue());
        assertEquals("$.consent[0].recordedAt at line 3, column 215: consent event e-3 is recorded at 2025-11-10T00:00:00Z,"
                + " before it takes effect at 2025-11-10T00:00:05.000000001Z: PT5.000000001S before, more than the"
                + " clock-skew tolerance of PT5S; expected recordedAt at or after effectiveAt 2025-11-10T00:00:05.000000001Z,"
                + " or at most PT5S before it (the reader's clock-skew tolerance)", lines.get(2).error().orElseThrow().getMessage());
        assertEquals("m-4", lines.get(3).value().id());
    }

    @Test
    void shouldKeepTheMembersLineOfAnEventWithinTheToleranceInAStream() throws IOException {
        try (NdjsonReader<Member> strict = NdjsonReader.members(new StringReader(Files.readString(MEMBERS)),
                ReadOptions.defaults().withClockSkewTolerance(Duration.ZERO))) {
            List<NdjsonReader.Line<Member>> lines = readAll(strict);
            assertEquals(List.of(false, false, false, true), lines.stream().map(NdjsonReader.Line::hasValue).toList());
        }
        List<NdjsonReader.Line<Member>> lines = readAll(NdjsonReader.members(Files.newInputStream(MEMBERS)));
        assertEquals(List.of(true, true, false, true), lines.stream().map(NdjsonReader.Line::hasValue).toList());
        assertEquals(Reason.OPTED_OUT, POLICY.evaluate(POST, lines.get(0).value(), RECORDED).reason());
    }

    @Test
    void shouldReadWithTheOptionsOfTheModule() throws IOException {
        String document = Files.readString(MEMBER);
        ObjectMapper lenient = new ObjectMapper().registerModule(new ConsentModule());
        ObjectMapper strict = new ObjectMapper()
                .registerModule(new ConsentModule(ReadOptions.defaults().withClockSkewTolerance(Duration.ZERO)));

        Member member = lenient.readValue(document, Member.class);
        assertEquals(ConsentDocuments.readMember(document), member);
        assertTrue(lenient.writeValueAsString(member).contains("\"effectiveAt\":\"2025-11-10T00:00:00.001Z\","
                + "\"recordedAt\":\"2025-11-10T00:00:00Z\""));
        ConsentDocumentException e = assertThrows(ConsentDocumentException.class,
                () -> strict.readValue(document, Member.class));
        assertEquals("$.consent[0].recordedAt", e.fieldPath());
        String event = "{\"id\":\"e-7\",\"purpose\":\"ai-training\",\"choice\":\"OPT_OUT\",\"effectiveAt\":"
                + "\"2025-11-10T00:00:02Z\",\"recordedAt\":\"2025-11-10T00:00:00Z\",\"channel\":\"API\"}";
        assertTrue(lenient.readValue(event, ConsentEvent.class).isSkewAdjusted());
        assertEquals(event, lenient.writeValueAsString(lenient.readValue(event, ConsentEvent.class)));
        assertThrows(ConsentDocumentException.class, () -> strict.readValue(event, ConsentEvent.class));
    }

    @Test
    void shouldReadTheEventOfADecisionAsDecidedWhateverTheTolerance() throws IOException {
        Decision decision = POLICY.evaluate(POST, ConsentDocuments.readMember(MEMBER), RECORDED);

        String written = ConsentDocuments.writeDecision(decision);

        assertTrue(written.contains("\"at\": \"2025-11-10T00:00:00Z\""), written);
        assertTrue(written.contains("\"effectiveAt\": \"2025-11-10T00:00:00.001Z\""), written);
        assertEquals(decision, ConsentDocuments.readDecision(written));
    }

    private static List<NdjsonReader.Line<Member>> readAll(NdjsonReader<Member> reader) throws IOException {
        List<NdjsonReader.Line<Member>> lines = new ArrayList<>();
        try (reader) {
            reader.forEach(lines::add);
        }
        return lines;
    }
}
