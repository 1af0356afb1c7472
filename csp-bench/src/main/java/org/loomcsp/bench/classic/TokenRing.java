package org.loomcsp.bench.classic;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.loomcsp.bench.support.Body;
import org.loomcsp.bench.support.Chan;
import org.loomcsp.bench.support.Impl;
import org.loomcsp.bench.support.Running;
import org.loomcsp.bench.support.Topologies;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Token ring (python-csp {@code benchmark/tokenring}, corrected): a ring of N processes, node i
 * reading channel i and writing channel i+1 mod N; T tokens injected at evenly spaced nodes;
 * every node makes TRIALS hops (read, increment, write). An injecting node writes first and
 * absorbs one token at the end, so the ring ends by itself. Per-hop time is
 * {@code elapsed / (TRIALS * N)}; python-csp divided by 2^N and printed "ms" for microseconds,
 * and never injected more than one token.
 *
 * <p>The clock starts once every process has started (injectors wait on a latch), so the
 * process start-up time is reported separately.
 */
@Command(name = "tokenring", mixinStandardHelpOptions = true,
        description = "Token ring benchmark: microseconds per hop for ring sizes 2..1,000,000.")
public final class TokenRing implements Callable<Integer> {
    @Option(names = {"-n", "--nodes"}, split = ",", defaultValue = "2,4,8,16,32,64,128,256,512,1024",
            description = "Ring sizes, comma separated (2..1000000). Default: ${DEFAULT-VALUE}.")
    List<Integer> nodes;

    @Option(names = {"-t", "--tokens"}, defaultValue = "1", description = "Tokens in the ring (1 <= T < N).")
    int tokens;

    @Option(names = "--trials", defaultValue = "10000", description = "Hops per node (python-csp TRIALS: 10000).")
    int trials;

    @Option(names = {"-r", "--runs"}, defaultValue = "3", description = "Runs per ring size.")
    int runs;

    @Option(names = {"-i", "--impl"}, defaultValue = "loomcsp-virtual",
            description = "loomcsp-virtual, loomcsp-platform, sq, exchanger, abq, jox, jcsp.")
    String impl;

    @Option(names = "--carriers", description = "Set jdk.virtualThreadScheduler.parallelism (default: JDK default).")
    Integer carriers;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new TokenRing()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        RunInfo.applyCarriers(carriers);
        PrintWriter out = spec.commandLine().getOut();
        for (int n : nodes) {
            if (n < 2 || n > 1_000_000 || tokens < 1 || tokens >= n || trials < 1 || runs < 1) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "need 2 <= nodes <= 1000000, 1 <= tokens < nodes, trials >= 1, runs >= 1 (nodes " + n + ")");
            }
        }
        RunInfo.print(out);
        Impl im = Impl.of(impl);
        out.printf("# token ring, %s, %d token(s), %d hops per node, %d run(s) per size%n", impl, tokens, trials, runs);
        out.printf("%10s %8s %14s %14s %12s %14s%n", "nodes", "tokens", "hops", "us/hop mean", "us/hop s.d.", "start ms mean");
        for (int n : nodes) {
            List<Double> perHop = new ArrayList<>();
            List<Double> startMs = new ArrayList<>();
            for (int r = 0; r < runs; r++) {
                double[] t = runOnce(im, n, tokens, trials);
                startMs.add(t[0]);
                perHop.add(t[1]);
            }
            Stats h = Stats.of(perHop), s = Stats.of(startMs);
            out.printf(Locale.ROOT, "%10d %8d %14d %14.4f %12.4f %14.2f%n", n, tokens, (long) trials * n, h.mean(), h.sd(), s.mean());
            out.flush();
        }
        return 0;
    }

    /** Returns {start-up ms, us per hop}. */
    static double[] runOnce(Impl im, int n, int tokens, int trials) throws Exception {
        List<Chan<Integer>> cs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            cs.add(im.channel());
        }
        boolean[] injects = Topologies.injectors(n, tokens);
        CountDownLatch go = new CountDownLatch(1);
        long[] absorbed = new long[n];
        List<Body> ps = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Chan<Integer> in = cs.get(i), out = cs.get((i + 1) % n);
            int idx = i;
            ps.add(injects[i]
                    ? () -> {
                        go.await();
                        out.send(0);
                        for (int k = 1; k < trials; k++) {
                            out.send(in.recv() + 1);
                        }
                        absorbed[idx] = in.recv();
                    }
                    : () -> {
                        for (int k = 0; k < trials; k++) {
                            out.send(in.recv() + 1);
                        }
                    });
        }
        long t0 = System.nanoTime();
        Running running = im.start(ps);
        long t1 = System.nanoTime();
        go.countDown();
        running.join();
        long t2 = System.nanoTime();
        long total = 0;
        for (long a : absorbed) {
            total += a;
        }
        if (total != (long) trials * n - tokens) {
            throw new IllegalStateException("token ring lost tokens: " + total);
        }
        return new double[] {(t1 - t0) / 1e6, (t2 - t1) / 1e3 / ((double) trials * n)};
    }
}
