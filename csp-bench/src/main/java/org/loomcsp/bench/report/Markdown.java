package org.loomcsp.bench.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Renders results as Markdown: environment, headline ratios, then one table (and chart) per benchmark. */
public final class Markdown {
    /** Series order in tables and charts; others follow alphabetically. */
    static final List<String> ORDER = List.of("loomcsp-virtual", "loomcsp-platform", "loomcsp-jdksched", "thread-virtual",
            "thread-platform", "sq", "exchanger", "abq", "jox", "jcsp");

    static final Map<String, String> SERIES_NAMES = Map.of(
            "sq", "SynchronousQueue (vthreads)",
            "exchanger", "Exchanger (vthreads)",
            "abq", "ArrayBlockingQueue(1) (vthreads)",
            "jox", "Jox 1.0.1 (vthreads)",
            "jcsp", "JCSP 1.1-rc5 (platform threads)",
            "thread-virtual", "raw Thread.ofVirtual()",
            "thread-platform", "raw Thread.ofPlatform()");

    static final Map<String, String> DESCRIPTIONS = Map.ofEntries(
            Map.entry("SpawnBenchmark.startJoin", "Start one trivial process and join it, 1,000 times from a virtual parent. ns per process."),
            Map.entry("SpawnBenchmark.par10k", "One Par of 10,000 trivial processes (raw: start 10,000 threads, join all). ns per process."),
            Map.entry("StepBenchmark.bareLoop", "Floor: a bare `iterator.next()` loop over the same trivial step. ns per step."),
            Map.entry("StepBenchmark.serverAlone", "One `CSPServer` stepping a trivial iterator 1,000,000 times (start/join included). ns per step."),
            Map.entry("StepBenchmark.servers1000", "1,000 `CSPServer`s stepping at once, 10,000 steps each. ns per step (all servers)."),
            Map.entry("RendezvousBenchmark.pingPong", "Ping-pong between two processes over two rendezvous channels. ns per round trip (2 communications)."),
            Map.entry("RendezvousBenchmark.stream", "One writer, one reader, one rendezvous channel. ns per message."),
            Map.entry("CommsTimeBenchmark.seqDelta", "Commstime with sequential Delta2 (Prefix, Delta2, Succ, Consumer). ns per loop = 4 communications."),
            Map.entry("CommsTimeFloorBenchmark.seqDelta", "Floor: the same commstime on channels that cost nothing, one carrier by construction: JDK virtual threads on an inline scheduler, or raw `jdk.internal.vm.Continuation`s. ns per loop."),
            Map.entry("CommsTimeBenchmark.parDelta", "Commstime with parallel Delta2 (2 process start/joins per loop). ns per loop = 4 communications."),
            Map.entry("SelectBenchmark.select", "Choice over `ready` channels, each kept ready by its own writer. ns per selection (incl. the communication)."),
            Map.entry("ChainBenchmark.chain", "Chain of 10,000 processes each forwarding to the next; 100 messages end to end. ns per hop (spawn included)."),
            Map.entry("ParallelPairsBenchmark.pairs", "10,000 independent writer/reader pairs, 100 messages each. ns per message (spawn included)."),
            Map.entry("TokenRingBenchmark.ring", "Token ring, 1,000 nodes, `tokens` tokens at evenly spaced nodes, 200 hops per node. ns per hop (spawn included)."));

    private Markdown() {}

    public static String num(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        double a = Math.abs(v);
        if (a >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", v);
        } else if (a >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        } else if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        } else if (a >= 1) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        return String.format(Locale.ROOT, "%.3f", v);
    }

    static String seriesName(String s) {
        return SERIES_NAMES.getOrDefault(s, s);
    }

    static int seriesRank(String s) {
        int i = ORDER.indexOf(s);
        return i >= 0 ? i : ORDER.size();
    }

    /** The params that are not the series key, e.g. {@code carriers=1, ready=2}. */
    static String context(Result r) {
        Map<String, String> m = new TreeMap<>(r.params());
        m.remove("impl");
        m.remove("kind");
        m.remove("backend");
        if (m.isEmpty()) {
            return "-";
        }
        StringBuilder sb = new StringBuilder();
        m.forEach((k, v) -> sb.append(sb.isEmpty() ? "" : ", ").append(k).append('=').append(v));
        return sb.toString();
    }

    /** Rows grouped by benchmark short name, in first-seen order. */
    static Map<String, List<Result>> byBenchmark(List<Result> results) {
        Map<String, List<Result>> m = new LinkedHashMap<>();
        for (Result r : results) {
            m.computeIfAbsent(r.shortName(), k -> new ArrayList<>()).add(r);
        }
        for (List<Result> rows : m.values()) {
            rows.sort(Comparator.comparing(Markdown::context).thenComparing(r -> seriesRank(r.series()))
                    .thenComparing(Result::series));
        }
        return m;
    }

    /** What each row is compared with: raw virtual threads for spawn, the bare loop for steps, else loomcsp-virtual. */
    static Optional<Result> baseline(Result r, List<Result> all) {
        String cls = r.shortName().substring(0, r.shortName().indexOf('.'));
        if (cls.equals("StepBenchmark")) {
            return all.stream().filter(x -> x.shortName().equals("StepBenchmark.bareLoop")).findFirst();
        }
        String key = r.params().containsKey("impl") ? "impl" : r.params().containsKey("kind") ? "kind" : null;
        if (key == null) {
            return Optional.empty();
        }
        String base = cls.equals("SpawnBenchmark") ? "thread-virtual" : "loomcsp-virtual";
        Map<String, String> want = new TreeMap<>(r.params());
        want.put(key, base);
        return all.stream().filter(x -> x.shortName().equals(r.shortName()) && x.params().equals(want)).findFirst();
    }

    static String baselineLabel(String shortName) {
        if (shortName.startsWith("StepBenchmark.")) {
            return "bare loop";
        }
        return shortName.startsWith("SpawnBenchmark.") ? "raw Thread.ofVirtual()" : "loomcsp-virtual";
    }

    static double firstLoad(String loadavg) {
        try {
            return Double.parseDouble(loadavg.trim().split("\\s+")[0]);
        } catch (RuntimeException e) {
            return 0;
        }
    }

    /** The whole report. {@code charts} maps benchmark short name to a PNG file name (may be empty). */
    public static String render(List<Result> results, Environment env, Map<String, String> charts) {
        StringBuilder md = new StringBuilder();
        md.append("# loomcsp benchmark report\n\n");
        md.append("| | |\n|---|---|\n");
        md.append("| Date | ").append(env.date()).append(" |\n");
        md.append("| JDK | ").append(env.jdk()).append(" |\n");
        md.append("| OS | ").append(env.os()).append(" |\n");
        md.append("| CPU | ").append(env.cpu()).append(" |\n");
        md.append("| Cores (availableProcessors) | ").append(env.cores()).append(" |\n");
        md.append("| `jdk.virtualThreadScheduler.parallelism` | rows with carriers=1: **1**; carriers=default and rows without a carriers column: **")
                .append(env.defaultParallelism()).append("** |\n");
        md.append("| Mode | ").append(env.mode()).append(" |\n");
        if (!env.loadBefore().isEmpty() || !env.loadAfter().isEmpty()) {
            md.append("| Load average (/proc/loadavg) before / after | ").append(env.loadBefore()).append(" / ")
                    .append(env.loadAfter()).append(" |\n");
        }
        md.append('\n');
        for (String note : env.notes()) {
            md.append("> ").append(note).append("\n\n");
        }
        double load = Math.max(firstLoad(env.loadBefore()), firstLoad(env.loadAfter()));
        if (load > env.cores()) {
            md.append(String.format(Locale.ROOT, "> **Noisy run:** the 1-minute load average reached %.1f on %d cores, so other"
                    + " processes competed for the CPUs during this run. Differences under ~1.5x, and absolute values,"
                    + " are not reliable here; re-run the comparison that matters on a quiet machine.%n%n", load, env.cores()));
        }
        md.append("Every ratio below divides two rows of this one run (same machine, JDK and time); ")
                .append("absolute figures from other machines are not comparable. Scores are JMH AverageTime; ")
                .append("the ± column is JMH's 99.9% confidence half-width (n/a with a single fork and few iterations), ")
                .append("min – max the spread of the measured iterations. ")
                .append("A ratio above 1 means slower than the baseline.\n\n");

        md.append("## Headline comparisons\n\n");
        md.append("| comparison | ratio | target | verdict |\n|---|---:|---:|---|\n");
        for (Comparison c : Comparison.headline()) {
            md.append("| ").append(c.label()).append(" | ")
                    .append(c.ratio(results).map(Markdown::num).orElse("-")).append(" | ")
                    .append(c.target()).append(" | ").append(c.verdict(results)).append(" |\n");
        }
        md.append('\n');

        for (var e : byBenchmark(results).entrySet()) {
            String name = e.getKey();
            List<Result> rows = e.getValue();
            md.append("## ").append(name).append("\n\n");
            String desc = DESCRIPTIONS.get(name);
            if (desc != null) {
                md.append(desc).append("\n\n");
            }
            md.append("| context | implementation | score | ± | min – max | unit | ratio to ").append(baselineLabel(name)).append(" |\n");
            md.append("|---|---|---:|---:|---:|---|---:|\n");
            for (Result r : rows) {
                String ratio = baseline(r, results).map(b -> num(r.score() / b.score())).orElse("-");
                md.append("| ").append(context(r)).append(" | ").append(seriesName(r.series())).append(" | ")
                        .append(num(r.score())).append(" | ").append(num(r.error())).append(" | ")
                        .append(num(r.min())).append(" – ").append(num(r.max())).append(" | ")
                        .append(r.unit()).append(" | ").append(ratio).append(" |\n");
            }
            md.append('\n');
            String png = charts.get(name);
            if (png != null) {
                md.append("![").append(name).append("](").append(png).append(")\n\n");
            }
        }
        return md.toString();
    }
}
