package org.loomcsp.bench.support;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@code carriers} JMH parameter: {@code "1"} pins the virtual-thread scheduler to one
 * carrier, {@code "default"} leaves it at {@code availableProcessors()}.
 *
 * <p>The JDK reads {@code jdk.virtualThreadScheduler.parallelism} once, when the first virtual
 * thread is created. Every JMH fork is a fresh JVM that has created none when {@code @Setup}
 * runs, so setting the property there works; {@link #apply} then measures how many virtual
 * threads really run at once and fails the trial if it does not match, so a wrong figure can
 * never be reported under the wrong label.
 */
public final class Carriers {
    public static final String PROPERTY = "jdk.virtualThreadScheduler.parallelism";

    private Carriers() {}

    /** Sets the scheduler parallelism for this JVM and returns the measured carrier count. */
    public static int apply(String carriers) {
        String already = System.getProperty(PROPERTY);
        if (!"default".equals(carriers)) {
            int n = Integer.parseInt(carriers);
            if (already != null && Integer.parseInt(already) != n) {
                throw new IllegalStateException(PROPERTY + " already set to " + already);
            }
            System.setProperty(PROPERTY, Integer.toString(n));
        }
        int expected = "default".equals(carriers)
                ? (already != null ? Integer.parseInt(already) : Runtime.getRuntime().availableProcessors())
                : Integer.parseInt(carriers);
        int seen = probe(Math.max(expected, 2) + 1);
        if (seen < expected) {
            // Possible on a loaded machine (a carrier got no CPU during the probe): not fatal.
            System.err.println("[carriers] expected " + expected + " carriers, saw only " + seen + " running at once");
        }
        if (seen > expected) {
            throw new IllegalStateException("asked for " + carriers + " carrier(s) (expected " + expected
                    + ") but saw " + seen + " virtual threads running at once: the scheduler was"
                    + " initialised before @Setup, run this benchmark in a fresh fork");
        }
        return seen;
    }

    /**
     * Starts {@code n} virtual threads that spin (never block) for a while and counts how many
     * run at the same moment. Virtual threads are not time-sliced, so this is the carrier count.
     */
    public static int probe(int n) {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger max = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(n);
        for (int i = 0; i < n; i++) {
            Thread.ofVirtual().start(() -> {
                int now = running.incrementAndGet();
                max.accumulateAndGet(now, Math::max);
                long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(30);
                while (System.nanoTime() < end) {
                    max.accumulateAndGet(running.get(), Math::max);
                    Thread.onSpinWait();
                }
                running.decrementAndGet();
                done.countDown();
            });
        }
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return max.get();
    }
}
