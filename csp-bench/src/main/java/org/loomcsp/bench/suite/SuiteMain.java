package org.loomcsp.bench.suite;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.loomcsp.bench.report.Environment;
import org.loomcsp.bench.report.JmhJson;
import org.loomcsp.bench.report.ReportMain;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs the whole JMH suite (or a quick subset) in one go, then writes the JMH JSON, the
 * environment it ran in, and the Markdown report with charts, all in one directory.
 *
 * <p>quick: every scenario, the peers that matter for its targets, 1 fork, 1 x 1 s warm-up,
 * 2 x 1 s measurement (about 7 minutes on 2 cores). headline: only the rows the headline targets
 * compare, 2 forks, 2 x 1 s warm-up, 5 x 1 s measurement (about 6 minutes): the careful re-run
 * of the key comparisons. full: every parameter the benchmark classes declare, with their own
 * settings (2 forks, 3 x 2 s warm-up, 5 x 2 s measurement; about 1.5 hours on 2 cores, 47 minutes
 * with --forks 1).
 */
@Command(name = "bench-suite", mixinStandardHelpOptions = true, description = "Run the loomcsp JMH suite and write the report.")
public final class SuiteMain implements Callable<Integer> {
    enum Mode { quick, headline, full }

    @Option(names = "--mode", defaultValue = "quick", description = "quick or full (default: ${DEFAULT-VALUE}).")
    Mode mode;

    @Option(names = "--include", description = "Only benchmarks matching this JMH regex (e.g. CommsTime).")
    String include;

    @Option(names = "--out", description = "Output directory (default: target/bench/<timestamp>).")
    Path out;

    @Option(names = "--note", description = "A note to print at the top of the report (repeatable).")
    List<String> notes = new ArrayList<>();

    @Option(names = "--forks", description = "Override the mode's fork count.")
    Integer forks;

    @Option(names = "--iterations", description = "Override the mode's measurement iterations.")
    Integer iterations;

    @Option(names = "--pretouch", description = "Touch every page of each fork's heap at its start"
            + " (-XX:+AlwaysPreTouch, about 7 s per fork on 2 cores), so that no iteration allocates into"
            + " memory the kernel has not yet mapped; see ADR 0060, 'The commstime instability'.")
    boolean pretouch;

    /** One Runner invocation: a benchmark regex and parameter overrides. */
    record Run(String include, Map<String, String[]> params) {}

    static final String P = "org.loomcsp.bench.";

    static List<Run> runs(Mode mode) {
        if (mode == Mode.full) {
            return List.of(new Run(P + ".*Benchmark\\..*", Map.of()));
        }
        if (mode == Mode.headline) {
            String[] four = {"loomcsp-virtual", "sq", "jox", "jcsp"};
            // loomcsp-jdksched: the same loomcsp code on the JDK's scheduler, for the scheduler's
            // own before/after (ADR 0060); default carriers: what every user gets (issue 11)
            String[] five = {"loomcsp-virtual", "loomcsp-jdksched", "sq", "jox", "jcsp"};
            String[] both = {"1", "default"};
            return List.of(
                    new Run(P + "SpawnBenchmark.startJoin", Map.of()),
                    new Run(P + "StepBenchmark.(bareLoop|serverAlone)", Map.of()),
                    new Run(P + "RendezvousBenchmark.pingPong", Map.of("impl", five, "carriers", both)),
                    new Run(P + "CommsTimeBenchmark.seqDelta", Map.of("impl", five, "carriers", both)),
                    new Run(P + "CommsTimeFloorBenchmark.seqDelta", Map.of()),
                    new Run(P + "SelectBenchmark.select", Map.of("impl", new String[] {"loomcsp-virtual", "loomcsp-jdksched", "jox"},
                            "ready", new String[] {"2"}, "carriers", both)));
        }
        String[] both = {"1", "default"};
        String[] one = {"1"};
        String[] dflt = {"default"};
        String[] core3 = {"loomcsp-virtual", "sq", "jox"};
        String[] core2 = {"loomcsp-virtual", "jox"};
        String[] sel = {"loomcsp-virtual", "jox", "jcsp"};
        return List.of(
                new Run(P + "SpawnBenchmark.startJoin", Map.of()),
                new Run(P + "SpawnBenchmark.par10k", Map.of("kind", new String[] {"loomcsp-virtual", "thread-virtual"})),
                new Run(P + "StepBenchmark.*", Map.of()),
                new Run(P + "RendezvousBenchmark.pingPong", Map.of("carriers", both)),
                new Run(P + "CommsTimeBenchmark.seqDelta", Map.of("carriers", both)),
                new Run(P + "CommsTimeFloorBenchmark.seqDelta", Map.of()),
                new Run(P + "CommsTimeBenchmark.parDelta",
                        Map.of("impl", new String[] {"loomcsp-virtual", "sq", "jox", "jcsp"}, "carriers", one)),
                new Run(P + "SelectBenchmark.select", Map.of("impl", sel, "carriers", one)),
                new Run(P + "SelectBenchmark.select", Map.of("impl", sel, "ready", new String[] {"2"}, "carriers", dflt)),
                new Run(P + "ChainBenchmark.chain", Map.of("impl", core3, "carriers", one)),
                new Run(P + "ChainBenchmark.chain", Map.of("impl", core2, "carriers", dflt)),
                new Run(P + "ParallelPairsBenchmark.pairs", Map.of("impl", core3, "carriers", one)),
                new Run(P + "ParallelPairsBenchmark.pairs", Map.of("impl", core2, "carriers", dflt)),
                new Run(P + "TokenRingBenchmark.ring", Map.of("impl", core3, "tokens", one, "carriers", one)),
                new Run(P + "TokenRingBenchmark.ring", Map.of("impl", core2, "tokens", one, "carriers", dflt)));
    }

    /**
     * Same heap for every fork; java.lang opened so loomcsp runs on its own scheduler (else it
     * warns and uses the JDK's); on JDK 23+ also silence JMH's own sun.misc.Unsafe warnings;
     * with {@code pretouch}, every page of the heap is mapped before the first iteration.
     */
    static String[] forkArgs(boolean pretouch) {
        List<String> a = new ArrayList<>(List.of("-Xms2g", "-Xmx2g", "--add-opens=java.base/java.lang=ALL-UNNAMED",
                "--add-exports=java.base/jdk.internal.vm=ALL-UNNAMED")); // the continuation floor (CommsTimeFloorBenchmark)
        if (Runtime.version().feature() >= 23) {
            a.add("--sun-misc-unsafe-memory-access=allow");
        }
        if (pretouch) {
            a.add("-XX:+AlwaysPreTouch");
        }
        return a.toArray(String[]::new);
    }

    /**
     * JMH records the forked JVM's executable path ({@code "jvm" : "<the JDK's directory>/bin/java"}):
     * a fact of the measuring machine, not of the measurement (environment.json names the JDK), and
     * a committed report should not carry it. Replaces each such path with {@code "java"}.
     */
    static String withoutJvmPath(String json) {
        return json.replaceAll("(\"jvm\"\\s*:\\s*)\"[^\"]*\"", "$1\"java\"");
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new SuiteMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Path dir = out != null ? out
                : Path.of("target", "bench", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Files.createDirectories(dir);
        if (pretouch) {
            notes.add("every fork ran with -XX:+AlwaysPreTouch (--pretouch): its 2 GB heap was mapped before the first iteration");
        }
        Environment env = Environment.here(mode.name(), notes);
        List<Run> runs = include != null ? List.of(new Run(".*" + include + ".*", Map.of())) : runs(mode);

        List<RunResult> all = new ArrayList<>();
        for (Run run : runs) {
            ChainedOptionsBuilder opts = new OptionsBuilder().include(run.include())
                    .jvmArgsAppend(forkArgs(pretouch))
                    .shouldFailOnError(false);
            if (mode == Mode.quick) {
                opts.forks(1).warmupIterations(1).warmupTime(TimeValue.seconds(1))
                        .measurementIterations(2).measurementTime(TimeValue.seconds(1));
            } else if (mode == Mode.headline) {
                opts.forks(2).warmupIterations(2).warmupTime(TimeValue.seconds(1))
                        .measurementIterations(5).measurementTime(TimeValue.seconds(1));
            }
            if (forks != null) {
                opts.forks(forks);
            }
            if (iterations != null) {
                opts.measurementIterations(iterations);
            }
            run.params().forEach(opts::param);
            Collection<RunResult> rs = new Runner(opts.build()).run();
            all.addAll(rs);
        }
        env = env.withLoadAfter(Environment.loadAverage());

        Path json = dir.resolve("results.json");
        ByteArrayOutputStream jmhJson = new ByteArrayOutputStream();
        try (PrintStream ps = new PrintStream(jmhJson, true, StandardCharsets.UTF_8)) {
            ResultFormatFactory.getInstance(ResultFormatType.JSON, ps).writeOut(all);
        }
        Files.writeString(json, withoutJvmPath(jmhJson.toString(StandardCharsets.UTF_8)));
        env.write(dir.resolve("environment.json"));
        Path md = ReportMain.generate(JmhJson.read(json), env, dir, true);
        System.out.println();
        System.out.println("JMH JSON:  " + json.toAbsolutePath());
        System.out.println("Report:    " + md.toAbsolutePath());
        return 0;
    }

}
