package dev.consentkit.cli;

import dev.consentkit.AccountClosure;
import dev.consentkit.Member;
import dev.consentkit.suite.Finding;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The checks {@code consent validate} makes of a member document that reads, each pointing at a line and
 * column: warnings about a closure that starts the instant the one before it is reopened (the account is
 * never open between them: one closure written as two), and about {@code closures} in a document that
 * declares {@code consentkit.member/v1}, which readers of that version reject.
 *
 * <p>Closures reopened at or before they were closed, following one that is never reopened, or starting
 * before the one before them is reopened are not findings here: a {@link Member} cannot hold them, so
 * reading the document reports the first of them.
 */
final class MemberReview {

    private MemberReview() {}

    /** Reviews a member read from a document that declares {@code format}, at the document's locations. */
    static List<Finding> review(Member member, String format, MemberLocations locations) {
        List<Finding> findings = new ArrayList<>();
        List<AccountClosure> closures = member.closures();
        String part = "member " + member.id();
        if (!closures.isEmpty() && ("consentkit.member/v1".equals(format) || "consentkit.member/v1.0".equals(format))) {
            findings.add(Finding.of(Finding.Severity.WARNING, part, "closures were added in consentkit.member/v1.1; a"
                    + " reader of " + format + " rejects this document", "declare \"format\": \"consentkit.member/v1.1\"")
                    .at(locations.closures()));
        }
        for (int i = 1; i < closures.size(); i++) {
            AccountClosure before = closures.get(i - 1);
            Instant from = closures.get(i).closedAt();
            if (before.reopenedAt().filter(from::equals).isPresent()) {
                findings.add(Finding.of(Finding.Severity.WARNING, "closure " + (i + 1) + " of " + part, "the closure from "
                        + from + " starts the instant the closure from " + before.closedAt() + " at "
                        + locations.closedAt(i - 1) + " is reopened, so the account is never open between them",
                        "merge them into one closure from " + before.closedAt()).at(locations.closedAt(i)));
            }
        }
        return findings;
    }
}
