package dev.consentkit.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.consentkit.DataCategory;
import dev.consentkit.LegalBasis;
import dev.consentkit.PolicyVersion;
import dev.consentkit.Purpose;
import dev.consentkit.TrainingPolicy;
import dev.consentkit.UnknownAge;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Rows that cannot be decided are kept and say why, naming the item, its author and the value: a
 * malformed category key, instant or reservation, a missing creation, an author with no member row, and
 * a member row the core refuses (a malformed purpose key, a consent event recorded more than the
 * clock-skew tolerance before it takes effect, one id on two rows). A category the policy does not know
 * is a decision, not an error.
 */
class BadRowsTest {

    private static final Instant AS_OF = Instant.parse("2025-06-01T00:00:00Z");
    private static final TrainingPolicy POLICY = TrainingPolicy.builder("p", Purpose.GENERATIVE_AI_TRAINING)
            .version(PolicyVersion.builder("v1", Instant.parse("2025-01-01T00:00:00Z"))
                    .defaultBasis(LegalBasis.LEGITIMATE_INTERESTS).allow(DataCategory.PUBLIC_CONTENT)
                    .unknownAge(UnknownAge.TREAT_AS_ADULT).build())
            .build();

    private final SparkSession spark = SparkSessions.shared();
    private Map<String, Row> decided = Map.of();

    @BeforeEach
    void decide() {
        String event = "{\"id\":\"e1\",\"purpose\":\"%s\",\"choice\":\"OPT_IN\",\"effectiveAt\":\"%s\","
                + "\"recordedAt\":\"2025-02-01T00:00:00Z\",\"channel\":\"SETTINGS_TOGGLE\"}";
        List<String> members = List.of(
                "{\"id\":\"m-ok\",\"jurisdictions\":[{\"jurisdiction\":\"US\"}],\"consent\":[]}",
                "{\"id\":\"m-bad-purpose\",\"jurisdictions\":[{\"jurisdiction\":\"US\"}],\"consent\":["
                        + event.formatted("AI Training", "2025-02-01T00:00:00Z") + "]}",
                "{\"id\":\"m-skew\",\"jurisdictions\":[{\"jurisdiction\":\"US\"}],\"consent\":["
                        + event.formatted("ai-training", "2025-02-01T00:00:10Z") + "]}",
                "{\"id\":\"m-twice\",\"jurisdictions\":[{\"jurisdiction\":\"US\"}],\"consent\":[]}",
                "{\"id\":\"m-twice\",\"jurisdictions\":[{\"jurisdiction\":\"FR\"}],\"consent\":[]}");
        Dataset<Row> memberRows = spark.read().schema(SparkData.MEMBER_DOCUMENTS)
                .json(spark.createDataset(members, Encoders.STRING()));
        String created = "2025-03-01T00:00:00Z";
        Dataset<Row> items = spark.createDataFrame(List.of(
                item("ok", "m-ok", "content.public", created, null),
                item("unknown-category", "m-ok", "content.unknown", created, null),
                item("bad-category", "m-ok", "Content Public", created, null),
                item("bad-instant", "m-ok", "content.public", "2025-13-01T00:00:00Z", null),
                item("offset", "m-ok", "content.public", "2025-03-01T01:00:00+01:00", null),
                item("no-creation", "m-ok", "content.public", null, null),
                item("bad-reservation", "m-ok", "content.public", created, List.of(RowFactory.create("ROBOTS", created))),
                item("ghost", "m-ghost", "content.public", created, null),
                item("of-bad-purpose", "m-bad-purpose", "content.public", created, null),
                item("of-skew", "m-skew", "content.public", created, null),
                item("of-twice", "m-twice", "content.public", created, null)), SparkData.ITEM_DOCUMENTS);

        Map<String, Row> rows = new HashMap<>();
        for (Row row : ConsentFilter.of(POLICY).asOf(AS_OF).decide(items, MemberTables.nested(memberRows))
                .collectAsList()) {
            rows.put(row.getAs("id"), row);
        }
        decided = rows;
    }

    private static Row item(String id, String author, String category, String createdAt, List<Row> reservations) {
        return RowFactory.create(id, author, category, createdAt, null, null, reservations);
    }

    @Test
    void shouldKeepEveryRow() {
        assertEquals(11, decided.size());
    }

    @Test
    void shouldDecideAnItemOfAnUnknownCategoryAsNotCovered() {
        assertEquals("ALLOWED_BY_DEFAULT", decided.get("ok").getAs(ConsentFilter.REASON));
        assertEquals("CATEGORY_NOT_COVERED", decided.get("unknown-category").getAs(ConsentFilter.REASON));
        assertNull(decided.get("unknown-category").getAs(ConsentFilter.CONSENT_ERROR));
    }

    @Test
    void shouldNameTheItemTheMemberAndTheValueOfEveryRowItCannotDecide() {
        assertError("bad-category", "item bad-category of member m-ok: ", "Content Public");
        assertError("bad-instant", "item bad-instant of member m-ok: createdAt: malformed instant", "2025-13-01T00:00:00Z");
        assertError("offset", "item offset of member m-ok: createdAt: malformed instant", "2025-03-01T01:00:00+01:00");
        assertError("no-creation", "item no-creation of member m-ok: createdAt is missing", "");
        assertError("bad-reservation", "item bad-reservation of member m-ok: reservations[0].source is 'ROBOTS'",
                "ITEM_FLAG");
        assertError("ghost", "item ghost of member m-ghost: the member has no member row", "");
        assertError("of-bad-purpose", "item of-bad-purpose of member m-bad-purpose: the member row is refused: member"
                + " m-bad-purpose: ", "AI Training");
        assertError("of-skew", "item of-skew of member m-skew: the member row is refused: member m-skew: consent event"
                + " e1 is recorded at 2025-02-01T00:00:00Z, before it takes effect at 2025-02-01T00:00:10Z", "PT5S");
        assertError("of-twice", "item of-twice of member m-twice: the member row is refused: member m-twice has 2"
                + " member rows", "");
    }

    private void assertError(String item, String start, String mentioned) {
        Row row = decided.get(item);
        String error = row.getAs(ConsentFilter.CONSENT_ERROR);
        assertTrue(error != null && error.startsWith(start) && error.contains(mentioned), () -> item + ": " + error);
        assertEquals(Boolean.FALSE, row.getAs(ConsentFilter.TRAINABLE));
        assertNull(row.getAs(ConsentFilter.REASON));
    }

    @Test
    void shouldLeaveRowsItCannotDecideOutOfTheTrainableOnes() {
        Dataset<Row> trainable = ConsentFilter.of(POLICY).asOf(AS_OF).trainable(
                spark.createDataFrame(List.of(item("ok", "m-ok", "content.public", "2025-03-01T00:00:00Z", null),
                        item("ghost", "m-ghost", "content.public", "2025-03-01T00:00:00Z", null)), SparkData.ITEM_DOCUMENTS),
                MemberTables.nested(spark.read().schema(SparkData.MEMBER_DOCUMENTS).json(spark.createDataset(List.of(
                        "{\"id\":\"m-ok\",\"jurisdictions\":[{\"jurisdiction\":\"US\"}]}"), Encoders.STRING()))));

        List<Row> rows = trainable.collectAsList();
        assertEquals(1, rows.size());
        assertEquals("ok", rows.get(0).getAs("id"));
        assertEquals(List.of(SparkData.ITEM_DOCUMENTS.fieldNames()), List.of(trainable.columns()));
    }

    @Test
    void shouldNameTheElementAndTheFieldOfAMalformedValueInAMemberRowsLists() {
        String at = "\"effectiveAt\":\"2025-02-01T00:00:00Z\",\"recordedAt\":\"2025-02-01T00:00:00Z\"";
        Dataset<Row> members = spark.read().schema(SparkData.MEMBER_DOCUMENTS).json(spark.createDataset(List.of(
                "{\"id\":\"m-bad-from\",\"jurisdictions\":[{\"jurisdiction\":\"US\"},"
                        + "{\"jurisdiction\":\"FR\",\"from\":\"2025-13-01T00:00:00Z\"}]}",
                "{\"id\":\"m-no-place\",\"jurisdictions\":[{\"from\":\"2025-01-01T00:00:00Z\"}]}",
                "{\"id\":\"m-no-close\",\"jurisdictions\":[{\"jurisdiction\":\"US\"}],"
                        + "\"closures\":[{\"reopenedAt\":\"2025-01-01T00:00:00Z\"}]}",
                "{\"id\":\"m-no-event-id\",\"jurisdictions\":[{\"jurisdiction\":\"US\"}],\"consent\":[{"
                        + "\"purpose\":\"ai-training\",\"choice\":\"OPT_IN\"," + at + ",\"channel\":\"API\"}]}",
                "{\"id\":\"m-no-choice\",\"jurisdictions\":[{\"jurisdiction\":\"US\"}],\"consent\":[{"
                        + "\"id\":\"e9\",\"purpose\":\"ai-training\"," + at + ",\"channel\":\"API\"}]}",
                "{\"id\":\"m-bad-channel\",\"jurisdictions\":[{\"jurisdiction\":\"US\"}],\"consent\":[{"
                        + "\"id\":\"e7\",\"purpose\":\"ai-training\",\"choice\":\"OPT_IN\"," + at
                        + ",\"channel\":\"FAX\"}]}"), Encoders.STRING()));

        Map<String, String> errors = new HashMap<>();
        for (Row row : ConsentFilter.of(POLICY).asOf(AS_OF).memberVerdicts(MemberTables.nested(members))
                .collectAsList()) {
            errors.put(row.getAs("memberId"), row.getAs("error"));
        }

        assertTrue(errors.get("m-bad-from").startsWith("member m-bad-from: jurisdictions[1].from: malformed instant"),
                errors.get("m-bad-from"));
        assertEquals("member m-no-place: jurisdictions[0].jurisdiction is missing", errors.get("m-no-place"));
        assertEquals("member m-no-close: closures[0].closedAt is missing", errors.get("m-no-close"));
        assertEquals("member m-no-event-id: consent[0].id is missing", errors.get("m-no-event-id"));
        assertEquals("member m-no-choice: consent event e9 choice is missing", errors.get("m-no-choice"));
        assertTrue(errors.get("m-bad-channel").startsWith("member m-bad-channel: consent event e7 channel is 'FAX';"
                + " expected one of ["), errors.get("m-bad-channel"));
    }

    @Test
    void shouldNameTheElementOfAMemberRowsListThatIsNoStruct() {
        // A list of text, as Spark's JSON reader infers for ["US"], and a list of structs with a null in it.
        Dataset<Row> texts = spark.read().schema(new StructType().add("id", DataTypes.StringType)
                .add("jurisdictions", DataTypes.createArrayType(DataTypes.StringType)))
                .json(spark.createDataset(List.of("{\"id\":\"m-text\",\"jurisdictions\":[\"US\"]}"),
                        Encoders.STRING()));
        Dataset<Row> withNull = spark.read().schema(SparkData.MEMBER_DOCUMENTS).json(spark.createDataset(List.of(
                "{\"id\":\"m-null\",\"jurisdictions\":[{\"jurisdiction\":\"US\"},null]}"), Encoders.STRING()));
        ConsentFilter.AsOf filter = ConsentFilter.of(POLICY).asOf(AS_OF);

        Row text = filter.memberVerdicts(MemberTables.nested(texts)).collectAsList().get(0);
        Row nullElement = filter.memberVerdicts(MemberTables.nested(withNull)).collectAsList().get(0);

        assertEquals("member m-text: jurisdictions[0] is String US; expected a struct", text.getAs("error"));
        assertNull(text.getAs("verdict"));
        assertEquals("member m-null: jurisdictions[1] is null; expected a struct", nullElement.getAs("error"));
        assertNull(nullElement.getAs("verdict"));
    }

    @Test
    void shouldLeaveOutTheItemsOfAnIdOnTwoMemberRowsAndFindSuchIdsByHashing() {
        // Both rows of m-twice would let its item train a model: only the check keeps it out, and it must
        // keep it out once, not let it through twice.
        Dataset<Row> trainable = ConsentFilter.of(POLICY).asOf(AS_OF).trainable(itemsOfTwiceAndOk(),
                MemberTables.nested(membersWithTwiceIn("US").repartition(2)));

        assertEquals(List.of("ok"), trainable.collectAsList().stream().map(r -> (String) r.getAs("id")).toList());
        // Without the members' messages, the verdicts are grouped by id in a hash table, with no sort.
        String plan = trainable.queryExecution().executedPlan().toString();
        assertTrue(plan.contains("HashAggregate") && !plan.contains("SortAggregate"), plan);
    }

    @Test
    void shouldJoinAnItemToEveryRowOfItsMemberWhenTheIdsAreTrustedUnique() {
        List<Row> rows = ConsentFilter.of(POLICY).withUniqueMemberIds().asOf(AS_OF)
                .decide(itemsOfTwiceAndOk(), MemberTables.nested(membersWithTwiceIn("CH"))).orderBy("id")
                .collectAsList();

        // As documented: the item of the member on two rows comes once per row, decided by it or, where
        // the rows met in one chunk of an executor, with the error of the row that came second.
        assertEquals(List.of("of-twice", "of-twice", "ok"), rows.stream().map(r -> (String) r.getAs("id")).toList());
        for (Row row : rows.subList(0, 2)) {
            String error = row.getAs(ConsentFilter.CONSENT_ERROR);
            assertTrue(row.getAs(ConsentFilter.REASON) != null
                    || (error != null && error.contains("member m-twice has more than one member row")), row::toString);
        }
    }

    /** The items {@code of-twice}, by m-twice, and {@code ok}, by m-ok, both public content. */
    private Dataset<Row> itemsOfTwiceAndOk() {
        String created = "2025-03-01T00:00:00Z";
        return spark.createDataFrame(List.of(item("of-twice", "m-twice", "content.public", created, null),
                item("ok", "m-ok", "content.public", created, null)), SparkData.ITEM_DOCUMENTS);
    }

    /** m-ok in the US, and m-twice on two rows: in the US, then in {@code secondPlace}. */
    private Dataset<Row> membersWithTwiceIn(String secondPlace) {
        return spark.read().schema(SparkData.MEMBER_DOCUMENTS).json(spark.createDataset(List.of(
                "{\"id\":\"m-ok\",\"jurisdictions\":[{\"jurisdiction\":\"US\"}]}",
                "{\"id\":\"m-twice\",\"jurisdictions\":[{\"jurisdiction\":\"US\"}]}",
                "{\"id\":\"m-twice\",\"jurisdictions\":[{\"jurisdiction\":\"" + secondPlace + "\"}]}"),
                Encoders.STRING()));
    }
}
