package dev.consentkit.cli;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The checks {@code consent validate} makes of a member document's meaning, each pointing at a line
 * and column: the account closures. Reading a member stops at its first problem; these checks list
 * every one they find.
 *
 * <p>Errors: a closure reopened at or before it was closed; a closure after one that is not reopened
 * (only the last may stay closed); a closure that starts before the one listed before it is reopened
 * (closures out of order, or overlapping). Warnings: a closure that starts the instant the one before
 * it is reopened (the account is never open between them: one closure written as two); {@code closures}
 * in a document that declares {@code consentkit.member/v1}, which readers of that version reject.
 *
 * <p>Parts of the document that are malformed are skipped here: reading the document reports them.
 */
final class MemberReview {

    private final List<Finding> findings = new ArrayList<>();

    private MemberReview() {}

    /** Reviews a member document, read as a JSON object. */
    static List<Finding> review(JsonTree member) {
        MemberReview review = new MemberReview();
        review.format(member);
        review.closures(member.elements("closures"));
        return review.findings;
    }

    private void format(JsonTree member) {
        JsonTree closures = member.field("closures");
        String format = member.string("format");
        if (closures != null && closures.is(JsonTree.Type.ARRAY)
                && ("consentkit.member/v1".equals(format) || "consentkit.member/v1.0".equals(format))) {
            findings.add(Finding.warning(closures, "closures were added in consentkit.member/v1.1; a reader of "
                    + format + " rejects this document", "declare \"format\": \"consentkit.member/v1.1\""));
        }
    }

    private void closures(List<JsonTree> closures) {
        Instant beforeFrom = null;
        Instant beforeUntil = null;
        JsonTree beforeNode = null;
        for (JsonTree closure : closures) {
            if (!closure.is(JsonTree.Type.OBJECT)) {
                continue;
            }
            JsonTree fromNode = closure.field("closedAt");
            JsonTree untilNode = closure.field("reopenedAt");
            Instant from = instant(fromNode);
            Instant until = instant(untilNode);
            if (from == null) {
                continue;
            }
            boolean reopenedBeforeClosed = until != null && !until.isAfter(from);
            if (reopenedBeforeClosed) {
                findings.add(Finding.error(untilNode, "the closure from " + from + " is reopened at " + until
                        + ", not after it was closed", "reopenedAt must be after closedAt"));
            }
            if (beforeNode != null) {
                if (beforeUntil == null) {
                    findings.add(Finding.error(fromNode, "the closure from " + from + " follows the closure from "
                            + beforeFrom + " at " + beforeNode.where() + ", which is not reopened",
                            "give the earlier closure its reopenedAt; only the last closure may stay closed"));
                } else if (from.isBefore(beforeUntil)) {
                    findings.add(Finding.error(fromNode, "the closure from " + from + " starts before the closure from "
                            + beforeFrom + " at " + beforeNode.where() + " is reopened at " + beforeUntil,
                            "list closures in the order they start, each at or after the reopening of the one before"));
                } else if (from.equals(beforeUntil)) {
                    findings.add(Finding.warning(fromNode, "the closure from " + from + " starts the instant the closure"
                            + " from " + beforeFrom + " at " + beforeNode.where() + " is reopened, so the account is"
                            + " never open between them", "merge them into one closure from " + beforeFrom));
                }
            }
            // A closure whose end is wrong says nothing about where the next one may start.
            beforeFrom = from;
            beforeUntil = until;
            beforeNode = reopenedBeforeClosed ? null : fromNode;
        }
    }

    private static Instant instant(JsonTree node) {
        if (node == null || !node.is(JsonTree.Type.STRING)) {
            return null;
        }
        try {
            return Instant.parse(node.text());
        } catch (DateTimeException malformed) {
            return null;
        }
    }
}
