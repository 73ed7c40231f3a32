package dev.consentkit.spark;

import dev.consentkit.AccountClosure;
import dev.consentkit.ConsentEvent;
import dev.consentkit.ContentItem;
import dev.consentkit.Member;
import dev.consentkit.Reservation;
import dev.consentkit.Residence;
import dev.consentkit.jackson.ConsentDocuments;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.jspecify.annotations.Nullable;

/** Members and items as Spark data sets, in the shapes a user has them: documents as text, or tables with TIMESTAMPs. */
final class SparkData {

    private static final DataType TEXT = DataTypes.StringType;

    /** Member documents as {@code spark.read().json} reads them with a schema: every instant and date as text. */
    static final StructType MEMBER_DOCUMENTS = new StructType()
            .add("id", TEXT)
            .add("birthDate", TEXT)
            .add("closedAt", TEXT)
            .add("jurisdictions", DataTypes.createArrayType(new StructType().add("jurisdiction", TEXT).add("from", TEXT)))
            .add("closures", DataTypes.createArrayType(new StructType().add("closedAt", TEXT).add("reopenedAt", TEXT)))
            .add("consent", DataTypes.createArrayType(new StructType().add("id", TEXT).add("purpose", TEXT)
                    .add("choice", TEXT).add("effectiveAt", TEXT).add("recordedAt", TEXT).add("channel", TEXT)));

    /** Items in the shape of item documents, instants as text. */
    static final StructType ITEM_DOCUMENTS = new StructType()
            .add("id", TEXT)
            .add("authorId", TEXT)
            .add("category", TEXT)
            .add("createdAt", TEXT)
            .add("deletedAt", TEXT)
            .add("resumedAt", TEXT)
            .add("reservations", DataTypes.createArrayType(new StructType().add("source", TEXT).add("effectiveFrom", TEXT)));

    private SparkData() {}

    /** The members as member documents, read by Spark's JSON reader. */
    static Dataset<Row> memberDocuments(SparkSession spark, List<Member> members) {
        List<String> lines = new ArrayList<>();
        for (Member member : members) {
            lines.add(ConsentDocuments.writeMember(member));
        }
        return spark.read().schema(MEMBER_DOCUMENTS).json(spark.createDataset(lines, Encoders.STRING()));
    }

    /** The items as rows of item documents, instants as text. */
    static Dataset<Row> itemDocuments(SparkSession spark, List<ContentItem> items) {
        List<Row> rows = new ArrayList<>();
        for (ContentItem item : items) {
            List<Row> reservations = new ArrayList<>();
            for (Reservation r : item.reservations()) {
                reservations.add(RowFactory.create(r.source().name(), r.effectiveFrom().toString()));
            }
            rows.add(RowFactory.create(item.id(), item.authorId(), item.category().key(), item.createdAt().toString(),
                    text(item.deletedAt().orElse(null)), text(item.resumedAt().orElse(null)), reservations));
        }
        return spark.createDataFrame(rows, ITEM_DOCUMENTS);
    }

    /** Members as four tables, instants as TIMESTAMPs and birth dates as DATEs: members, residences, consent events, closures. */
    static List<Dataset<Row>> memberTables(SparkSession spark, List<Member> members) {
        List<Row> memberRows = new ArrayList<>();
        List<Row> residences = new ArrayList<>();
        List<Row> events = new ArrayList<>();
        List<Row> closures = new ArrayList<>();
        for (Member m : members) {
            memberRows.add(RowFactory.create(m.id(), m.birthDate().map(Object::toString).orElse(null)));
            for (Residence r : m.jurisdictions().residences()) {
                residences.add(RowFactory.create(m.id(), r.jurisdiction().toString(),
                        r.from().equals(Instant.MIN) ? null : r.from().toString()));
            }
            for (ConsentEvent e : m.consent().events()) {
                events.add(RowFactory.create(m.id(), e.id(), e.purpose().key(), e.choice().name(),
                        e.statedEffectiveAt().toString(), e.recordedAt().toString(), e.channel().name()));
            }
            for (AccountClosure c : m.closures()) {
                closures.add(RowFactory.create(m.id(), c.closedAt().toString(), text(c.reopenedAt().orElse(null))));
            }
        }
        return List.of(
                spark.createDataFrame(memberRows, new StructType().add("member_id", TEXT).add("born", TEXT))
                        .select(functions.col("member_id"), functions.col("born").cast(DataTypes.DateType).as("born")),
                timestamps(spark.createDataFrame(residences, new StructType().add("member_id", TEXT)
                        .add("jurisdiction", TEXT).add("from", TEXT))),
                timestamps(spark.createDataFrame(events, new StructType().add("member_id", TEXT).add("id", TEXT)
                        .add("purpose", TEXT).add("choice", TEXT).add("effectiveAt", TEXT).add("recordedAt", TEXT)
                        .add("channel", TEXT))),
                timestamps(spark.createDataFrame(closures, new StructType().add("member_id", TEXT)
                        .add("closedAt", TEXT).add("reopenedAt", TEXT))));
    }

    /**
     * {@code rows} with every text column that holds instants turned into TIMESTAMPs, nested ones too,
     * and birth dates into DATEs.
     * The text ends in {@code Z}, so Spark reads it as UTC whatever the session's zone.
     */
    static Dataset<Row> timestamps(Dataset<Row> rows) {
        List<Column> columns = new ArrayList<>();
        for (StructField f : rows.schema().fields()) {
            columns.add(timestamps(functions.col(Columns.quoted(f.name())), f).as(f.name()));
        }
        return rows.select(columns.toArray(new Column[0]));
    }

    private static Column timestamps(Column column, StructField field) {
        if (field.dataType() instanceof ArrayType array && array.elementType() instanceof StructType element) {
            return functions.transform(column, x -> {
                List<Column> parts = new ArrayList<>();
                for (StructField f : element.fields()) {
                    parts.add(timestamps(x.getField(f.name()), f).as(f.name()));
                }
                return functions.struct(parts.toArray(new Column[0]));
            });
        }
        boolean instant = field.dataType().equals(TEXT) && (field.name().endsWith("At") || field.name().equals("from")
                || field.name().equals("effectiveFrom"));
        if (field.dataType().equals(TEXT) && field.name().equals("birthDate")) {
            return column.cast(DataTypes.DateType);
        }
        return instant ? column.cast(DataTypes.TimestampType) : column;
    }

    /** {@code member} with every instant cut to the microsecond, as a TIMESTAMP keeps it. */
    static Member toMicros(Member member, java.time.Duration clockSkewTolerance) {
        String json = ConsentDocuments.writeMember(member).replaceAll("(\\.[0-9]{6})[0-9]{1,3}Z\"", "$1Z\"");
        try {
            return ConsentDocuments.readMember(json,
                    dev.consentkit.jackson.ReadOptions.defaults().withClockSkewTolerance(clockSkewTolerance));
        } catch (dev.consentkit.jackson.ConsentDocumentException e) {
            throw new AssertionError(json, e);
        }
    }

    /** {@code item} with every instant cut to the microsecond. */
    static ContentItem toMicros(ContentItem item) {
        List<Reservation> reservations = new ArrayList<>();
        for (Reservation r : item.reservations()) {
            reservations.add(new Reservation(r.source(), micros(r.effectiveFrom())));
        }
        Instant deleted = item.deletedAt().map(SparkData::micros).orElse(null);
        Instant resumed = item.resumedAt().map(SparkData::micros).orElse(null);
        return ContentItem.of(item.id(), item.authorId(), item.category(), micros(item.createdAt()), deleted,
                reservations).withResumedAt(resumed);
    }

    private static Instant micros(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    private static @Nullable String text(@Nullable Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
