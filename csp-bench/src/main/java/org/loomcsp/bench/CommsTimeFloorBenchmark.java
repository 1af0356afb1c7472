package org.loomcsp.bench;

import java.util.concurrent.TimeUnit;
import org.loomcsp.bench.support.Floor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The floor under {@link CommsTimeBenchmark}: the same program (sequential Delta), ns per loop,
 * on channels that cost nothing, so that only the JDK's cost of suspending and resuming a
 * process remains ({@link Floor}). {@code virtual-thread}: JDK virtual threads on an inline
 * one-carrier scheduler (the floor under loomcsp, Jox or any library on virtual threads);
 * {@code continuation}: raw {@code jdk.internal.vm.Continuation}s (the floor under any design on
 * this JDK). One carrier by construction; compare with commstime at 1 carrier and with Go's
 * figure at GOMAXPROCS=1 (ADR 0060, "The floor").
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class CommsTimeFloorBenchmark {
    static final int LOOPS = 20_000;

    @Param({"virtual-thread", "continuation"})
    public String floor;

    @Benchmark
    @OperationsPerInvocation(LOOPS)
    public long seqDelta() {
        return floor.equals("continuation") ? Floor.continuations(LOOPS) : Floor.virtualThreads(LOOPS);
    }
}
