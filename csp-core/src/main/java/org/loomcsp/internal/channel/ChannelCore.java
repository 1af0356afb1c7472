package org.loomcsp.internal.channel;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.loomcsp.ChannelPoison;

/**
 * The machinery of one channel: rendezvous (capacity 0) or buffered (capacity &gt; 0),
 * any-to-any, poisonable, and usable by {@link Selector} for both input and output guards.
 */
/*
 * Algorithm (after Go's runtime/chan.go, in Java terms).
 *
 * Every channel has one small lock (a ReentrantLock, never held across a park), a FIFO queue of
 * waiting readers, a FIFO queue of waiting writers, an optional ring buffer, and a poisoned flag.
 * A waiting party is a Node; the decision "which partner completes this operation" is made by a
 * single CAS on the Node's owner Sync, so that one Alt can wait on many channels at once and be
 * completed through exactly one of them.
 *
 *   write(v): under the lock, hand v to the first live waiting reader (CAS its owner from WAITING
 *     to "completed by this node"; a failed CAS means that reader's Alt was decided elsewhere or
 *     it gave up: unlink it and try the next); else put v in the buffer if there is room; else
 *     enqueue a writer node holding v, release the lock and park until the node is decided.
 *   read(): symmetric. With a buffer, a reader takes the head of the buffer and then moves the
 *     first live waiting writer's value into the buffer (completing that writer).
 *
 * Invariants (for live nodes, i.e. nodes whose owner is WAITING), under the lock:
 *   I1  readers non-empty  =>  buffer empty and no live writer
 *   I2  writers non-empty  =>  buffer full and no live reader
 *   I3  a value is in exactly one place: a writer's node, the buffer, or a reader's node whose
 *       owner was completed with it. It moves between them only under the lock, and into a
 *       reader's node only together with a successful CAS. So no value is lost or duplicated.
 *   I4  once poisoned, the flag never clears, the queues and buffer are empty, and every node
 *       that was waiting was decided POISONED (its owner throws ChannelPoison; a writer whose
 *       value was not taken is never told it was delivered).
 *
 * Waiting: park in a loop and re-check the owner's state after every return from park (park
 * may return spuriously). A waiter that is interrupted or times out tries to CANCEL its own
 * owner; if that CAS fails, a partner completed it first and the operation counts as done (the
 * interrupt status is restored). A cancelled node is unlinked at once, under the lock, in O(1),
 * so however many waiters give up, nothing is left behind.
 *
 * No spinning before parking: with more processes than carriers a spinning waiter only delays
 * the partner it waits for (see docs/adr/0003-channel-algorithm.md).
 *
 * Memory consistency: the writer's actions before write(v) happen-before the reader's actions
 * after read() returns v: either both passed through the channel lock, or the writer's CAS on
 * the reader's owner (a volatile write) is read by the reader's volatile read of its state.
 */
public final class ChannelCore {

    /** Returned by the non-blocking and timed operations when nothing happened. */
    public static final Object NONE = new Object() {
        @Override
        public String toString() {
            return "NONE";
        }
    };

    private static final AtomicLong IDS = new AtomicLong();

    /** Unique, increasing: the order in which Alts take several channel locks. */
    final long id = IDS.incrementAndGet();
    private final String name;
    private final ReentrantLock lock = new ReentrantLock();
    private final int capacity;
    private final Object[] buffer;
    /** Package-private for WaitProbe (deadlock diagnosis), which reads them under the lock. */
    final WaitQueue readers = new WaitQueue();
    final WaitQueue writers = new WaitQueue();
    // Guarded by lock:
    private int head;
    private int count;
    /** Written under the lock; read without it for a fast isPoisoned(). */
    private volatile boolean poisoned;

    /**
     * @param name the channel's name, used in exception messages
     * @param capacity 0 for a rendezvous channel, or the buffer size
     */
    public ChannelCore(String name, int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("channel capacity must be >= 0, was " + capacity);
        }
        this.name = name;
        this.capacity = capacity;
        this.buffer = capacity == 0 ? null : new Object[capacity];
    }

    public String name() {
        return name != null ? name : "Channel-" + id;
    }

    public int capacity() {
        return capacity;
    }

    public long id() {
        return id;
    }

    public boolean isPoisoned() {
        return poisoned;
    }

    // ------------------------------------------------------------------------------------------
    // Blocking, timed and non-blocking operations

    /** Blocking read; {@code deadline} is a nanoTime, or 0 for none. Returns NONE on timeout. */
    public Object read(long deadline) throws InterruptedException {
        Node node;
        lock.lock();
        try {
            if (poisoned) {
                throw poisonException();
            }
            Object v = takeLocked();
            if (v != NONE) {
                return v;
            }
            if (deadline != 0 && deadline - System.nanoTime() <= 0) {
                return NONE;
            }
            node = new Node(null);
            readers.add(node);
        } finally {
            lock.unlock();
        }
        int s = await(node, deadline);
        if (s > 0) {
            Object v = node.item;
            node.item = null;
            return v;
        }
        return settle(s);
    }

    /** Blocking write; {@code deadline} is a nanoTime, or 0 for none. False on timeout. */
    public boolean write(Object v, long deadline) throws InterruptedException {
        Node node;
        lock.lock();
        try {
            if (poisoned) {
                throw poisonException();
            }
            if (putLocked(v)) {
                return true;
            }
            if (deadline != 0 && deadline - System.nanoTime() <= 0) {
                return false;
            }
            node = new Node(v);
            writers.add(node);
        } finally {
            lock.unlock();
        }
        int s = await(node, deadline);
        if (s > 0) {
            return true;
        }
        settle(s);
        return false;
    }

    /** Non-blocking read: a value, or NONE if no writer is ready and the buffer is empty. */
    public Object tryRead() {
        lock.lock();
        try {
            if (poisoned) {
                throw poisonException();
            }
            return takeLocked();
        } finally {
            lock.unlock();
        }
    }

    /** Non-blocking write: true if a reader took the value or the buffer had room. */
    public boolean tryWrite(Object v) {
        lock.lock();
        try {
            if (poisoned) {
                throw poisonException();
            }
            return putLocked(v);
        } finally {
            lock.unlock();
        }
    }

    /** Poisons the channel: idempotent; wakes every waiting reader and writer. */
    public void poison() {
        if (poisoned) {
            return;
        }
        lock.lock();
        try {
            if (poisoned) {
                return;
            }
            poisoned = true;
            if (buffer != null) {
                java.util.Arrays.fill(buffer, null);
                head = 0;
                count = 0;
            }
            poisonAll(readers.drain());
            poisonAll(writers.drain());
        } finally {
            lock.unlock();
        }
    }

    private static void poisonAll(Node n) {
        for (; n != null; n = n.next) {
            if (n.owner.tryPoison(n.index)) {
                n.owner.wake();
            }
        }
    }

    // ------------------------------------------------------------------------------------------
    // Used by Selector, always with the lock held (see lock()/unlock()).

    void lock() {
        lock.lock();
    }

    void unlock() {
        lock.unlock();
    }

    /** A read would complete now. */
    boolean canReadLocked() {
        return count > 0 || writers.firstLive() != null;
    }

    /** A write would complete now. */
    boolean canWriteLocked() {
        return count < capacity || readers.firstLive() != null;
    }

    /** Takes a value (buffer or a waiting writer), or NONE if none is ready. */
    Object takeLocked() {
        if (count > 0) {
            Object[] buf = buffer;
            Object v = buf[head];
            buf[head] = null;
            head = head + 1 == capacity ? 0 : head + 1;
            count--;
            // Refill from the first waiting writer, completing it.
            Node w;
            while ((w = writers.firstLive()) != null) {
                writers.remove(w);
                Object wv = w.item;
                if (w.owner.tryComplete(w.index)) {
                    int tail = head + count;
                    buf[tail >= capacity ? tail - capacity : tail] = wv;
                    count++;
                    w.owner.wake();
                    break;
                }
            }
            return v;
        }
        Node w;
        while ((w = writers.firstLive()) != null) {
            writers.remove(w);
            Object wv = w.item;
            if (w.owner.tryComplete(w.index)) {
                w.owner.wake();
                return wv;
            }
        }
        return NONE;
    }

    /** Hands {@code v} to a waiting reader or the buffer; false if neither can take it. */
    boolean putLocked(Object v) {
        Node r;
        while ((r = readers.firstLive()) != null) {
            readers.remove(r);
            r.item = v;
            if (r.owner.tryComplete(r.index)) {
                r.owner.wake();
                return true;
            }
            r.item = null;
        }
        if (count < capacity) {
            int tail = head + count;
            buffer[tail >= capacity ? tail - capacity : tail] = v;
            count++;
            return true;
        }
        return false;
    }

    Node enqueueReaderLocked(Sync owner, int index) {
        Node n = new Node(owner, index, null);
        readers.add(n);
        return n;
    }

    Node enqueueWriterLocked(Sync owner, int index, Object v) {
        Node n = new Node(owner, index, v);
        writers.add(n);
        return n;
    }

    /** Unlinks {@code n} if it is still queued here. */
    void unlink(Node n) {
        if (n.queue == null) {
            return;
        }
        lock.lock();
        try {
            WaitQueue q = n.queue;
            if (q != null) {
                q.remove(n);
            }
        } finally {
            lock.unlock();
        }
    }

    ChannelPoison poisonException() {
        return new ChannelPoison(name());
    }

    // ------------------------------------------------------------------------------------------
    // Waiting

    /**
     * Parks until {@code node} (a plain operation's node) is decided. Returns its final state;
     * {@link Sync#CANCELLED} means timed out (the node is unlinked).
     *
     * @throws InterruptedException if interrupted before a partner decided it (node unlinked)
     */
    private int await(Node node, long deadline) throws InterruptedException {
        boolean interrupted = false;
        int s;
        while ((s = node.state) == Sync.WAITING) {
            if (deadline == 0) {
                LockSupport.park(this);
            } else {
                long rem = deadline - System.nanoTime();
                if (rem <= 0) {
                    if (node.tryCancel()) {
                        unlink(node);
                        return Sync.CANCELLED;
                    }
                    continue;
                }
                LockSupport.parkNanos(this, rem);
            }
            if (Thread.interrupted()) {
                if (node.tryCancel()) {
                    unlink(node);
                    throw new InterruptedException();
                }
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return s;
    }

    /** Turns a non-success final state into its outcome: NONE for timeout, or a throw. */
    private Object settle(int s) {
        if (s == Sync.CANCELLED) {
            return NONE;
        }
        throw poisonException();
    }

    /** The number of values in the buffer (a snapshot, for diagnostics). */
    public int bufferedCount() {
        lock.lock();
        try {
            return count;
        } finally {
            lock.unlock();
        }
    }

    /** The number of waiting readers and writers (a snapshot, for diagnostics). */
    public int[] waiterCounts() {
        lock.lock();
        try {
            return new int[] {readers.size(), writers.size()};
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return name();
    }
}
