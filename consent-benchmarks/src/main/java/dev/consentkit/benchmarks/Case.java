package dev.consentkit.benchmarks;

import dev.consentkit.ContentItem;
import dev.consentkit.Member;
import java.time.Instant;
import java.util.Objects;

/**
 * One question every engine answers: may {@code item}, authored by {@code member}, train a model at
 * {@code asOf}?
 *
 * @param item the content item
 * @param member its author
 * @param asOf the instant of use
 */
public record Case(ContentItem item, Member member, Instant asOf) {

    /**
     * Validates the case.
     *
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code member} is not the item's author
     */
    public Case {
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(member, "member");
        Objects.requireNonNull(asOf, "asOf");
        if (!item.authorId().equals(member.id())) {
            throw new IllegalArgumentException("content item " + item.id() + " is authored by member "
                    + item.authorId() + ", not by member " + member.id());
        }
    }

    /** Everything an engine sees, consent events included, so that a disagreement can be replayed by hand. */
    @Override
    public String toString() {
        return item + " of " + member + " at " + asOf + "; consent events " + member.consent();
    }
}
