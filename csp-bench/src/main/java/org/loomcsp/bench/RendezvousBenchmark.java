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
 * Rendezvous between two processes. {@code pingPong}: ns per round trip (2 communications);
 * {@code stream}: ns per message, one writer and one reader (Jox's RendezvousBenchmark).
 * Jox style: each invocation starts its own two processes and moves {@value #N} messages.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class RendezvousBenchmark {
    static final int N = 20_000;

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
    @OperationsPerInvocation(N)
    public void pingPong() throws Exception {
        Topologies.pingPong(im, N);
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public void stream() throws Exception {
        Topologies.stream(im, N);
    }
}
