package dev.consentkit;

/**
 * Why a decision came out as it did. The constants are declared in evaluation order: the checks run
 * in this order, the first that fails is a decision's primary reason, and any failure denies. The
 * last two are the reasons for a trainable decision.
 */
public enum Reason {
    /** No version of the policy has taken effect at {@code asOf}. */
    POLICY_NOT_IN_FORCE("no version of the policy is in force"),
    /** The item is created after {@code asOf}: nothing trains on the future. */
    ITEM_NOT_YET_CREATED("the item does not exist yet"),
    /** The item was deleted at or before {@code asOf}. */
    ITEM_DELETED("the item is deleted"),
    /**
     * A closure of the member's account is in effect at {@code asOf}: closed at or before it and not
     * reopened by then ({@link AccountClosure}), whenever the item was created.
     */
    ACCOUNT_CLOSED("the member's account is closed"),
    /** The version covers only items created from some instant on, and this one is older. */
    ITEM_OUT_OF_SCOPE("the item was created before the version's item scope"),
    /** The item's category is, or is under, a never-allowed category. */
    CATEGORY_EXCLUDED("the item's category is never allowed"),
    /** The item's category is not, and is not under, any allowed category (fail closed). */
    CATEGORY_NOT_COVERED("the item's category is not allowed"),
    /** The member's jurisdiction at {@code asOf} is not known. */
    JURISDICTION_UNKNOWN("the member's jurisdiction is unknown"),
    /** The rule for the member's jurisdiction excludes it. */
    JURISDICTION_EXCLUDED("the member's jurisdiction is excluded"),
    /** The member's birth date is unknown and the version denies unknown ages. */
    AGE_UNKNOWN("the member's age is unknown"),
    /** The member is under the minimum age at {@code asOf}. */
    MINOR("the member is under the minimum age"),
    /**
     * The member was under the minimum age when the item was created; turning of age does not release
     * it. The minimum age is that of the version in force at {@code asOf}.
     */
    CREATED_WHILE_MINOR("the item was created while the member was under the minimum age"),
    /** An item-level do-not-train reservation is in effect. */
    ITEM_RESERVED("the item carries a do-not-train reservation"),
    /** The member's latest choice in effect for the purpose, or a broader one, is an opt-out. */
    OPTED_OUT("the member opted out"),
    /** The basis is consent and no opt-in is in effect. */
    NO_CONSENT("the member has not opted in"),
    /**
     * The version counts a member's items only from the member's own opt-in on
     * ({@link PolicyVersion#itemsFromMembersChoice()}), and this item was created, and not resumed by
     * {@code asOf}, before the start of the opt-in in effect; or no choice is recorded under an opt-out
     * basis, so no item counts.
     */
    ITEM_BEFORE_CHOICE("the item predates the member's choice"),
    /** Trainable: an opt-out regime and no choice recorded. */
    ALLOWED_BY_DEFAULT("allowed by default; the member has not opted out"),
    /** Trainable: the member's latest choice in effect is an opt-in. */
    ALLOWED_OPTED_IN("allowed; the member opted in");

    private final String description;

    Reason(String description) {
        this.description = description;
    }

    /** {@return whether this reason makes a decision trainable: only {@link #ALLOWED_BY_DEFAULT} and {@link #ALLOWED_OPTED_IN}} */
    public boolean isTrainable() {
        return this == ALLOWED_BY_DEFAULT || this == ALLOWED_OPTED_IN;
    }

    /** {@return the reason in plain words, such as "the member opted out"} */
    public String description() {
        return description;
    }
}
