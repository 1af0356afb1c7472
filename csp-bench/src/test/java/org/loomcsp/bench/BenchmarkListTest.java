package org.loomcsp.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BenchmarkListTest {
    @Test
    void jmhAnnotationProcessorRanAndListedEveryBenchmark() throws Exception {
        // Since JDK 23 javac skips class-path processors; the generator must be in annotationProcessorPaths.
        try (InputStream in = getClass().getResourceAsStream("/META-INF/BenchmarkList")) {
            assertThat(in).as("META-INF/BenchmarkList (JMH annotation processor output)").isNotNull();
            String list = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(list).contains("SpawnBenchmark", "StepBenchmark", "RendezvousBenchmark", "CommsTimeBenchmark",
                    "SelectBenchmark", "ChainBenchmark", "ParallelPairsBenchmark", "TokenRingBenchmark",
                    "CommsTimeFloorBenchmark");
        }
    }
}
