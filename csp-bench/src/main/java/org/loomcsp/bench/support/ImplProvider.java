package org.loomcsp.bench.support;

import java.util.Optional;

/**
 * Extension point for implementations the suite does not know yet, e.g. loomcsp with the tracer
 * or the deadlock detector switched on ({@code loomcsp-virtual+tracer}). Register an
 * implementation in {@code META-INF/services/org.loomcsp.bench.support.ImplProvider}; then every
 * topology benchmark runs it with {@code -p impl=loomcsp-virtual,loomcsp-virtual+tracer}, and the
 * report shows it beside the others with its ratio to plain {@code loomcsp-virtual}.
 */
public interface ImplProvider {
    /** The implementation with this id, or empty if this provider does not know it. */
    Optional<Impl> create(String id);
}
