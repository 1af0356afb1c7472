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

    /**
     * Runs a body as a loomcsp process on the virtual backend and waits: the parent of a loomcsp
     * spawn benchmark, so parent and children share loomcsp's scheduler as a process spawning
     * children does (a raw virtual parent runs on the JDK's scheduler, and every start and join
     * would then cross between the two schedulers).
     */
    public static void inProcess(Body body) throws Exception {
        new org.loomcsp.CSPProcess(body::run).backend(org.loomcsp.Backend.VIRTUAL).run();
    }
}
