package dev.consentkit.suite;

import java.util.Objects;

/**
 * Where a part of a JSON document starts: its 1-based line and column, as a JSON parser counts them,
 * and its JSON path, such as {@code $.versions[0].jurisdictionRules[1].jurisdiction}. A finding of a
 * {@link PolicyReview} carries the location of the part it is about, so that an editor or a command
 * line can point at it.
 *
 * @param line the 1-based line on which the part starts
 * @param column the 1-based column at which the part starts
 * @param path the JSON path of the part, starting at {@code $}, the document
 */
public record Location(int line, int column, String path) {

    /**
     * Validates the location.
     *
     * @param line the 1-based line, at least 1
     * @param column the 1-based column, at least 1
     * @param path the JSON path of the part, starting at {@code $}
     * @throws NullPointerException if {@code path} is null
     * @throws IllegalArgumentException if {@code line} or {@code column} is below 1, or {@code path} does
     *     not start with {@code $}; the message shows the value
     */
    public Location {
        Objects.requireNonNull(path, "path");
        if (line < 1 || column < 1) {
            throw new IllegalArgumentException("a location's line and column count from 1, not line " + line
                    + ", column " + column);
        }
        if (!path.startsWith("$")) {
            throw new IllegalArgumentException("a JSON path starts with $, the document: '" + path + "'");
        }
    }

    /**
     * {@return the location as a reader refers to it in a message: {@code line 12, column 26}} The path
     * is left out; {@link #path()} gives it.
     */
    @Override
    public String toString() {
        return "line " + line + ", column " + column;
    }
}
