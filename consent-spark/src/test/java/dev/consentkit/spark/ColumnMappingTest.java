package dev.consentkit.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.consentkit.DataCategory;
import dev.consentkit.LegalBasis;
import dev.consentkit.PolicyVersion;
import dev.consentkit.Purpose;
import dev.consentkit.TrainingPolicy;
import dev.consentkit.UnknownAge;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * Columns are mapped, not assumed: items and members under other names decide as under the fields'
 * names, and a missing column, a column of the wrong type or a mapping of a field a table does not have
 * is refused when the plan is built, with a message that names it.
 */
class ColumnMappingTest {

    private static final Instant AS_OF = Instant.parse("2025-06-01T00:00:00Z");
    private static final TrainingPolicy POLICY = TrainingPolicy.builder("p", Purpose.GENERATIVE_AI_TRAINING)
            .version(PolicyVersion.builder("v1", Instant.parse("2025-01-01T00:00:00Z"))
                    .defaultBasis(LegalBasis.LEGITIMATE_INTERESTS).allow(DataCategory.PUBLIC_CONTENT)
                    .unknownAge(UnknownAge.TREAT_AS_ADULT).minimumAge(18).build())
            .build();
    private static final StructType ITEMS = new StructType().add("item_id", DataTypes.StringType)
            .add("user_id", DataTypes.StringType).add("kind", DataTypes.StringType).add("created_ts", DataTypes.StringType);

    private final SparkSession spark = SparkSessions.shared();

    private Dataset<Row> items() {
        return SparkData.timestamps(spark.createDataFrame(List.of(
                RowFactory.create("i1", "m1", "content.public", "2025-03-01T00:00:00Z"),
                RowFactory.create("i2", "m1", "messages.private", "2025-03-01T00:00:00Z"),
                RowFactory.create("i3", "m2", "content.public", "2025-03-01T00:00:00Z")), ITEMS)
                .withColumnRenamed("created_ts", "createdText")
                .withColumn("created_ts", functions.col("createdText").cast(DataTypes.TimestampType)));
    }

    private Dataset<Row> members() {
        return spark.createDataFrame(List.of(RowFactory.create("m1", "2000-02-29"), RowFactory.create("m2", "2010-01-01")),
                new StructType().add("user_id", DataTypes.StringType).add("born", DataTypes.StringType))
                .withColumn("born", functions.col("born").cast(DataTypes.DateType));
    }

    private Dataset<Row> residences() {
        return spark.createDataFrame(List.of(RowFactory.create("m1", "US"), RowFactory.create("m2", "US")),
                new StructType().add("user_id", DataTypes.StringType).add("country", DataTypes.StringType));
    }

    private ConsentFilter.AsOf filter() {
        return ConsentFilter.of(POLICY).withItemColumns(ColumnNames.defaults().map("id", "item_id")
                .map("authorId", "user_id").map("category", "kind").map("createdAt", "created_ts")).asOf(AS_OF);
    }

    private MemberTables memberTables() {
        return MemberTables.of(members(), ColumnNames.defaults().map("id", "user_id").map("birthDate", "born"))
                .withResidences(residences(), ColumnNames.defaults().map("memberId", "user_id").map("jurisdiction", "country"));
    }

    @Test
    void shouldDecideItemsAndMembersUnderTheirOwnColumnNames() {
        List<Row> rows = filter().decide(items(), memberTables()).orderBy("item_id").collectAsList();

        assertEquals(List.of("ALLOWED_BY_DEFAULT", "CATEGORY_NOT_COVERED", "MINOR"),
                rows.stream().map(r -> (String) r.getAs(ConsentFilter.REASON)).toList());
        assertEquals(List.of("item_id", "user_id", "kind", "createdText", "created_ts", ConsentFilter.TRAINABLE,
                ConsentFilter.REASON, ConsentFilter.CONSENT_ERROR), List.of(filter().decide(items(), memberTables()).columns()));
    }

    @Test
    void shouldNameAMissingColumnAndTheWayToMapIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConsentFilter.of(POLICY).asOf(AS_OF).decide(items(), memberTables()));

        assertTrue(e.getMessage().startsWith("the items have no column 'authorId'; their columns are [item_id,"),
                e::getMessage);
        assertTrue(e.getMessage().contains("ColumnNames.map(\"authorId\", column)"), e::getMessage);
    }

    @Test
    void shouldRefuseAColumnOfTheWrongType() {
        Dataset<Row> numbered = items().withColumn("kind", functions.lit(7));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> filter().decide(numbered, memberTables()));

        assertEquals("column 'kind' of the items (field category) is of type INT; expected a string", e.getMessage());
    }

    @Test
    void shouldRefuseATimestampWithoutTimeZone() {
        Dataset<Row> local = items().withColumn("created_ts", functions.col("created_ts").cast(DataTypes.TimestampNTZType));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> filter().decide(local, memberTables()));

        assertTrue(e.getMessage().startsWith("column 'created_ts' of the items (field createdAt) is of type TIMESTAMP_NTZ"),
                e::getMessage);
        assertTrue(e.getMessage().contains("to_utc_timestamp"), e::getMessage);
    }

    @Test
    void shouldRefuseAMappingOfAFieldTheTableDoesNotHave() {
        ConsentFilter.AsOf misnamed = ConsentFilter.of(POLICY)
                .withItemColumns(ColumnNames.defaults().map("author", "user_id")).asOf(AS_OF);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> misnamed.decide(items(), memberTables()));

        assertTrue(e.getMessage().startsWith("the items have no field author to map to a column; their fields are [id,"),
                e::getMessage);
    }

    @Test
    void shouldRefuseItemsThatHaveAColumnItWouldAdd() {
        Dataset<Row> decidedBefore = items().withColumn(ConsentFilter.REASON, functions.lit("x"));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> filter().decide(decidedBefore, memberTables()));

        assertTrue(e.getMessage().contains("'reason'"), e::getMessage);
    }

    @Test
    void shouldRefuseTablesAddedToNestedMembersOrTwice() {
        MemberTables nested = MemberTables.nested(spark.read().schema(SparkData.MEMBER_DOCUMENTS)
                .json(spark.createDataset(List.<String>of(), Encoders.STRING())));

        assertThrows(IllegalStateException.class, () -> nested.withResidences(residences()));
        assertThrows(IllegalStateException.class, () -> memberTables().withResidences(residences()));
    }

    @Test
    void shouldRefuseMappingAFieldTwice() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ColumnNames.defaults().map("id", "a").map("id", "b"));

        assertEquals("field id is mapped to column 'a' already; it cannot also be read from 'b'", e.getMessage());
    }
}
