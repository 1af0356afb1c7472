package org.loomcsp.bench.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/** Start bodies on raw threads and join them, keeping the first failure. */
public final class Threads {
    private Threads() {}

    public static Running start(Thread.Builder builder, List<Body> bodies) {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>(bodies.size());
        for (Body b : bodies) {
            threads.add(builder.start(() -> {
                try {
                    b.run();
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            }));
        }
        return () -> {
            for (Thread t : threads) {
                t.join();
            }
            Throwable t = failure.get();
            if (t != null) {
                throw new IllegalStateException("a benchmark process failed", t);
            }
        };
    }
}
