package org.loomcsp.net.internal;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The node's failure detector: one daemon thread that, every quarter of the peer timeout, lets
 * each live stream ping its peer and check when it last heard from it. A peer that is silent for
 * the whole timeout (dead without a TCP reset, partitioned, or stopped) is declared lost. A TCP
 * reset or an orderly shutdown is reported by gRPC at once and does not wait for this.
 */
public final class Heartbeat implements AutoCloseable {
    private final Set<Beating> streams = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer;
    private final long timeoutNanos;
    private final long everyNanos;

    public Heartbeat(Duration peerTimeout, String nodeName) {
        this.timeoutNanos = peerTimeout.toNanos();
        this.everyNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(10), timeoutNanos / 4);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "csp-net-heartbeat-" + nodeName);
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::tick, everyNanos, everyNanos, TimeUnit.NANOSECONDS);
    }

    void watch(Beating b) {
        streams.add(b);
    }

    private void tick() {
        long now = System.nanoTime();
        for (Beating b : streams) {
            if (b.finished()) {
                streams.remove(b);
            } else {
                try {
                    b.beat(now, everyNanos, timeoutNanos);
                } catch (RuntimeException e) {
                    System.getLogger("org.loomcsp.net").log(System.Logger.Level.WARNING,
                            "csp-net heartbeat failed for " + b, e);
                }
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
