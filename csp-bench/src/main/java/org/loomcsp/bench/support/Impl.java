package org.loomcsp.bench.support;

import java.util.List;
import java.util.Locale;

/**
 * One implementation under test: how to make a rendezvous channel and how to run processes.
 *
 * <p>Ids (the {@code impl} JMH parameter, and the series names in the report):
 * <ul>
 *   <li>{@code loomcsp-virtual}, {@code loomcsp-platform}: loomcsp {@code Channel} and
 *       {@code CSPProcess} on {@code Backend.VIRTUAL} / {@code Backend.PLATFORM};</li>
 *   <li>{@code sq}: {@code java.util.concurrent.SynchronousQueue} on virtual threads;</li>
 *   <li>{@code exchanger}: {@code java.util.concurrent.Exchanger} (one-to-one only) on virtual threads;</li>
 *   <li>{@code abq}: {@code ArrayBlockingQueue(1)}, the nearest JDK buffered queue, on virtual threads;</li>
 *   <li>{@code jox}: Jox 1.0.1 rendezvous {@code Channel} on virtual threads;</li>
 *   <li>{@code jcsp}: JCSP 1.1-rc5 {@code One2OneChannel} run by JCSP's own {@code Parallel}
 *       (pooled platform threads, which is how JCSP runs).</li>
 * </ul>
 */
public abstract class Impl {
    public static final String LOOMCSP_VIRTUAL = "loomcsp-virtual";
    public static final String LOOMCSP_PLATFORM = "loomcsp-platform";
    public static final String SQ = "sq";
    public static final String EXCHANGER = "exchanger";
    public static final String ABQ = "abq";
    public static final String JOX = "jox";
    public static final String JCSP = "jcsp";

    /** Every id, in report order. */
    public static final List<String> ALL = List.of(LOOMCSP_VIRTUAL, LOOMCSP_PLATFORM, SQ, EXCHANGER, ABQ, JOX, JCSP);

    public abstract String id();

    public abstract <T> Chan<T> channel();

    /** Starts every body as its own process and returns at once. */
    public abstract Running start(List<Body> bodies);

    /** Runs the bodies in parallel and waits for all of them (the PAR of occam; Par.run() in loomcsp). */
    public void par(Body... bodies) throws Exception {
        start(List.of(bodies)).join();
    }

    public static Impl of(String id) {
        return switch (id.toLowerCase(Locale.ROOT)) {
            case LOOMCSP_VIRTUAL -> new LoomcspImpl(org.loomcsp.Backend.VIRTUAL);
            case LOOMCSP_PLATFORM -> new LoomcspImpl(org.loomcsp.Backend.PLATFORM);
            case SQ -> new JdkImpl(SQ);
            case EXCHANGER -> new JdkImpl(EXCHANGER);
            case ABQ -> new JdkImpl(ABQ);
            case JOX -> new JoxImpl();
            case JCSP -> new JcspImpl();
            default -> throw new IllegalArgumentException("unknown impl " + id + "; known: " + ALL);
        };
    }

    @Override
    public String toString() {
        return id();
    }
}
