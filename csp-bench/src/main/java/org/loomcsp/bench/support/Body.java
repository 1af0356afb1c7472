package org.loomcsp.bench.support;

/** A process body as the benchmarks write it. */
@FunctionalInterface
public interface Body {
    void run() throws Exception;
}
