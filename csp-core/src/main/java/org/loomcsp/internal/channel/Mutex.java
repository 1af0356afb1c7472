package org.loomcsp.internal.channel;

import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serial;
import java.util.concurrent.locks.AbstractQueuedSynchronizer;

/**
 * A non-reentrant mutual-exclusion lock that a channel <em>is</em> rather than <em>has</em>: a
 * {@link ChannelCore} extends it, so a channel costs one object instead of three (a
 * {@code ReentrantLock} is a lock object plus a separate sync object). Threads that find it held
 * queue and park in the {@link AbstractQueuedSynchronizer} way; nothing spins.
 *
 * <p>Not reentrant: the holder must not lock it again (the channel code never does; an Alt
 * locks each distinct channel once, in id order). Not serializable, although
 * {@code AbstractQueuedSynchronizer} is: a channel is a live rendezvous between threads and has
 * no meaning in another JVM.
 */
/*
 * state 0 = free, 1 = held. The owner thread is not recorded (ReentrantLock records it for
 * reentrancy and for thread dumps; a channel lock is held for a few field updates and never
 * across a park, so neither is needed). See docs/adr/0003-channel-algorithm.md, "Memory".
 */
abstract class Mutex extends AbstractQueuedSynchronizer {

    @Serial
    private static final long serialVersionUID = 1L;

    Mutex() {}

    /** Acquires the lock, queueing (and parking) behind other threads if it is held. */
    final void lock() {
        if (!compareAndSetState(0, 1)) {
            acquire(1);
        }
    }

    /**
     * Pending operations decided while the lock was held, whose callbacks run after it is
     * released (see {@link PendingOp}); guarded by the lock.
     */
    PendingOp decided;

    /**
     * Releases the lock and unparks the first queued thread, if any; then runs the callbacks of
     * the pending operations decided under it.
     */
    final void unlock() {
        PendingOp d = decided;
        if (d == null) {
            release(1);
            return;
        }
        decided = null;
        release(1);
        PendingOp.fire(d);
    }

    @Override
    protected final boolean tryAcquire(int ignored) {
        return compareAndSetState(0, 1);
    }

    @Override
    protected final boolean tryRelease(int ignored) {
        setState(0);
        return true;
    }

    @Override
    protected final boolean isHeldExclusively() {
        return getState() != 0;
    }

    @Serial
    private void writeObject(ObjectOutputStream out) throws NotSerializableException {
        throw new NotSerializableException(getClass().getName() + ": a channel cannot be serialized");
    }

    @Serial
    private void readObject(ObjectInputStream in) throws NotSerializableException {
        throw new NotSerializableException(getClass().getName() + ": a channel cannot be serialized");
    }
}
