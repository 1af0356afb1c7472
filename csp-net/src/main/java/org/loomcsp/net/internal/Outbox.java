package org.loomcsp.net.internal;

import io.grpc.stub.StreamObserver;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The sending half of a stream, safe for several threads (gRPC's observers are not): frames go
 * out whole and in the order the lock grants; after {@link #complete()} or {@link #fail} every
 * send is dropped silently (the stream is over; the caller learns that from its receive side).
 */
final class Outbox<F> {
    private final StreamObserver<F> out;
    private final ReentrantLock lock = new ReentrantLock();
    private boolean done;
    private volatile long lastSent = System.nanoTime();

    Outbox(StreamObserver<F> out) {
        this.out = out;
    }

    boolean send(F frame) {
        lock.lock();
        try {
            if (done) {
                return false;
            }
            try {
                out.onNext(frame);
            } catch (RuntimeException e) { // the call was cancelled under us
                done = true;
                return false;
            }
            lastSent = System.nanoTime();
            return true;
        } finally {
            lock.unlock();
        }
    }

    void complete() {
        lock.lock();
        try {
            if (!done) {
                done = true;
                try {
                    out.onCompleted();
                } catch (RuntimeException ignored) {
                    // already cancelled
                }
            }
        } finally {
            lock.unlock();
        }
    }

    void fail(Throwable t) {
        lock.lock();
        try {
            if (!done) {
                done = true;
                try {
                    out.onError(t);
                } catch (RuntimeException ignored) {
                    // already cancelled
                }
            }
        } finally {
            lock.unlock();
        }
    }

    long lastSent() {
        return lastSent;
    }
}
