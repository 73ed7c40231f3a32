package dev.consentkit.benchmarks.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.consentkit.AccountClosure;
import dev.consentkit.ConsentChannel;
import dev.consentkit.ConsentChoice;
import dev.consentkit.ConsentEvent;
import dev.consentkit.ContentItem;
import dev.consentkit.DataCategory;
import dev.consentkit.Jurisdiction;
import dev.consentkit.JurisdictionTimeline;
import dev.consentkit.Member;
import dev.consentkit.Purpose;
import dev.consentkit.Residence;
import dev.consentkit.TrainingPolicy;
import dev.consentkit.jackson.ConsentDocuments;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The forms the benchmark times answer the same question: on a small generated data set, the two SQL
 * forms name exactly the trainable items consent-spark names, with its reason for every item, and
 * consent-spark's reasons are the core engine's for a sample of members and their items built with the
 * core API from the same rows. The session's time zone is half an hour off any whole-hour zone and the
 * JVM's is fourteen hours ahead of UTC, so an answer that depended on either would differ.
 */
class SparkVsSqlAgreementTest {

    private static final Instant AS_OF = SparkExportGenerator.AS_OF;
    private static final long MEMBERS = 2_000;
    private static final long ITEMS = 20_000;
    // The readers' default, which ConsentFilter.of uses.
    private static final Duration CLOCK_SKEW_TOLERANCE = Duration.ofSeconds(5);

    @TempDir
    static Path data;

    private static SparkSession spark;
    private static TrainingPolicy policy;
    private static Inputs in;

    @BeforeAll
    static void generate() throws IOException {
        try (Reader reader = Files.newBufferedReader(Path.of("../examples/linkedin/policy.json"), StandardCharsets.UTF_8)) {
            policy = ConsentDocuments.readPolicy(reader);
        }
        spark = BenchmarkSession.local("consent-spark against Spark SQL, agreement", "America/St_Johns");
        spark.conf().set("spark.sql.datetime.java8API.enabled", "true");
        SparkExportGenerator.generate(spark, data, MEMBERS, ITEMS, SparkExportGenerator.DEFAULT_SEED);
        in = Inputs.read(spark, data, policy, AS_OF, Path.of("spark-vs-sql"));
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void shouldNameTheSameTrainableItemsInEveryForm() {
        Set<String> reference = trainable(Form.CONSENT_SPARK);
        assertTrue(reference.size() > ITEMS / 10 && reference.size() < ITEMS * 9 / 10,
                "a tenth to nine tenths of the items trainable, not " + reference.size());
        for (Form form : List.of(Form.CONSENT_SPARK_UNHINTED, Form.EXPERT_SQL, Form.FIRST_FORM_SQL)) {
            Set<String> other = trainable(form);
            assertTrue(reference.equals(other), () -> form.title() + " differs: trainable by consent-spark only "
                    + firstOf(minus(reference, other)) + ", by " + form.title() + " only " + firstOf(minus(other, reference)));
        }
    }

    @Test
    void shouldGiveConsentSparksReasonForEveryItemInTheSqlForms() {
        Map<String, String> reference = reasons(Form.CONSENT_SPARK);
        assertEquals(ITEMS, reference.size());
        for (Form form : List.of(Form.EXPERT_SQL, Form.FIRST_FORM_SQL)) {
            Map<String, String> other = reasons(form);
            List<String> differing = new ArrayList<>();
            for (Map.Entry<String, String> e : reference.entrySet()) {
                if (!other.containsKey(e.getKey()) || !Objects.equals(e.getValue(), other.get(e.getKey()))) {
                    differing.add(e.getKey() + ": consent-spark " + e.getValue() + ", " + form.title() + " "
                            + other.get(e.getKey()));
                }
            }
            assertEquals(reference.size(), other.size(), form.title() + " has another number of items");
            assertTrue(differing.isEmpty(), () -> form.title() + " gives another reason for " + differing.size()
                    + " items, such as " + differing.subList(0, Math.min(10, differing.size())));
        }
    }

    @Test
    void shouldExerciseEveryCheckTheSqlFormsWrite() {
        Set<String> seen = new HashSet<>(reasons(Form.CONSENT_SPARK).values());
        for (String reason : List.of("ITEM_NOT_YET_CREATED", "ITEM_DELETED", "ACCOUNT_CLOSED", "CATEGORY_EXCLUDED",
                "CATEGORY_NOT_COVERED", "JURISDICTION_UNKNOWN", "AGE_UNKNOWN", "MINOR", "CREATED_WHILE_MINOR", "OPTED_OUT",
                "ALLOWED_OPTED_IN", "ALLOWED_BY_DEFAULT")) {
            assertTrue(seen.contains(reason), "no item decided " + reason + "; reasons seen: " + seen);
        }
        assertTrue(seen.contains(null), "no item whose author has no member row");
    }

    @Test
    void shouldAgreeWithTheCoreEngineOnASampleOfMembersAndTheirItems() {
        Map<String, Member> members = new HashMap<>();
        for (Row row : in.members().where("pmod(xxhash64(id), 5) = 0").limit(300).collectAsList()) {
            Member member = member(row);
            members.put(member.id(), member);
        }
        List<Row> decided = Form.CONSENT_SPARK.decided(in)
                .where(functions.col("authorId").isin(members.keySet().toArray()))
                .collectAsList();
        assertEquals(300, members.size());
        assertTrue(decided.size() > 1_000, "a sample of more than a thousand items, not " + decided.size());
        Set<String> reasons = new TreeSet<>();
        List<String> differing = new ArrayList<>();
        for (Row row : decided) {
            Member author = Objects.requireNonNull(members.get(row.<String>getAs("authorId")));
            ContentItem item = ContentItem.of(row.getAs("id"), row.getAs("authorId"),
                    DataCategory.of(row.getAs("category")), row.<Instant>getAs("createdAt"),
                    row.<Instant>getAs("deletedAt"), List.of());
            String expected = policy.evaluate(item, author, AS_OF).reason().name();
            reasons.add(expected);
            if (!expected.equals(row.getAs("reason"))) {
                differing.add(item + ": engine " + expected + ", consent-spark " + row.getAs("reason"));
            }
        }
        if (!differing.isEmpty()) {
            fail(differing.size() + " of " + decided.size() + " items decided differently, such as "
                    + differing.subList(0, Math.min(10, differing.size())));
        }
        assertTrue(reasons.size() >= 8, "the sample exercises few checks: " + reasons);
    }

    private static Set<String> trainable(Form form) {
        return new HashSet<>(form.trainable(in).select("id").as(Encoders.STRING()).collectAsList());
    }

    private static Map<String, String> reasons(Form form) {
        Map<String, String> reasons = new HashMap<>();
        for (Row row : form.decided(in).select("id", "reason").collectAsList()) {
            reasons.put(row.getString(0), row.getString(1));
        }
        return reasons;
    }

    private static Set<String> minus(Set<String> a, Set<String> b) {
        Set<String> difference = new TreeSet<>(a);
        difference.removeAll(b);
        return difference;
    }

    private static List<String> firstOf(Set<String> ids) {
        return ids.stream().limit(10).toList();
    }

    /** The member of a generated row, built with the core API alone. */
    private static Member member(Row row) {
        Member.Builder member = Member.builder(row.getAs("id")).birthDate(row.<LocalDate>getAs("birthDate"));
        List<Residence> residences = new ArrayList<>();
        for (Row r : row.<Row>getList(row.fieldIndex("jurisdictions"))) {
            Instant from = r.getAs("from");
            residences.add(new Residence(from == null ? Instant.MIN : from, Jurisdiction.of(r.getAs("jurisdiction"))));
        }
        residences.sort(Comparator.comparing(Residence::from));
        member.jurisdictions(JurisdictionTimeline.of(residences));
        Instant closedAt = row.getAs("closedAt");
        if (closedAt != null) {
            member.closedAt(closedAt);
        } else {
            List<AccountClosure> closures = new ArrayList<>();
            for (Row c : row.<Row>getList(row.fieldIndex("closures"))) {
                closures.add(new AccountClosure(c.getAs("closedAt"), c.getAs("reopenedAt")));
            }
            member.closures(closures);
        }
        List<ConsentEvent> events = new ArrayList<>();
        for (Row e : row.<Row>getList(row.fieldIndex("consent"))) {
            events.add(ConsentEvent.asStated(e.getAs("id"), Purpose.of(e.getAs("purpose")),
                    ConsentChoice.valueOf(e.getAs("choice")), e.getAs("effectiveAt"), e.getAs("recordedAt"),
                    ConsentChannel.valueOf(e.getAs("channel")), CLOCK_SKEW_TOLERANCE));
        }
        return member.consent(events.toArray(new ConsentEvent[0])).build();
    }
}
