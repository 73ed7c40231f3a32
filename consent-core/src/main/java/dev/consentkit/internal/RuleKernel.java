package dev.consentkit.internal;

import dev.consentkit.DataCategory;
import dev.consentkit.Jurisdiction;
import dev.consentkit.LegalBasis;
import dev.consentkit.Reason;
import org.jspecify.annotations.Nullable;

/**
 * Every eligibility rule of ConsentKit, stated once. Every path that decides calls it: a policy's
 * {@code isTrainable} and {@code evaluate}, the explanation of a decision, and every batch path.
 *
 * <h2>Two halves</h2>
 * A decision is a <em>member half</em>, resolved once per member and instant, and an <em>item
 * half</em>, per item:
 * <pre>
 * member half: (version, closure, jurisdiction and basis, birth date, asOf) → member verdict
 *              ACCOUNT_CLOSED, JURISDICTION_UNKNOWN, JURISDICTION_EXCLUDED, AGE_UNKNOWN, MINOR;
 *              the coming-of-age day; then (the choice in effect) → OPTED_OUT, NO_CONSENT, or
 *              whether the member opted in; with a per-member item scope, the choice scope
 *              (the start of the opt-in in effect: {@link #choiceScope})
 * item half:   (version, item instants, category, asOf, coming-of-age, choice scope) → failed item
 *              checks ITEM_NOT_YET_CREATED, ITEM_DELETED, ITEM_OUT_OF_SCOPE, CATEGORY_EXCLUDED,
 *              CATEGORY_NOT_COVERED, CREATED_WHILE_MINOR, ITEM_RESERVED, ITEM_BEFORE_CHOICE
 * </pre>
 * Failed checks are bits at their {@link Reason}'s ordinal, so the two halves combine with {@code |}
 * and the primary reason is the lowest bit: the evaluation order is the order of {@link Reason}. No
 * version in force is {@link Reason#POLICY_NOT_IN_FORCE}, the first bit. A check that needs a fact an
 * earlier check found missing is not run: without a version the version's rules are not checked, and
 * with an unknown or excluded jurisdiction {@link Reason#NO_CONSENT} is not.
 *
 * <p>The member verdict is a {@code long}: the member's bits in the high half (failures, and the bit
 * of {@link Reason#ALLOWED_OPTED_IN} when the choice in effect is an opt-in), the coming-of-age day
 * in the low half ({@link #NO_AGE_LIMIT} when age does not restrict the member's items). A batch
 * keeps one per member in an array. Instants are kernel time ({@link KernelTime}): the item half
 * compares them in whatever unit the caller's instants are counted in, with the question's instants
 * converted by {@link KernelTime}.
 *
 * <h2>How to add a check</h2>
 * <ol>
 *   <li>Add its {@link Reason}, in evaluation order among the others, and its evidence.
 *   <li>Add its predicate here, as a small private method, and use it where its half combines its
 *       checks: {@link #memberVerdict} (and {@link #withChoice}) when it depends on the member,
 *       {@link #itemFailures} and {@link #itemPasses} when it depends on the item alone,
 *       {@link #ageFailures} or a sibling of it when it needs a fact of the member verdict. Every
 *       check appears once as bits (for {@code evaluate} and reasons) and once in a short-circuit
 *       form (for {@code isTrainable} and the batch bit paths), both calling the same predicate. A
 *       new fact becomes a new parameter, which every caller then supplies: the compiler lists
 *       them.
 *   <li>Test it per rule and per program, and document it in the README's decision table, the
 *       JSON schemas and the changelog.
 * </ol>
 * Nothing else restates a rule; if a change seems to need another place, the kernel is missing a
 * fact.
 */
public final class RuleKernel {

    /** The low half of a member verdict when age does not restrict the member's items. */
    public static final int NO_AGE_LIMIT = Integer.MIN_VALUE;

    private static final Reason[] REASONS = Reason.values();

    private static final int POLICY_NOT_IN_FORCE = bit(Reason.POLICY_NOT_IN_FORCE);
    private static final int ITEM_NOT_YET_CREATED = bit(Reason.ITEM_NOT_YET_CREATED);
    private static final int ITEM_DELETED = bit(Reason.ITEM_DELETED);
    private static final int ACCOUNT_CLOSED = bit(Reason.ACCOUNT_CLOSED);
    private static final int ITEM_OUT_OF_SCOPE = bit(Reason.ITEM_OUT_OF_SCOPE);
    private static final int JURISDICTION_UNKNOWN = bit(Reason.JURISDICTION_UNKNOWN);
    private static final int JURISDICTION_EXCLUDED = bit(Reason.JURISDICTION_EXCLUDED);
    private static final int AGE_UNKNOWN = bit(Reason.AGE_UNKNOWN);
    private static final int MINOR = bit(Reason.MINOR);
    private static final int CREATED_WHILE_MINOR = bit(Reason.CREATED_WHILE_MINOR);
    private static final int ITEM_RESERVED = bit(Reason.ITEM_RESERVED);
    private static final int OPTED_OUT = bit(Reason.OPTED_OUT);
    private static final int NO_CONSENT = bit(Reason.NO_CONSENT);
    private static final int ITEM_BEFORE_CHOICE = bit(Reason.ITEM_BEFORE_CHOICE);
    private static final int OPTED_IN = bit(Reason.ALLOWED_OPTED_IN);

    /** The bits of every failure, as opposed to the trainable reasons. */
    public static final int FAILURES;

    static {
        int failures = 0;
        for (Reason reason : REASONS) {
            if (!reason.isTrainable()) {
                failures |= bit(reason);
            }
        }
        FAILURES = failures;
    }

    private RuleKernel() {}

    /**
     * The bit of {@code reason} in failure masks and member verdicts.
     *
     * @param reason a reason
     * @return {@code 1 << reason.ordinal()}
     */
    public static int bit(Reason reason) {
        return 1 << reason.ordinal();
    }

    /**
     * The legal basis for a member in {@code place}: what {@link #memberVerdict} is given.
     *
     * @param rules the version in force, or {@code null}
     * @param place the member's jurisdiction, or {@code null} when unknown
     * @return the basis, or {@code null} when excluded, unknown or without a version
     */
    public static @Nullable LegalBasis basis(@Nullable VersionRules rules, @Nullable Jurisdiction place) {
        return rules == null || place == null ? null : rules.basisFor(place);
    }

    /**
     * The member half: every check that depends on the member, at one instant.
     *
     * @param rules the version in force, or {@code null} when none is (then only the version-free
     *     checks run: closure, unknown jurisdiction, opt-out)
     * @param closedAt the start of the account closure in effect at {@code asOf} in kernel nanoseconds
     *     ({@link AccountClosures}), {@link KernelTime#NEVER} when the account is open then
     * @param placeKnown whether the member's jurisdiction at {@code asOf} is known
     * @param basis the legal basis there ({@link VersionRules#basisFor}), {@code null} when excluded,
     *     unknown or without a version
     * @param birth the packed birth date ({@link CalendarDays#pack}) or {@link CalendarDays#UNKNOWN_BIRTH}
     * @param asOf the instant of use, from {@link KernelTime#notAfterNanos}
     * @param asOfDay the UTC day of the instant of use itself ({@link KernelTime#utcEpochDay})
     * @return the member verdict without the member's choice: {@link #withChoice} completes it
     */
    public static long memberVerdict(@Nullable VersionRules rules, long closedAt, boolean placeKnown,
            @Nullable LegalBasis basis, int birth, long asOf, long asOfDay) {
        int bits = 0;
        if (accountClosed(closedAt, asOf)) {
            bits |= ACCOUNT_CLOSED;
        }
        if (!placeKnown) {
            bits |= JURISDICTION_UNKNOWN;
        } else if (rules != null && basis == null) {
            bits |= JURISDICTION_EXCLUDED;
        }
        int comingOfAge = NO_AGE_LIMIT;
        if (rules != null && rules.minimumAge() > 0) {
            if (birth == CalendarDays.UNKNOWN_BIRTH) {
                if (rules.deniesUnknownAge()) {
                    bits |= AGE_UNKNOWN;
                }
            } else {
                long day = CalendarDays.comingOfAgeDay(birth, rules.minimumAge(), rules.leapDayOnMarchFirst());
                if (asOfDay < day) {
                    bits |= MINOR;
                }
                comingOfAge = (int) day;
            }
        }
        return (long) bits << 32 | (comingOfAge & 0xFFFF_FFFFL);
    }

    /**
     * The member half's closure check, {@link Reason#ACCOUNT_CLOSED}, on its own: for a caller that
     * names the closure a decision was denied by.
     *
     * @param closedAt the start of the closure in effect at {@code asOf}, or an instant after it
     *     ({@link KernelTime#NEVER} when the account is open)
     * @param asOf the instant of use, from {@link KernelTime#notAfterNanos}
     * @return whether the account is closed at {@code asOf}
     */
    public static boolean accountClosed(long closedAt, long asOf) {
        return closedAt <= asOf;
    }

    /**
     * The last check of the member half, the member's choice: completes a verdict from
     * {@link #memberVerdict}. Apart so that a caller that stops at the first failure looks the choice
     * up only when every other member check passed.
     *
     * @param verdict a verdict from {@link #memberVerdict}
     * @param basis the basis given to {@link #memberVerdict}
     * @param choice the code of the choice in effect ({@link ConsentLookup}) or {@link ConsentLookup#NONE}
     * @return the complete member verdict
     */
    public static long withChoice(long verdict, @Nullable LegalBasis basis, int choice) {
        int bits;
        if (choice != ConsentLookup.NONE) {
            bits = ConsentLookup.isOptOut(choice) ? OPTED_OUT : OPTED_IN;
        } else {
            bits = basis != null && basis.requiresOptIn() ? NO_CONSENT : 0;
        }
        return verdict | (long) bits << 32;
    }

    /**
     * Whether the member half needs the choice point for {@link #choiceScope}: the version counts items
     * only from the member's own opt-in, the member's jurisdiction has a basis, and the choice in effect
     * is an opt-in. A caller looks the choice point up only then.
     *
     * @param rules the version in force, or {@code null}
     * @param basis the basis given to {@link #memberVerdict}
     * @param choice the code of the choice in effect, or {@link ConsentLookup#NONE}
     * @return true when {@link #choiceScope} reads its {@code choicePoint}
     */
    public static boolean needsChoicePoint(@Nullable VersionRules rules, @Nullable LegalBasis basis, int choice) {
        return rules != null && rules.itemsFromChoice() && basis != null && choice != ConsentLookup.NONE
                && !ConsentLookup.isOptOut(choice);
    }

    /**
     * The member half's choice scope, in kernel nanoseconds: the instant from which the member's items
     * count under a version that counts them only from the member's own opt-in
     * ({@link VersionRules#itemsFromChoice()}).
     * <ul>
     *   <li>{@link KernelTime#ALWAYS}, every item counts, when the version has no such scope, without a
     *       version, with an unknown or excluded jurisdiction, when the choice in effect is an opt-out
     *       ({@link Reason#OPTED_OUT} fails) and when the basis needs an opt-in and none is in effect
     *       ({@link Reason#NO_CONSENT} fails): the check needs the opt-in those checks found missing.
     *   <li>{@code choicePoint}, the start of the opt-in in effect
     *       ({@link ConsentLookup#choicePoint}), when the choice in effect is an opt-in.
     *   <li>{@link KernelTime#NEVER}, no item counts, under an opt-out basis with no choice recorded:
     *       without a choice there is no choice point, and the check fails closed.
     * </ul>
     *
     * @param rules the version in force, or {@code null}
     * @param basis the basis given to {@link #memberVerdict}
     * @param choice the code of the choice in effect, or {@link ConsentLookup#NONE}
     * @param choicePoint the start of the opt-in in effect in kernel nanoseconds, read only when
     *     {@link #needsChoicePoint} says so
     * @return the choice scope
     */
    public static long choiceScope(@Nullable VersionRules rules, @Nullable LegalBasis basis, int choice,
            long choicePoint) {
        if (rules == null || !rules.itemsFromChoice() || basis == null) {
            return KernelTime.ALWAYS;
        }
        if (choice == ConsentLookup.NONE) {
            return basis.requiresOptIn() ? KernelTime.ALWAYS : KernelTime.NEVER;
        }
        return ConsentLookup.isOptOut(choice) ? KernelTime.ALWAYS : choicePoint;
    }

    /**
     * A choice scope ({@link #choiceScope}) in a unit: the first instant of the unit that counts,
     * rounded up, so that an item counts in the unit exactly when it counts in nanoseconds.
     *
     * @param choiceScope the choice scope in kernel nanoseconds
     * @param nanosPerUnit the unit in nanoseconds
     * @return the scope in the unit; {@link KernelTime#ALWAYS} and {@link KernelTime#NEVER} stay as they are
     */
    public static long choiceScope(long choiceScope, long nanosPerUnit) {
        if (nanosPerUnit == 1 || choiceScope == KernelTime.ALWAYS || choiceScope == KernelTime.NEVER) {
            return choiceScope;
        }
        return -Math.floorDiv(-choiceScope, nanosPerUnit);
    }

    /**
     * The item check that needs the member's choice scope: {@link Reason#ITEM_BEFORE_CHOICE}. All
     * instants in one unit.
     *
     * @param createdAt the item's creation
     * @param resumedAt the item's last resumption, {@link KernelTime#NEVER} when never resumed
     * @param choiceScope the member's choice scope ({@link #choiceScope}), {@link KernelTime#ALWAYS}
     *     when every item counts
     * @param asOf the instant of use, from {@link KernelTime#notAfter}
     * @return {@link Reason#ITEM_BEFORE_CHOICE}'s bit, or 0
     */
    public static int choiceFailures(long createdAt, long resumedAt, long choiceScope, long asOf) {
        return beforeChoice(createdAt, resumedAt, choiceScope, asOf) ? ITEM_BEFORE_CHOICE : 0;
    }

    /**
     * The per-member item scope, stated once: the item's relevant instant is its last resumption when
     * that is at or before {@code asOf} (a later one is not known to a question about {@code asOf}),
     * else its creation; the item predates the choice when that instant is before the choice scope.
     */
    private static boolean beforeChoice(long createdAt, long resumedAt, long choiceScope, long asOf) {
        return (resumedAt <= asOf ? resumedAt : createdAt) < choiceScope;
    }

    /**
     * The failed member checks of a member verdict, as bits.
     *
     * @param verdict a member verdict
     * @return the failure bits
     */
    public static int memberFailures(long verdict) {
        return (int) (verdict >>> 32) & FAILURES;
    }

    /**
     * The coming-of-age day of a member verdict, or {@link #NO_AGE_LIMIT}.
     *
     * @param verdict a member verdict
     * @return the UTC epoch day from which the member's items count as an adult's
     */
    public static int comingOfAgeDay(long verdict) {
        return (int) verdict;
    }

    /**
     * The start of the coming-of-age day in a unit, for the item half; {@code dayLimit} is computed
     * once for the many rows of a loop.
     *
     * @param verdict a member verdict
     * @param unitsPerDay units in a day
     * @param dayLimit {@code Long.MAX_VALUE / unitsPerDay}
     * @return the threshold as {@link KernelTime#dayStart}, or {@link KernelTime#ALWAYS} without an age limit
     */
    public static long comingOfAge(long verdict, long unitsPerDay, long dayLimit) {
        int day = comingOfAgeDay(verdict);
        return day == NO_AGE_LIMIT ? KernelTime.ALWAYS : KernelTime.dayStart(day, unitsPerDay, dayLimit);
    }

    /**
     * The item half without {@link Reason#CREATED_WHILE_MINOR}, which needs the member's coming of
     * age ({@link #ageFailures}): what a caller that stops at the first failure checks before it looks
     * at the member. All instants in one unit.
     *
     * @param categoryFailures the category checks' bits ({@link VersionRules#categoryFailures}), 0
     *     without a version
     * @param scopeFrom the item scope ({@link VersionRules#scopeFrom}), {@link KernelTime#ALWAYS}
     *     without a version
     * @param createdAt the item's creation
     * @param deletedAt the item's deletion, {@link KernelTime#NEVER} when not deleted
     * @param reservedFrom the start of its earliest reservation, {@link KernelTime#NEVER} for none
     * @param asOf the instant of use, from {@link KernelTime#notAfter}
     * @return the failure bits
     */
    public static int itemFailures(int categoryFailures, long scopeFrom, long createdAt, long deletedAt,
            long reservedFrom, long asOf) {
        return categoryFailures
                | (notYetCreated(createdAt, asOf) ? ITEM_NOT_YET_CREATED : 0)
                | (deleted(deletedAt, asOf) ? ITEM_DELETED : 0)
                | (outOfScope(createdAt, scopeFrom) ? ITEM_OUT_OF_SCOPE : 0)
                | (reserved(reservedFrom, asOf) ? ITEM_RESERVED : 0);
    }

    /**
     * Whether the item half's checks of the item alone all pass: {@link #itemFailures} is 0. Stops at
     * the first failure and leaves the category checks, the dearest, for last: the form
     * {@code isTrainable} asks.
     *
     * @param rules the version in force
     * @param category the item's category
     * @param createdAt the item's creation, in nanoseconds
     * @param deletedAt the item's deletion, {@link KernelTime#NEVER} when not deleted
     * @param reservedFrom the start of its earliest reservation, {@link KernelTime#NEVER} for none
     * @param asOf the instant of use, from {@link KernelTime#notAfterNanos}
     * @return true when no check of the item alone fails
     */
    public static boolean itemPasses(VersionRules rules, DataCategory category, long createdAt, long deletedAt,
            long reservedFrom, long asOf) {
        return !notYetCreated(createdAt, asOf) && !deleted(deletedAt, asOf)
                && !outOfScope(createdAt, rules.scopeFrom(1)) && !reserved(reservedFrom, asOf)
                && rules.allows(category);
    }

    /**
     * {@link #itemPasses(VersionRules, DataCategory, long, long, long, long)} for a row of columns,
     * with the category's checks decided beforehand. All instants in one unit.
     *
     * @param categoryFailures the category checks' bits ({@link VersionRules#categoryFailures})
     * @param scopeFrom the item scope ({@link VersionRules#scopeFrom})
     * @param createdAt the item's creation
     * @param deletedAt the item's deletion, {@link KernelTime#NEVER} when not deleted
     * @param reservedFrom the start of its earliest reservation, {@link KernelTime#NEVER} for none
     * @param asOf the instant of use, from {@link KernelTime#notAfter}
     * @return true when no check of the item alone fails
     */
    public static boolean itemPasses(int categoryFailures, long scopeFrom, long createdAt, long deletedAt,
            long reservedFrom, long asOf) {
        return categoryFailures == 0 && !notYetCreated(createdAt, asOf) && !deleted(deletedAt, asOf)
                && !outOfScope(createdAt, scopeFrom) && !reserved(reservedFrom, asOf);
    }

    // The item half's predicates, each stated once.

    private static boolean notYetCreated(long createdAt, long asOf) {
        return createdAt > asOf;
    }

    private static boolean deleted(long deletedAt, long asOf) {
        return deletedAt <= asOf;
    }

    private static boolean outOfScope(long createdAt, long scopeFrom) {
        return createdAt < scopeFrom;
    }

    /**
     * Whether a reservation in effect from {@code reservedFrom} reserves the item at {@code asOf}: the
     * item check of {@link Reason#ITEM_RESERVED}, which {@link dev.consentkit.Reservation#isInEffectAt} asks
     * too.
     *
     * @param reservedFrom the start of the reservation, {@link KernelTime#NEVER} for none
     * @param asOf the instant of use, from {@link KernelTime#notAfterNanos}
     * @return whether the reservation is in effect
     */
    public static boolean reserved(long reservedFrom, long asOf) {
        return reservedFrom <= asOf;
    }

    /**
     * The item check that needs the member: created before the member came of age.
     *
     * @param createdAt the item's creation
     * @param comingOfAge the start of the coming-of-age day ({@link #comingOfAge}), {@link KernelTime#ALWAYS}
     *     without an age limit
     * @return {@link Reason#CREATED_WHILE_MINOR}'s bit, or 0
     */
    public static int ageFailures(long createdAt, long comingOfAge) {
        return createdWhileMinor(createdAt, comingOfAge) ? CREATED_WHILE_MINOR : 0;
    }

    private static boolean createdWhileMinor(long createdAt, long comingOfAge) {
        return createdAt < comingOfAge;
    }

    /**
     * The item half: every check that depends on the item. All instants in one unit.
     *
     * @param categoryFailures the category checks' bits ({@link VersionRules#categoryFailures}), 0
     *     without a version
     * @param scopeFrom the item scope ({@link VersionRules#scopeFrom}), {@link KernelTime#ALWAYS}
     *     without a version
     * @param comingOfAge the start of the coming-of-age day ({@link #comingOfAge}), {@link KernelTime#ALWAYS}
     *     without an age limit
     * @param createdAt the item's creation
     * @param deletedAt the item's deletion, {@link KernelTime#NEVER} when not deleted
     * @param reservedFrom the start of its earliest reservation, {@link KernelTime#NEVER} for none
     * @param asOf the instant of use, from {@link KernelTime#notAfter}
     * @return the failure bits
     */
    public static int itemFailures(int categoryFailures, long scopeFrom, long comingOfAge, long createdAt,
            long deletedAt, long reservedFrom, long asOf) {
        return itemFailures(categoryFailures, scopeFrom, createdAt, deletedAt, reservedFrom, asOf)
                | ageFailures(createdAt, comingOfAge);
    }

    /**
     * The category checks' bits for an item of {@code category}.
     *
     * @param rules the version in force, or {@code null} (then the checks do not run)
     * @param category the item's category
     * @return the failure bits
     */
    public static int categoryFailures(@Nullable VersionRules rules, DataCategory category) {
        return rules == null ? 0 : rules.categoryFailures(category);
    }

    /**
     * The item scope in a unit, for the item half.
     *
     * @param rules the version in force, or {@code null} (then the check does not run)
     * @param nanosPerUnit the unit in nanoseconds
     * @return the scope threshold, {@link KernelTime#ALWAYS} without a version or a scope
     */
    public static long scopeFrom(@Nullable VersionRules rules, long nanosPerUnit) {
        return rules == null ? KernelTime.ALWAYS : rules.scopeFrom(nanosPerUnit);
    }

    /**
     * The failure bit for a decision with no version in force.
     *
     * @param rules the version in force, or null
     * @return {@link Reason#POLICY_NOT_IN_FORCE}'s bit when {@code rules} is null, else 0
     */
    public static int versionFailures(@Nullable VersionRules rules) {
        return rules == null ? POLICY_NOT_IN_FORCE : 0;
    }

    /**
     * The primary reason: the first failed check, or why the item is trainable.
     *
     * @param failures every failed check's bit
     * @param verdict the member verdict
     * @return the reason
     */
    public static Reason reason(int failures, long verdict) {
        if (failures != 0) {
            return REASONS[Integer.numberOfTrailingZeros(failures)];
        }
        return ((verdict >>> 32) & OPTED_IN) != 0 ? Reason.ALLOWED_OPTED_IN : Reason.ALLOWED_BY_DEFAULT;
    }
}
