package org.loomcsp.bench.support;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Exchanger;
import java.util.concurrent.SynchronousQueue;

/** JDK baselines on virtual threads: SynchronousQueue, Exchanger, ArrayBlockingQueue(1). */
final class JdkImpl extends Impl {
    private final String id;

    JdkImpl(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public <T> Chan<T> channel() {
        return switch (id) {
            case SQ -> new QueueChan<>(new SynchronousQueue<>());
            case ABQ -> new QueueChan<>(new ArrayBlockingQueue<>(1));
            case EXCHANGER -> new ExchangerChan<>();
            default -> throw new IllegalStateException(id);
        };
    }

    @Override
    public Running start(List<Body> bodies) {
        return Threads.start(Thread.ofVirtual(), bodies);
    }

    private record QueueChan<T>(BlockingQueue<T> q) implements Chan<T> {
        @Override
        public void send(T value) throws InterruptedException {
            q.put(value);
        }

        @Override
        public T recv() throws InterruptedException {
            return q.take();
        }
    }

    /** One-to-one only: the writer offers its value, the reader offers null and gets it. */
    private static final class ExchangerChan<T> implements Chan<T> {
        private final Exchanger<T> x = new Exchanger<>();

        @Override
        public void send(T value) throws InterruptedException {
            x.exchange(value);
        }

        @Override
        public T recv() throws InterruptedException {
            return x.exchange(null);
        }
    }
}
