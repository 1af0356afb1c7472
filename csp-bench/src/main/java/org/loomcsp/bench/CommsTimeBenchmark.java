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
 * Commstime, ns per loop (one loop = 4 communications; divide by 4 for per-communication figures).
 * {@code seqDelta}: Delta2 writes b then d; {@code parDelta}: Delta2 writes b and d in a PAR,
 * adding two process start/joins per loop. Welch's rule: always say which delta.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class CommsTimeBenchmark {
    static final int LOOPS = 20_000;

    @Param({"loomcsp-virtual", "loomcsp-platform", "sq", "exchanger", "abq", "jox", "jcsp"})
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
    @OperationsPerInvocation(LOOPS)
    public long seqDelta() throws Exception {
        return Topologies.commstime(im, LOOPS, false);
    }

    @Benchmark
    @OperationsPerInvocation(LOOPS)
    public long parDelta() throws Exception {
        return Topologies.commstime(im, LOOPS, true);
    }
}
