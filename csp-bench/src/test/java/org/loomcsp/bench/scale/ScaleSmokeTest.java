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
    }

    @Test
    void failuresAreReportedWithTheReason() {
        // A child that died (e.g. no more native threads) becomes a FAILED row with the error line.
        ScaleMain.Row row = ScaleMain.parse("loomcsp-platform", 40000,
                List.of("[0.1s] warning", "java.lang.OutOfMemoryError: unable to create native thread"), 1, true);
        assertThat(row.failure()).isEqualTo("exit 1: java.lang.OutOfMemoryError: unable to create native thread");
        String md = ScaleMain.markdown(Environment.here("scale", List.of()), List.of(
                new ScaleMain.Row("raw-park", 10, java.util.Map.of("startMs", "1", "windDownMs", "2", "bytesPerProcess", "1000",
                        "heapUsedMb", "5", "rssMb", "50"), null),
                new ScaleMain.Row("loomcsp-virtual", 10, java.util.Map.of("startMs", "1", "windDownMs", "2", "bytesPerProcess", "1100",
                        "heapUsedMb", "5", "rssMb", "50"), null),
                row));
        assertThat(md).contains("| loomcsp-virtual | 10 | 1.00 | 2.00 | 1,100 | 1.10 | - |", "FAILED: exit 1");
    }
}
