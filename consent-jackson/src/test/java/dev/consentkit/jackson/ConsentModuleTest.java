package dev.consentkit.jackson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.consentkit.ConsentChannel;
import dev.consentkit.ConsentChoice;
import dev.consentkit.ConsentEvent;
import dev.consentkit.ConsentHistory;
import dev.consentkit.ContentItem;
import dev.consentkit.DataCategory;
import dev.consentkit.Decision;
import dev.consentkit.Evidence;
import dev.consentkit.Jurisdiction;
import dev.consentkit.JurisdictionRule;
import dev.consentkit.JurisdictionTimeline;
import dev.consentkit.LegalBasis;
import dev.consentkit.Member;
import dev.consentkit.PolicyVersion;
import dev.consentkit.Purpose;
import dev.consentkit.Reason;
import dev.consentkit.Reservation;
import dev.consentkit.ReservationSource;
import dev.consentkit.Residence;
import dev.consentkit.TrainingPolicy;
import dev.consentkit.UnknownAge;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Shows that an {@link ObjectMapper} with the {@link ConsentModule} reads and writes every core type
 * in the forms of {@link ConsentDocuments}, as strictly, and that the module identifies and registers
 * itself as Jackson modules do.
 */
class ConsentModuleTest {

    private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new ConsentModule());

    private static <T> void assertRoundTrips(Gen<T> values, Class<T> type) {
        qt().withExamples(150).forAll(values).checkAssert(value ->
                assertEquals(value, Unchecked.get(() -> MAPPER.readValue(MAPPER.writeValueAsString(value), type))));
    }

    @Test
    void shouldBeNamedConsentkitInEveryRelease() {
        assertEquals("consentkit", new ConsentModule().getModuleName());
    }

    @Test
    void shouldReportTheVersionThePomBuilds() {
        String built = System.getProperty("consentkit.version");

        assertEquals(built, new ConsentModule().version().toString().replace("dev.consentkit/consent-jackson/", ""));
        assertEquals("consent-jackson", new ConsentModule().version().getArtifactId());
        assertEquals("dev.consentkit", new ConsentModule().version().getGroupId());
    }

    @Test
    void shouldBeFoundAsAServiceByFindAndRegisterModules() {
        List<Module> found = ObjectMapper.findModules();

        assertTrue(found.stream().anyMatch(m -> m instanceof ConsentModule), found::toString);
        assertTrue(new ObjectMapper().findAndRegisterModules().getRegisteredModuleIds().contains("consentkit"));
    }

    @Test
    void shouldListItselfInTheServiceFileForTheClassPath() throws IOException {
        try (InputStream in = ConsentModule.class.getResourceAsStream("/META-INF/services/com.fasterxml.jackson.databind.Module")) {
            assertEquals("dev.consentkit.jackson.ConsentModule", new String(in.readAllBytes(), StandardCharsets.UTF_8).trim());
        }
    }

    @Test
    void shouldRegisterOnceWhenRegisteredTwice() {
        ObjectMapper mapper = new ObjectMapper().registerModule(new ConsentModule()).registerModule(new ConsentModule());

        assertEquals(1, mapper.getRegisteredModuleIds().size());
    }

    @Test
    void shouldLeaveDefaultTypingOff() {
        JavaType object = MAPPER.constructType(Object.class);

        assertNull(MAPPER.getSerializationConfig().getDefaultTyper(object));
        assertNull(MAPPER.getDeserializationConfig().getDefaultTyper(object));
    }

    @Test
    void shouldWriteTheSameJsonAsConsentDocuments() {
        qt().withExamples(100).forAll(CoreValues.policies()).checkAssert(policy -> assertEquals(
                Unchecked.get(() -> MAPPER.readTree(ConsentDocuments.writePolicy(policy))),
                Unchecked.get(() -> MAPPER.readTree(MAPPER.writeValueAsString(policy)))));
    }

    @Test
    void shouldReadBackEveryDocumentType() {
        assertRoundTrips(CoreValues.policies(), TrainingPolicy.class);
        assertRoundTrips(CoreValues.members(), Member.class);
        assertRoundTrips(CoreValues.items(), ContentItem.class);
        assertRoundTrips(CoreValues.decisions(), Decision.class);
    }

    @Test
    void shouldReadBackEveryPartOfAPolicy() {
        assertRoundTrips(CoreValues.versions(), PolicyVersion.class);
        assertRoundTrips(CoreValues.rules(), JurisdictionRule.class);
    }

    @Test
    void shouldReadBackEveryPartOfAMember() {
        assertRoundTrips(CoreValues.timelines(), JurisdictionTimeline.class);
        assertRoundTrips(CoreValues.residences(), Residence.class);
        assertRoundTrips(CoreValues.histories(), ConsentHistory.class);
        assertRoundTrips(CoreValues.events(), ConsentEvent.class);
    }

    @Test
    void shouldReadBackEveryPartOfAnItemAndADecision() {
        assertRoundTrips(CoreValues.reservations(), Reservation.class);
        assertRoundTrips(CoreValues.evidence(), Evidence.class);
    }

    @Test
    void shouldReadBackKeysCodesAndEnumsByTheirCoreNames() {
        assertRoundTrips(CoreValues.categories(), DataCategory.class);
        assertRoundTrips(CoreValues.purposes(), Purpose.class);
        assertRoundTrips(CoreValues.places().mix(Generate.pick(List.of(Jurisdiction.EU, Jurisdiction.EEA))), Jurisdiction.class);
        assertRoundTrips(Generate.enumValues(LegalBasis.class), LegalBasis.class);
        assertRoundTrips(Generate.enumValues(UnknownAge.class), UnknownAge.class);
        assertRoundTrips(Generate.enumValues(ConsentChoice.class), ConsentChoice.class);
        assertRoundTrips(Generate.enumValues(ConsentChannel.class), ConsentChannel.class);
        assertRoundTrips(Generate.enumValues(ReservationSource.class), ReservationSource.class);
        assertRoundTrips(Generate.enumValues(Reason.class), Reason.class);
        assertRoundTrips(Generate.enumValues(Evidence.Kind.class), Evidence.Kind.class);
    }

    @Test
    void shouldWriteCodesAndKeysAsStrings() throws IOException {
        assertEquals("[\"US-CA\",\"content.public\",\"ai-training\",\"LEGITIMATE_INTERESTS\"]", MAPPER.writeValueAsString(
                List.of(Jurisdiction.of("us-ca"), DataCategory.PUBLIC_CONTENT, Purpose.AI_TRAINING, LegalBasis.LEGITIMATE_INTERESTS)));
    }

    @Test
    void shouldReadAndWriteMapsKeyedByJurisdictionCategoryOrPurpose() throws IOException {
        Map<Jurisdiction, LegalBasis> bases = Map.of(Jurisdiction.of("DE"), LegalBasis.CONSENT);
        JavaType type = MAPPER.getTypeFactory().constructMapType(Map.class, Jurisdiction.class, LegalBasis.class);
        JavaType byCategory = MAPPER.getTypeFactory().constructMapType(Map.class, DataCategory.class, Integer.class);

        assertEquals("{\"DE\":\"CONSENT\"}", MAPPER.writeValueAsString(bases));
        assertEquals(bases, MAPPER.readValue("{\"DE\":\"CONSENT\"}", type));
        assertEquals(Map.of(DataCategory.PUBLIC_CONTENT, 3), MAPPER.readValue("{\"content.public\":3}", byCategory));
    }

    @Test
    void shouldRejectAMapKeyAsStrictlyAsTheSameValueInADocument() {
        JavaType type = MAPPER.getTypeFactory().constructMapType(Map.class, Jurisdiction.class, LegalBasis.class);

        ConsentDocumentException e = assertThrows(ConsentDocumentException.class, () -> MAPPER.readValue("{\"UK\":\"CONSENT\"}", type));

        assertTrue(e.getMessage().contains("ISO 3166-1 codes the United Kingdom as 'GB'"), e.getMessage());
    }

    @Test
    void shouldRequireTheFormatOfADocumentReadThroughTheMapper() {
        ConsentDocumentException e = assertThrows(ConsentDocumentException.class, () -> MAPPER.readValue(
                "{\"id\":\"post-1\",\"authorId\":\"m-1\",\"category\":\"content.public\",\"createdAt\":\"2025-10-01T12:00:00Z\",\"reservations\":[]}",
                ContentItem.class));

        assertEquals("$.format", e.fieldPath());
    }

    @Test
    void shouldReportAProblemInsideYourOwnStructureWithItsFullPathAndUnwrapped() {
        JavaType batches = MAPPER.getTypeFactory().constructMapType(Map.class, MAPPER.constructType(String.class),
                MAPPER.getTypeFactory().constructCollectionType(List.class, ContentItem.class));
        String json = "{\"batch-7\": [\n"
                + "  {\"format\":\"consentkit.item/v1\",\"id\":\"post-1\",\"authorId\":\"m-1\",\"category\":\"content.public\","
                + "\"createdAt\":\"2025-10-01T12:00:00Z\",\"reservations\":[]},\n"
                + "  {\"format\":\"consentkit.item/v1\",\"id\":\"post-2\",\"authorId\":\"m-1\",\"category\":\"Content\","
                + "\"createdAt\":\"2025-10-01T12:00:00Z\",\"reservations\":[]}\n"
                + "]}";

        ConsentDocumentException e = assertThrows(ConsentDocumentException.class, () -> MAPPER.readValue(json, batches));

        assertEquals("$['batch-7'][1].category", e.fieldPath());
        assertEquals(3, e.line());
        assertEquals(76, e.column());
    }

    @Test
    void shouldReadAnObjectWhoseStartACallerAlreadyConsumed() throws IOException {
        String json = "{\"format\":\"consentkit.item/v1\",\"id\":\"post-1\",\"authorId\":\"m-1\",\"category\":\"%s\","
                + "\"createdAt\":\"2025-10-01T12:00:00Z\",\"reservations\":[]}";
        try (JsonParser valid = MAPPER.createParser(String.format(json, "content.public"));
                JsonParser invalid = MAPPER.createParser(String.format(json, "Content"))) {
            valid.nextToken();
            valid.nextToken();
            invalid.nextToken();
            invalid.nextToken();

            assertEquals("post-1", MAPPER.readerFor(ContentItem.class).<ContentItem>readValue(valid).id());
            ConsentDocumentException e = assertThrows(ConsentDocumentException.class,
                    () -> MAPPER.readerFor(ContentItem.class).readValue(invalid));
            assertEquals("$.category", e.fieldPath());
        }
    }

    @Test
    void shouldReadAValueOfOurTypesNestedInYourOwnDocument() throws IOException {
        JavaType type = MAPPER.getTypeFactory().constructMapType(Map.class, String.class, Residence.class);

        Map<String, Residence> read = MAPPER.readValue("{\"home\": {\"jurisdiction\": \"FR\", \"from\": \"2025-03-01T00:00:00Z\"}}", type);

        assertEquals(new Residence(Instant.parse("2025-03-01T00:00:00Z"), Jurisdiction.of("FR")), read.get("home"));
    }
}
