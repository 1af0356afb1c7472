package org.loomcsp.internal.deadlock;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The number of open outside sources: things outside the process network (a network node's
 * connections, a GUI, a device driver) that may complete a channel operation at any time
 * without being a process or a thread the detector can judge. While any is open, no snapshot
 * is a deadlock: {@link Snapshot#outsideActivity} answers yes, as Go's checkdead never reports
 * while a goroutine waits in the network poller.
 */
public final class OutsideSources {
    private static final AtomicInteger OPEN = new AtomicInteger();

    private OutsideSources() {}

    /** Records one more open source. */
    public static void opened() {
        OPEN.incrementAndGet();
    }

    /** Records that one source closed. */
    public static void closed() {
        OPEN.decrementAndGet();
    }

    /** Whether any source is open now. */
    public static boolean any() {
        return OPEN.get() > 0;
    }
}
