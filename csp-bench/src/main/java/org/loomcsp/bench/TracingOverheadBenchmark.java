package org.loomcsp.bench;

import java.util.concurrent.TimeUnit;
import org.loomcsp.CSPProcess;
import org.loomcsp.Channel;
import org.loomcsp.trace.Tracer;
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
 * The cost of the tracing/JFR hooks on channel operations (issue 4): a rendezvous round trip
 * (write a value to an echo process, read it back) through the public {@link Channel} API.
 *
 * <ul>
 *   <li>{@code mode=off}: no tracer, no JFR recording: the hooks cost one volatile read each.
 *   <li>{@code mode=memory}: an in-memory {@link Tracer} is active (4 events per round trip).
 * </ul>
 *
 * Compare {@code roundTrip} with {@code mode=off} against the same benchmark on a build
 * without the hooks (or against {@code ChannelRendezvous}-style benchmarks of csp-bench) to
 * see the off cost; {@code -prof gc} shows that nothing is allocated by the hooks when off.
 * Run: {@code java -jar csp-bench/target/benchmarks.jar TracingOverhead -prof gc}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TracingOverheadBenchmark {

    @Param({"off", "memory"})
    public String mode;

    private Channel<Integer> to;
    private Channel<Integer> from;
    private CSPProcess echo;
    private Tracer tracer;
    private final Integer value = 7;

    @Setup(Level.Trial)
    public void setUp() {
        to = new Channel<>("to");
        from = new Channel<>("from");
        echo = new CSPProcess("echo", () -> {
            while (true) {
                from.write(to.read());
            }
        }, to, from).start();
        if (mode.equals("memory")) {
            tracer = Tracer.startInMemory();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException {
        if (tracer != null) {
            tracer.close();
        }
        to.poison();
        echo.join();
    }

    /** One write and one read on the caller's side, two on the echo's. */
    @Benchmark
    public Integer roundTrip() throws InterruptedException {
        to.write(value);
        return from.read();
    }

    /** A non-blocking write attempt that fails (no reader): the cheapest hooked path. */
    @Benchmark
    public boolean failedTryWrite() {
        return new Channel<Integer>().tryWrite(value);
    }
}
