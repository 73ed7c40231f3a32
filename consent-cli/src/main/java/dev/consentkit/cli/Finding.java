package dev.consentkit.cli;

import java.util.Comparator;

/**
 * One thing {@code consent validate} found in a policy or members file, at a line and column, printed as
 * {@code FILE:LINE:COLUMN: error: message (how to fix)}.
 *
 * @param severity whether it makes the file invalid
 * @param line the 1-based line
 * @param column the 1-based column
 * @param message what is wrong
 * @param fix how to fix it
 */
record Finding(Severity severity, int line, int column, String message, String fix) {

    /** How findings are listed: by place in the file. */
    static final Comparator<Finding> BY_PLACE = Comparator.comparingInt(Finding::line).thenComparingInt(Finding::column);

    /** Whether a finding makes the file invalid. */
    enum Severity {
        /** The file is invalid. */
        ERROR,
        /** The file is valid, but a careful reviewer would ask about this. */
        WARNING
    }

    static Finding error(JsonTree at, String message, String fix) {
        return new Finding(Severity.ERROR, at.line(), at.column(), message, fix);
    }

    static Finding warning(JsonTree at, String message, String fix) {
        return new Finding(Severity.WARNING, at.line(), at.column(), message, fix);
    }

    /** The finding as one line of output about {@code file}. */
    String render(String file) {
        return file + ":" + line + ":" + column + ": " + (severity == Severity.ERROR ? "error" : "warning") + ": "
                + message + " (" + fix + ")";
    }
}
