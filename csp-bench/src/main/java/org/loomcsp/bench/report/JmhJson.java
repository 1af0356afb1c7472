package org.loomcsp.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the JSON that JMH writes with {@code -rf json}. */
public final class JmhJson {
    private JmhJson() {}

    public static List<Result> read(Path file) throws IOException {
        return parse(new ObjectMapper().readTree(file.toFile()));
    }

    public static List<Result> parse(String json) throws IOException {
        return parse(new ObjectMapper().readTree(json));
    }

    static List<Result> parse(JsonNode root) {
        if (!root.isArray()) {
            throw new IllegalArgumentException("JMH JSON must be an array of results");
        }
        List<Result> out = new ArrayList<>();
        for (JsonNode r : root) {
            Map<String, String> params = new LinkedHashMap<>();
            JsonNode ps = r.path("params");
            ps.fieldNames().forEachRemaining(k -> params.put(k, ps.get(k).asText()));
            JsonNode m = r.path("primaryMetric");
            double err = m.path("scoreError").isNumber() ? m.path("scoreError").asDouble() : Double.NaN;
            List<String> jvmArgs = new ArrayList<>();
            r.path("jvmArgs").forEach(a -> jvmArgs.add(a.asText()));
            double min = Double.NaN, max = Double.NaN;
            for (JsonNode fork : m.path("rawData")) {
                for (JsonNode v : fork) {
                    double d = v.asDouble();
                    min = Double.isNaN(min) ? d : Math.min(min, d);
                    max = Double.isNaN(max) ? d : Math.max(max, d);
                }
            }
            out.add(new Result(r.path("benchmark").asText(), params, m.path("score").asDouble(), err,
                    m.path("scoreUnit").asText(), jvmArgs, min, max));
        }
        return out;
    }
}
