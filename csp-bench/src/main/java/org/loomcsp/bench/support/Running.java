package org.loomcsp.bench.support;

/** A started group of processes; {@link #join()} waits for all and rethrows the first failure. */
@FunctionalInterface
public interface Running {
    void join() throws Exception;
}
