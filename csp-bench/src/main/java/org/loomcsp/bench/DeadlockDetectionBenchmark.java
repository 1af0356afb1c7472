package org.loomcsp.bench;

import java.util.concurrent.TimeUnit;
import org.loomcsp.CSPProcess;
import org.loomcsp.Channel;
import org.loomcsp.Csp;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of deadlock detection when nothing is deadlocked (issue 4, ADR 0020), on and off:
 *
 * <ul>
 *   <li>{@code roundTrip}: a blocking rendezvous round trip with an echo process. Detection
 *       adds nothing to channel operations (waits are read from park blockers), so on and off
 *       should be equal within noise.
 *   <li>{@code startAndJoin}: start an empty process and join it from a non-process thread:
 *       detection adds the registry put/remove and the watch registration (an untimed join).
 * </ul>
 *
 * Run: {@code java -jar csp-bench/target/benchmarks.jar DeadlockDetection}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DeadlockDetectionBenchmark {

    @Param({"true", "false"})
    public boolean detection;

    private Channel<Integer> to;
    private Channel<Integer> from;
    private CSPProcess echo;
    private final Integer value = 7;

    @Setup(Level.Trial)
    public void setUp() {
        Csp.setDeadlockDetection(detection);
        to = new Channel<>("to");
        from = new Channel<>("from");
        echo = new CSPProcess("echo", () -> {
            while (true) {
                from.write(to.read());
            }
        }, to, from).start();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException {
        to.poison();
        echo.join();
    }

    @Benchmark
    public Integer roundTrip() throws InterruptedException {
        to.write(value);
        return from.read();
    }

    @Benchmark
    public void startAndJoin() throws InterruptedException {
        new CSPProcess(() -> { }).run();
    }
}
