package dev.consentkit.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * Answers do not depend on {@code spark.sql.session.timeZone} nor on how Spark hands out timestamps: the
 * same TIMESTAMP tables, a coming of age on 29 February and items a microsecond either side of the
 * instants that matter, some before 1900, decide alike under zones far apart and with Spark's Java 8 time
 * API on, and as the engine decides.
 */
class TimeZoneTest {

    private static final Instant AS_OF = Instant.parse("2026-03-01T00:00:00Z");
    private static final TrainingPolicy POLICY = TrainingPolicy.builder("p", Purpose.GENERATIVE_AI_TRAINING)
            .version(PolicyVersion.builder("v1", Instant.parse("1850-01-01T00:00:00Z"))
                    .defaultBasis(LegalBasis.LEGITIMATE_INTERESTS).allow(DataCategory.CONTENT).minimumAge(18).build())
            .build();

    private final SparkSession spark = SparkSessions.shared();

    @Test
    void shouldDecideAlikeInEveryTimeZoneAndAsTheEngine() {
        // Born 29 February 2008: comes of age on 1 March 2026 under the default leap-day rule.
        Member member = Member.builder("m1").birthDate(LocalDate.of(2008, 2, 29))
                .residentIn(Jurisdiction.of("US"), Instant.parse("1860-01-01T00:00:00Z")).build();
        List<ContentItem> items = new ArrayList<>();
        Instant[] instants = {Instant.parse("2026-02-28T23:59:59.999999Z"), Instant.parse("2026-03-01T00:00:00Z"),
            Instant.parse("2026-03-01T00:00:00.000001Z"), Instant.parse("1870-06-30T23:59:59.999999Z")};
        for (int i = 0; i < instants.length; i++) {
            items.add(ContentItem.of("i" + i, "m1", DataCategory.PUBLIC_CONTENT, instants[i]));
        }
        List<String> expected = new ArrayList<>();
        for (ContentItem item : items) {
            expected.add(item.id() + " " + POLICY.evaluate(item, member, AS_OF).reason());
        }

        for (String[] setting : List.of(new String[] {"Pacific/Kiritimati", "false"},
                new String[] {"America/Los_Angeles", "true"}, new String[] {"Asia/Kathmandu", "false"})) {
            spark.conf().set("spark.sql.session.timeZone", setting[0]);
            spark.conf().set("spark.sql.datetime.java8API.enabled", setting[1]);
            try {
                assertEquals(expected, decide(member, items), setting[0] + ", java8API " + setting[1]);
            } finally {
                spark.conf().set("spark.sql.session.timeZone", SparkSessions.TIME_ZONE);
                spark.conf().unset("spark.sql.datetime.java8API.enabled");
            }
        }
    }

    private List<String> decide(Member member, List<ContentItem> items) {
        List<Dataset<Row>> tables = SparkData.memberTables(spark, List.of(member));
        MemberTables members = MemberTables.of(tables.get(0),
                ColumnNames.defaults().map("id", "member_id").map("birthDate", "born"))
                .withResidences(tables.get(1), ColumnNames.defaults().map("memberId", "member_id"));
        List<String> decided = new ArrayList<>();
        for (Row row : ConsentFilter.of(POLICY).asOf(AS_OF)
                .decide(SparkData.timestamps(SparkData.itemDocuments(spark, items)), members)
                .orderBy("id").collectAsList()) {
            decided.add(row.getAs("id") + " " + row.getAs(ConsentFilter.REASON));
        }
        return decided;
    }
}
