package org.loomcsp;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** DEV STUB: a lock-based rendezvous so the bench module builds and runs before csp-core lands. */
public class Channel<T> implements ChannelInput<T>, ChannelOutput<T> {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private T item;
    private boolean taken;
    private boolean poisoned;

    public Channel() {}
    public Channel(String name) {}

    @Override public void write(T v) throws InterruptedException {
        if (v == null) throw new NullPointerException();
        lock.lock();
        try {
            while (item != null && !poisoned) changed.await();
            if (poisoned) throw new ChannelPoison();
            item = v; taken = false;
            changed.signalAll();
            while (!taken && !poisoned) changed.await();
            if (!taken) throw new ChannelPoison();
            taken = false;
            changed.signalAll();
        } finally { lock.unlock(); }
    }

    @Override public T read() throws InterruptedException {
        lock.lock();
        try {
            while ((item == null || taken) && !poisoned) changed.await();
            if (poisoned) throw new ChannelPoison();
            T v = item; item = null; taken = true;
            changed.signalAll();
            return v;
        } finally { lock.unlock(); }
    }

    @Override public T tryRead() {
        lock.lock();
        try {
            if (poisoned) throw new ChannelPoison();
            if (item == null || taken) return null;
            T v = item; item = null; taken = true;
            changed.signalAll();
            return v;
        } finally { lock.unlock(); }
    }

    @Override public boolean tryWrite(T v) { throw new UnsupportedOperationException("stub"); }

    @Override public void poison() {
        lock.lock();
        try { poisoned = true; changed.signalAll(); } finally { lock.unlock(); }
    }

    public boolean isPoisoned() { lock.lock(); try { return poisoned; } finally { lock.unlock(); } }
}
