package dev.consentkit.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.consentkit.ConsentEvent;
import dev.consentkit.Member;
import dev.consentkit.TrainingPolicy;
import dev.consentkit.jackson.ConsentDocumentException;
import dev.consentkit.jackson.ConsentDocuments;
import dev.consentkit.jackson.NdjsonReader;
import dev.consentkit.jackson.ReadOptions;
import dev.consentkit.suite.Finding;
import dev.consentkit.suite.Location;
import dev.consentkit.suite.PolicyLocations;
import dev.consentkit.suite.PolicyReview;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code consent validate}: checks policy and member documents, their form and their meaning, and
 * members files, and prints one line per finding as
 * {@code FILE:LINE:COLUMN: error|warning: message (how to fix)}, sorted by place, then a summary line per
 * file.
 *
 * <p>A text that is not one JSON object, or that declares the format of another kind of document, is
 * told apart first, in one pass of Jackson's streaming parser. A document whose {@code format} names a
 * member is then read as {@link ConsentDocuments#readMember(String, ReadOptions)} reads it, any other as
 * {@link ConsentDocuments#readPolicy(String)} does: as strict as the JSON Schema shipped in consent-jackson
 * and stricter. Reading stops at the document's first problem, which is the one error reported. A policy
 * that reads is reviewed by {@link PolicyReview}, at the places {@link PolicyLocations} finds; a member by
 * {@link MemberReview}, and each of its consent events counted from when it was recorded because of clock
 * skew is a warning. Exit code 0 when every file is valid (warnings allowed); 1 when a policy that reads
 * has an error of meaning (an allowed category that is never allowed); 2 when a file cannot be read as a
 * policy or member document: missing, longer than {@link ConsentDocuments#MAX_DOCUMENT_LENGTH} (16 MiB,
 * refused after reading one byte more, never read whole), not UTF-8, not JSON, another kind of document,
 * or anything reading rejects (an unknown or missing field, a value of the wrong type, versions out of
 * order, an unknown jurisdiction code, account closures out of order or overlapping).
 *
 * <p>A members file ({@code --members}, NDJSON, one member per line) is read as {@code consent evaluate}
 * reads it, with the same {@code --clock-skew} tolerance: each line that cannot be read is an error, and
 * each consent event recorded before it takes effect but within the tolerance, which decisions count from
 * when it was recorded, is a warning naming the event, so that a data owner sees whose clocks drift.
 * Findings are printed as they are found, so a file of any length is checked in the memory of one line.
 * A line longer than 16 MiB is an error; a line still going at
 * {@link ConsentDocuments#MAX_SKIPPED_LINE_LENGTH} (64 MiB) means the file is not NDJSON, and reading
 * stops there. Exit code 1 when a line cannot be read, 2 when the file cannot be read at all or is not
 * NDJSON.
 */
@Command(name = "validate",
        sortOptions = false,
        description = {
                "Checks policy and member documents, their form and their meaning, and members files.",
                "",
                "Prints one line per finding, then a summary line per file:",
                "  FILE:LINE:COLUMN: error|warning: message (how to fix)",
                "",
                "Errors: the first thing reading the document rejects (unknown or missing fields, wrong "
                        + "types, malformed instants or keys, versions out of order, unknown jurisdiction codes, "
                        + "account closures out of order or overlapping); in a policy that reads, an allowed "
                        + "category that a never-allowed one makes unreachable.",
                "Warnings: a category already covered by another entry of its list, a jurisdiction rule that says "
                        + "what the broader rule or default it falls under already says (EU under EEA included), a "
                        + "version under which nothing is trainable, a minimum age of 0, a version that changes "
                        + "nothing; a closure that starts as the one before it is reopened, closures in a member/v1 "
                        + "document.",
                "",
                "Members files (--members): a line that cannot be read is an error; a consent event recorded "
                        + "before it takes effect, but within --clock-skew, is a warning naming it: decisions count it "
                        + "from when it was recorded.",
                "",
                "Limits: a document of at most 16 MiB, a members line of at most 16 MiB (a longer one is an "
                        + "error); a line still going at 64 MiB ends the reading of a members file.",
                "",
                "Exit code 0 when valid (warnings allowed), 1 when a policy's meaning is wrong or a member line "
                        + "cannot be read, 2 when a file cannot be read as a policy or member document (missing, "
                        + "over a limit, not UTF-8, not JSON, rejected by reading), or a members file not at all.",
                ""},
        footerHeading = "%nExamples:%n",
        footer = {
                "  ./consent validate examples/linkedin/policy.json",
                "  ./consent validate examples/linkedin/policy-draft.json",
                "  ./consent validate --members examples/linkedin/members.ndjson --clock-skew PT2S"})
final class ValidateCommand implements Callable<Integer> {

    private static final int UNREADABLE = 2;
    private static final int INVALID = 1;
    private static final String MEMBER_FORMAT = "consentkit.member/";

    private final Invocation invocation;

    @SuppressWarnings("UnusedVariable") // picocli reads and sets it by reflection
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    @Option(names = "--members", paramLabel = "MEMBERS.ndjson",
            description = "A members file to check, one member per line; may be repeated.")
    private List<Path> membersFiles = List.of();

    @Option(names = "--clock-skew", paramLabel = "DURATION", converter = ClockSkewConverter.class,
            defaultValue = ClockSkewConverter.DEFAULT, description = ClockSkewConverter.DESCRIPTION)
    private ReadOptions readOptions;

    @Parameters(arity = "0..*", paramLabel = "FILE.json", description = "The policy and member files to check.")
    private List<Path> files = List.of();

    ValidateCommand(Invocation invocation) {
        this.invocation = invocation;
    }

    @Override
    public Integer call() {
        if (files.isEmpty() && membersFiles.isEmpty()) {
            throw new CliException("nothing to validate; give policy or member documents, or members files with --members"
                    + " (consent validate --help shows how)", CliException.USAGE);
        }
        int worst = 0;
        for (Path file : files) {
            worst = Math.max(worst, validate(file));
        }
        for (Path file : membersFiles) {
            worst = Math.max(worst, validateMembers(file));
        }
        return worst;
    }

    private static final String CHECK_CLOCKS = "check the clocks of the services that stamp effectiveAt and recordedAt";

    /** What a warning says of an event counted from when it was recorded because of clock skew. */
    private String skewed(ConsentEvent event, Member member) {
        return "consent event " + event.id() + " of member " + member.id() + " is recorded at " + event.recordedAt()
                + ", " + Duration.between(event.recordedAt(), event.statedEffectiveAt()) + " before it takes effect at "
                + event.statedEffectiveAt() + ": within the clock-skew tolerance of "
                + readOptions.clockSkewTolerance() + ", it counts from when it was recorded";
    }

    /**
     * Reads a members file as {@code consent evaluate} does and reports each line that cannot be read,
     * and each consent event counted from when it was recorded because of clock skew. Findings are printed
     * as they are found, so that a file of any length is checked in the memory of one line; a line that goes
     * on past {@link ConsentDocuments#MAX_SKIPPED_LINE_LENGTH} ends the reading.
     */
    private int validateMembers(Path file) {
        PrintWriter out = invocation.out();
        String shown = file.toString();
        long members = 0;
        long errors = 0;
        long warnings = 0;
        try (NdjsonReader<Member> reader = NdjsonReader.members(invocation.resolve(file), readOptions)) {
            for (NdjsonReader.Line<Member> line = reader.read(); line != null; line = reader.read()) {
                int number = (int) Math.min(Integer.MAX_VALUE, line.number());
                if (!line.hasValue()) {
                    ConsentDocumentException e = line.error().orElseThrow();
                    errors++;
                    out.println(render(Finding.of(Finding.Severity.ERROR, "line " + number, e.problem() + " at "
                            + e.fieldPath(), "expected " + e.expected()).at(new Location(number, Math.max(1, e.column()),
                                    e.fieldPath().startsWith("$") ? e.fieldPath() : "$")), shown));
                    continue;
                }
                members++;
                Member member = line.value();
                for (ConsentEvent event : member.consent().events()) {
                    if (event.isSkewAdjusted()) {
                        warnings++;
                        out.println(render(Finding.of(Finding.Severity.WARNING, "consent event " + event.id(),
                                skewed(event, member), CHECK_CLOCKS).at(new Location(number, 1, "$")), shown));
                    }
                }
            }
        } catch (ConsentDocumentException e) {
            // A line that never ends: the input is not NDJSON, and nothing after it is read.
            invocation.err().println("consent: " + CliException.invalid("members file", shown, e).getMessage());
            return UNREADABLE;
        } catch (IOException e) {
            invocation.err().println("consent: " + CliException.unreadable("members file", shown, e).getMessage());
            return UNREADABLE;
        }
        String warningCount = warnings == 0 ? "no warnings" : warnings + (warnings == 1 ? " warning" : " warnings");
        if (errors == 0) {
            out.println(shown + ": valid; " + members + (members == 1 ? " member, " : " members, ") + warningCount);
            return 0;
        }
        out.println(shown + ": invalid; " + errors + (errors == 1 ? " error, " : " errors, ") + warningCount);
        return INVALID;
    }

    private int validate(Path file) {
        PrintWriter out = invocation.out();
        String shown = file.toString();
        String text;
        try {
            text = DocumentText.read(invocation.resolve(file), "file", shown);
        } catch (CliException e) {
            invocation.err().println("consent: " + e.getMessage());
            return UNREADABLE;
        }
        DocumentKind kind;
        try {
            kind = DocumentKind.of(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            out.println(shown + ":" + (at == null ? 1 : Math.max(1, at.getLineNr())) + ":"
                    + (at == null ? 1 : Math.max(1, at.getColumnNr())) + ": error: not JSON: " + e.getOriginalMessage()
                    + " (fix the JSON syntax at that place)");
            out.println(shown + ": not a policy or member document");
            return UNREADABLE;
        } catch (IOException cannotHappenOnAString) {
            throw new IllegalStateException(cannotHappenOnAString);
        }
        Finding notADocument = notADocument(kind);
        if (notADocument != null) {
            out.println(render(notADocument, shown));
            out.println(shown + ": not a policy or member document");
            return UNREADABLE;
        }
        List<Finding> findings = new ArrayList<>();
        String summary;
        try {
            if (kind.format() != null && kind.format().startsWith(MEMBER_FORMAT)) {
                Member member = ConsentDocuments.readMember(text, readOptions);
                MemberLocations locations = MemberLocations.read(text);
                findings.addAll(MemberReview.review(member, kind.format(), locations));
                for (ConsentEvent event : member.consent().events()) {
                    if (event.isSkewAdjusted()) {
                        findings.add(Finding.of(Finding.Severity.WARNING, "consent event " + event.id(),
                                skewed(event, member), CHECK_CLOCKS).at(locations.effectiveAt(event.id())
                                        .orElse(kind.rootAt())));
                    }
                }
                int closures = member.closures().size();
                summary = "member " + member.id() + " with " + (closures == 0 ? "no" : String.valueOf(closures))
                        + (closures == 1 ? " account closure, " : " account closures, ");
            } else {
                TrainingPolicy policy = ConsentDocuments.readPolicy(text);
                findings.addAll(PolicyReview.review(policy, PolicyLocations.read(text)));
                int versions = policy.versions().size();
                summary = "policy " + policy.id() + " with " + versions + (versions == 1 ? " version, " : " versions, ");
            }
        } catch (ConsentDocumentException e) {
            // Reading stops at the document's first problem: the review needs a document that reads.
            out.println(render(readingError(e), shown));
            out.println(shown + ": invalid; 1 error, no warnings");
            return UNREADABLE;
        }
        findings.sort(BY_PLACE);
        for (Finding finding : findings) {
            out.println(render(finding, shown));
        }
        long errors = findings.stream().filter(f -> f.severity() == Finding.Severity.ERROR).count();
        long warnings = findings.size() - errors;
        String warningCount = warnings == 0 ? "no warnings" : warnings + (warnings == 1 ? " warning" : " warnings");
        if (errors == 0) {
            out.println(shown + ": valid; " + summary + warningCount);
            return 0;
        }
        out.println(shown + ": invalid; " + errors + (errors == 1 ? " error, " : " errors, ") + warningCount);
        return INVALID;
    }

    /** How findings are listed: by place in the file; one without a place comes first. */
    private static final Comparator<Finding> BY_PLACE = Comparator
            .comparingInt((Finding f) -> f.location().map(Location::line).orElse(0))
            .thenComparingInt(f -> f.location().map(Location::column).orElse(0));

    /** A finding as one line of output about {@code file}: {@code FILE:LINE:COLUMN: severity: message (fix)}. */
    private static String render(Finding finding, String file) {
        Location at = finding.location().orElse(new Location(1, 1, "$"));
        return file + ":" + at.line() + ":" + at.column() + ": " + finding.severity() + ": " + finding.message()
                + " (" + finding.fix() + ")";
    }

    /** What reading a document or a line rejected, at the place it names. */
    private static Finding readingError(ConsentDocumentException e) {
        return Finding.of(Finding.Severity.ERROR, e.fieldPath(), e.problem() + " at " + e.fieldPath(),
                "expected " + e.expected()).at(new Location((int) Math.max(1, Math.min(Integer.MAX_VALUE, e.line())),
                        Math.max(1, e.column()), e.fieldPath().startsWith("$") ? e.fieldPath() : "$"));
    }

    /** Why the value cannot be a policy or member document at all, or null when it may be one. */
    private static Finding notADocument(DocumentKind kind) {
        if (!kind.isObject()) {
            return Finding.of(Finding.Severity.ERROR, "the document", "a policy document is a JSON object, not "
                    + kind.rootType(), "write the policy as an object with \"format\": \"consentkit.policy/v1\"")
                    .at(kind.rootAt());
        }
        String format = kind.format();
        Location formatAt = kind.formatAt();
        if (format != null && formatAt != null && !format.startsWith("consentkit.policy/")
                && !format.startsWith(MEMBER_FORMAT)) {
            return Finding.of(Finding.Severity.ERROR, "format", "this is a \"" + format + "\" document, not a policy or"
                    + " a member", "validate checks policies, whose format is consentkit.policy/v1, and members,"
                            + " consentkit.member/v1").at(formatAt);
        }
        return null;
    }
}
