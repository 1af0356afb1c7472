package org.loomcsp.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.loomcsp.Backend;
import org.loomcsp.CSPProcess;
import org.loomcsp.Par;
import org.loomcsp.bench.support.Driver;
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
 * Process spawn, ns per process. The parent is a virtual thread (as a CSP process spawning
 * children is), started once per invocation: a loomcsp process for loomcsp-virtual (so it runs on
 * the same scheduler as its children), a raw virtual thread otherwise.
 * <ul>
 *   <li>{@code startJoin}: {@value #K} times start one trivial process and join it.
 *       {@code kind}: loomcsp-virtual / loomcsp-platform ({@code CSPProcess} on that backend) vs
 *       thread-virtual / thread-platform (raw {@code Thread.ofVirtual()/ofPlatform()}).</li>
 *   <li>{@code par10k}: one {@code Par} of {@value #PAR} trivial processes, run to completion; the
 *       raw baseline starts {@value #PAR} threads then joins them all.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class SpawnBenchmark {
    static final int K = 1_000;
    static final int PAR = 10_000;

    @Param({"loomcsp-virtual", "loomcsp-platform", "thread-virtual", "thread-platform"})
    public String kind;

    private static final CSPProcess.Body NOTHING = () -> { };
    private static final Runnable NOTHING_RUNNABLE = () -> { };

    @Benchmark
    @OperationsPerInvocation(K)
    public void startJoin() throws Exception {
        parent(() -> {
            switch (kind) {
                case "loomcsp-virtual" -> {
                    for (int i = 0; i < K; i++) {
                        new CSPProcess(NOTHING).backend(Backend.VIRTUAL).start().join();
                    }
                }
                case "loomcsp-platform" -> {
                    for (int i = 0; i < K; i++) {
                        new CSPProcess(NOTHING).backend(Backend.PLATFORM).start().join();
                    }
                }
                case "thread-virtual" -> {
                    for (int i = 0; i < K; i++) {
                        Thread.ofVirtual().start(NOTHING_RUNNABLE).join();
                    }
                }
                case "thread-platform" -> {
                    for (int i = 0; i < K; i++) {
                        Thread.ofPlatform().start(NOTHING_RUNNABLE).join();
                    }
                }
                default -> throw new IllegalArgumentException(kind);
            }
        });
    }

    @Benchmark
    @OperationsPerInvocation(PAR)
    public void par10k() throws Exception {
        parent(() -> {
            switch (kind) {
                case "loomcsp-virtual", "loomcsp-platform" -> {
                    Backend b = kind.equals("loomcsp-virtual") ? Backend.VIRTUAL : Backend.PLATFORM;
                    List<CSPProcess> ps = new ArrayList<>(PAR);
                    for (int i = 0; i < PAR; i++) {
                        ps.add(new CSPProcess(NOTHING).backend(b));
                    }
                    new Par(ps).backend(b).run();
                }
                case "thread-virtual", "thread-platform" -> {
                    Thread.Builder builder = kind.equals("thread-virtual") ? Thread.ofVirtual() : Thread.ofPlatform();
                    Thread[] ts = new Thread[PAR];
                    for (int i = 0; i < PAR; i++) {
                        ts[i] = builder.start(NOTHING_RUNNABLE);
                    }
                    for (Thread t : ts) {
                        t.join();
                    }
                }
                default -> throw new IllegalArgumentException(kind);
            }
        });
    }

    private void parent(org.loomcsp.bench.support.Body body) throws Exception {
        if (kind.equals("loomcsp-virtual")) {
            Driver.inProcess(body);
        } else {
            Driver.inVirtualThread(body);
        }
    }
}
