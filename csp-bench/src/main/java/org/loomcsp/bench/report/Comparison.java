package org.loomcsp.bench.report;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A ratio between two rows of the same run: {@code numerator.score / denominator.score}, and
 * optionally a target it should meet. Rows are found by benchmark short name
 * ({@code Class.method}) and a subset of params.
 *
 * @param label       what is compared, in words
 * @param numerator   the row on top
 * @param denominator the row below
 * @param rule        how the ratio is judged (or {@link Rule#INFO})
 * @param bound       the target bound for the ratio
 */
public record Comparison(String label, Side numerator, Side denominator, Rule rule, double bound) {

    /** Which row: benchmark short name and params it must have. */
    public record Side(String benchmark, Map<String, String> params) {
        public Optional<Result> find(List<Result> results) {
            return results.stream()
                    .filter(r -> r.shortName().equals(benchmark) && r.matches(params))
                    .findFirst();
        }

        @Override
        public String toString() {
            return benchmark + (params.isEmpty() ? "" : " " + params);
        }
    }

    public enum Rule {
        AT_MOST("<="), AT_LEAST(">="), INFO("");

        final String symbol;

        Rule(String symbol) {
            this.symbol = symbol;
        }
    }

    public static Side side(String benchmark, String... kv) {
        if (kv.length % 2 != 0) {
            throw new IllegalArgumentException("key/value pairs expected");
        }
        java.util.LinkedHashMap<String, String> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return new Side(benchmark, m);
    }

    /** The measured ratio, if both rows are in the results. */
    public Optional<Double> ratio(List<Result> results) {
        var n = numerator.find(results);
        var d = denominator.find(results);
        if (n.isEmpty() || d.isEmpty() || d.get().score() == 0) {
            return Optional.empty();
        }
        return Optional.of(n.get().score() / d.get().score());
    }

    /** "met", "MISSED", "-" (no target) or "not measured". */
    public String verdict(List<Result> results) {
        Optional<Double> r = ratio(results);
        if (r.isEmpty()) {
            return "not measured";
        }
        return switch (rule) {
            case INFO -> "-";
            case AT_MOST -> r.get() <= bound ? "met" : "MISSED";
            case AT_LEAST -> r.get() >= bound ? "met" : "MISSED";
        };
    }

    public String target() {
        return rule == Rule.INFO ? "-" : rule.symbol + " " + Markdown.num(bound);
    }

    /** The headline comparisons the loomcsp issues set as targets, plus a few for context. */
    public static List<Comparison> headline() {
        String ct = "CommsTimeBenchmark.seqDelta", pp = "RendezvousBenchmark.pingPong";
        return List.of(
                new Comparison("spawn: loomcsp virtual / raw Thread.ofVirtual() (start+join)",
                        side("SpawnBenchmark.startJoin", "kind", "loomcsp-virtual"),
                        side("SpawnBenchmark.startJoin", "kind", "thread-virtual"), Rule.AT_MOST, 1.3),
                new Comparison("spawn: loomcsp platform / loomcsp virtual (start+join)",
                        side("SpawnBenchmark.startJoin", "kind", "loomcsp-platform"),
                        side("SpawnBenchmark.startJoin", "kind", "loomcsp-virtual"), Rule.AT_LEAST, 20),
                new Comparison("Par of 10,000: loomcsp virtual / raw virtual threads",
                        side("SpawnBenchmark.par10k", "kind", "loomcsp-virtual"),
                        side("SpawnBenchmark.par10k", "kind", "thread-virtual"), Rule.INFO, 0),
                new Comparison("step: one virtual CSPServer / bare iterator.next() loop",
                        side("StepBenchmark.serverAlone", "backend", "VIRTUAL"),
                        side("StepBenchmark.bareLoop"), Rule.AT_MOST, 2),
                new Comparison("step: one platform CSPServer / bare loop",
                        side("StepBenchmark.serverAlone", "backend", "PLATFORM"),
                        side("StepBenchmark.bareLoop"), Rule.INFO, 0),
                new Comparison("step: 1,000 virtual CSPServers at once / bare loop",
                        side("StepBenchmark.servers1000", "backend", "VIRTUAL"),
                        side("StepBenchmark.bareLoop"), Rule.INFO, 0),
                new Comparison("commstime seq, 1 carrier: loomcsp virtual / Jox",
                        side(ct, "impl", "loomcsp-virtual", "carriers", "1"),
                        side(ct, "impl", "jox", "carriers", "1"), Rule.AT_MOST, 1),
                new Comparison("commstime seq, 1 carrier: loomcsp virtual / SynchronousQueue",
                        side(ct, "impl", "loomcsp-virtual", "carriers", "1"),
                        side(ct, "impl", "sq", "carriers", "1"), Rule.AT_MOST, 1),
                new Comparison("commstime seq, 1 carrier: JCSP / loomcsp virtual",
                        side(ct, "impl", "jcsp", "carriers", "1"),
                        side(ct, "impl", "loomcsp-virtual", "carriers", "1"), Rule.AT_LEAST, 30),
                new Comparison("commstime seq, default carriers: loomcsp virtual / Jox",
                        side(ct, "impl", "loomcsp-virtual", "carriers", "default"),
                        side(ct, "impl", "jox", "carriers", "default"), Rule.INFO, 0),
                new Comparison("commstime seq, default carriers: loomcsp virtual / SynchronousQueue",
                        side(ct, "impl", "loomcsp-virtual", "carriers", "default"),
                        side(ct, "impl", "sq", "carriers", "default"), Rule.AT_MOST, 0.5),
                new Comparison("commstime seq, loomcsp virtual: default carriers / 1 carrier",
                        side(ct, "impl", "loomcsp-virtual", "carriers", "default"),
                        side(ct, "impl", "loomcsp-virtual", "carriers", "1"), Rule.AT_MOST, 1.3),
                new Comparison("commstime seq, 1 carrier: loomcsp virtual / the floor on JDK virtual threads (free channels)",
                        side(ct, "impl", "loomcsp-virtual", "carriers", "1"),
                        side("CommsTimeFloorBenchmark.seqDelta", "floor", "virtual-thread"), Rule.INFO, 0),
                new Comparison("commstime floor: JDK virtual threads / raw continuations (free channels, one carrier)",
                        side("CommsTimeFloorBenchmark.seqDelta", "floor", "virtual-thread"),
                        side("CommsTimeFloorBenchmark.seqDelta", "floor", "continuation"), Rule.INFO, 0),
                new Comparison("commstime seq, default carriers: loomcsp's scheduler / the JDK's",
                        side(ct, "impl", "loomcsp-virtual", "carriers", "default"),
                        side(ct, "impl", "loomcsp-jdksched", "carriers", "default"), Rule.INFO, 0),
                new Comparison("commstime seq, 1 carrier: loomcsp's scheduler / the JDK's",
                        side(ct, "impl", "loomcsp-virtual", "carriers", "1"),
                        side(ct, "impl", "loomcsp-jdksched", "carriers", "1"), Rule.INFO, 0),
                new Comparison("ping-pong, default carriers: loomcsp's scheduler / the JDK's",
                        side(pp, "impl", "loomcsp-virtual", "carriers", "default"),
                        side(pp, "impl", "loomcsp-jdksched", "carriers", "default"), Rule.INFO, 0),
                new Comparison("ping-pong, loomcsp virtual: default carriers / 1 carrier",
                        side(pp, "impl", "loomcsp-virtual", "carriers", "default"),
                        side(pp, "impl", "loomcsp-virtual", "carriers", "1"), Rule.INFO, 0),
                new Comparison("commstime seq, 1 carrier: loomcsp platform / loomcsp virtual",
                        side(ct, "impl", "loomcsp-platform", "carriers", "1"),
                        side(ct, "impl", "loomcsp-virtual", "carriers", "1"), Rule.INFO, 0),
                new Comparison("commstime par, 1 carrier: loomcsp virtual / Jox",
                        side("CommsTimeBenchmark.parDelta", "impl", "loomcsp-virtual", "carriers", "1"),
                        side("CommsTimeBenchmark.parDelta", "impl", "jox", "carriers", "1"), Rule.INFO, 0),
                new Comparison("ping-pong, 1 carrier: loomcsp virtual / Jox",
                        side(pp, "impl", "loomcsp-virtual", "carriers", "1"),
                        side(pp, "impl", "jox", "carriers", "1"), Rule.AT_MOST, 1),
                new Comparison("ping-pong, 1 carrier: loomcsp virtual / SynchronousQueue",
                        side(pp, "impl", "loomcsp-virtual", "carriers", "1"),
                        side(pp, "impl", "sq", "carriers", "1"), Rule.AT_MOST, 1),
                new Comparison("ping-pong, 1 carrier: JCSP / loomcsp virtual",
                        side(pp, "impl", "jcsp", "carriers", "1"),
                        side(pp, "impl", "loomcsp-virtual", "carriers", "1"), Rule.AT_LEAST, 30),
                new Comparison("select, 2 ready, 1 carrier: loomcsp virtual / Jox Select",
                        side("SelectBenchmark.select", "impl", "loomcsp-virtual", "ready", "2", "carriers", "1"),
                        side("SelectBenchmark.select", "impl", "jox", "ready", "2", "carriers", "1"), Rule.AT_MOST, 1),
                new Comparison("select, 2 ready, default carriers: loomcsp virtual / Jox Select",
                        side("SelectBenchmark.select", "impl", "loomcsp-virtual", "ready", "2", "carriers", "default"),
                        side("SelectBenchmark.select", "impl", "jox", "ready", "2", "carriers", "default"), Rule.AT_MOST, 1),
                new Comparison("chain of 10,000, 1 carrier: loomcsp virtual / Jox",
                        side("ChainBenchmark.chain", "impl", "loomcsp-virtual", "carriers", "1"),
                        side("ChainBenchmark.chain", "impl", "jox", "carriers", "1"), Rule.INFO, 0),
                new Comparison("10,000 pairs, 1 carrier: loomcsp virtual / Jox",
                        side("ParallelPairsBenchmark.pairs", "impl", "loomcsp-virtual", "carriers", "1"),
                        side("ParallelPairsBenchmark.pairs", "impl", "jox", "carriers", "1"), Rule.INFO, 0),
                new Comparison("token ring 1,000 nodes 1 token, 1 carrier: loomcsp virtual / SynchronousQueue",
                        side("TokenRingBenchmark.ring", "impl", "loomcsp-virtual", "tokens", "1", "carriers", "1"),
                        side("TokenRingBenchmark.ring", "impl", "sq", "tokens", "1", "carriers", "1"), Rule.INFO, 0));
    }
}
