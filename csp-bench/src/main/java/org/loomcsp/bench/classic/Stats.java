package org.loomcsp.bench.classic;

import java.util.List;

/** Mean and sample standard deviation, as python-csp's published commstime table. */
public record Stats(double mean, double sd, int n) {
    public static Stats of(List<Double> xs) {
        int n = xs.size();
        double mean = xs.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        double var = n < 2 ? 0 : xs.stream().mapToDouble(x -> (x - mean) * (x - mean)).sum() / (n - 1);
        return new Stats(mean, Math.sqrt(var), n);
    }
}
