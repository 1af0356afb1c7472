package org.loomcsp.internal.trace;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * Which thread runs which process, and which processes wait in a join or on a barrier. Used by
 * the tracer and JFR (to name the process behind the current thread) and by deadlock detection
 * (to list the live processes and what each waits on).
 */
/*
 * Costs. Per process (not per channel operation): one LongAdder increment at start, one
 * decrement at the end, and, while tracking is on (deadlock detection or a tracer), a link into
 * and out of one of STRIPES intrusive doubly linked lists, under that stripe's lock. The links
 * live in the process's ProcessEntry (its thread's task), so tracking allocates nothing: a map
 * from thread to process cost 40 bytes per process (docs/adr/0050-process-footprint.md). The
 * stripe is chosen by the thread id, so a process's entry and exit take the same lock. The
 * process behind a thread is found through the thread's uncaught-exception handler, which is
 * the ProcessEntry (see there). No ThreadLocal.
 *
 * Joins and barrier waits (not channel hot paths) record a Waiting object in WAITS for their
 * duration; channel operations record nothing: their park blocker already says what they wait
 * on (see internal.channel.WaitProbe).
 *
 * Consistency rule used by the detector: STARTED counts every process from start() to the end
 * of its thread, tracked or not; LIVE holds only tracked running ones. If LIVE.size() !=
 * STARTED.sum(), some process is untracked or has not yet begun running, and no deadlock may be
 * declared.
 */
public final class Registry {

    /** A power of two, well above the carrier count, so starts and ends rarely meet on a lock. */
    private static final int STRIPES = 64;
    private static final Stripe[] LIVE = new Stripe[STRIPES];

    static {
        for (int i = 0; i < STRIPES; i++) {
            LIVE[i] = new Stripe();
        }
    }

    /** One list of tracked live processes. */
    private static final class Stripe {
        final ReentrantLock lock = new ReentrantLock();
        ProcessEntry head;
        /** Written under the lock; read without it by trackedCount(). */
        volatile int size;
    }

    private static final LongAdder STARTED = new LongAdder();
    private static final ConcurrentHashMap<Thread, Waiting> WAITS = new ConcurrentHashMap<>();

    private static volatile boolean detection = true;
    private static volatile boolean tracing;
    private static volatile boolean tracking = true;

    private Registry() {}

    /** What a process waits for, other than a channel or an Alt. */
    public enum Kind {
        /** The end of another process ({@code target} is its {@link ProcessEntry}). */
        JOIN,
        /**
         * A barrier phase ({@code target} is the barrier, {@code phase} its phase then, {@code
         * currentPhase} reads its phase now).
         */
        BARRIER
    }

    /**
     * One join or barrier wait. Its identity is the identity of the wait.
     *
     * @param kind what kind of wait
     * @param target the process joined or the barrier
     * @param phase the barrier phase at the start of the wait (0 for a join)
     * @param currentPhase reads the barrier's phase now ({@code null} for a join)
     */
    public record Waiting(Kind kind, Object target, long phase, LongSupplier currentPhase) {}

    /** Called by {@code start()} before the thread is launched. */
    public static void starting() {
        STARTED.increment();
    }

    /** Called when launching the thread failed after {@link #starting()}. */
    public static void startFailed() {
        STARTED.decrement();
    }

    private static Stripe stripeOfCurrentThread() {
        return LIVE[(int) Thread.currentThread().threadId() & (STRIPES - 1)];
    }

    /**
     * Called first thing on the process's own thread, whose task is {@code e}; returns whether
     * the process is tracked (pass it to {@link #exit}).
     */
    public static boolean enter(ProcessEntry e) {
        if (!tracking) {
            return false;
        }
        Stripe s = stripeOfCurrentThread();
        s.lock.lock();
        try {
            ProcessEntry h = s.head;
            e.prev = null;
            e.next = h;
            if (h != null) {
                h.prev = e;
            }
            s.head = e;
            s.size++;
        } finally {
            s.lock.unlock();
        }
        return true;
    }

    /** Called last thing on the process's own thread, with what {@link #enter} returned. */
    public static void exit(ProcessEntry e, boolean tracked) {
        if (tracked) {
            Stripe s = stripeOfCurrentThread();
            s.lock.lock();
            try {
                ProcessEntry p = e.prev;
                ProcessEntry n = e.next;
                if (p == null) {
                    s.head = n;
                } else {
                    p.next = n;
                }
                if (n != null) {
                    n.prev = p;
                }
                e.prev = null;
                e.next = null;
                s.size--;
            } finally {
                s.lock.unlock();
            }
        }
        STARTED.decrement();
    }

    /** The process whose thread is the current one, or {@code null}. */
    public static ProcessEntry current() {
        return entryOf(Thread.currentThread());
    }

    /** The process run by {@code t}, or {@code null} (also once {@code t} has terminated). */
    public static ProcessEntry entryOf(Thread t) {
        return t.getUncaughtExceptionHandler() instanceof ProcessEntry e ? e : null;
    }

    /** "process NAME (pid N)" for a process's thread, else "thread NAME": for messages. */
    public static String describe(Thread t) {
        ProcessEntry p = entryOf(t);
        return p != null ? "process " + p.name() + " (pid " + p.pid() + ")"
                : "thread " + t.getName();
    }

    /** Processes started and not yet ended (tracked or not). */
    public static long startedCount() {
        return STARTED.sum();
    }

    /** The number of tracked live processes (a sum over the stripes, each read without a lock). */
    public static long trackedCount() {
        long n = 0;
        for (Stripe s : LIVE) {
            n += s.size;
        }
        return n;
    }

    /** Visits one tracked live process; returns false to stop the walk. */
    @FunctionalInterface
    public interface LiveVisitor {
        boolean visit(Thread thread, ProcessEntry process);
    }

    /**
     * Calls {@code v} for each tracked live process whose thread {@code start()} has published,
     * stripe by stripe, each stripe under its lock (so {@code v} must not start or end
     * processes). Returns false if {@code v} stopped the walk or a process had no thread yet.
     */
    public static boolean forEachLive(LiveVisitor v) {
        for (Stripe s : LIVE) {
            s.lock.lock();
            try {
                for (ProcessEntry e = s.head; e != null; e = e.next) {
                    Thread t = e.thread();
                    if (t == null || !v.visit(t, e)) {
                        return false;
                    }
                }
            } finally {
                s.lock.unlock();
            }
        }
        return true;
    }

    /** Records that the current process thread starts a join; returns it. */
    public static Waiting beginJoin(ProcessEntry target) {
        return beginWait(Kind.JOIN, target, 0, null);
    }

    /** Records that the current process thread starts a barrier wait; returns it. */
    public static Waiting beginBarrierWait(Object barrier, long phase, LongSupplier currentPhase) {
        return tracking ? beginWait(Kind.BARRIER, barrier, phase, currentPhase) : null;
    }

    private static Waiting beginWait(Kind kind, Object target, long phase,
            LongSupplier currentPhase) {
        if (!tracking) {
            return null;
        }
        Waiting w = new Waiting(kind, target, phase, currentPhase);
        WAITS.put(Thread.currentThread(), w);
        return w;
    }

    /** Ends the wait that {@link #beginWait} returned (null is ignored). */
    public static void endWait(Waiting w) {
        if (w != null) {
            WAITS.remove(Thread.currentThread(), w);
        }
    }

    /** The join or barrier wait of {@code t}, or {@code null}. */
    public static Waiting waitOf(Thread t) {
        return WAITS.get(t);
    }

    /** Turns deadlock detection's need for tracking on or off. */
    public static void setDetection(boolean on) {
        detection = on;
        tracking = detection || tracing;
    }

    /** Turns the tracer's need for tracking on or off. */
    public static void setTracing(boolean on) {
        tracing = on;
        tracking = detection || tracing;
    }

    /** Whether new processes are tracked. */
    public static boolean tracking() {
        return tracking;
    }
}
