package dev.consentkit.benchmarks.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Checks that two NDJSON files of decision records, one from {@code consent evaluate} and one from
 * {@link DuckDbEvaluate}, name the same trainable items in the same order, line by line, and give
 * every item the same reason. Prints a one-line verdict, or the first differences, and exits with 1
 * when they differ or when {@code consent evaluate} wrote an error record.
 *
 * <p>A record is {@code {"itemId":..,"memberId":..,"trainable":..,"reason":..}}. An error record has
 * {@code error}.
 */
public final class DecisionAgreement {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SHOWN = 10;

    private DecisionAgreement() {}

    /**
     * Compares and prints.
     *
     * @param args the records of {@code consent evaluate}, then DuckDB's
     * @throws IOException if a file cannot be read or holds a line that is not JSON
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: DecisionAgreement CONSENT_OUTPUT DUCKDB_OUTPUT");
            System.exit(2);
        }
        List<String> problems = new ArrayList<>();
        String verdict = compare(read(Path.of(args[0])), read(Path.of(args[1])), problems);
        if (!problems.isEmpty()) {
            System.out.println("the outputs differ:");
            problems.forEach(p -> System.out.println("  " + p));
            System.exit(1);
        }
        System.out.println(verdict);
    }

    /** One record: the item and its decision, or an error. */
    record Row(long line, String itemId, boolean trainable, String reason, String error) {}

    /** The records of one output. */
    record Output(List<Row> rows, List<Row> errors) {}

    /**
     * Reads one output.
     *
     * @param file an NDJSON file of decision and error records
     * @return its records, apart from its error records
     * @throws IOException if the file cannot be read or a line is not JSON
     */
    static Output read(Path file) throws IOException {
        List<Row> rows = new ArrayList<>();
        List<Row> errors = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            long number = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                number++;
                JsonNode record = JSON.readTree(line);
                String itemId = record.path("itemId").asText();
                if (record.has("error")) {
                    errors.add(new Row(number, itemId, false, "", record.path("error").asText()));
                } else {
                    rows.add(new Row(number, itemId, record.path("trainable").asBoolean(),
                            record.path("reason").asText(), ""));
                }
            }
        }
        return new Output(rows, errors);
    }

    /**
     * Compares the outputs; adds a line per difference shown to {@code problems}.
     *
     * @param consent the records of {@code consent evaluate}
     * @param duckDb DuckDB's records
     * @param problems where the differences go, at most ten of each kind
     * @return the verdict when {@code problems} stays empty
     */
    static String compare(Output consent, Output duckDb, List<String> problems) {
        for (Row error : consent.errors().subList(0, Math.min(SHOWN, consent.errors().size()))) {
            problems.add("consent evaluate, line " + error.line() + ": error " + error.error());
        }
        List<String> consentTrainable = trainableIds(consent);
        List<String> duckDbTrainable = trainableIds(duckDb);
        int shown = 0;
        int common = Math.min(consentTrainable.size(), duckDbTrainable.size());
        for (int k = 0; k < common && shown < SHOWN; k++) {
            if (!consentTrainable.get(k).equals(duckDbTrainable.get(k))) {
                problems.add(String.format(Locale.ROOT, "trainable item %,d: consent evaluate %s, DuckDB %s", k + 1,
                        consentTrainable.get(k), duckDbTrainable.get(k)));
                shown++;
            }
        }
        if (consentTrainable.size() != duckDbTrainable.size()) {
            problems.add(String.format(Locale.ROOT, "consent evaluate finds %,d trainable items, DuckDB %,d",
                    consentTrainable.size(), duckDbTrainable.size()));
        }
        if (consent.rows().size() != duckDb.rows().size()) {
            problems.add(String.format(Locale.ROOT, "consent evaluate decides %,d items, DuckDB %,d",
                    consent.rows().size(), duckDb.rows().size()));
        }
        long reasonsDiffer = 0;
        for (int k = 0; k < Math.min(consent.rows().size(), duckDb.rows().size()); k++) {
            Row a = consent.rows().get(k);
            Row b = duckDb.rows().get(k);
            if (!a.itemId().equals(b.itemId()) || !a.reason().equals(b.reason())) {
                if (reasonsDiffer++ < SHOWN) {
                    problems.add(String.format(Locale.ROOT, "decision %,d: consent evaluate %s %s, DuckDB %s %s", k + 1,
                            a.itemId(), a.reason(), b.itemId(), b.reason()));
                }
            }
        }
        if (reasonsDiffer > 0) {
            problems.add(String.format(Locale.ROOT, "%,d of %,d decisions differ in item or reason", reasonsDiffer,
                    consent.rows().size()));
        }
        return String.format(Locale.ROOT, "%,d trainable items of %,d, identical line by line; every item's reason agrees",
                consentTrainable.size(), consent.rows().size());
    }

    private static List<String> trainableIds(Output output) {
        List<String> ids = new ArrayList<>();
        for (Row row : output.rows()) {
            if (row.trainable()) {
                ids.add(row.itemId());
            }
        }
        return ids;
    }
}
