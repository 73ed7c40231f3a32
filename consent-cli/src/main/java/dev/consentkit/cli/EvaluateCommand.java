package dev.consentkit.cli;

import dev.consentkit.ContentItem;
import dev.consentkit.Decision;
import dev.consentkit.Member;
import dev.consentkit.PolicyVersion;
import dev.consentkit.Reason;
import dev.consentkit.TrainingPolicy;
import dev.consentkit.batch.BatchEvaluator;
import dev.consentkit.jackson.ConsentDocumentException;
import dev.consentkit.jackson.ConsentDocuments;
import dev.consentkit.jackson.NdjsonReader;
import dev.consentkit.jackson.ReadOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code consent evaluate}: decides every item of an NDJSON export at one instant and writes the
 * decisions as NDJSON, as a training pipeline would before using the items.
 *
 * <p>Members are read first, their lines parsed on every core, into a compact
 * {@code MemberStore} (and, with {@code --explain}, into {@code Member} objects);
 * items are streamed in batches decided on every core and written in input order, so an export of any
 * length runs in the memory its members take. An item whose line cannot be read, or whose author is not in
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
                "  {\"itemId\":\"post-1\",\"memberId\":\"m-1\",\"trainable\":true,\"reason\":\"...\"}",
                "or, with --explain, the full decision document without its format field. An item whose "
                        + "line is malformed, or whose author is not in the members file, gets an error record "
                        + "with its line number instead, and the run goes on:",
                "  {\"line\":12,\"itemId\":\"post-9\",\"memberId\":\"m-404\",\"error\":\"...\"}",
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

    /** Item lines per batch that a worker reads and decides at once. */
    private static final int BATCH_LINES = 1024;

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
        int threads = Runtime.getRuntime().availableProcessors();
        ExecutorService workers = Executors.newFixedThreadPool(threads, runnable -> {
            Thread worker = new Thread(runnable, "consent-evaluate");
            worker.setDaemon(true);
            return worker;
        });
        try {
            // The policy is read while the members are: neither needs the other.
            CompletableFuture<TrainingPolicy> policy = CompletableFuture.supplyAsync(this::readPolicy, workers);
            return evaluate(policy, workers, threads);
        } finally {
            workers.shutdownNow();
        }
    }

    private int evaluate(CompletableFuture<TrainingPolicy> reading, ExecutorService workers, int threads) {
        int inFlight = 2 * threads + 2;
        MemberFile members = MemberFile.read(invocation.resolve(membersFile), membersFile.toString(), readOptions,
                explain, workers, inFlight, invocation.err(), () -> reading.isCompletedExceptionally());
        TrainingPolicy policy = policy(reading);
        BatchEvaluator.Builder resolving = BatchEvaluator.builder(policy, members.store()).resolveOn(workers);
        BatchEvaluator batch = (knownAt == null ? resolving : resolving.knownAt(knownAt)).build(asOf);
        Instant replayAt = knownAt;
        BiFunction<ContentItem, Member, Decision> deciding = replayAt == null
                ? (item, author) -> policy.evaluate(item, author, asOf)
                : (item, author) -> policy.asKnownAt(replayAt).evaluate(item, author, asOf);
        long started = System.nanoTime();
        RunTally tally = new RunTally();
        Progress progress = new Progress(invocation.err(), invocation.errIsTerminal(), started);
        RecordOutput out = new RecordOutput(invocation.stdout());
        Thread hook = invocation.isProcess() ? out.onInterrupt(invocation.err()) : null;
        if (hook != null) {
            Runtime.getRuntime().addShutdownHook(hook);
        }
        try (NdjsonReader<ContentItem> items = openItems()) {
            items.readInBatches(BATCH_LINES, inFlight, workers, lines -> decide(lines, members, batch, deciding), done -> {
                try {
                    out.write(done.finish(), done.recordCount());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                tally.add(done.tally());
                progress.tick(tally.lines());
            });
            out.flush();
        } catch (UncheckedIOException e) {
            throw outputFailed(e.getCause());
        } catch (RecordOutput.Closed e) {
            throw outputFailed(e);
        } catch (ConsentDocumentException e) {
            throw CliException.invalid("items file", itemsFile, e);
        } catch (IOException e) {
            throw CliException.unreadable("items file", itemsFile, e);
        } finally {
            if (hook != null) {
                removeHook(hook);
            }
        }
        progress.clear();
        summarize(policy, tally, System.nanoTime() - started);
        return tally.errors() == 0 && members.skipped() == 0 ? 0 : 1;
    }

    /**
     * Decides a batch of item lines, on a worker thread. The batch evaluator finds the authors of the
     * whole batch at once, their lookups overlapping; a batch with an item whose author is not in the
     * members file is decided item by item, so that the item gets its error record.
     */
    private ItemOutcomes decide(List<NdjsonReader.Line<ContentItem>> lines, MemberFile members, BatchEvaluator batch,
            BiFunction<ContentItem, Member, Decision> deciding) {
        List<ContentItem> items = new ArrayList<>(lines.size());
        for (NdjsonReader.Line<ContentItem> line : lines) {
            if (line.hasValue()) {
                items.add(line.value());
            }
        }
        List<Reason> reasons;
        try {
            reasons = batch.reasons(items);
        } catch (IllegalArgumentException authorMissing) {
            reasons = null;
        }
        ItemOutcomes outcomes = new ItemOutcomes(explain);
        Map<String, Member> byId = members.byId();
        int decided = 0;
        for (NdjsonReader.Line<ContentItem> line : lines) {
            if (!line.hasValue()) {
                outcomes.error(line.number(), null, null, line.error().orElseThrow().getMessage());
                continue;
            }
            ContentItem item = line.value();
            Reason reason;
            if (reasons != null) {
                reason = reasons.get(decided++);
            } else if (members.store().contains(item.authorId())) {
                reason = batch.reason(item);
            } else {
                outcomes.error(line.number(), item.id(), item.authorId(), "member " + item.authorId()
                        + ", the author of item " + item.id() + ", is not in the members file " + membersFile
                        + "; add the member to it, or leave the item out");
                continue;
            }
            boolean written = only == null || (only == Only.trainable) == reason.isTrainable();
            Decision decision = explain && written && byId != null
                    ? deciding.apply(item, Objects.requireNonNull(byId.get(item.authorId()))) : null;
            outcomes.decided(reason, written, decision, item.id(), item.authorId());
        }
        return outcomes;
    }

    private static RuntimeException outputFailed(IOException e) {
        if (e instanceof RecordOutput.Closed || RecordOutput.closedPipe(e)) {
            return new CliException("", RecordOutput.CLOSED_PIPE, e);
        }
        return new CliException("cannot write the decisions to standard output: " + e.getMessage()
                + "; check that it goes to a writable file or pipe", CliException.USAGE, e);
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running: the process is being interrupted.
        }
    }

    /** The policy read, or the error that reading it ended with. */
    private static TrainingPolicy policy(CompletableFuture<TrainingPolicy> reading) {
        try {
            return reading.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw e;
        }
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

    private NdjsonReader<ContentItem> openItems() {
        try {
            if (itemsFile.equals("-")) {
                return NdjsonReader.items(Inputs.open(invocation.stdin()));
            }
            Path file = invocation.resolve(Path.of(itemsFile));
            if (Files.isDirectory(file)) {
                throw new IOException("it is a directory");
            }
            return NdjsonReader.items(Inputs.open(Files.newInputStream(file)));
        } catch (IOException e) {
            throw CliException.unreadable("items file", itemsFile, e);
        }
    }

    private void summarize(TrainingPolicy policy, RunTally tally, long nanos) {
        PrintWriter err = invocation.err();
        err.println(tally.headline());
        for (Reason reason : Reason.values()) {
            if (tally.count(reason) > 0) {
                err.println(String.format(Locale.ROOT, "  %-22s %,9d", reason, tally.count(reason)));
            }
        }
        String version = policy.versionAt(asOf).map(PolicyVersion::id).map(v -> "@" + v).orElse(" (no version in force)");
        double seconds = nanos / 1e9;
        err.println("as of " + asOf + (knownAt == null ? "" : " as known at " + knownAt) + " under " + policy.id()
                + version + String.format(Locale.ROOT, ", in %.2f s (%,.0f items/s)", seconds,
                        tally.lines() / Math.max(seconds, 1e-9)));
    }
}
