package dev.consentkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.consentkit.Reason;
import dev.consentkit.jackson.ConsentDocuments;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Shows that {@code consent demo} prints what a direct evaluation of its sample decides, the same on every run. */
class DemoCommandTest {

    private static final String DEMO_OUTPUT = CliRun.inRepository("demo").out();

    /** The table rows the demo printed, by label: one count per instant. */
    private static Map<String, List<String>> rows() {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        boolean inTable = false;
        for (String line : DEMO_OUTPUT.lines().toList()) {
            if (line.startsWith("reason ")) {
                inTable = true;
                continue;
            }
            if (inTable && line.isBlank()) {
                break;
            }
            if (inTable) {
                String label = line.substring(0, 22).trim();
                rows.put(label, List.of(line.substring(22).trim().split(" +")));
            }
        }
        return rows;
    }

    private static int number(String cell) {
        return Integer.parseInt(cell.replace(",", ""));
    }

    @Test
    void shouldPrintForEveryReasonTheCountsOfADirectEvaluationOfTheSample() {
        DemoSample sample = DemoSample.generate();
        Map<Reason, List<Integer>> expected = new EnumMap<>(Reason.class);
        for (int i = 0; i < DemoSample.INSTANTS.size(); i++) {
            Instant asOf = DemoSample.INSTANTS.get(i);
            Map<Reason, Integer> counts = new EnumMap<>(Reason.class);
            sample.items().forEach(item -> counts.merge(
                    sample.policy().evaluate(item, sample.member(item.authorId()), asOf).reason(), 1, Integer::sum));
            for (Reason reason : Reason.values()) {
                expected.computeIfAbsent(reason, r -> new ArrayList<>()).add(counts.getOrDefault(reason, 0));
            }
        }
        expected.values().removeIf(counts -> counts.stream().allMatch(n -> n == 0));

        Map<Reason, List<Integer>> printed = new EnumMap<>(Reason.class);
        rows().forEach((label, cells) -> {
            if (label.equals(label.toUpperCase(Locale.ROOT))) {
                printed.put(Reason.valueOf(label), cells.stream().map(DemoCommandTest::number).toList());
            }
        });
        assertEquals(expected, printed);
    }

    @Test
    void shouldPrintTheTrainableTotalAndShareOfEachInstant() {
        DemoSample sample = DemoSample.generate();
        Map<String, List<String>> rows = rows();
        for (int i = 0; i < DemoSample.INSTANTS.size(); i++) {
            Instant asOf = DemoSample.INSTANTS.get(i);
            long trainable = sample.items().stream()
                    .filter(item -> sample.policy().isTrainable(item, sample.member(item.authorId()), asOf)).count();
            assertEquals(trainable, number(rows.get("trainable").get(i)), "trainable at " + asOf);
            assertEquals(DemoSample.ITEMS, number(rows.get("total").get(i)));
            assertEquals(String.format(Locale.ROOT, "%.1f%%", 100.0 * trainable / DemoSample.ITEMS),
                    rows.get("trainable share").get(i));
        }
    }

    @Test
    void shouldShowAnItemTrainableBeforeItsAuthorsOptOutAndNotAfter() {
        List<String> lines = DEMO_OUTPUT.lines().toList();
        int story = lines.indexOf("1. An opt-out is not retroactive.");

        assertTrue(story > 0, DEMO_OUTPUT);
        assertTrue(lines.get(story + 2).matches("   at [0-9-]+: trainable \\(ALLOWED_BY_DEFAULT\\) under .*"),
                lines.get(story + 2));
        assertTrue(lines.get(story + 4).matches("   at [0-9-]+: not trainable \\(OPTED_OUT\\) under .*"),
                lines.get(story + 4));
        assertTrue(lines.get(story + 5).matches("       evidence: OPT_OUT event .* via SETTINGS_TOGGLE at .*"),
                lines.get(story + 5));
    }

    @Test
    void shouldPrintTheSameReportOnEveryRun() {
        CliRun again = CliRun.inRepository("demo");

        assertEquals(0, again.exitCode(), again.err());
        assertEquals(DEMO_OUTPUT, again.out());
    }

    @Test
    void shouldGenerateAnEqualSampleEveryTime() {
        DemoSample first = DemoSample.generate();
        DemoSample second = DemoSample.generate();

        assertEquals(first.members(), second.members());
        assertEquals(first.items(), second.items());
        assertEquals(DemoSample.MEMBERS, first.members().size());
        assertEquals(DemoSample.ITEMS, first.items().size());
    }

    @Test
    void shouldUseThePolicyOfTheExampleFiles() throws IOException {
        assertEquals(ConsentDocuments.readPolicy(CliRun.repositoryRoot().resolve("examples/linkedin/policy.json")),
                DemoSample.linkedInPolicy());
    }
}
