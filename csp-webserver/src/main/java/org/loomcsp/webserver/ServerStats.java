package org.loomcsp.webserver;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters shown on the status page. Updated by connection processes without locks
 * ({@link LongAdder}, {@link AtomicLongArray}); read at any time for a consistent-enough view.
 */
public final class ServerStats {
    private final Instant started = Instant.now();
    private final long startedNanos = System.nanoTime();
    final LongAdder connectionsAccepted = new LongAdder();
    final LongAdder connectionsRefused = new LongAdder();
    final LongAdder requests = new LongAdder();
    final LongAdder bytesIn = new LongAdder();
    final LongAdder bytesOut = new LongAdder();
    final LongAdder accessLogDropped = new LongAdder();
    final LongAdder connectionsCut = new LongAdder();
    private final AtomicLongArray statusCounts = new AtomicLongArray(600);

    void countStatus(int status) {
        if (status >= 100 && status < 600) {
            statusCounts.incrementAndGet(status);
        }
    }

    public Instant started() {
        return started;
    }

    public Duration uptime() {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    public long connectionsAccepted() {
        return connectionsAccepted.sum();
    }

    public long connectionsRefused() {
        return connectionsRefused.sum();
    }

    public long requests() {
        return requests.sum();
    }

    public long bytesIn() {
        return bytesIn.sum();
    }

    public long bytesOut() {
        return bytesOut.sum();
    }

    /** Connections still answering when the shutdown grace period ended, and therefore cut. */
    public long connectionsCut() {
        return connectionsCut.sum();
    }

    public long accessLogDropped() {
        return accessLogDropped.sum();
    }

    /** How many responses had this status. */
    public long countOf(int status) {
        return status >= 100 && status < 600 ? statusCounts.get(status) : 0;
    }

    /** Every status with a non-zero count, ascending, as {status, count} pairs. */
    public long[][] statusTable() {
        int n = 0;
        for (int i = 100; i < 600; i++) {
            if (statusCounts.get(i) > 0) n++;
        }
        long[][] out = new long[n][];
        int k = 0;
        for (int i = 100; i < 600 && k < n; i++) {
            long c = statusCounts.get(i);
            if (c > 0) out[k++] = new long[] {i, c};
        }
        return out;
    }
}
