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
 *   <li>{@code loomcsp-jdksched}: loomcsp on {@code Backend.VIRTUAL} with the JDK's default
 *       virtual-thread scheduler ({@code -Dcsp.scheduler=jdk}) instead of loomcsp's own;</li>
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
    public static final String LOOMCSP_JDK_SCHEDULER = "loomcsp-jdksched";
    public static final String SQ = "sq";
    public static final String EXCHANGER = "exchanger";
    public static final String ABQ = "abq";
    public static final String JOX = "jox";
    public static final String JCSP = "jcsp";

    /** Every id that can share a JVM with the others, in report order (not loomcsp-jdksched). */
    public static final List<String> ALL = List.of(LOOMCSP_VIRTUAL, LOOMCSP_PLATFORM, SQ, EXCHANGER, ABQ, JOX, JCSP);

    public abstract String id();

    public abstract <T> Chan<T> channel();

    /** Starts every body as its own process and returns at once. */
    public abstract Running start(List<Body> bodies);

    /**
     * Runs groups of bodies in parallel, each {@link ParRunner#run} waiting for all of them (the
     * PAR of occam; {@code Par.run()} in loomcsp). A process that runs a PAR in a loop (commstime's
     * parallel Delta2) takes one runner and closes it when it ends, so an implementation that
     * reuses threads between PARs (JCSP's {@code Parallel}) can do so and release them after.
     */
    public ParRunner parRunner(int width) {
        return bodies -> start(List.of(bodies)).join();
    }

    /** See {@link #parRunner(int)}. */
    @FunctionalInterface
    public interface ParRunner extends AutoCloseable {
        void run(Body... bodies) throws Exception;

        @Override
        default void close() {}
    }

    public static Impl of(String id) {
        return switch (id.toLowerCase(Locale.ROOT)) {
            case LOOMCSP_VIRTUAL -> new LoomcspImpl(org.loomcsp.Backend.VIRTUAL);
            case LOOMCSP_PLATFORM -> new LoomcspImpl(org.loomcsp.Backend.PLATFORM);
            case LOOMCSP_JDK_SCHEDULER -> new LoomcspImpl(org.loomcsp.Backend.VIRTUAL, true);
            case SQ -> new JdkImpl(SQ);
            case EXCHANGER -> new JdkImpl(EXCHANGER);
            case ABQ -> new JdkImpl(ABQ);
            case JOX -> new JoxImpl();
            case JCSP -> new JcspImpl();
            default -> java.util.ServiceLoader.load(ImplProvider.class).stream()
                    .map(p -> p.get().create(id))
                    .flatMap(java.util.Optional::stream)
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown impl " + id + "; known: " + ALL
                            + " and those of any ImplProvider"));
        };
    }

    @Override
    public String toString() {
        return id();
    }
}
