package org.loomcsp.internal.trace;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.loomcsp.CSPProcess;

/**
 * Which thread runs which process, and which processes wait in a join or on a barrier. Used by
 * the tracer and JFR (to name the process behind the current thread) and by deadlock detection
 * (to list the live processes and what each waits on).
 */
/*
 * Costs. Per process (not per channel operation): one LongAdder increment at start, one
 * decrement at the end, and, while tracking is on (deadlock detection or a tracer), one
 * ConcurrentHashMap put and remove keyed by the process's Thread. No ThreadLocal: the process
 * object is captured by its thread's Runnable and registered from there.
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

    private static final ConcurrentHashMap<Thread, CSPProcess> LIVE = new ConcurrentHashMap<>();
    private static final LongAdder STARTED = new LongAdder();
    private static final ConcurrentHashMap<Thread, Waiting> WAITS = new ConcurrentHashMap<>();

    private static volatile boolean detection = true;
    private static volatile boolean tracing;
    private static volatile boolean tracking = true;

    private Registry() {}

    /** What a process waits for, other than a channel or an Alt. */
    public enum Kind {
        /** The end of another process ({@code target} is the CSPProcess). */
        JOIN,
        /** A barrier phase ({@code target} is the Barrier, {@code phase} its phase then). */
        BARRIER
    }

    /**
     * One join or barrier wait. Its identity is the identity of the wait.
     *
     * @param kind what kind of wait
     * @param target the process joined or the barrier
     * @param phase the barrier phase at the start of the wait (0 for a join)
     */
    public record Waiting(Kind kind, Object target, long phase) {}

    /** Called by {@code start()} before the thread is launched. */
    public static void starting() {
        STARTED.increment();
    }

    /** Called when launching the thread failed after {@link #starting()}. */
    public static void startFailed() {
        STARTED.decrement();
    }

    /** Called first thing on the process's own thread; returns whether it was tracked. */
    public static boolean enter(CSPProcess p) {
        if (tracking) {
            LIVE.put(Thread.currentThread(), p);
            return true;
        }
        return false;
    }

    /** Called last thing on the process's own thread. */
    public static void exit(boolean tracked) {
        if (tracked) {
            LIVE.remove(Thread.currentThread());
        }
        STARTED.decrement();
    }

    /** The process whose thread is the current one, or {@code null}. */
    public static CSPProcess current() {
        return tracking ? LIVE.get(Thread.currentThread()) : null;
    }

    /** The process run by {@code t}, or {@code null}. */
    public static CSPProcess processOf(Thread t) {
        return LIVE.get(t);
    }

    /** Processes started and not yet ended (tracked or not). */
    public static long startedCount() {
        return STARTED.sum();
    }

    /** A copy of the tracked live processes by thread. */
    public static Map<Thread, CSPProcess> liveSnapshot() {
        return new HashMap<>(LIVE);
    }

    /** Records that the current process thread starts a join or barrier wait; returns it. */
    public static Waiting beginWait(Kind kind, Object target, long phase) {
        if (!tracking) {
            return null;
        }
        Waiting w = new Waiting(kind, target, phase);
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
