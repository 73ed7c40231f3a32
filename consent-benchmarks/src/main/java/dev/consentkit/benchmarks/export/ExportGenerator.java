package dev.consentkit.benchmarks.export;

import dev.consentkit.TrainingPolicy;
import dev.consentkit.jackson.ConsentDocuments;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Writes an export of the shape {@code consent evaluate} reads, from a fixed seed: {@code policy.json},
 * {@code members.ndjson} and {@code items.ndjson}, in the formats of {@code examples/linkedin}. The same
 * arguments always give the same bytes.
 *
 * <p><b>Members</b> ({@code m-000001}, ...) live in two dozen places: the United States and two of its
 * states, EU members and an EU territory (Guadeloupe), the rest of the EEA (Norway, Iceland,
 * Liechtenstein), the United Kingdom, Switzerland, places outside both groups (French Polynesia, a
 * French territory outside the Union, and Svalbard), Brazil, India and others. About one in twelve
 * moves once; a few have no residence before some instant, or none at all. Birth dates run from 1950
 * to 2012, so some members are minors; about 3% are unknown, about 1% fall on 29 February, and about
 * 1% make the member 18 on the day of {@link #AS_OF} or the day after. Each member has 0 to 3 consent
 * events (about half none): mostly for {@code ai-training.generative}, some for the broader
 * {@code ai-training}, some for the unrelated {@code marketing.email} (half of these by Global Privacy
 * Control); mostly an opt-out first and a
 * change of mind after; some an opt-in and an opt-out at the same instant, some effective exactly at
 * {@link #AS_OF}, some recorded days late, some listed out of order. About 3% of the accounts are
 * closed, some exactly at {@link #AS_OF}, and a few were closed and reopened.
 *
 * <p><b>Items</b> ({@code i-0000001}, ...) belong to existing members, a few members writing many
 * of them. Their categories are allowed ({@code profile}, {@code content.public} and its child
 * {@code content.public.poll}, {@code content.group}, {@code ai.interactions}, {@code jobs.saved}),
 * never allowed ({@code messages.private} and its child {@code messages.private.voice},
 * {@code account.*}, {@code jobs.application}) or covered by no rule of the LinkedIn policy
 * ({@code ads.clicks}, {@code content.newsletter}). They are created from 2019 to March 2026 (so some
 * after {@link #AS_OF}), some exactly at {@link #AS_OF} or at the first instant of their author's 18th
 * birthday (by either reading of a 29 February birthday; members born on that day write a share of
 * these) or a second before it; about 6% are deleted,
 * some exactly at {@link #AS_OF}; about 1% carry a do-not-train reservation.
 *
 * <p>The policy is read from a file (the LinkedIn example) and written back with ConsentKit's own
 * writer, so the export holds a policy the library has checked.
 */
public final class ExportGenerator {

    /** The seed the benchmark script uses unless told otherwise. */
    public static final long DEFAULT_SEED = 20_251_104L;

    /** The instant the export puts its edge cases at: the one the benchmark script asks about. */
    public static final Instant AS_OF = Instant.parse("2025-11-04T00:00:00Z");

    private static final long AS_OF_SECOND = AS_OF.getEpochSecond();
    private static final long DAY = 86_400L;
    private static final long LAUNCH = Instant.parse("2024-09-18T00:00:00Z").getEpochSecond();
    private static final long FIRST_ITEM = Instant.parse("2019-01-01T00:00:00Z").getEpochSecond();
    private static final long LAST_ITEM = Instant.parse("2026-03-01T00:00:00Z").getEpochSecond();
    private static final long FIRST_MOVE = Instant.parse("2023-01-01T00:00:00Z").getEpochSecond();
    private static final long FIRST_BIRTH = LocalDate.of(1950, 1, 1).toEpochDay();
    private static final long LAST_BIRTH = LocalDate.of(2012, 12, 31).toEpochDay();
    private static final int MINIMUM_AGE = 18;

    /** Where members live, with weights in tenths of a percent. */
    private static final String[] PLACES = {
        "US", "US-CA", "US-NY", "GB", "DE", "FR", "NL", "IT", "ES", "ES-CN", "IE", "SE", "PL", "AT", "GP",
        "CH", "NO", "IS", "LI", "PF", "SJ", "BR", "IN", "CA", "JP", "AU", "HK", "SG"};
    private static final int[] PLACE_WEIGHTS = {
        230, 50, 20, 90, 80, 60, 30, 30, 30, 10, 20, 20, 20, 10, 5,
        30, 10, 3, 2, 5, 2, 60, 80, 30, 20, 20, 10, 23};

    /** Item categories, with weights in tenths of a percent. */
    private static final String[] CATEGORIES = {
        "profile", "content.public", "content.public.poll", "content.group", "ai.interactions", "jobs.saved",
        "messages.private", "messages.private.voice", "account.credentials", "account.payment", "account.salary",
        "jobs.application", "ads.clicks", "content.newsletter"};
    private static final int[] CATEGORY_WEIGHTS = {
        80, 360, 20, 100, 80, 40,
        140, 10, 10, 10, 10,
        40, 70, 30};

    private static final String[] PURPOSES = {"ai-training.generative", "ai-training", "marketing.email"};
    private static final int[] PURPOSE_WEIGHTS = {800, 100, 100};
    private static final String[] CHANNELS = {"SETTINGS_TOGGLE", "OBJECTION_FORM", "GPC_SIGNAL", "API", "IMPORT"};
    private static final int[] CHANNEL_WEIGHTS = {600, 150, 100, 100, 50};
    private static final String[] RESERVATION_SOURCES = {"IPTC_DATA_MINING", "C2PA_TRAINING_MINING", "TDM_REP",
        "AI_PREFERENCES"};

    private final SplittableRandom random;
    private final int memberCount;
    private final int itemCount;
    // Each member's birth date as an epoch day, Long.MIN_VALUE when unknown: items near coming of age need it.
    private final long[] birthDays;

    private ExportGenerator(long seed, int memberCount, int itemCount) {
        this.random = new SplittableRandom(seed);
        this.memberCount = memberCount;
        this.itemCount = itemCount;
        this.birthDays = new long[memberCount];
    }

    /**
     * Writes an export into {@code outDir}.
     *
     * @param args {@code OUT_DIR [MEMBERS [ITEMS [SEED [POLICY]]]]}: the directory to write into (made
     *     if missing), the number of members (200,000) and of items (2,000,000), the seed
     *     ({@value #DEFAULT_SEED}), and the policy file to copy ({@code examples/linkedin/policy.json})
     * @throws IOException if a file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 5) {
            System.err.println("usage: ExportGenerator OUT_DIR [MEMBERS [ITEMS [SEED [POLICY]]]]");
            System.exit(2);
        }
        Path outDir = Path.of(args[0]);
        int members = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        int items = args.length > 2 ? Integer.parseInt(args[2]) : 2_000_000;
        long seed = args.length > 3 ? Long.parseLong(args[3]) : DEFAULT_SEED;
        Path policy = Path.of(args.length > 4 ? args[4] : "examples/linkedin/policy.json");
        long start = System.nanoTime();
        write(outDir, members, items, seed, policy);
        System.err.printf(Locale.ROOT, "wrote %,d members and %,d items (seed %d) to %s in %.1f s%n", members, items,
                seed, outDir, (System.nanoTime() - start) / 1e9);
    }

    /**
     * Writes {@code policy.json}, {@code members.ndjson} and {@code items.ndjson} into {@code outDir}.
     *
     * @param outDir the directory, made if missing
     * @param members how many members, at least 1
     * @param items how many items
     * @param seed the seed: the same arguments give the same files
     * @param policy the policy file to write into the export, checked by reading it
     * @throws IOException if a file cannot be read or written
     * @throws IllegalArgumentException if {@code members} is below 1 or {@code items} below 0
     */
    public static void write(Path outDir, int members, int items, long seed, Path policy) throws IOException {
        if (members < 1 || items < 0) {
            throw new IllegalArgumentException("expected at least one member and no negative item count, got "
                    + members + " members and " + items + " items");
        }
        Files.createDirectories(outDir);
        TrainingPolicy read = ConsentDocuments.readPolicy(policy);
        Files.writeString(outDir.resolve("policy.json"), ConsentDocuments.writePolicy(read) + "\n");
        ExportGenerator generator = new ExportGenerator(seed, members, items);
        try (Writer out = writer(outDir.resolve("members.ndjson"))) {
            generator.writeMembers(out);
        }
        try (Writer out = writer(outDir.resolve("items.ndjson"))) {
            generator.writeItems(out);
        }
    }

    private static Writer writer(Path file) throws IOException {
        return new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 20);
    }

    private void writeMembers(Writer out) throws IOException {
        StringBuilder line = new StringBuilder(512);
        for (int m = 0; m < memberCount; m++) {
            line.setLength(0);
            line.append("{\"id\":\"").append(memberId(m)).append('"');
            long birth = birthDay();
            birthDays[m] = birth;
            if (birth != Long.MIN_VALUE) {
                line.append(",\"birthDate\":\"").append(LocalDate.ofEpochDay(birth)).append('"');
            } else if (random.nextInt(4) == 0) {
                line.append(",\"birthDate\":null");
            }
            appendJurisdictions(line);
            appendClosure(line);
            appendConsent(line, memberId(m));
            line.append("}\n");
            out.append(line);
        }
    }

    private long birthDay() {
        int r = random.nextInt(1000);
        if (r < 30) {
            return Long.MIN_VALUE;
        }
        if (r < 40) {
            int[] leapYears = {1996, 2000, 2004, 2008};
            return LocalDate.of(leapYears[random.nextInt(leapYears.length)], 2, 29).toEpochDay();
        }
        if (r < 50) {
            // 18 on the day of AS_OF, or on the day after.
            LocalDate asOfDay = LocalDate.ofInstant(AS_OF, ZoneOffset.UTC);
            return asOfDay.minusYears(MINIMUM_AGE).plusDays(random.nextInt(2)).toEpochDay();
        }
        return FIRST_BIRTH + random.nextLong(LAST_BIRTH - FIRST_BIRTH + 1);
    }

    private void appendJurisdictions(StringBuilder line) {
        line.append(",\"jurisdictions\":[");
        int r = random.nextInt(1000);
        if (r < 5) {
            line.append(']');
            return;
        }
        line.append("{\"jurisdiction\":\"").append(pick(PLACES, PLACE_WEIGHTS)).append('"');
        if (r < 15) {
            // Known only from some instant on: no jurisdiction before it.
            line.append(",\"from\":\"").append(instant(LAUNCH - 365 * DAY + random.nextLong(700 * DAY))).append('"');
            line.append('}');
        } else {
            line.append('}');
            if (r < 95) {
                line.append(",{\"from\":\"").append(instant(FIRST_MOVE + random.nextLong(LAST_ITEM - FIRST_MOVE)))
                        .append("\",\"jurisdiction\":\"").append(pick(PLACES, PLACE_WEIGHTS)).append("\"}");
            }
        }
        line.append(']');
    }

    private void appendClosure(StringBuilder line) {
        int r = random.nextInt(1000);
        if (r < 2) {
            line.append(",\"closedAt\":\"").append(instant(AS_OF_SECOND)).append('"');
        } else if (r < 30) {
            line.append(",\"closedAt\":\"").append(instant(FIRST_MOVE + random.nextLong(LAST_ITEM - FIRST_MOVE)))
                    .append('"');
        } else if (r < 35) {
            long closed = LAUNCH + random.nextLong(500 * DAY);
            long reopened = closed + DAY + random.nextLong(120 * DAY);
            line.append(",\"closures\":[{\"closedAt\":\"").append(instant(closed)).append("\",\"reopenedAt\":\"")
                    .append(instant(reopened)).append("\"}");
            if (r < 33) {
                line.append(",{\"closedAt\":\"").append(instant(reopened + random.nextLong(200 * DAY))).append("\"}");
            }
            line.append(']');
        }
    }

    private void appendConsent(StringBuilder line, String memberId) {
        int r = random.nextInt(100);
        int count = r < 55 ? 0 : r < 80 ? 1 : r < 93 ? 2 : 3;
        String[] events = new String[count];
        boolean optOut = random.nextInt(100) < 80;
        long effective = LAUNCH + random.nextLong(500 * DAY);
        for (int e = 0; e < count; e++) {
            if (e > 0) {
                int step = random.nextInt(100);
                if (step < 4) {
                    // The same instant, the other choice: the opt-out wins.
                    optOut = !optOut;
                } else {
                    optOut = step < 84 ? !optOut : optOut;
                    effective += 1 + random.nextLong(200 * DAY);
                }
            }
            long effectiveAt = random.nextInt(100) == 0 ? AS_OF_SECOND : effective;
            long recordedAt = effectiveAt + (random.nextInt(20) == 0 ? DAY + random.nextLong(30 * DAY) : random.nextInt(6));
            String purpose = pick(PURPOSES, PURPOSE_WEIGHTS);
            // Half the choices about another purpose come from a Global Privacy Control signal ("do not sell
            // or share"), which a version may count as an objection to training, but never as a consent.
            String channel = purpose.equals("marketing.email") && random.nextBoolean() ? "GPC_SIGNAL"
                    : pick(CHANNELS, CHANNEL_WEIGHTS);
            events[e] = "{\"id\":\"" + memberId + "-e" + (e + 1) + "\",\"purpose\":\"" + purpose
                    + "\",\"choice\":\"" + (optOut ? "OPT_OUT" : "OPT_IN") + "\",\"effectiveAt\":\"" + instant(effectiveAt)
                    + "\",\"recordedAt\":\"" + instant(recordedAt) + "\",\"channel\":\"" + channel + "\"}";
        }
        // An append-only log may list events out of order.
        boolean reversed = count > 1 && random.nextInt(5) == 0;
        line.append(",\"consent\":[");
        for (int e = 0; e < count; e++) {
            line.append(e > 0 ? "," : "").append(events[reversed ? count - 1 - e : e]);
        }
        line.append(']');
    }

    private void writeItems(Writer out) throws IOException {
        int[] leapDayMembers = leapDayMembers();
        StringBuilder line = new StringBuilder(256);
        for (int i = 0; i < itemCount; i++) {
            int r = random.nextInt(1000);
            int author;
            long created;
            if (r < 5 && leapDayMembers.length > 0) {
                // Members born on 29 February are rare; their items at the edges of coming of age are not left to chance.
                author = leapDayMembers[random.nextInt(leapDayMembers.length)];
                created = comingOfAgeEdge(birthDays[author]);
            } else {
                // Skewed: members with low numbers write more.
                author = (int) (memberCount * Math.pow(random.nextDouble(), 1.5));
                long birth = birthDays[author];
                created = r < 15 ? AS_OF_SECOND
                        : r < 25 && birth != Long.MIN_VALUE ? comingOfAgeEdge(birth)
                        : FIRST_ITEM + random.nextLong(LAST_ITEM - FIRST_ITEM);
            }
            line.setLength(0);
            line.append("{\"id\":\"i-").append(pad(i + 1, 7)).append("\",\"authorId\":\"").append(memberId(author))
                    .append("\",\"category\":\"").append(pick(CATEGORIES, CATEGORY_WEIGHTS)).append("\",\"createdAt\":\"")
                    .append(instant(created)).append('"');
            r = random.nextInt(1000);
            if (r < 3 && created <= AS_OF_SECOND) {
                line.append(",\"deletedAt\":\"").append(instant(AS_OF_SECOND)).append('"');
            } else if (r < 60) {
                line.append(",\"deletedAt\":\"").append(instant(created + random.nextLong(800 * DAY))).append('"');
            }
            line.append(",\"reservations\":[");
            r = random.nextInt(1000);
            if (r < 10) {
                long from = r < 1 ? AS_OF_SECOND : created + random.nextLong(600 * DAY);
                line.append("{\"source\":\"").append(RESERVATION_SOURCES[random.nextInt(RESERVATION_SOURCES.length)])
                        .append("\",\"effectiveFrom\":\"").append(instant(from)).append("\"}");
            }
            line.append("]}\n");
            out.append(line);
        }
    }

    private int[] leapDayMembers() {
        return IntStream.range(0, memberCount)
                .filter(m -> birthDays[m] != Long.MIN_VALUE && LocalDate.ofEpochDay(birthDays[m]).getMonthValue() == 2
                        && LocalDate.ofEpochDay(birthDays[m]).getDayOfMonth() == 29)
                .toArray();
    }

    /**
     * The first instant of the 18th birthday of a member born on {@code birth}, or a second before it;
     * for a birthday on 29 February, by either reading of it in a common year.
     */
    private long comingOfAgeEdge(long birth) {
        LocalDate born = LocalDate.ofEpochDay(birth);
        LocalDate adult = born.plusYears(MINIMUM_AGE);
        if (born.getMonthValue() == 2 && born.getDayOfMonth() == 29 && random.nextBoolean()) {
            adult = adult.plusDays(1);
        }
        long start = adult.toEpochDay() * DAY;
        return random.nextBoolean() ? start : start - 1;
    }

    private String pick(String[] values, int[] weights) {
        int r = random.nextInt(1000);
        for (int k = 0; k < values.length; k++) {
            r -= weights[k];
            if (r < 0) {
                return values[k];
            }
        }
        return values[values.length - 1];
    }

    private static String memberId(int m) {
        return "m-" + pad(m + 1, 6);
    }

    private static String pad(int n, int width) {
        String digits = Integer.toString(n);
        return digits.length() >= width ? digits : "0".repeat(width - digits.length()) + digits;
    }

    private static String instant(long epochSecond) {
        return Instant.ofEpochSecond(epochSecond).toString();
    }
}
