package org.loomcsp.bench.report;

import java.util.Map;
import java.util.TreeMap;

/**
 * One JMH result row: benchmark (fully qualified {@code Class.method}), its parameters, and the
 * primary metric.
 *
 * @param benchmark e.g. {@code org.loomcsp.bench.CommsTimeBenchmark.seqDelta}
 * @param params    JMH parameters of this row (sorted)
 * @param score     primary metric score
 * @param error     99.9% half-width JMH reports (NaN when there were too few samples)
 * @param unit      e.g. {@code ns/op}
 * @param jvmArgs   the forked JVM's arguments, as JMH records them
 * @param min       smallest measured iteration (NaN if no raw data)
 * @param max       largest measured iteration (NaN if no raw data)
 */
public record Result(String benchmark, Map<String, String> params, double score, double error, String unit,
        java.util.List<String> jvmArgs, double min, double max) {

    public Result {
        params = new TreeMap<>(params);
        jvmArgs = java.util.List.copyOf(jvmArgs);
    }

    /** {@code CommsTimeBenchmark.seqDelta}: class simple name + method. */
    public String shortName() {
        String[] parts = benchmark.split("\\.");
        return parts.length >= 2 ? parts[parts.length - 2] + "." + parts[parts.length - 1] : benchmark;
    }

    /** The class simple name without the {@code Benchmark} suffix, e.g. {@code CommsTime}. */
    public String scenario() {
        String cls = shortName().split("\\.")[0];
        return cls.endsWith("Benchmark") ? cls.substring(0, cls.length() - "Benchmark".length()) : cls;
    }

    public String method() {
        String s = shortName();
        return s.substring(s.indexOf('.') + 1);
    }

    /** The series this row belongs to: {@code impl}, or {@code kind}, or {@code backend}, or the method. */
    public String series() {
        for (String key : new String[] {"impl", "kind", "backend"}) {
            String v = params.get(key);
            if (v != null) {
                return key.equals("backend") ? "loomcsp-" + v.toLowerCase(java.util.Locale.ROOT) : v;
            }
        }
        return method();
    }

    /** True when every entry of {@code wanted} is among this row's params (the key "method" matches the method). */
    public boolean matches(Map<String, String> wanted) {
        for (var e : wanted.entrySet()) {
            String have = e.getKey().equals("method") ? method() : params.get(e.getKey());
            if (!e.getValue().equals(have)) {
                return false;
            }
        }
        return true;
    }
}
