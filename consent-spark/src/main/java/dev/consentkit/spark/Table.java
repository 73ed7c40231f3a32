package dev.consentkit.spark;

import dev.consentkit.spark.Field.Kind;
import java.util.List;

/**
 * The tables ConsentKit reads on Spark and their fields, named as in the ConsentKit documents. The
 * fields' order is the order of the columns the readers ({@link MemberRows}, {@link ItemHalf}) are given.
 */
enum Table {

    /** Content items, one per row. */
    ITEMS("items", List.of(
            Field.required("id", Kind.TEXT),
            Field.required("authorId", Kind.TEXT),
            Field.required("category", Kind.TEXT),
            Field.required("createdAt", Kind.INSTANT),
            Field.optional("deletedAt", Kind.INSTANT),
            Field.optional("reservedFrom", Kind.INSTANT),
            Field.optional("resumedAt", Kind.INSTANT),
            Field.list("reservations", List.of(
                    Field.required("source", Kind.TEXT),
                    Field.required("effectiveFrom", Kind.INSTANT))))),

    /** Members with their histories nested, as member documents have them. */
    NESTED_MEMBERS("members", List.of(
            Field.required("id", Kind.TEXT),
            Field.optional("birthDate", Kind.DATE),
            Field.optional("closedAt", Kind.INSTANT),
            Field.list("jurisdictions", List.of(
                    Field.required("jurisdiction", Kind.TEXT),
                    Field.optional("from", Kind.INSTANT))),
            Field.list("closures", List.of(
                    Field.required("closedAt", Kind.INSTANT),
                    Field.optional("reopenedAt", Kind.INSTANT))),
            Field.list("consent", List.of(
                    Field.required("id", Kind.TEXT),
                    Field.required("purpose", Kind.TEXT),
                    Field.required("choice", Kind.TEXT),
                    Field.required("effectiveAt", Kind.INSTANT),
                    Field.required("recordedAt", Kind.INSTANT),
                    Field.required("channel", Kind.TEXT))))),

    /** Members, one per row, without their histories. */
    MEMBERS("members", List.of(
            Field.required("id", Kind.TEXT),
            Field.optional("birthDate", Kind.DATE),
            Field.optional("closedAt", Kind.INSTANT))),

    /** Residences, one per row: the member moved to the jurisdiction at {@code from}. */
    RESIDENCES("residences", List.of(
            Field.required("memberId", Kind.TEXT),
            Field.required("jurisdiction", Kind.TEXT),
            Field.optional("from", Kind.INSTANT))),

    /** Consent events, one per row. */
    CONSENT_EVENTS("consent events", List.of(
            Field.required("memberId", Kind.TEXT),
            Field.required("id", Kind.TEXT),
            Field.required("purpose", Kind.TEXT),
            Field.required("choice", Kind.TEXT),
            Field.required("effectiveAt", Kind.INSTANT),
            Field.required("recordedAt", Kind.INSTANT),
            Field.required("channel", Kind.TEXT))),

    /** Account closures, one per row. */
    CLOSURES("closures", List.of(
            Field.required("memberId", Kind.TEXT),
            Field.required("closedAt", Kind.INSTANT),
            Field.optional("reopenedAt", Kind.INSTANT)));

    private final String title;
    @SuppressWarnings("ImmutableEnumChecker") // List.of, immutable
    private final List<Field> fields;

    Table(String title, List<Field> fields) {
        this.title = title;
        this.fields = fields;
    }

    /** {@return the table's name in messages, such as "consent events"} */
    String title() {
        return title;
    }

    List<Field> fields() {
        return fields;
    }

    /** {@return the field named {@code name}} */
    Field field(String name) {
        for (Field f : fields) {
            if (f.name().equals(name)) {
                return f;
            }
        }
        throw new IllegalArgumentException("the " + title + " have no field " + name);
    }
}
