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
 * Token ring of {@value #NODES} processes, {@code tokens} tokens injected at evenly spaced nodes,
 * {@value #TRIALS} hops per node; ns per hop = elapsed / (TRIALS * NODES), process start included.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class TokenRingBenchmark {
    static final int NODES = 1_000;
    static final int TRIALS = 200;

    @Param({"loomcsp-virtual", "loomcsp-platform", "sq", "exchanger", "abq", "jox", "jcsp"})
    public String impl;

    @Param({"1", "10"})
    public int tokens;

    @Param({"1", "default"})
    public String carriers;

    private Impl im;

    @Setup
    public void setup() {
        Carriers.apply(carriers);
        im = Impl.of(impl);
    }

    @Benchmark
    @OperationsPerInvocation(NODES * TRIALS)
    public long ring() throws Exception {
        return Topologies.tokenRing(im, NODES, tokens, TRIALS);
    }
}
