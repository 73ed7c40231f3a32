package dev.consentkit.cli;

import dev.consentkit.ConsentEvent;
import dev.consentkit.Member;
import dev.consentkit.batch.MemberStore;
import dev.consentkit.jackson.ConsentDocumentException;
import dev.consentkit.jackson.NdjsonReader;
import dev.consentkit.jackson.ReadOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The members file of {@code consent evaluate}, read once, its lines in parallel, into a compact
 * {@link MemberStore}; with {@code --explain}, also into {@link Member} objects by id, which the full
 * decisions need.
 *
 * <p>A malformed line, or a second line for a member already read, is reported on standard error
 * and skipped; items of that member then get error records. A first line that is not a member at
 * all ends the run at once with exit code 2, saying what the file looks like instead, such as an
 * items file given as {@code --members}.
 *
 * @param store the members' store
 * @param byId the members by id with {@code --explain}, else null
 * @param skipped how many lines were skipped
 */
record MemberFile(MemberStore store, @Nullable Map<String, Member> byId, long skipped) {

    private static final int BATCH_LINES = 2048;
    private static final int LONGEST_SHOWN = 1 << 20;

    /**
     * Reads the members file.
     *
     * @param file the file, resolved
     * @param shown the file as the user gave it
     * @param keepMembers whether to keep the {@link Member} objects too
     */
    static MemberFile read(Path file, String shown, ReadOptions options, boolean keepMembers, Executor workers,
            int inFlight, PrintWriter err, BooleanSupplier stop) {
        Loading loading = new Loading(shown, keepMembers, err);
        try (NdjsonReader<Member> reader = NdjsonReader.members(Inputs.open(Files.newInputStream(file)), options)) {
            NdjsonReader.Line<Member> first = reader.read();
            if (first == null) {
                return loading.done(options);
            }
            if (!first.hasValue()) {
                String looks = looksLike(file, first.number());
                if (looks != null) {
                    throw new CliException("the members file " + shown + " is not a members file: " + looks
                            + "; give --members a file of members, one JSON object per line", CliException.USAGE,
                            first.error().orElseThrow());
                }
            }
            loading.add(first);
            reader.readInBatches(BATCH_LINES, inFlight, workers, lines -> lines, lines -> {
                if (stop.getAsBoolean()) {
                    throw new Stopped();
                }
                lines.forEach(loading::add);
            });
        } catch (Stopped stopped) {
            return loading.done(options);
        } catch (ConsentDocumentException e) {
            throw CliException.invalid("members file", shown, e);
        } catch (IOException e) {
            throw CliException.unreadable("members file", shown, e);
        }
        return loading.done(options);
    }

    /** Reading stops early: what else the run needed failed. */
    private static final class Stopped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stopped() {
            super("stopped", null, false, false);
        }
    }

    /** The members as they are read, in the order of their lines. */
    private static final class Loading {
        private final String shown;
        private final PrintWriter err;
        private final MemberStore.Builder store = MemberStore.builder();
        private final Map<String, Long> lineOf = new HashMap<>();
        private final @Nullable Map<String, Member> byId;
        private long skipped;
        private long adjusted;

        Loading(String shown, boolean keepMembers, PrintWriter err) {
            this.shown = shown;
            this.err = err;
            this.byId = keepMembers ? new HashMap<>() : null;
        }

        void add(NdjsonReader.Line<Member> line) {
            if (!line.hasValue()) {
                skip(line.number(), line.error().orElseThrow().getMessage()
                        + "; items of that member get error records until the line is fixed");
                return;
            }
            Member member = line.value();
            Long first = lineOf.putIfAbsent(member.id(), line.number());
            if (first != null) {
                skip(line.number(), "member " + member.id() + " is already on line " + first + "; keep one line per member");
                return;
            }
            store.add(member);
            if (byId != null) {
                byId.put(member.id(), member);
            }
            List<ConsentEvent> events = member.consent().events();
            for (ConsentEvent event : events) {
                if (event.isSkewAdjusted()) {
                    adjusted++;
                }
            }
        }

        private void skip(long number, String why) {
            skipped++;
            err.println("consent: skipped line " + number + " of the members file " + shown + ": " + why);
        }

        MemberFile done(ReadOptions options) {
            if (adjusted > 0) {
                err.println("consent: " + adjusted + (adjusted == 1 ? " consent event" : " consent events")
                        + " of the members file " + shown + " recorded before taking effect, within the clock-skew"
                        + " tolerance of " + options.clockSkewTolerance()
                        + (adjusted == 1 ? ", counts from when it was recorded;" : ", count from when they were recorded;")
                        + " consent validate --members " + shown + " lists them");
            }
            return new MemberFile(store.build(), byId, skipped);
        }
    }

    /**
     * What the first line of a members file looks like when it is no member at all, or null when it
     * is a member's line with a mistake, skipped as any other: an item or a decision on that line, a
     * JSON value that is not an object, a document over several lines, or a document of another format.
     */
    private static @Nullable String looksLike(Path file, long number) {
        String text = firstLine(file);
        if (text == null) {
            return null;
        }
        if (reads(NdjsonReader.items(new StringReader(text)))) {
            return "it looks like an items file: its line " + number + " is a content item";
        }
        if (reads(NdjsonReader.decisions(new StringReader(text)))) {
            return "it looks like a decisions file: its line " + number + " is a decision";
        }
        if (text.strip().equals("{") || text.strip().equals("[")) {
            return "it looks like a JSON document over several lines, not one member per line";
        }
        DocumentKind kind;
        try {
            kind = DocumentKind.of(text);
        } catch (IOException notJson) {
            return null;
        }
        if (!kind.isObject()) {
            return "its line " + number + " is a JSON " + kind.rootType() + ", not a member object";
        }
        String format = kind.format();
        return format != null && !format.startsWith("consentkit.member/") ? "it looks like a " + format
                + " document, not one member per line" : null;
    }

    private static boolean reads(NdjsonReader<?> reader) {
        try (reader) {
            NdjsonReader.Line<?> line = reader.read();
            return line != null && line.hasValue();
        } catch (IOException e) {
            return false;
        }
    }

    /** The file's first line that is not blank, if it ends within a mebibyte; else null. */
    private static @Nullable String firstLine(Path file) {
        try (InputStream in = Inputs.open(Files.newInputStream(file))) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b = in.read(), read = 1; b >= 0 && read <= LONGEST_SHOWN; b = in.read(), read++) {
                if (b != '\n') {
                    line.write(b);
                } else if (!line.toString(StandardCharsets.UTF_8).isBlank()) {
                    return line.toString(StandardCharsets.UTF_8);
                } else {
                    line.reset();
                }
            }
            String last = line.toString(StandardCharsets.UTF_8);
            return in.read() < 0 && !last.isBlank() ? last : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
