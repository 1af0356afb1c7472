package org.loomcsp.bench;

import java.util.concurrent.TimeUnit;
import org.loomcsp.bench.support.Carriers;
import org.loomcsp.bench.support.Impl;
import org.loomcsp.bench.support.Topologies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A chain of {@value #LENGTH} processes each forwarding to the next (Jox's ChainedBenchmark);
 * {@value #MESSAGES} messages go end to end per invocation; ns per hop, process start included.
 * The platform-thread implementations are only in the full suite (10,000 OS threads per invocation).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class ChainBenchmark {
    static final int LENGTH = 10_000;
    static final int MESSAGES = 100;

    @Param({"loomcsp-virtual", "sq", "exchanger", "abq", "jox"})
    public String impl;

    @Param({"1", "default"})
    public String carriers;

    private Impl im;

    @Setup
    public void setup() {
        Carriers.apply(carriers);
        im = Impl.of(impl);
    }

    @Benchmark
    @OperationsPerInvocation(LENGTH * MESSAGES)
    public void chain() throws Exception {
        Topologies.chain(im, LENGTH, MESSAGES);
    }
}
