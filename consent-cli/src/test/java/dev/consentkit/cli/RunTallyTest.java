package dev.consentkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.consentkit.Reason;
import org.junit.jupiter.api.Test;

/** The summary's counts add up across batches and keep only the first error lines, however many there are. */
class RunTallyTest {

    @Test
    void addsBatchesKeepingTheFirstTenErrorLines() {
        RunTally run = new RunTally();
        for (int batch = 0; batch < 1_000; batch++) {
            RunTally part = new RunTally();
            for (int line = 1; line <= 4; line++) {
                long number = batch * 5L + line;
                if (line % 2 == 0) {
                    part.error(number);
                } else {
                    part.decided(line == 1 ? Reason.ALLOWED_BY_DEFAULT : Reason.OPTED_OUT);
                }
            }
            run.add(part);
        }

        assertEquals(4_000, run.lines());
        assertEquals(2_000, run.errors());
        assertEquals(1_000, run.trainable());
        assertEquals(1_000, run.count(Reason.OPTED_OUT));
        assertEquals("4,000 items: 1,000 trainable, 1,000 not trainable, 2,000 errors "
                + "(lines 2, 4, 7, 9, 12, 14, 17, 19, 22, 24, ...)", run.headline());
    }

    @Test
    void namesEveryErrorLineWhenThereAreTenOrFewer() {
        RunTally run = new RunTally();
        RunTally part = new RunTally();
        part.error(7);
        run.add(part);
        run.decided(Reason.MINOR);

        assertEquals("2 items: 0 trainable, 1 not trainable, 1 error (line 7)", run.headline());
    }
}
