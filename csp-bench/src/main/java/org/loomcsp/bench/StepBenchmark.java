package org.loomcsp.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.loomcsp.Backend;
import org.loomcsp.CSPProcess;
import org.loomcsp.CSPServer;
import org.loomcsp.bench.support.XorShiftSteps;
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
 * Cost per step of a {@code CSPServer} (python-csp's {@code @forever}) whose step is trivial, ns
 * per step: {@code serverAlone} runs one server for {@value #STEPS} steps; {@code servers1000}
 * runs 1,000 servers at once, {@value #STEPS_EACH} steps each. {@code bareLoop} is the floor: the
 * same iterator's {@code next()} called in a plain loop. Server start and join are included
 * (amortised over the steps).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class StepBenchmark {
    static final int STEPS = 1_000_000;
    static final int SERVERS = 1_000;
    static final int STEPS_EACH = 10_000;

    @State(Scope.Benchmark)
    public static class Servers {
        @Param({"VIRTUAL", "PLATFORM"})
        public Backend backend;
    }

    @Benchmark
    @OperationsPerInvocation(STEPS)
    public long bareLoop() {
        XorShiftSteps it = new XorShiftSteps(STEPS);
        while (it.hasNext()) {
            it.next();
        }
        return it.state();
    }

    @Benchmark
    @OperationsPerInvocation(STEPS)
    public long serverAlone(Servers s) throws InterruptedException {
        XorShiftSteps it = new XorShiftSteps(STEPS);
        new CSPServer(() -> it).backend(s.backend).run();
        return it.state();
    }

    @Benchmark
    @OperationsPerInvocation(SERVERS * STEPS_EACH)
    public long servers1000(Servers s) throws InterruptedException {
        List<XorShiftSteps> its = new ArrayList<>(SERVERS);
        List<CSPProcess> ps = new ArrayList<>(SERVERS);
        for (int i = 0; i < SERVERS; i++) {
            XorShiftSteps it = new XorShiftSteps(STEPS_EACH);
            its.add(it);
            ps.add(new CSPServer(() -> it).backend(s.backend).start());
        }
        long acc = 0;
        for (int i = 0; i < SERVERS; i++) {
            ps.get(i).join();
            acc += its.get(i).state();
        }
        return acc;
    }
}
