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

    LoomcspImpl(Backend backend) {
        this.backend = backend;
    }

    @Override
    public String id() {
        return backend == Backend.VIRTUAL ? LOOMCSP_VIRTUAL : LOOMCSP_PLATFORM;
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

    /** The library's own Par, so the parallel-delta commstime measures what users pay. */
    @Override
    public void par(Body... bodies) throws Exception {
        CSPProcess[] ps = new CSPProcess[bodies.length];
        for (int i = 0; i < ps.length; i++) {
            ps[i] = new CSPProcess(bodies[i]::run).backend(backend);
        }
        new Par(ps).backend(backend).run();
    }
}
