package org.loomcsp.bench.support;

import com.softwaremill.jox.Channel;
import java.util.List;

/** Jox 1.0.1 rendezvous channels on virtual threads (Jox's own benchmark setup). */
final class JoxImpl extends Impl {
    @Override
    public String id() {
        return JOX;
    }

    @Override
    public <T> Chan<T> channel() {
        Channel<T> c = Channel.newRendezvousChannel();
        return new Chan<>() {
            @Override
            public void send(T value) throws InterruptedException {
                c.send(value);
            }

            @Override
            public T recv() throws InterruptedException {
                return c.receive();
            }
        };
    }

    @Override
    public Running start(List<Body> bodies) {
        return Threads.start(Thread.ofVirtual(), bodies);
    }
}
