package org.loomcsp.internal.channel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.loomcsp.internal.deadlock.Detector;
import org.loomcsp.internal.exec.FaultInjection;
import org.loomcsp.internal.trace.ProcessEntry;

/**
 * The machinery of one channel: rendezvous (capacity 0) or buffered (capacity &gt; 0),
 * any-to-any, poisonable, and usable by {@link Selector} for both input and output guards.
 */
/*
 * Algorithm (after Go's runtime/chan.go, in Java terms).
 *
 * Every channel has one small lock (the channel itself is the lock, see Mutex; never held across
 * a park), a FIFO queue of waiting readers, a FIFO queue of waiting writers, an optional ring
 * buffer, and a poisoned flag. The two queues are circular lists doubly linked through the nodes
 * and anchored by a head field each in the channel itself, so a channel is one object (plus its
 * buffer, if it has one).
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
 *       that was waiting was decided POISONED (its operation returns the POISONED status, which
 *       the API turns into ChannelPoison; a writer whose value was not taken is never told it
 *       was delivered).
 *
 * Waiting: park in a loop and re-check the owner's state after every return from park (park
 * may return spuriously). A waiter that is interrupted or times out tries to CANCEL its own
 * owner; if that CAS fails, a partner completed it first and the operation counts as done (the
 * interrupt status is restored). A cancelled node is unlinked at once, under the lock, in O(1),
 * so however many waiters give up, nothing is left behind. The same holds on every other exit:
 * a waiter that leaves with an Error or runtime exception (StackOverflowError, OutOfMemoryError
 * at the park) cancels and unlinks its node (abandon), so a later tryWrite cannot "deliver" to
 * a reader that is gone (issue 13, item 2).
 *
 * Node reuse: a process keeps the node of its last blocking plain operation (ProcessEntry's
 * spare) and reuses it for the next, when a partner decided it (completed or poisoned). That is
 * safe because a partner touches a node only before its deciding CAS (it dequeues it, reads or
 * writes its item), except to unpark the waiter after it (a late unpark is a spurious wake-up,
 * which every park tolerates) and poisonAll, which reads the next node before its CAS. A node
 * its waiter cancelled is not reused: a partner whose CAS failed may still be clearing its item.
 * Saves 40 bytes per blocking hand-off (commstime: 176 -> 16 bytes per loop).
 *
 * No spinning before parking: with more processes than carriers a spinning waiter only delays
 * the partner it waits for (see docs/adr/0003-channel-algorithm.md).
 *
 * Memory consistency: the writer's actions before write(v) happen-before the reader's actions
 * after read() returns v: either both passed through the channel lock, or the writer's CAS on
 * the reader's owner (a volatile write) is read by the reader's volatile read of its state.
 */
public final class ChannelCore extends Mutex {

    @java.io.Serial
    private static final long serialVersionUID = 1L;

    /** Returned by the non-blocking and timed operations when nothing happened. */
    public static final Object NONE = new Object() {
        @Override
        public String toString() {
            return "NONE";
        }
    };

    /**
     * Returned by the reads when the channel is or becomes poisoned: the engine reports poison as
     * a status (this package does not know the API's exception); the API throws ChannelPoison.
     */
    public static final Object POISONED = new Object() {
        @Override
        public String toString() {
            return "POISONED";
        }
    };

    /** Write status: the value was taken (by a reader or the buffer). */
    public static final int WRITTEN = 1;
    /** Write status: the value was not taken (timed out, or no room for a non-blocking write). */
    public static final int NOT_WRITTEN = 0;
    /** Write status: the channel is or became poisoned; the value was not delivered. */
    public static final int WRITE_POISONED = -1;

    private static final AtomicLong IDS = new AtomicLong();

    /** Unique, increasing: the order in which Alts take several channel locks. */
    final long id = IDS.incrementAndGet();
    private final String name;
    /** The buffer, or null for a rendezvous channel. Guarded by the lock, like the queues. */
    private final Ring ring;
    // The wait queues (see Node.queue), guarded by the lock.
    private Node readersHead;
    private Node writersHead;
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
        this.ring = capacity == 0 ? null : new Ring(capacity);
    }

    public String name() {
        return name != null ? name : "Channel-" + id;
    }

    public int capacity() {
        return ring == null ? 0 : ring.capacity();
    }

    public long id() {
        return id;
    }

    public boolean isPoisoned() {
        return poisoned;
    }

    // ------------------------------------------------------------------------------------------
    // Blocking, timed and non-blocking operations

    /**
     * Blocking read; {@code deadline} is a nanoTime, or 0 for none. Returns the value, NONE on
     * timeout or POISONED.
     */
    public Object read(long deadline) throws InterruptedException {
        Node node;
        lock();
        try {
            if (poisoned) {
                return POISONED;
            }
            Object v = takeLocked();
            if (v != NONE) {
                return v;
            }
            if (deadline != 0 && deadline - System.nanoTime() <= 0) {
                return NONE;
            }
            node = nodeFor(null);
            enqueue(node, Node.READERS);
        } finally {
            unlock();
        }
        int s;
        try {
            s = await(node, deadline);
        } catch (InterruptedException e) {
            throw e; // already cancelled and unlinked by await
        } catch (Throwable t) {
            abandon(node);
            throw t;
        }
        if (s > 0) {
            Object v = node.item;
            recycle(node);
            return v;
        }
        if (s != Sync.CANCELLED) {
            recycle(node);
        }
        return settle(s);
    }

    /**
     * Blocking write; {@code deadline} is a nanoTime, or 0 for none. Returns WRITTEN, NOT_WRITTEN
     * on timeout, or WRITE_POISONED.
     */
    public int write(Object v, long deadline) throws InterruptedException {
        Node node;
        lock();
        try {
            if (poisoned) {
                return WRITE_POISONED;
            }
            if (putLocked(v)) {
                return WRITTEN;
            }
            if (deadline != 0 && deadline - System.nanoTime() <= 0) {
                return NOT_WRITTEN;
            }
            node = nodeFor(v);
            enqueue(node, Node.WRITERS);
        } finally {
            unlock();
        }
        int s;
        try {
            s = await(node, deadline);
        } catch (InterruptedException e) {
            throw e; // already cancelled and unlinked by await
        } catch (Throwable t) {
            abandon(node);
            throw t;
        }
        if (s == Sync.CANCELLED) {
            return NOT_WRITTEN;
        }
        recycle(node);
        return s > 0 ? WRITTEN : WRITE_POISONED;
    }

    /**
     * Non-blocking read: a value, NONE if no writer is ready and the buffer is empty, or
     * POISONED.
     */
    public Object tryRead() {
        lock();
        try {
            if (poisoned) {
                return POISONED;
            }
            return takeLocked();
        } finally {
            unlock();
        }
    }

    /**
     * Non-blocking write: WRITTEN if a reader took the value or the buffer had room, else
     * NOT_WRITTEN, or WRITE_POISONED.
     */
    public int tryWrite(Object v) {
        lock();
        try {
            if (poisoned) {
                return WRITE_POISONED;
            }
            return putLocked(v) ? WRITTEN : NOT_WRITTEN;
        } finally {
            unlock();
        }
    }

    /**
     * A write that waits without a thread (see {@link PendingWrite}): WRITTEN if a reader or the
     * buffer took the value now, WRITE_POISONED, NOT_WRITTEN if {@code w} was cancelled before
     * it was offered, else {@link PendingWrite#PENDING} (queued).
     */
    int offer(PendingWrite w) {
        lock();
        try {
            if (w.offered) {
                throw new IllegalStateException("a PendingWrite is offered once; make a new one for each value");
            }
            w.offered = true;
            if (!w.isWaiting()) {
                return NOT_WRITTEN; // cancelled before it was offered
            }
            if (poisoned) {
                w.tryPoison(0); // decided, without a callback: a later cancel() returns false
                return WRITE_POISONED;
            }
            if (putLocked(w.item)) {
                w.item = null;
                w.tryComplete(0);
                return WRITTEN;
            }
            enqueue(w, Node.WRITERS);
            return PendingWrite.PENDING;
        } finally {
            unlock();
        }
    }

    /**
     * A read that waits without a thread (see {@link PendingRead}): the value if a waiting writer
     * or the buffer had one now, POISONED, NONE if {@code r} was cancelled before it was offered,
     * else {@link PendingRead#PENDING} (queued).
     */
    Object offer(PendingRead r) {
        lock();
        try {
            if (r.offered) {
                throw new IllegalStateException("a PendingRead is offered once; make a new one for each value");
            }
            r.offered = true;
            if (!r.isWaiting()) {
                return NONE; // cancelled before it was offered
            }
            if (poisoned) {
                r.tryPoison(0); // decided, without a callback: a later cancel() returns false
                return POISONED;
            }
            Object v = takeLocked();
            if (v != NONE) {
                r.tryComplete(0);
                return v;
            }
            enqueue(r, Node.READERS);
            return PendingRead.PENDING;
        } finally {
            unlock();
        }
    }

    /**
     * Withdraws a pending operation, under the lock (so never while an offer hands a value
     * over): true if nothing was handed over (it is unlinked); false if a partner decided it first.
     */
    boolean cancel(PendingOp w) {
        lock();
        try {
            if (!w.tryCancel()) {
                return w.state == Sync.CANCELLED;
            }
            dequeue(w);
            return true;
        } finally {
            unlock();
        }
    }

    /** Poisons the channel: idempotent; wakes every waiting reader and writer. */
    public void poison() {
        if (poisoned) {
            return;
        }
        lock();
        try {
            if (poisoned) {
                return;
            }
            poisoned = true;
            if (ring != null) {
                ring.clear();
            }
            poisonAll(drain(Node.READERS));
            poisonAll(drain(Node.WRITERS));
        } finally {
            unlock();
        }
    }

    private static void poisonAll(Node n) {
        while (n != null) {
            Node next = n.next; // before the CAS: the waiter of a plain node may reuse it right after
            if (n.owner().tryPoison(n.index())) {
                n.owner().wake();
            }
            n = next;
        }
    }

    /**
     * A node for a blocking plain operation of the current thread: its process's spare node
     * (the one its last operation used) if it has one, else a new one. Under the lock.
     */
    private static Node nodeFor(Object item) {
        Thread t = Thread.currentThread();
        if (t.getUncaughtExceptionHandler() instanceof ProcessEntry p
                && p.takeSpareNode() instanceof Node n && n.waiter == t) {
            n.reuse(item);
            return n;
        }
        return new Node(item);
    }

    /**
     * After a plain operation that a partner decided (completed or poisoned; never one its
     * waiter cancelled, which a partner that lost the CAS may still be clearing): the node may
     * serve the process's next blocking operation. Saves the 40-byte allocation per blocking
     * hand-off, which on a fresh heap costs a page fault per 4 KB (ADR 0060, "The commstime
     * instability").
     */
    private static void recycle(Node n) {
        n.item = null;
        if (Thread.currentThread().getUncaughtExceptionHandler() instanceof ProcessEntry p) {
            p.putSpareNode(n);
        }
    }

    // ------------------------------------------------------------------------------------------
    // Used by Selector, always with the lock held (see lock()/unlock()).

    /** A read would complete now. */
    boolean canReadLocked() {
        return (ring != null && !ring.isEmpty()) || firstLive(Node.WRITERS) != null;
    }

    /** A write would complete now. */
    boolean canWriteLocked() {
        return (ring != null && !ring.isFull()) || firstLive(Node.READERS) != null;
    }

    /** Takes a value (buffer or a waiting writer), or NONE if none is ready. */
    Object takeLocked() {
        Ring buf = ring;
        if (buf != null && !buf.isEmpty()) {
            Object v = buf.take();
            // Refill from the first waiting writer, completing it.
            Node w;
            while ((w = firstLive(Node.WRITERS)) != null) {
                dequeue(w);
                Object wv = w.item;
                if (w.owner().tryComplete(w.index())) {
                    buf.add(wv);
                    w.owner().wake();
                    break;
                }
            }
            return v;
        }
        Node w;
        while ((w = firstLive(Node.WRITERS)) != null) {
            dequeue(w);
            Object wv = w.item;
            if (w.owner().tryComplete(w.index())) {
                w.owner().wake();
                return wv;
            }
        }
        return NONE;
    }

    /** Hands {@code v} to a waiting reader or the buffer; false if neither can take it. */
    boolean putLocked(Object v) {
        Node r;
        while ((r = firstLive(Node.READERS)) != null) {
            dequeue(r);
            r.item = v;
            if (r.owner().tryComplete(r.index())) {
                r.owner().wake();
                return true;
            }
            r.item = null;
        }
        Ring buf = ring;
        if (buf != null && !buf.isFull()) {
            buf.add(v);
            return true;
        }
        return false;
    }

    Node enqueueReaderLocked(Sync owner, int index) {
        Node n = new AltNode(owner, index, null);
        enqueue(n, Node.READERS);
        return n;
    }

    Node enqueueWriterLocked(Sync owner, int index, Object v) {
        Node n = new AltNode(owner, index, v);
        enqueue(n, Node.WRITERS);
        return n;
    }

    /** Unlinks {@code n} if it is still queued here. */
    void unlink(Node n) {
        if (n.queue == Node.NOT_QUEUED) {
            return;
        }
        lock();
        try {
            dequeue(n);
        } finally {
            unlock();
        }
    }

    // ------------------------------------------------------------------------------------------
    // The wait queues, all with the lock held. Each is a circular doubly linked list anchored by
    // its head alone (head.prev is the tail), so a channel carries two fields for its queues, not
    // four; appending and removing any node are O(1).

    private Node head(byte q) {
        return q == Node.READERS ? readersHead : writersHead;
    }

    private void setHead(byte q, Node n) {
        if (q == Node.READERS) {
            readersHead = n;
        } else {
            writersHead = n;
        }
    }

    private void enqueue(Node n, byte q) {
        n.queue = q;
        Node h = head(q);
        if (h == null) {
            n.prev = n;
            n.next = n;
            setHead(q, n);
        } else {
            Node t = h.prev;
            n.prev = t;
            n.next = h;
            t.next = n;
            h.prev = n;
        }
    }

    /** Unlinks {@code n} from the queue it is in, if any. */
    private void dequeue(Node n) {
        byte q = n.queue;
        if (q == Node.NOT_QUEUED) {
            return;
        }
        Node x = n.next;
        if (x == n) {
            setHead(q, null);
        } else {
            Node p = n.prev;
            p.next = x;
            x.prev = p;
            if (head(q) == n) {
                setHead(q, x);
            }
        }
        n.prev = null;
        n.next = null;
        n.queue = Node.NOT_QUEUED;
    }

    /** The first node of {@code q} whose owner is still waiting; dead nodes before it are unlinked. */
    private Node firstLive(byte q) {
        Node n;
        while ((n = head(q)) != null && !n.owner().isWaiting()) {
            dequeue(n);
        }
        return n;
    }

    /** Empties {@code q} and returns its former head, the nodes chained through next up to null. */
    private Node drain(byte q) {
        Node h = head(q);
        if (h == null) {
            return null;
        }
        h.prev.next = null; // open the circle
        for (Node n = h; n != null; n = n.next) {
            n.queue = Node.NOT_QUEUED;
            n.prev = null;
        }
        setHead(q, null);
        return h;
    }

    /** The nodes of {@code q} in order, live or not (diagnostics: WaitProbe, waiterCounts). */
    List<Node> queued(byte q) {
        List<Node> out = new ArrayList<>();
        Node h = head(q);
        if (h != null) {
            Node n = h;
            do {
                out.add(n);
                n = n.next;
            } while (n != h);
        }
        return out;
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
        Object watch = null;
        boolean watched = false;
        int s;
        try {
            while ((s = node.state) == Sync.WAITING) {
                if (FaultInjection.ENABLED) {
                    FaultInjection.beforePark(this);
                }
                if (deadline == 0) {
                    if (!watched) {
                        // A thread that is not a process (main) becomes a deadlock participant.
                        // Then re-check the state before parking: registering can itself park
                        // (on the watcher's lock, the first time), which may consume the unpark
                        // of a partner that decided the node meanwhile.
                        watched = true;
                        watch = Detector.beginOutsideWait();
                        continue;
                    }
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
                        Object w = watch;
                        watch = null;
                        Detector.endInterruptedWait(w);
                    }
                    interrupted = true;
                }
            }
        } finally {
            if (watch != null) {
                Detector.endOutsideWait(watch, false);
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return s;
    }

    /**
     * Withdraws a waiting plain operation that is leaving abnormally (an Error or a runtime
     * exception thrown while it waited, e.g. a StackOverflowError at the park): cancels its node
     * and unlinks it, so that no partner can complete it afterwards. Called in the frame of
     * read/write, not in await, so that it also runs when calling await itself overflowed the
     * stack after the node was enqueued. If a partner decided the node first, the operation
     * happened (a written value was delivered; a value read is lost with the failing reader) and
     * the node is no longer queued.
     */
    private void abandon(Node node) {
        if (node.tryCancel()) {
            unlink(node);
        }
    }

    /** Turns a non-success final state into its outcome: NONE for timeout, else POISONED. */
    private static Object settle(int s) {
        return s == Sync.CANCELLED ? NONE : POISONED;
    }

    /** The number of values in the buffer (a snapshot, for diagnostics). */
    public int bufferedCount() {
        lock();
        try {
            return ring == null ? 0 : ring.size();
        } finally {
            unlock();
        }
    }

    /** The number of waiting readers and writers (a snapshot, for diagnostics). */
    public int[] waiterCounts() {
        lock();
        try {
            return new int[] {queued(Node.READERS).size(), queued(Node.WRITERS).size()};
        } finally {
            unlock();
        }
    }

    @Override
    public String toString() {
        return name();
    }
}
