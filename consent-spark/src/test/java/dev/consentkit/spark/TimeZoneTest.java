package dev.consentkit.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.consentkit.ConsentChannel;
import dev.consentkit.ConsentEvent;
import dev.consentkit.ContentItem;
import dev.consentkit.DataCategory;
import dev.consentkit.Jurisdiction;
import dev.consentkit.LegalBasis;
import dev.consentkit.Member;
import dev.consentkit.PolicyVersion;
import dev.consentkit.Purpose;
import dev.consentkit.TrainingPolicy;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;

/**
 * Answers do not depend on {@code spark.sql.session.timeZone}, on the JVM's zone (the build runs the tests
 * fourteen hours ahead of UTC) nor on how Spark hands out timestamps: TIMESTAMP members, as tables and
 * nested in member rows, and TIMESTAMP items, with a coming of age on 29 February and instants a
 * microsecond either side of the ones that matter, some before 1900, where Spark's own conversions move
 * instants to the hybrid Julian calendar, decide alike under zones far apart and with Spark's Java 8 time
 * API on, and as the engine decides.
 */
class TimeZoneTest {

    private static final TrainingPolicy POLICY = TrainingPolicy.builder("p", Purpose.GENERATIVE_AI_TRAINING)
            .version(PolicyVersion.builder("v1", Instant.parse("1850-01-01T00:00:00Z"))
                    .defaultBasis(LegalBasis.LEGITIMATE_INTERESTS).allow(DataCategory.CONTENT).minimumAge(18).build())
            .build();
    private static final Instant OPT_IN = Instant.parse("1890-06-01T00:00:00.000001Z");
    private static final List<Instant> AS_OF = List.of(Instant.parse("2026-03-01T00:00:00Z"), OPT_IN,
            OPT_IN.minusNanos(1_000));

    private final SparkSession spark = SparkSessions.shared();

    @Test
    void shouldDecideAlikeInEveryTimeZoneAndAsTheEngine() {
        // Born 29 February 2008: comes of age on 1 March 2026 under the default leap-day rule.
        Member young = Member.builder("m1").birthDate(LocalDate.of(2008, 2, 29))
                .residentIn(Jurisdiction.of("US"), Instant.parse("1860-01-01T00:00:00Z")).build();
        Member old = Member.builder("m2").birthDate(LocalDate.of(1850, 1, 1))
                .residentIn(Jurisdiction.of("US"), Instant.parse("1860-01-01T00:00:00.000001Z"))
                .consent(ConsentEvent.optIn("e1", Purpose.AI_TRAINING, OPT_IN, OPT_IN, ConsentChannel.SETTINGS_TOGGLE))
                .build();
        List<Member> members = List.of(young, old);
        List<ContentItem> items = new ArrayList<>();
        Instant[] instants = {Instant.parse("2026-02-28T23:59:59.999999Z"), Instant.parse("2026-03-01T00:00:00Z"),
            Instant.parse("2026-03-01T00:00:00.000001Z"), Instant.parse("1870-06-30T23:59:59.999999Z")};
        for (int i = 0; i < instants.length; i++) {
            items.add(ContentItem.of("i" + i, "m1", DataCategory.PUBLIC_CONTENT, instants[i]));
        }
        items.add(ContentItem.of("old", "m2", DataCategory.PUBLIC_CONTENT, Instant.parse("1880-01-01T00:00:00Z")));
        TreeSet<String> expected = new TreeSet<>();
        for (Instant asOf : AS_OF) {
            for (ContentItem item : items) {
                Member author = item.authorId().equals("m1") ? young : old;
                String reason = POLICY.evaluate(item, author, asOf).reason().name();
                expected.add("tables " + asOf + " " + item.id() + " " + reason);
                expected.add("nested " + asOf + " " + item.id() + " " + reason);
            }
        }

        for (String[] setting : List.of(new String[] {"Pacific/Kiritimati", "false"},
                new String[] {"America/Los_Angeles", "true"}, new String[] {"Asia/Kathmandu", "false"})) {
            spark.conf().set("spark.sql.session.timeZone", setting[0]);
            spark.conf().set("spark.sql.datetime.java8API.enabled", setting[1]);
            try {
                assertEquals(expected, decide(members, items), setting[0] + ", java8API " + setting[1]);
            } finally {
                spark.conf().set("spark.sql.session.timeZone", SparkSessions.TIME_ZONE);
                spark.conf().unset("spark.sql.datetime.java8API.enabled");
            }
        }
    }

    private TreeSet<String> decide(List<Member> members, List<ContentItem> items) {
        List<Dataset<Row>> tables = SparkData.memberTables(spark, members);
        MemberTables asTables = MemberTables.of(tables.get(0),
                ColumnNames.defaults().map("id", "member_id").map("birthDate", "born"))
                .withResidences(tables.get(1), ColumnNames.defaults().map("memberId", "member_id"))
                .withConsentEvents(tables.get(2), ColumnNames.defaults().map("memberId", "member_id"));
        MemberTables nested = MemberTables.nested(SparkData.timestamps(SparkData.memberDocuments(spark, members)));
        Dataset<Row> itemRows = SparkData.timestamps(SparkData.itemDocuments(spark, items));
        Dataset<Row> all = null;
        for (Instant asOf : AS_OF) {
            for (Object[] form : List.of(new Object[] {"tables", asTables}, new Object[] {"nested", nested})) {
                Dataset<Row> decided = ConsentFilter.of(POLICY).asOf(asOf).decide(itemRows, (MemberTables) form[1])
                        .select(functions.concat_ws(" ", functions.lit(form[0] + " " + asOf), functions.col("id"),
                                functions.col(ConsentFilter.REASON)));
                all = all == null ? decided : all.union(decided);
            }
        }
        TreeSet<String> decided = new TreeSet<>();
        for (Row row : all.collectAsList()) {
            decided.add(row.getString(0));
        }
        return decided;
    }
}
