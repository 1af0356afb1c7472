package org.loomcsp.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.loomcsp.Backend;

/**
 * Calls the JMH benchmark methods once, directly (no JMH), with their real sizes where they are
 * cheap, so a benchmark that throws or hangs is caught by {@code mvn test}, not by the suite.
 * The "carriers" setting is not applied here (the test JVM's scheduler is already running).
 */
class BenchmarkMethodsSmokeTest {
    @ParameterizedTest
    @ValueSource(strings = {"loomcsp-virtual", "loomcsp-platform", "thread-virtual", "thread-platform"})
    void spawnStartJoin(String kind) throws Exception {
        // 1,000 start+join of a trivial process complete.
        SpawnBenchmark b = new SpawnBenchmark();
        b.kind = kind;
        b.startJoin();
    }

    @ParameterizedTest
    @ValueSource(strings = {"loomcsp-virtual", "thread-virtual"})
    void spawnPar10k(String kind) throws Exception {
        // A Par of 10,000 trivial processes completes.
        SpawnBenchmark b = new SpawnBenchmark();
        b.kind = kind;
        b.par10k();
    }

    @Test
    void stepServersRunEveryStep() throws Exception {
        // A server with a finite iterator performs exactly its steps and ends; same state as the bare loop.
        StepBenchmark b = new StepBenchmark();
        StepBenchmark.Servers s = new StepBenchmark.Servers();
        long floor = b.bareLoop();
        for (Backend backend : Backend.values()) {
            s.backend = backend;
            assertThat(b.serverAlone(s)).isEqualTo(floor);
        }
        s.backend = Backend.VIRTUAL;
        b.servers1000(s);
    }

    @ParameterizedTest
    @ValueSource(strings = {"virtual-thread", "continuation"})
    void theCommstimeFloorComputesCommstimesSumAndEndsItsProcesses(String floor) {
        // The consumer reads 0, 1, 2, ... (Prefix's 0, then each value once round the ring);
        // a second run works as the first (the first run's processes all ended).
        CommsTimeFloorBenchmark b = new CommsTimeFloorBenchmark();
        b.floor = floor;
        long n = CommsTimeFloorBenchmark.LOOPS;
        assertThat(b.seqDelta()).isEqualTo(n * (n - 1) / 2);
        assertThat(b.seqDelta()).isEqualTo(n * (n - 1) / 2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"virtual-thread", "continuation"})
    void theCommstimeFloorDoesNotDependOnTheOrderProcessesRunIn(String floor) {
        // Its channels must not rely on first-come-first-served scheduling (an earlier version
        // lost a wake-up when a writer wrote again before its woken reader ran). Prints its seed;
        // -Dloomcsp.floor.seed=N replays.
        long seed = Long.getLong("loomcsp.floor.seed", System.nanoTime() | 1);
        System.out.printf("theCommstimeFloorDoesNotDependOnTheOrderProcessesRunIn(%s): seed %d%n", floor, seed);
        long n = 5_000;
        long sum = floor.equals("continuation") ? org.loomcsp.bench.support.Floor.continuations(n, seed)
                : org.loomcsp.bench.support.Floor.virtualThreads(n, seed);
        assertThat(sum).as("seed %d", seed).isEqualTo(n * (n - 1) / 2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"loomcsp-virtual", "loomcsp-platform", "jox", "jcsp"})
    void selectOverOneTwoAndEightReadyChannels(String impl) throws Exception {
        // Every selection yields one written value; all 20,000 arrive.
        for (int ready : new int[] {1, 2, 8}) {
            SelectBenchmark b = new SelectBenchmark();
            b.impl = impl;
            b.ready = ready;
            b.carriers = "default";
            b.setup();
            assertThat(b.select()).isEqualTo(SelectBenchmark.N);
        }
    }
}
