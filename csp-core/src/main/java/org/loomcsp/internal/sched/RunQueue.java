package org.loomcsp.internal.sched;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Queue;

/**
 * One carrier's run queue: a {@code runnext} slot and a bounded ring, after Go's {@code runq}
 * (runtime/proc.go). Only the owning carrier (and the virtual threads mounted on it, which run
 * on the same OS thread) {@linkplain #put puts}; the owner {@linkplain #poll polls}; any other
 * thread may {@linkplain #stealInto steal}.
 */
/*
 * Algorithm (Go's runqput / runqget / runqgrab, single producer, many consumers):
 *
 *   ring[0..CAPACITY) with two counters that only grow (int overflow is harmless: only the
 *   differences tail - head are used):
 *     head: the next slot to take; advanced by any consumer with a CAS.
 *     tail: the next slot to fill; written only by the owner, with release semantics.
 *
 *   put: write ring[tail % CAPACITY], then tail = tail + 1 (release). If the ring is full, half
 *   of it plus the new task move to the overflow queue (one CAS on head takes them, so no other
 *   consumer can take them too).
 *   poll / steal: read head (acquire), tail (acquire), copy the slots [head, head + n), then CAS
 *   head -> head + n. If the CAS fails someone else took them: retry.
 *
 * Invariants:
 *   I1 0 <= tail - head <= CAPACITY.
 *   I2 The slots [head, tail) hold exactly the queued tasks, oldest first. The owner writes a
 *      slot only at index tail, i.e. outside [head, tail) by I1; so a consumer that copied slots
 *      of [h, t) and then succeeded with CAS head h -> h + n read values the owner had not
 *      overwritten (an overwrite would need head > h first, and the CAS would fail).
 *   I3 A task is taken at most once: every take is a successful CAS on head (ring) or on
 *      runnext (slot), and each of these removes the task it returns.
 *   I4 runnext holds at most one task; put(next) swaps it in and moves the previous one to the
 *      ring's tail, so no task is lost.
 *
 * Slots the owner took (poll, putSlow) are cleared by the owner after its CAS on head: a task
 * holds its virtual thread, and through it a process and everything its body captured, so a
 * slot left set would keep a finished process reachable until the ring wraps (up to CAPACITY
 * per carrier; it delayed Cleaner-based reports of unjoined failures, ADR 0091). Clearing is
 * safe: the slot is outside [head, tail) once the CAS succeeded, so no consumer can take it any
 * more (one that read it before the CAS fails its own CAS and retries), and the owner is the
 * only writer of slots. Slots taken by stealers are not cleared (a stealer is not the owner: its
 * write could land after the owner reused the slot), so up to CAPACITY stolen tasks per carrier
 * may stay reachable until overwritten: bounded.
 */
public final class RunQueue {

    /** Slots in the ring (Go: 256). */
    public static final int CAPACITY = 256;
    private static final int MASK = CAPACITY - 1;

    private static final VarHandle HEAD;
    private static final VarHandle TAIL;
    private static final VarHandle RUNNEXT;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            HEAD = l.findVarHandle(RunQueue.class, "head", int.class);
            TAIL = l.findVarHandle(RunQueue.class, "tail", int.class);
            RUNNEXT = l.findVarHandle(RunQueue.class, "runnext", Runnable.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Runnable[] ring = new Runnable[CAPACITY];
    @SuppressWarnings("unused") // accessed through HEAD
    private volatile int head;
    @SuppressWarnings("unused") // accessed through TAIL
    private volatile int tail;
    @SuppressWarnings("unused") // accessed through RUNNEXT
    private volatile Runnable runnext;

    /**
     * Owner only: queues {@code task}.
     *
     * @param next whether the task goes into runnext (it runs next), pushing the task that was
     *     there to the ring's tail; otherwise the task goes to the ring's tail
     * @param overflow where half of a full ring goes
     * @return whether a task entered the ring or the overflow queue (i.e. became stealable)
     */
    public boolean put(Runnable task, boolean next, Queue<Runnable> overflow) {
        if (next) {
            Runnable old = (Runnable) RUNNEXT.getAndSet(this, task);
            if (old == null) {
                return false;
            }
            task = old;
        }
        for (;;) {
            int h = (int) HEAD.getAcquire(this);
            int t = (int) TAIL.getOpaque(this); // only we write it
            if (t - h < CAPACITY) {
                ring[t & MASK] = task;
                TAIL.setRelease(this, t + 1);
                return true;
            }
            if (putSlow(task, h, t, overflow)) {
                return true;
            }
            // a consumer took some: there is room now
        }
    }

    /** Moves half of the full ring plus {@code task} to {@code overflow}. */
    private boolean putSlow(Runnable task, int h, int t, Queue<Runnable> overflow) {
        int n = (t - h) / 2;
        Runnable[] batch = new Runnable[n];
        for (int i = 0; i < n; i++) {
            batch[i] = ring[(h + i) & MASK];
        }
        if (!HEAD.compareAndSet(this, h, h + n)) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            ring[(h + i) & MASK] = null; // see "Slots the owner took" above
        }
        for (Runnable r : batch) {
            overflow.add(r);
        }
        overflow.add(task);
        return true;
    }

    /** Owner only: takes runnext, else the ring's oldest task; {@code null} if empty. */
    public Runnable poll() {
        if (RUNNEXT.getOpaque(this) != null) {
            Runnable r = (Runnable) RUNNEXT.getAndSet(this, null);
            if (r != null) {
                return r;
            }
        }
        return pollRing();
    }

    /**
     * Owner only: takes the ring's oldest task before runnext, so that a task in the ring is not
     * starved by a pair of processes that keep readying each other into runnext.
     */
    public Runnable pollFair() {
        Runnable r = pollRing();
        return r != null ? r : poll();
    }

    private Runnable pollRing() {
        for (;;) {
            int h = (int) HEAD.getAcquire(this);
            int t = (int) TAIL.getAcquire(this);
            if (t == h) {
                return null;
            }
            Runnable r = ring[h & MASK];
            if (HEAD.compareAndSet(this, h, h + 1)) {
                ring[h & MASK] = null; // see "Slots the owner took" above
                return r;
            }
        }
    }

    /**
     * Any thread: moves about half of this queue's ring into {@code dst} (whose owner must be the
     * calling thread) and returns one of the stolen tasks to run now. If the ring is empty and
     * {@code takeRunnext}, takes runnext instead.
     *
     * @return a stolen task, or {@code null} if there was nothing to steal
     */
    public Runnable stealInto(RunQueue dst, boolean takeRunnext) {
        for (;;) {
            int h = (int) HEAD.getAcquire(this);
            int t = (int) TAIL.getAcquire(this);
            int n = t - h;
            if (n <= 0 || n > CAPACITY) { // n > CAPACITY: inconsistent read, retry
                if (n <= 0) {
                    if (takeRunnext) {
                        Runnable r = (Runnable) RUNNEXT.getAcquire(this);
                        if (r != null && RUNNEXT.compareAndSet(this, r, null)) {
                            return r;
                        }
                    }
                    return null;
                }
                continue;
            }
            n = n - n / 2;
            Runnable first = ring[h & MASK];
            int dt = (int) TAIL.getOpaque(dst);
            int dh = (int) HEAD.getAcquire(dst);
            int room = CAPACITY - (dt - dh);
            if (n - 1 > room) {
                n = room + 1;
            }
            // copy into dst's free slots before the CAS; they are not visible until tail moves
            for (int i = 1; i < n; i++) {
                dst.ring[(dt + i - 1) & MASK] = ring[(h + i) & MASK];
            }
            if (HEAD.compareAndSet(this, h, h + n)) {
                if (n > 1) {
                    TAIL.setRelease(dst, dt + n - 1);
                }
                return first;
            }
        }
    }

    /** Any thread: whether runnext holds a task. */
    public boolean hasRunnext() {
        return RUNNEXT.getAcquire(this) != null;
    }

    /** Any thread: the ring's head counter (it moves whenever a task is taken from the ring). */
    public int head() {
        return (int) HEAD.getAcquire(this);
    }

    /** Any thread: whether the ring holds a task (runnext not counted). */
    public boolean ringNonEmpty() {
        int h = (int) HEAD.getAcquire(this);
        int t = (int) TAIL.getAcquire(this);
        return t - h > 0;
    }

    /** Any thread: an estimate of the number of tasks in the ring (runnext not counted). */
    public int ringSize() {
        int h = (int) HEAD.getAcquire(this);
        int t = (int) TAIL.getAcquire(this);
        return Math.max(0, Math.min(CAPACITY, t - h));
    }

    /** Any thread: an estimate of the number of queued tasks, runnext included. */
    public int size() {
        int h = (int) HEAD.getAcquire(this);
        int t = (int) TAIL.getAcquire(this);
        int n = Math.max(0, Math.min(CAPACITY, t - h));
        return n + (hasRunnext() ? 1 : 0);
    }
}
