package dev.consentkit.cli;

import dev.consentkit.jackson.ConsentDocumentException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

/**
 * A problem with what the user asked for or gave, reported as one line on standard error, such as
 * {@code consent: cannot read the policy file policy.json: no such file; check the path}, and ending
 * the run with an exit code. The message says what was wrong, where, and how to fix it.
 */
final class CliException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The exit code of a usage or input error. */
    static final int USAGE = 2;

    /**
     * The exit code of a run the tool itself could not finish, such as one that ran out of memory:
     * never 0 or 1, so that a pipeline cannot take an incomplete output for a finished run.
     */
    static final int STOPPED = 3;

    private final int exitCode;

    CliException(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    CliException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    /** The code the run ends with. */
    int exitCode() {
        return exitCode;
    }

    /**
     * A file that cannot be read at all.
     *
     * @param role what the file is, such as "policy file"
     * @param shown the path as the user gave it
     */
    static CliException unreadable(String role, String shown, IOException e) {
        String reason;
        String fix;
        if (e instanceof NoSuchFileException) {
            reason = "no such file";
            fix = "check the path; a relative path is resolved against the current directory";
        } else if (e instanceof AccessDeniedException) {
            reason = "permission denied";
            fix = "check the file's permissions";
        } else {
            reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            fix = "check that it is a readable UTF-8 file";
        }
        return new CliException("cannot read the " + role + " " + shown + ": " + reason + "; " + fix, USAGE, e);
    }

    /**
     * A document that is read but is not valid, such as
     * {@code unknown field "x" in the policy file p.json at line 3, column 5 ($.x); expected one of ...}.
     */
    static CliException invalid(String role, String shown, ConsentDocumentException e) {
        return new CliException(describe(e, role + " " + shown), USAGE, e);
    }

    /** The problem of a document exception, located in {@code where}. */
    static String describe(ConsentDocumentException e, String where) {
        return e.problem() + " in the " + where + " at line " + e.line() + ", column " + e.column() + " ("
                + e.fieldPath() + "); expected " + e.expected();
    }
}
