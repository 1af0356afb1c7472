package org.loomcsp.bench.support;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.jcsp.lang.CSProcess;
import org.jcsp.lang.One2OneChannel;
import org.jcsp.lang.Parallel;

/**
 * JCSP 1.1-rc5 as JCSP runs: {@code One2OneChannel} (a monitor with wait/notify) and
 * {@code Parallel}, which runs processes on its pool of platform {@code ParThread}s.
 */
final class JcspImpl extends Impl {
    @Override
    public String id() {
        return JCSP;
    }

    @Override
    public <T> Chan<T> channel() {
        One2OneChannel<T> c = org.jcsp.lang.Channel.one2one();
        var in = c.in();
        var out = c.out();
        return new Chan<>() {
            @Override
            public void send(T value) {
                out.write(value);
            }

            @Override
            public T recv() {
                return in.read();
            }
        };
    }

    @Override
    public Running start(List<Body> bodies) {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Parallel par = parallel(bodies, failure);
        // Parallel.run() blocks and runs its last process in the calling thread, so the group is
        // driven from one platform launcher thread, joined below.
        Thread launcher = Thread.ofPlatform().start(par::run);
        return () -> {
            launcher.join();
            par.releaseAllThreads();
            if (failure.get() != null) {
                throw new IllegalStateException("a JCSP process failed", failure.get());
            }
        };
    }

    @Override
    public void par(Body... bodies) throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        parallel(List.of(bodies), failure).run();
        if (failure.get() != null) {
            throw new IllegalStateException("a JCSP process failed", failure.get());
        }
    }

    private static Parallel parallel(List<Body> bodies, AtomicReference<Throwable> failure) {
        CSProcess[] procs = new CSProcess[bodies.size()];
        for (int i = 0; i < procs.length; i++) {
            Body b = bodies.get(i);
            procs[i] = () -> {
                try {
                    b.run();
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            };
        }
        return new Parallel(procs);
    }
}
