package org.loomcsp.internal.exec;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.loomcsp.internal.deadlock.AbandonedProcesses;
import org.loomcsp.internal.deadlock.Detector;
import org.loomcsp.internal.sched.ServiceThreads;

/**
 * Keeps the JVM alive while processes that the program started are still running.
 *
 * <p>Virtual threads are daemon threads, so without this a {@code main} that ends with {@code
 * hello().start()} would let the JVM exit before {@code hello} printed anything. python-csp's
 * interpreter waited for its processes; so does loomcsp.
 */
/*
 * Design: a counter of live processes and one non-daemon platform thread, the keeper, that exists
 * while the counter is above zero (and lingers LINGER_NS after it drops to zero, so that a
 * program that starts and joins processes one at a time does not create a platform thread per
 * process).
 *
 * Start and end of a process must stay cheap (start-and-join of a trivial virtual process costs
 * about a microsecond), so neither takes a lock nor makes a system call in the common case:
 *  - processStarting: an atomic increment; only on 0 -> 1 it reads 'keeper' and, if there is
 *    none, takes the lock to create one.
 *  - processEnded: an atomic decrement; only on 1 -> 0, and only if the keeper is parked without
 *    a timeout (state PARKED), it unparks it. A lingering keeper (timed park) re-reads the count
 *    when its linger ends, so it needs no wake-up: at most one unpark per linger period.
 * Races, resolved by writing before reading on both sides (volatile/atomic, so sequentially
 * consistent):
 *  - keeper about to park for good: it writes state = PARKED, then re-reads the count; an ender
 *    decrements, then reads state. At least one sees the other: either the keeper sees 0 and
 *    lingers, or the ender sees PARKED and unparks.
 *  - keeper about to exit: under the lock it writes keeper = null, then re-reads the count and
 *    restores itself if a process started; a starter increments, then reads keeper, and if it
 *    sees null takes the lock to create one (after the old keeper has decided). So there is
 *    always a keeper while the count is above zero.
 *
 * While processes are live the keeper parks for one deadlock-detection interval at a time (not
 * for good), and after each it lets AbandonedProcesses look for processes that nobody can ever
 * wake once main has ended (issue 13: such processes kept the JVM alive silently for ever); it
 * may end the program with a deadlock report (docs/adr/0070). A tick costs one timed park and,
 * until main has ended, one scan of the platform threads' names.
 *
 * Failures that nobody has taken yet (UnobservedFailures) also keep the keeper: while one waits
 * and main has not ended, the keeper ticks once per detection interval; when main has ended it
 * reports them (before the abandoned-process check, which may end the program) and goes.
 *
 * The cost of the lingering is that the JVM exits up to LINGER_NS after the last process ends.
 * Setting -Dcsp.keepAlive=false turns the whole mechanism off (processes are then daemons, as raw
 * virtual threads are).
 */
public final class KeepAlive {

    private static final long LINGER_NS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final boolean ENABLED =
            !"false".equalsIgnoreCase(System.getProperty("csp.keepAlive", "true"));

    private static final int LINGERING = 0;
    private static final int PARKED = 1;

    private static final AtomicLong LIVE = new AtomicLong();
    private static final ReentrantLock LOCK = new ReentrantLock();
    /** Written under LOCK; read without it. */
    private static volatile Thread keeper;
    /** Written by the keeper only. */
    private static volatile int keeperState = LINGERING;

    private KeepAlive() {}

    /** Called just before a process's thread is started. */
    public static void processStarting() {
        if (ENABLED && LIVE.getAndIncrement() == 0 && keeper == null) {
            ensureKeeper();
        }
    }

    /** Called when a process's body has completely finished. */
    public static void processEnded() {
        if (ENABLED && LIVE.decrementAndGet() == 0 && keeperState == PARKED) {
            Thread k = keeper;
            if (k != null) {
                LockSupport.unpark(k);
            }
        }
    }

    /** The number of processes started and not yet ended. */
    public static long liveProcesses() {
        return LIVE.get();
    }

    private static void ensureKeeper() {
        MainWatch.installIfMain(); // an Error in main ends the program (docs/adr/0071)
        LOCK.lock();
        try {
            if (keeper == null) {
                Thread k = ServiceThreads.newThread("loomcsp-keepalive", KeepAlive::keep, false);
                keeper = k;
                k.start();
            }
        } finally {
            LOCK.unlock();
        }
    }

    /**
     * Reports pending failures if main has ended. Never throws: an OutOfMemoryError here (main
     * may have died of one) must not kill the keeper before AbandonedProcesses can end the
     * program (ADR 0070); the failures are then left to the shutdown hook.
     */
    private static boolean reportIfMainEnded() {
        try {
            return UnobservedFailures.reportIfMainEnded();
        } catch (Throwable t) {
            return true;
        }
    }

    private static void keep() {
        Thread self = Thread.currentThread();
        while (true) {
            if (LIVE.get() > 0) {
                keeperState = PARKED;
                if (LIVE.get() > 0) {
                    LockSupport.parkNanos(KeepAlive.class, Detector.interval().toNanos());
                }
                keeperState = LINGERING;
                if (UnobservedFailures.anyPending()) {
                    reportIfMainEnded();
                }
                if (LIVE.get() > 0) {
                    AbandonedProcesses.check();
                }
                continue;
            }
            LockSupport.parkNanos(KeepAlive.class, LINGER_NS);
            if (LIVE.get() > 0) {
                continue;
            }
            if (UnobservedFailures.anyPending() && !reportIfMainEnded()) {
                // A failure waits for a join() that main may still make: stay (one tick per
                // detection interval) until it is taken, unreachable, or main has ended.
                LockSupport.parkNanos(KeepAlive.class, Detector.interval().toNanos());
                continue;
            }
            LOCK.lock();
            try {
                if (keeper != self) {
                    return; // replaced (cannot happen today, but never keep two)
                }
                keeper = null;
                if (LIVE.get() == 0) {
                    return;
                }
                keeper = self; // a process started meanwhile: stay
            } finally {
                LOCK.unlock();
            }
        }
    }
}
