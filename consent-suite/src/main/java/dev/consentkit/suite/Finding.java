package dev.consentkit.suite;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One thing a review found in a policy (or another document): how serious it is, the part it is about,
 * what is wrong, how to fix it, and, when the review knew where the part starts in a document, its
 * {@link Location}.
 *
 * <p>{@link #toString()} is one line: {@code line 12, column 26: warning: the rule for FR says what the
 * rule for EU at line 11, column 26 already says for it: excluded (remove it; it changes no decision)}
 * for a finding with a location, and {@code the rule for FR of version v1: warning: ...} for one without,
 * such as a finding about a policy built in Java.
 */
public final class Finding {

    /** Whether a finding makes what was reviewed wrong. */
    public enum Severity {
        /** What was reviewed does something its author cannot mean, such as allowing a category it never allows. */
        ERROR,
        /** What was reviewed works, but a careful reviewer would ask about this. */
        WARNING;

        /** {@return the severity in lower case, as a finding's line shows it: {@code error} or {@code warning}} */
        @Override
        public String toString() {
            return this == ERROR ? "error" : "warning";
        }
    }

    private final Severity severity;
    private final String part;
    private final String message;
    private final String fix;
    private final @Nullable Location location;

    private Finding(Severity severity, String part, String message, String fix, @Nullable Location location) {
        this.severity = Objects.requireNonNull(severity, "severity");
        this.part = Objects.requireNonNull(part, "part");
        this.message = Objects.requireNonNull(message, "message");
        this.fix = Objects.requireNonNull(fix, "fix");
        this.location = location;
    }

    /**
     * A finding about a part, without a location.
     *
     * @param severity how serious it is
     * @param part the part it is about, named for people, such as {@code the rule for FR of version v1}
     * @param message what is wrong
     * @param fix how to fix it
     * @return the finding
     * @throws NullPointerException if an argument is null
     */
    public static Finding of(Severity severity, String part, String message, String fix) {
        return new Finding(severity, part, message, fix, null);
    }

    /**
     * This finding, at the place where its part starts in a document.
     *
     * @param at where the part starts
     * @return the finding with the location
     * @throws NullPointerException if {@code at} is null
     */
    public Finding at(Location at) {
        return new Finding(severity, part, message, fix, Objects.requireNonNull(at, "at"));
    }

    /** {@return how serious the finding is} */
    public Severity severity() {
        return severity;
    }

    /** {@return the part the finding is about, named for people, such as {@code the rule for FR of version v1}} */
    public String part() {
        return part;
    }

    /** {@return what is wrong, in a sentence without a final full stop} */
    public String message() {
        return message;
    }

    /** {@return how to fix it, in a sentence without a final full stop} */
    public String fix() {
        return fix;
    }

    /** {@return where the part the finding is about starts in its document; empty when that is not known} */
    public Optional<Location> location() {
        return Optional.ofNullable(location);
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof Finding other && severity == other.severity && part.equals(other.part) && message.equals(other.message)
                && fix.equals(other.fix) && Objects.equals(location, other.location);
    }

    @Override
    public int hashCode() {
        return Objects.hash(severity, part, message, fix, location);
    }

    /**
     * {@return the finding as one line: where (the location, or else the part), the severity, what is wrong
     * and, in parentheses, how to fix it}
     */
    @Override
    public String toString() {
        return (location != null ? location.toString() : part) + ": " + severity + ": " + message + " (" + fix + ")";
    }
}
