package org.loomcsp.bench.support;

import java.util.concurrent.atomic.AtomicReference;

/** Runs a body inside a fresh virtual thread and waits, so spawn costs are measured from a virtual parent. */
public final class Driver {
    private Driver() {}

    public static void inVirtualThread(Body body) throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = Thread.ofVirtual().start(() -> {
            try {
                body.run();
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        t.join();
        if (failure.get() instanceof Exception e) {
            throw e;
        } else if (failure.get() instanceof Error e) {
            throw e;
        }
    }
}
