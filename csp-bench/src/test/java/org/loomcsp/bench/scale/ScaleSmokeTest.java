package org.loomcsp.bench.scale;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.loomcsp.bench.report.Environment;

class ScaleSmokeTest {
    @ParameterizedTest
    @ValueSource(strings = {"raw-park", "raw-sq", "loomcsp-virtual", "loomcsp-platform"})
    void parksWakesAndEndsEveryProcess(String mode) throws Exception {
        // N processes park, are woken (poison for loomcsp) and all end; the result line parses back.
        Parked.Measurement m = Parked.measure(mode, 200);
        assertThat(m.n()).isEqualTo(200);
        assertThat(m.startMs()).isPositive();
        ScaleMain.Row row = ScaleMain.parse(mode, 200, List.of("noise", m.line()), 0, true);
        assertThat(row.failure()).isNull();
        assertThat(row.values()).containsEntry("mode", mode).containsEntry("n", "200").containsKey("bytesPerProcess");
        if (mode.startsWith("raw") || mode.endsWith("virtual")) {
            assertThat(m.stackBytesPerProcess()).as("virtual threads keep their parked stacks in heap chunks").isPositive();
        }
    }

    @Test
    void failuresAreReportedWithTheReason() {
        // A child that died (e.g. no more native threads) becomes a FAILED row with the error line.
        ScaleMain.Row row = ScaleMain.parse("loomcsp-platform", 40000,
                List.of("[0.1s] warning", "java.lang.OutOfMemoryError: unable to create native thread"), 1, true);
        assertThat(row.failure()).isEqualTo("exit 1: java.lang.OutOfMemoryError: unable to create native thread");
        String md = ScaleMain.markdown(Environment.here("scale", List.of()), List.of(
                run("raw-sq", 1000, 400), run("loomcsp-virtual", 1100, 420), run("raw-sq", 1000, 400),
                run("loomcsp-virtual", 1300, 460), run("loomcsp-virtual", 1150, 400), row));
        // Medians over the runs (1,150 of 1,100/1,150/1,300); the ratio is of medians; the split
        // into stack chunks and the rest is per run, then the median.
        assertThat(md).contains("| loomcsp-virtual | 10 | 3 | 1.00 | 2.00 | 1,150 | 1,100 - 1,300 | 420 | 750 | 1.15 | - | 5 | 50 |",
                "| raw-sq | 10 | 2 |", "FAILED: exit 1");
    }

    private static ScaleMain.Row run(String mode, int bytes, int stack) {
        return new ScaleMain.Row(mode, 10, java.util.Map.of("startMs", "1", "windDownMs", "2", "bytesPerProcess",
                Integer.toString(bytes), "stackBytesPerProcess", Integer.toString(stack), "heapUsedMb", "5", "rssMb", "50"), null);
    }
}
