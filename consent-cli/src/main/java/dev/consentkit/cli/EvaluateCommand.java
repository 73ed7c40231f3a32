package dev.consentkit.cli;

import dev.consentkit.ConsentEvent;
import dev.consentkit.ContentItem;
import dev.consentkit.Decision;
import dev.consentkit.Member;
import dev.consentkit.PolicyVersion;
import dev.consentkit.Reason;
import dev.consentkit.TrainingPolicy;
import dev.consentkit.jackson.ConsentDocumentException;
import dev.consentkit.jackson.ConsentDocuments;
import dev.consentkit.jackson.NdjsonReader;
import dev.consentkit.jackson.ReadOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code consent evaluate}: decides every item of an NDJSON export at one instant and writes the
 * decisions as NDJSON, as a training pipeline would before using the items.
 *
 * <p>Members are read into memory first, keyed by id; items are streamed, so an export of any length
 * runs in the memory its members take. An item whose line cannot be read, or whose author is not in
 * the members file, gets an error record in the output and the run goes on. Input with a line that
 * goes on past {@link ConsentDocuments#MAX_SKIPPED_LINE_LENGTH} without ending, such as
 * {@code /dev/zero}, is not NDJSON: the run ends there with exit code 2, naming the line.
 */
@Command(name = "evaluate",
        sortOptions = false,
        sortSynopsis = false,
        description = {
                "Decides every item of an NDJSON export at one instant.",
                "",
                "Writes one NDJSON line per item to standard output, a compact record such as",
                "  {\"item\":\"post-1\",\"member\":\"m-1\",\"trainable\":true,\"reason\":\"...\"}",
                "or, with --explain, the full decision document without its format field. An item whose "
                        + "line is malformed, or whose author is not in the members file, gets an error record "
                        + "with its line number instead, and the run goes on:",
                "  {\"line\":12,\"item\":\"post-9\",\"member\":\"m-404\",\"error\":\"...\"}",
                "A malformed line of the members file is reported on standard error and that member is "
                        + "skipped. A consent event recorded up to --clock-skew before it takes effect counts from "
                        + "when it was recorded; one recorded longer before makes its member's line malformed. A summary (counts by reason, errors, items per second) goes to standard "
                        + "error, with progress when standard error is a terminal and the run is long.",
                "",
                "Instants are ISO-8601 UTC instants (2025-11-04T00:00:00Z) or dates (2025-11-04, meaning "
                        + "midnight UTC).",
                "",
                "A line of items or members longer than 16 MiB is reported as a malformed one as soon as it "
                        + "passes that length; a line still going at 64 MiB ends the run, as input that is not NDJSON "
                        + "(such as /dev/zero).",
                "",
                "Exit code 0 when every item was decided, 1 when there were error records or skipped "
                        + "members, 2 for usage errors, for a policy or members file that cannot be read, and for "
                        + "input with a line that never ends.",
                ""},
        footerHeading = "%nExamples:%n",
        footer = {
                "  ./consent evaluate --policy examples/linkedin/policy.json \\",
                "      --members examples/linkedin/members.ndjson \\",
                "      --items examples/linkedin/items.ndjson --as-of 2025-11-04",
                "  ./consent evaluate --policy policy.json --members members.ndjson \\",
                "      --items - --as-of 2025-11-12T00:00:00Z --known-at 2025-11-15 --explain \\",
                "      < items.ndjson > decisions.ndjson"})
final class EvaluateCommand implements Callable<Integer> {

    /** How many error lines the summary lists by number. */
    private static final int LISTED_ERRORS = 10;

    private final Invocation invocation;

    @SuppressWarnings("UnusedVariable") // picocli reads and sets it by reflection
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    @Option(names = "--policy", required = true, paramLabel = "POLICY.json",
            description = "The policy document (consentkit.policy/v1.1, or v1).")
    private Path policyFile;

    @Option(names = "--members", required = true, paramLabel = "MEMBERS.ndjson",
            description = "The members, one per line, with their jurisdictions and consent histories.")
    private Path membersFile;

    @Option(names = "--clock-skew", paramLabel = "DURATION", converter = ClockSkewConverter.class,
            defaultValue = ClockSkewConverter.DEFAULT, description = ClockSkewConverter.DESCRIPTION)
    private ReadOptions readOptions;

    @Option(names = "--items", required = true, paramLabel = "ITEMS.ndjson",
            description = "The content items, one per line; - reads standard input.")
    private String itemsFile;

    @Option(names = "--as-of", required = true, paramLabel = "INSTANT", converter = InstantConverter.class,
            description = "The instant of use the decisions are for.")
    private Instant asOf;

    @Option(names = "--known-at", paramLabel = "INSTANT", converter = InstantConverter.class,
            description = "Audit: decide as the platform knew things then, ignoring consent events recorded later.")
    private Instant knownAt;

    @Option(names = "--explain", description = "Write full decisions: every failed check, policy version and evidence.")
    private boolean explain;

    @Option(names = "--only", paramLabel = "trainable|excluded",
            description = "Write only trainable, or only excluded (not trainable), decisions; error records are always written.")
    private Only only;

    /** Which decisions {@code --only} keeps. */
    enum Only {
        trainable,
        excluded
    }

    EvaluateCommand(Invocation invocation) {
        this.invocation = invocation;
    }

    @Override
    public Integer call() {
        TrainingPolicy policy = readPolicy();
        Map<String, Member> members = new HashMap<>();
        int skippedMembers = readMembers(members);
        long started = System.nanoTime();
        long[] counts = new long[Reason.values().length];
        long decided = 0;
        List<Long> errorLines = new ArrayList<>();
        Progress progress = new Progress(invocation.err(), invocation.errIsTerminal(), started);
        try (NdjsonReader<ContentItem> items = openItems();
                DecisionStream out = new DecisionStream(invocation.stdout(), explain)) {
            for (NdjsonReader.Line<ContentItem> line = items.read(); line != null; line = items.read()) {
                if (!line.hasValue()) {
                    errorLines.add(line.number());
                    out.error(line.number(), null, null, line.error().orElseThrow().getMessage());
                } else {
                    ContentItem item = line.value();
                    Member author = members.get(item.authorId());
                    if (author == null) {
                        errorLines.add(line.number());
                        out.error(line.number(), item.id(), item.authorId(), "member " + item.authorId()
                                + ", the author of item " + item.id() + ", is not in the members file " + membersFile
                                + "; add the member to it, or leave the item out");
                    } else {
                        Decision decision = knownAt == null ? policy.evaluate(item, author, asOf)
                                : policy.asKnownAt(knownAt).evaluate(item, author, asOf);
                        counts[decision.reason().ordinal()]++;
                        decided++;
                        if (only == null || (only == Only.trainable) == decision.trainable()) {
                            out.decision(decision);
                        }
                    }
                }
                progress.tick(decided + errorLines.size());
            }
        } catch (ConsentDocumentException e) {
            throw CliException.invalid("items file", itemsFile, e);
        } catch (IOException e) {
            throw CliException.unreadable("items file", itemsFile, e);
        }
        progress.clear();
        summarize(policy, counts, decided, errorLines, System.nanoTime() - started);
        return errorLines.isEmpty() && skippedMembers == 0 ? 0 : 1;
    }

    private TrainingPolicy readPolicy() {
        try {
            return ConsentDocuments.readPolicy(invocation.resolve(policyFile));
        } catch (ConsentDocumentException e) {
            CliException invalid = CliException.invalid("policy file", policyFile.toString(), e);
            throw new CliException(invalid.getMessage() + "; consent validate " + policyFile
                    + " checks its form and meaning", CliException.USAGE, e);
        } catch (IOException e) {
            throw CliException.unreadable("policy file", policyFile.toString(), e);
        }
    }

    /** Reads the members into {@code members} and returns how many lines were skipped. */
    private int readMembers(Map<String, Member> members) {
        int skipped = 0;
        long adjusted = 0;
        Map<String, Long> lineOf = new HashMap<>();
        try (NdjsonReader<Member> reader = NdjsonReader.members(invocation.resolve(membersFile), readOptions)) {
            for (NdjsonReader.Line<Member> line = reader.read(); line != null; line = reader.read()) {
                if (!line.hasValue()) {
                    skipped++;
                    invocation.err().println("consent: skipped line " + line.number() + " of the members file "
                            + membersFile + ": " + line.error().orElseThrow().getMessage()
                            + "; items of that member get error records until the line is fixed");
                    continue;
                }
                Member member = line.value();
                Long first = lineOf.putIfAbsent(member.id(), line.number());
                if (first != null) {
                    skipped++;
                    invocation.err().println("consent: skipped line " + line.number() + " of the members file "
                            + membersFile + ": member " + member.id() + " is already on line " + first
                            + "; keep one line per member");
                    continue;
                }
                members.put(member.id(), member);
                adjusted += member.consent().events().stream().filter(ConsentEvent::isSkewAdjusted).count();
            }
        } catch (ConsentDocumentException e) {
            throw CliException.invalid("members file", membersFile.toString(), e);
        } catch (IOException e) {
            throw CliException.unreadable("members file", membersFile.toString(), e);
        }
        if (adjusted > 0) {
            invocation.err().println("consent: " + adjusted + (adjusted == 1 ? " consent event" : " consent events")
                    + " of the members file " + membersFile + " recorded before taking effect, within the clock-skew"
                    + " tolerance of " + readOptions.clockSkewTolerance()
                    + (adjusted == 1 ? ", counts from when it was recorded;" : ", count from when they were recorded;")
                    + " consent validate --members " + membersFile + " lists them");
        }
        return skipped;
    }

    private NdjsonReader<ContentItem> openItems() {
        if (itemsFile.equals("-")) {
            InputStream in = invocation.stdin();
            return NdjsonReader.items(in);
        }
        Path file = invocation.resolve(Path.of(itemsFile));
        try {
            if (Files.isDirectory(file)) {
                throw new IOException("it is a directory");
            }
            return NdjsonReader.items(file);
        } catch (IOException e) {
            throw CliException.unreadable("items file", itemsFile, e);
        }
    }

    private void summarize(TrainingPolicy policy, long[] counts, long decided, List<Long> errorLines, long nanos) {
        PrintWriter err = invocation.err();
        long trainable = counts[Reason.ALLOWED_BY_DEFAULT.ordinal()] + counts[Reason.ALLOWED_OPTED_IN.ordinal()];
        long items = decided + errorLines.size();
        StringBuilder head = new StringBuilder().append(String.format(Locale.ROOT, "%,d items: %,d trainable, %,d not trainable",
                items, trainable, decided - trainable));
        head.append(String.format(Locale.ROOT, ", %,d error%s", errorLines.size(), errorLines.size() == 1 ? "" : "s"));
        if (!errorLines.isEmpty()) {
            head.append(" (line").append(errorLines.size() == 1 ? " " : "s ")
                    .append(errorLines.stream().limit(LISTED_ERRORS).map(String::valueOf).collect(Collectors.joining(", ")))
                    .append(errorLines.size() > LISTED_ERRORS ? ", ..." : "").append(')');
        }
        err.println(head);
        for (Reason reason : Reason.values()) {
            if (counts[reason.ordinal()] > 0) {
                err.println(String.format(Locale.ROOT, "  %-22s %,9d", reason, counts[reason.ordinal()]));
            }
        }
        String version = policy.versionAt(asOf).map(PolicyVersion::id).map(v -> "@" + v).orElse(" (no version in force)");
        double seconds = nanos / 1e9;
        err.println("as of " + asOf + (knownAt == null ? "" : " as known at " + knownAt) + " under " + policy.id()
                + version + String.format(Locale.ROOT, ", in %.2f s (%,.0f items/s)", seconds,
                        items / Math.max(seconds, 1e-9)));
    }
}
