package dev.consentkit.spark;

import dev.consentkit.Member;
import dev.consentkit.batch.BatchEvaluator;
import dev.consentkit.batch.MemberStore;
import dev.consentkit.batch.MemberVerdict;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.jspecify.annotations.Nullable;

/**
 * The member half of the rules on an executor: each member row becomes the member's verdict at the
 * question's instant ({@link MemberVerdict}, as two numbers), or the reason the row cannot be read.
 * The rows of a partition are taken in chunks; each chunk goes into a {@link MemberStore}, and a
 * {@link BatchEvaluator} over it resolves every member of the chunk once, through the rule kernel.
 */
final class MemberHalf implements MapPartitionsFunction<Row, Row> {

    private static final long serialVersionUID = 1L;
    // Members per store: enough to spread the cost of an evaluator, few enough to keep a chunk small.
    private static final int CHUNK = 4096;

    /** The columns of a member's verdict. */
    static final StructType VERDICTS = new StructType()
            .add("memberId", DataTypes.StringType, true)
            .add("verdict", DataTypes.LongType, true)
            .add("choiceScope", DataTypes.LongType, true)
            .add("error", DataTypes.StringType, true);

    private final Question question;

    MemberHalf(Question question) {
        this.question = question;
    }

    /**
     * Whether a verdict row's member passes every member check ({@link MemberVerdict#memberFailure} is
     * empty): {@code false} for a row without a verdict, whose items cannot be decided.
     */
    static boolean memberChecksPass(@Nullable Long verdict, @Nullable Long choiceScope) {
        return verdict != null && choiceScope != null
                && MemberVerdict.of(verdict, choiceScope).memberFailure().isEmpty();
    }

    @Override
    public Iterator<Row> call(Iterator<Row> members) {
        return new Iterator<>() {
            private List<Row> chunk = List.of();
            private int next;

            @Override
            public boolean hasNext() {
                if (next < chunk.size()) {
                    return true;
                }
                if (!members.hasNext()) {
                    return false;
                }
                List<Row> rows = new ArrayList<>(CHUNK);
                while (rows.size() < CHUNK && members.hasNext()) {
                    rows.add(members.next());
                }
                chunk = verdicts(rows);
                next = 0;
                return true;
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return chunk.get(next++);
            }
        };
    }

    /** The verdict rows of {@code rows}, in their order: one per member row, a verdict or an error. */
    List<Row> verdicts(List<Row> rows) {
        Row[] out = new Row[rows.size()];
        Member[] read = new Member[rows.size()];
        MemberStore.Builder store = MemberStore.builder();
        Set<String> ids = new HashSet<>(rows.size() * 2);
        MemberRows reader = new MemberRows(question.clockSkewTolerance());
        for (int i = 0; i < read.length; i++) {
            Row row = rows.get(i);
            try {
                Member member = reader.member(row);
                if (!ids.add(member.id())) {
                    out[i] = error(member.id(), "member " + member.id() + " has more than one member row");
                    continue;
                }
                store.add(member);
                read[i] = member;
            } catch (IllegalArgumentException e) {
                out[i] = error(idOf(row), e.getMessage());
            }
        }
        BatchEvaluator evaluator = question.evaluator(store.build());
        // The store numbers its members in the order they were added.
        int index = 0;
        for (int i = 0; i < read.length; i++) {
            Member member = read[i];
            if (member != null) {
                MemberVerdict verdict = evaluator.memberVerdict(index++);
                out[i] = RowFactory.create(member.id(), verdict.verdict(), verdict.choiceScope(), null);
            }
        }
        return List.of(out);
    }

    private static Row error(@Nullable String memberId, @Nullable String message) {
        return RowFactory.create(memberId, null, null, String.valueOf(message));
    }

    private static @Nullable String idOf(Row row) {
        Object id = Values.field(row, "id");
        return id instanceof String s ? s : null;
    }
}
