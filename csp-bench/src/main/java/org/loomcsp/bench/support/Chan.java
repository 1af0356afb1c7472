package org.loomcsp.bench.support;

/**
 * The smallest common face of a one-to-one blocking channel, so one topology (commstime, chain,
 * ring, pairs) is written once and run on loomcsp and on every peer. Each JMH fork runs a single
 * implementation, so the call sites stay monomorphic and the JIT inlines through this interface.
 */
public interface Chan<T> {
    void send(T value) throws InterruptedException;

    T recv() throws InterruptedException;
}
