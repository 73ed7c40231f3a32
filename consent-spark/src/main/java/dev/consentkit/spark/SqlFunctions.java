package dev.consentkit.spark;

import static dev.consentkit.spark.Values.field;

import dev.consentkit.Reason;
import java.io.Serializable;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.jspecify.annotations.Nullable;

/**
 * The SQL form of a question ({@link ConsentFilter.AsOf#registerFunctions}): the member half of one
 * member row and the item half of one item row, each a function of structs, through the same
 * {@link MemberHalf} and {@link ItemHalf} as the data set form.
 */
final class SqlFunctions implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final Reason[] REASONS = Reason.values();

    /** What {@code <prefix>_member_verdict} gives. */
    static final StructType VERDICT = new StructType()
            .add("verdict", DataTypes.LongType, true)
            .add("choiceScope", DataTypes.LongType, true)
            .add("error", DataTypes.StringType, true);

    /** What {@code <prefix>_decide} gives. */
    static final StructType DECISION = new StructType()
            .add(ConsentFilter.TRAINABLE, DataTypes.BooleanType, false)
            .add(ConsentFilter.REASON, DataTypes.StringType, true)
            .add(ConsentFilter.CONSENT_ERROR, DataTypes.StringType, true);

    private final MemberHalf members;
    private final ItemHalf items;

    SqlFunctions(Question question) {
        this.members = new MemberHalf(question);
        this.items = new ItemHalf(question);
    }

    /** {@return the function of a member struct to its verdict struct} */
    UserDefinedFunction memberVerdict() {
        MemberHalf half = members;
        return functions.udf((UDF1<Row, Row>) member -> {
            if (member == null) {
                return RowFactory.create(null, null, "the member is null");
            }
            Row verdict = half.verdicts(List.of(member)).get(0);
            return RowFactory.create(verdict.get(1), verdict.get(2), verdict.get(3));
        }, VERDICT);
    }

    /** {@return the function of a verdict struct and an item struct to the decision struct} */
    UserDefinedFunction decide() {
        ItemHalf half = items;
        return functions.udf((UDF2<Row, Row, Row>) (verdict, item) -> decide(half, verdict, item), DECISION);
    }

    private static Row decide(ItemHalf half, @Nullable Row verdict, @Nullable Row item) {
        if (item == null) {
            return RowFactory.create(false, null, "the item is null");
        }
        Long number = verdict == null ? null : (Long) field(verdict, "verdict");
        Long scope = verdict == null ? null : (Long) field(verdict, "choiceScope");
        String memberError = verdict == null ? null : (String) field(verdict, "error");
        Object category = field(item, "category");
        Object createdAt = field(item, "createdAt");
        Object deletedAt = field(item, "deletedAt");
        Object reservedFrom = field(item, "reservedFrom");
        Object resumedAt = field(item, "resumedAt");
        Object reservations = field(item, "reservations");
        // A verdict with an error decides nothing, whatever numbers it carries.
        int code = half.code(memberError == null ? number : null, scope, category, createdAt, deletedAt,
                reservedFrom, resumedAt, reservations);
        if (code == ItemHalf.UNDECIDED) {
            return RowFactory.create(false, null, half.error(field(item, "id"), field(item, "authorId"), number,
                    scope, memberError, category, createdAt, deletedAt, reservedFrom, resumedAt, reservations));
        }
        Reason reason = REASONS[code];
        return RowFactory.create(reason.isTrainable(), reason.name(), null);
    }
}
