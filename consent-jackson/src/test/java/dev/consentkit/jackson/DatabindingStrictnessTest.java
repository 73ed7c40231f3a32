package dev.consentkit.jackson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.consentkit.ContentItem;
import dev.consentkit.Member;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Shows what reading keeps whatever the mapper: a ConsentKit value read by a mapper of your own is as
 * strict as one read by {@link ConsentDocuments}, and a format of your own that embeds ConsentKit
 * documents is read as strictly, with its own problems located at their fields.
 */
class DatabindingStrictnessTest {

    private static final String ITEM = "{\"format\": \"consentkit.item/v1\", \"id\": \"post-1\", \"authorId\": \"m-1\","
            + " \"category\": \"content.public\", \"createdAt\": \"2025-10-01T12:00:00Z\", \"reservations\": []}";

    private static final String MEMBER = "{\"id\": \"m-1\", \"jurisdictions\": [{\"jurisdiction\": \"DE\"}], \"consent\": [],"
            + " \"format\": \"consentkit.member/v1\"}";

    @Test
    void shouldRefuseAnUnknownFieldInAMapperThatIgnoresUnknownProperties() {
        ObjectMapper lenient = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .registerModule(new ConsentModule());

        ConsentDocumentException e = assertThrows(ConsentDocumentException.class,
                () -> lenient.readValue(ITEM.replace("\"reservations\"", "\"title\": \"Hi\", \"reservations\""), ContentItem.class));

        assertEquals("$.title", e.fieldPath());
        assertEquals("unknown field \"title\"", e.problem());
        assertEquals("one of format, id, authorId, category, createdAt, deletedAt, resumedAt, reservations, $schema",
                e.expected());
    }

    @Test
    void shouldRefuseARepeatedKeyInAMapperWhoseParserDoesNotLookForThem() {
        ObjectMapper mapper = new ObjectMapper().registerModule(new ConsentModule());
        assertEquals(false, mapper.getFactory().isEnabled(JsonParser.Feature.STRICT_DUPLICATE_DETECTION));

        ConsentDocumentException e = assertThrows(ConsentDocumentException.class,
                () -> mapper.readValue(ITEM.replace("\"authorId\"", "\"id\": \"post-2\", \"authorId\""), ContentItem.class));

        assertEquals("duplicate field \"id\"", e.problem());
    }

    @Test
    void shouldReportADocumentOfAnotherKindAsSuchWhereverItsFormatIs() {
        // The member's "birthDate"-less fields fail as a policy's before its format, written last, is met.
        ConsentDocumentException e = assertThrows(ConsentDocumentException.class, () -> ConsentDocuments.readPolicy(MEMBER));

        assertEquals("$.format", e.fieldPath());
        assertEquals("this is a consentkit.member document, not a consentkit.policy document", e.problem());
        ConsentDocumentException inAMapper = assertThrows(ConsentDocumentException.class,
                () -> new ObjectMapper().registerModule(new ConsentModule()).readValue(MEMBER, dev.consentkit.TrainingPolicy.class));
        assertEquals(e.problem(), inAMapper.problem());
    }

    @Test
    void shouldReadTheMemberItselfWithItsFormatLast() throws ConsentDocumentException {
        assertEquals("m-1", ConsentDocuments.readMember(MEMBER).id());
    }

    @Test
    void shouldReadEveryDocumentThatNamesItsSchemaForEditors() throws ConsentDocumentException {
        String schema = "\"$schema\": \"https://raw.githubusercontent.com/consentkit/consentkit/main/consent-jackson/"
                + "src/main/resources/dev/consentkit/jackson/schema/item-v1.schema.json\", ";

        ContentItem item = ConsentDocuments.readItem("{" + schema + ITEM.substring(1));

        assertEquals(ConsentDocuments.readItem(ITEM), item);
        assertEquals("m-1", ConsentDocuments.readMember("{" + schema + MEMBER.substring(1)).id());
        // Written without it: the schema is where the document was edited, not part of the value.
        assertEquals(false, ConsentDocuments.writeItem(item).contains("$schema"));
    }

    @Test
    void shouldRejectASchemaThatIsNotAString() {
        ConsentDocumentException e = assertThrows(ConsentDocumentException.class,
                () -> ConsentDocuments.readItem(ITEM.replace("{", "{\"$schema\": 5, ")));

        assertEquals("$['$schema']", e.fieldPath());
        assertEquals("found a number 5", e.problem());
    }

    @Test
    void shouldListTheSchemaAmongTheFieldsADocumentMayHave() {
        ConsentDocumentException e = assertThrows(ConsentDocumentException.class,
                () -> ConsentDocuments.readItem(ITEM.replace("{", "{\"schema\": \"x\", ")));

        assertEquals("one of format, id, authorId, category, createdAt, deletedAt, resumedAt, reservations, $schema",
                e.expected());
    }

    /** A format of one's own: a team's members, each with the line it was written on. */
    record Team(
            @Nullable Located<String> team,
            @Nullable Located<List<Located<Member>>> members,
            @JsonAnySetter @JsonDeserialize(contentUsing = UnknownFields.class) @Nullable Map<String, Object> unknown) {}

    @Test
    void shouldReadAFormatOfYourOwnWithItsEmbeddedDocumentsAndTheirPlaces() throws ConsentDocumentException {
        Team team = ConsentDocuments.readEmbedding("{\"team\": \"ads\",\n \"members\": [" + MEMBER.replace(
                ", \"format\": \"consentkit.member/v1\"", "") + "]}", Team.class);

        Located<Member> member = team.members().value().get(0);
        assertEquals("m-1", member.value().id());
        assertEquals("$.members[0]", member.path());
        assertEquals(2, member.line());
        assertEquals(14, member.column());
    }

    @Test
    void shouldLocateProblemsOfYourOwnAndOfEmbeddedDocumentsInYourDocument() throws ConsentDocumentException {
        Team team = ConsentDocuments.readEmbedding("{\"team\": \"ads\", \"members\": []}", Team.class);
        ConsentDocumentException yours = team.team().fail("no team \"ads\"", "the name of a team");
        ConsentDocumentException embedded = assertThrows(ConsentDocumentException.class, () -> ConsentDocuments.readEmbedding(
                "{\"members\": [" + MEMBER.replace("\"DE\"", "\"de-x\"") + "]}", Team.class));
        ConsentDocumentException unknown = assertThrows(ConsentDocumentException.class,
                () -> ConsentDocuments.readEmbedding("{\"team\": \"ads\", \"lead\": \"m-1\"}", Team.class));

        assertEquals("$.team at line 1, column 10: no team \"ads\"; expected the name of a team", yours.getMessage());
        assertEquals(Optional.of("ads"), yours.badValue());
        assertEquals("$.members[0].jurisdictions[0].jurisdiction", embedded.fieldPath());
        assertEquals("$.lead", unknown.fieldPath());
        assertEquals("one of team, members", unknown.expected());
    }
}
