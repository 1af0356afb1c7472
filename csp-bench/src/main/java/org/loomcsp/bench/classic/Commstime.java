package org.loomcsp.bench.classic;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.loomcsp.Backend;
import org.loomcsp.CSPProcess;
import org.loomcsp.Channel;
import org.loomcsp.Par;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Commstime as python-csp ran it ({@code benchmark/commstime/commstime.py}): Prefix(c -> a, 0),
 * Delta2(a -> b, d), Succ(b -> c), Consumer(d). The consumer does one untimed warm-up read, times
 * N reads, prints {@code elapsed/(4*N)} per communication, then poisons d; the poison spreads
 * round the ring (every process was given its channels) and the Par ends. Repeated for several
 * runs; mean and standard deviation at the end, beside python-csp's published figures.
 */
@Command(name = "commstime", mixinStandardHelpOptions = true,
        description = "The commstime CSP benchmark (python-csp's output, loomcsp processes).")
public final class Commstime implements Callable<Integer> {
    @Option(names = {"-n", "--loops"}, defaultValue = "5000", description = "Timed reads per run (python-csp: 5000).")
    int n;

    @Option(names = {"-r", "--runs"}, defaultValue = "10", description = "Runs (python-csp: 10).")
    int runs;

    @Option(names = {"-d", "--delta"}, defaultValue = "seq", description = "Delta2 outputs: seq (python-csp), par (occam PAR), or both.")
    String delta;

    @Option(names = {"-b", "--backend"}, defaultValue = "VIRTUAL", description = "VIRTUAL or PLATFORM.")
    Backend backend;

    @Option(names = "--carriers", description = "Set jdk.virtualThreadScheduler.parallelism (default: JDK default).")
    Integer carriers;

    @Option(names = {"-q", "--quiet"}, description = "Only the per-run line and the summary.")
    boolean quiet;

    @Spec
    CommandSpec spec;

    /** python-csp slides (CPA 2009, "Commstime results"), microseconds per communication: mean, s.d. */
    static final String[][] PUBLISHED = {
        {"JCSP (Java threads)", "23.8", "4.29"},
        {"python-csp (processes)", "116.75", "35.53"},
        {"python-csp (threads)", "225.77", "17.51"},
        {"jython-csp (Java threads)", "157.8", "30.78"},
        {"PyCSP (greenlets)", "24.41", "0.36"},
    };

    public static void main(String[] args) {
        System.exit(new CommandLine(new Commstime()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        RunInfo.applyCarriers(carriers);
        PrintWriter out = spec.commandLine().getOut();
        if (n < 1 || runs < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--loops and --runs must be >= 1");
        }
        RunInfo.print(out);
        List<String> deltas = switch (delta.toLowerCase(Locale.ROOT)) {
            case "seq" -> List.of("seq");
            case "par" -> List.of("par");
            case "both" -> List.of("seq", "par");
            default -> throw new CommandLine.ParameterException(spec.commandLine(), "--delta is seq, par or both");
        };
        for (String d : deltas) {
            out.printf("# commstime, %s Delta2, backend %s, N = %d, %d runs%n", d, backend, n, runs);
            List<Double> us = new ArrayList<>();
            for (int run = 1; run <= runs; run++) {
                if (!quiet) {
                    out.printf("----------- run %d/%d -------------%n", run, runs);
                }
                double perComm = runOnce(out, d.equals("par"));
                us.add(perComm);
                if (quiet) {
                    out.printf(Locale.ROOT, "run %d/%d: %.4f us per communication%n", run, runs, perComm);
                }
                out.flush();
            }
            Stats s = Stats.of(us);
            out.printf(Locale.ROOT, "loomcsp %s (%s Delta2): mean %.4f us per communication, s.d. %.4f us, %d runs of N = %d%n",
                    backend.name().toLowerCase(Locale.ROOT), d, s.mean(), s.sd(), s.n(), n);
            out.println("published, python-csp slides (CPA 2009), us per communication (mean, s.d.), other hardware:");
            for (String[] p : PUBLISHED) {
                out.printf(Locale.ROOT, "  %-28s %8s %7s   (%.1fx loomcsp's mean here)%n", p[0], p[1], p[2],
                        Double.parseDouble(p[1]) / s.mean());
            }
            out.flush();
        }
        return 0;
    }

    /** One run with fresh channels and processes; returns microseconds per communication. */
    double runOnce(PrintWriter out, boolean parDelta) throws InterruptedException {
        Channel<Integer> a = new Channel<>(), b = new Channel<>(), c = new Channel<>(), d = new Channel<>();
        double[] result = new double[1];
        CSPProcess prefix = new CSPProcess(() -> {
            a.write(0);
            while (true) {
                a.write(c.read());
            }
        }, c, a);
        CSPProcess delta2 = parDelta
                ? new CSPProcess(() -> {
                    while (true) {
                        Integer x = a.read();
                        // Both children get b and d: poison met by either reaches the other and, via Succ
                        // and Prefix, comes back to this process's next read of a.
                        new Par(new CSPProcess(() -> b.write(x), b, d).backend(backend),
                                new CSPProcess(() -> d.write(x), b, d).backend(backend)).backend(backend).run();
                    }
                }, a, b, d)
                : new CSPProcess(() -> {
                    while (true) {
                        Integer x = a.read();
                        b.write(x);
                        d.write(x);
                    }
                }, a, b, d);
        CSPProcess succ = new CSPProcess(() -> {
            while (true) {
                c.write(b.read() + 1);
            }
        }, b, c);
        CSPProcess consumer = new CSPProcess(() -> {
            d.read(); // warm-up read, untimed
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                d.read();
            }
            long dt = System.nanoTime() - t0;
            double seconds = dt / 1e9;
            double perComm = seconds / (4.0 * n);
            result[0] = perComm * 1e6;
            if (!quiet) {
                out.printf(Locale.ROOT, "DT = %.6f s%n", seconds);
                out.printf(Locale.ROOT, "Time per ch : %.6f/(4*%d) = %.4e s = %.4f us%n", seconds, n, perComm, perComm * 1e6);
                out.println("consumer done, poisoning channel");
            }
            d.poison();
        }, d);
        for (CSPProcess p : List.of(prefix, delta2, succ, consumer)) {
            p.backend(backend);
        }
        new Par(prefix, delta2, succ, consumer).backend(backend).run();
        if (!quiet) {
            out.println("Finished run...");
        }
        return result[0];
    }
}
