package org.loomcsp.bench.support;

import java.util.ArrayList;
import java.util.List;
import org.loomcsp.Backend;
import org.loomcsp.CSPProcess;
import org.loomcsp.Channel;
import org.loomcsp.Par;

/** loomcsp: {@code Channel} (rendezvous) and {@code CSPProcess} on the given backend. */
final class LoomcspImpl extends Impl {
    private final Backend backend;
    private final boolean jdkScheduler;

    LoomcspImpl(Backend backend) {
        this(backend, false);
    }

    /**
     * @param jdkScheduler run virtual processes on the JDK's default scheduler instead of
     *     loomcsp's (sets {@code csp.scheduler=jdk}; only works before the first process of the
     *     JVM, which holds in a fresh JMH fork)
     */
    LoomcspImpl(Backend backend, boolean jdkScheduler) {
        this.backend = backend;
        this.jdkScheduler = jdkScheduler;
        if (jdkScheduler) {
            System.setProperty("csp.scheduler", "jdk");
            if (org.loomcsp.Csp.scheduler() != org.loomcsp.Scheduler.JDK) {
                throw new IllegalStateException("loomcsp's scheduler was chosen before this impl"
                        + " was made: run it in a fresh fork");
            }
        }
    }

    @Override
    public String id() {
        return jdkScheduler ? LOOMCSP_JDK_SCHEDULER : backend == Backend.VIRTUAL ? LOOMCSP_VIRTUAL : LOOMCSP_PLATFORM;
    }

    @Override
    public <T> Chan<T> channel() {
        Channel<T> c = new Channel<>();
        return new Chan<>() {
            @Override
            public void send(T value) throws InterruptedException {
                c.write(value);
            }

            @Override
            public T recv() throws InterruptedException {
                return c.read();
            }
        };
    }

    @Override
    public Running start(List<Body> bodies) {
        List<CSPProcess> ps = new ArrayList<>(bodies.size());
        for (Body b : bodies) {
            ps.add(new CSPProcess(b::run).backend(backend).start());
        }
        return () -> {
            for (CSPProcess p : ps) {
                p.join();
            }
        };
    }

    /** The library's own Par of fresh processes, so the parallel-delta commstime measures what users pay. */
    @Override
    public ParRunner parRunner(int width) {
        return bodies -> {
            CSPProcess[] ps = new CSPProcess[bodies.length];
            for (int i = 0; i < ps.length; i++) {
                ps[i] = new CSPProcess(bodies[i]::run).backend(backend);
            }
            new Par(ps).backend(backend).run();
        };
    }
}
