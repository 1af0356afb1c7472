package org.loomcsp.internal.deadlock;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.loomcsp.internal.sched.ServiceThreads;
import org.loomcsp.internal.trace.JfrSupport;
import org.loomcsp.internal.trace.ProcessEntry;
import org.loomcsp.internal.trace.Registry;

/**
 * Deadlock detection at the point where a deadlock would hang a program: an untimed join of a
 * process. See {@code docs/adr/0020-deadlock-detection.md} for the rule and its limits.
 */
/*
 * A joiner that is not itself a process registers a Watch and joins plainly (an untimed join:
 * no timer per join, which would cost microseconds on every start-and-join). One daemon thread,
 * the watcher, exists while watches do: every INTERVAL it takes a Snapshot, which is null unless
 * every live process is parked, with no timeout, in a CSP wait (channel operation, Alt without
 * Skip or timer, barrier, join of a live process) and nothing else can be seen that could end
 * those waits. Two consecutive non-null snapshots with the same waits (same identity, still
 * undecided) prove that no process moved for a whole interval and that none can move unless a
 * thread outside the CSP world acts; the check for such threads (Snapshot.outsideActivity, which
 * does not count the registered joiners: they only wait) runs then, the waits are probed once
 * more (stillTheSame), and if nothing changed the watcher hands each watch its
 * DeadlockDiagnosis (which the API rethrows as DeadlockException), asks the blocked processes to
 * terminate (so the JVM can exit) and interrupts the joiners, which throw it.
 *
 * A joiner that is a process (a Par or Seq waiting for its children, a body that joins) records
 * a JOIN wait and joins plainly: it is part of the waiting set, not a watch.
 *
 * Cost: nothing on channel paths; per join by a non-process thread, one small object and a
 * concurrent-set add and remove; the watcher wakes once per interval while joins are pending and
 * parks for good after a few idle intervals (a new watch wakes it).
 */
public final class Detector {

    private static volatile boolean enabled =
            !"false".equalsIgnoreCase(System.getProperty("csp.deadlockDetection", "true"));
    private static volatile long intervalNanos = Duration.ofMillis(
            Long.getLong("csp.deadlockDetection.intervalMillis", 200)).toNanos();
    private static final AtomicLong CHECKS = new AtomicLong();

    /** The pending joins by threads that are not processes. */
    private static final Set<Watch> WATCHES = ConcurrentHashMap.newKeySet();
    private static final ReentrantLock WATCHER_LOCK = new ReentrantLock();
    /** The watcher thread, or null; written under WATCHER_LOCK. */
    private static volatile Thread watcher;
    /** Whether the watcher is parked without a timeout (a new watch must wake it). */
    private static volatile boolean watcherIdle;
    private static final int IDLE_TICKS = 5;

    static {
        Registry.setDetection(enabled);
    }

    private Detector() {}

    /** One join by a thread that is not a process. */
    private static final class Watch {
        /** The joined process, or null if its thread no longer names it. */
        final ProcessEntry process;
        final Thread target;
        final Thread joiner;
        /** Set by the watcher before it interrupts the joiner. */
        volatile DeadlockDiagnosis deadlock;
        /** Set by the watcher after it interrupted the joiner. */
        volatile boolean interruptSent;

        /** Throws the diagnosis, leaving no interrupt of the watcher's behind on the joiner. */
        DeadlockDiagnosis consume(DeadlockDiagnosis d) {
            while (!interruptSent) {
                Thread.onSpinWait(); // the watcher is between terminating and interrupting
            }
            Thread.interrupted();
            return d;
        }

        Watch(ProcessEntry process, Thread target, Thread joiner) {
            this.process = process;
            this.target = target;
            this.joiner = joiner;
        }
    }

    /** Whether detection is on. */
    public static boolean enabled() {
        return enabled;
    }

    /** Turns detection on or off (processes started while it is off are never diagnosed). */
    public static void setEnabled(boolean on) {
        enabled = on;
        Registry.setDetection(on);
    }

    /** The detection interval. */
    public static Duration interval() {
        return Duration.ofNanos(intervalNanos);
    }

    /** Sets the detection interval (at least 1 ms). */
    public static void setInterval(Duration d) {
        long ns = d.toNanos();
        if (ns < 1_000_000) {
            throw new IllegalArgumentException("the detection interval must be >= 1 ms, was " + d);
        }
        intervalNanos = ns;
        Thread wt = watcher;
        if (wt != null) {
            LockSupport.unpark(wt); // re-arm its current tick with the new interval
        }
    }

    /** The number of snapshots taken so far (for tests and benchmarks). */
    public static long checks() {
        return CHECKS.get();
    }

    /**
     * Waits for {@code t}, the thread of a process, to end, diagnosing a deadlock if the caller
     * is not a process.
     *
     * @throws DeadlockDiagnosis if every live process is deadlocked
     * @throws InterruptedException if the caller is interrupted
     */
    public static void join(Thread t) throws InterruptedException {
        ProcessEntry me = Registry.current();
        // Null once t has ended (join returns at once), or if user code replaced its handler.
        ProcessEntry p = Registry.entryOf(t);
        if (me != null) {
            Registry.Waiting w = p == null ? null : Registry.beginJoin(p);
            try {
                t.join();
            } finally {
                Registry.endWait(w);
            }
            return;
        }
        if (!enabled || !t.isAlive()) {
            t.join();
            return;
        }
        Watch w = new Watch(p, t, Thread.currentThread());
        WATCHES.add(w);
        wakeWatcher();
        try {
            t.join();
        } catch (InterruptedException e) {
                DeadlockDiagnosis d = w.deadlock;
            if (d != null) {
                throw w.consume(d);
            }
            throw e;
        } finally {
            WATCHES.remove(w);
        }
        DeadlockDiagnosis d = w.deadlock;
        if (d != null) {
            // The process ended (terminated by the diagnosis) before the interrupt arrived.
            throw w.consume(d);
        }
    }

    private static void wakeWatcher() {
        Thread wt = watcher;
        if (wt == null) {
            WATCHER_LOCK.lock();
            try {
                if (watcher == null) {
                    Thread n = ServiceThreads.newThread("loomcsp-deadlock-watcher",
                            Detector::watchUntilDeath, true);
                    watcher = n;
                    n.start();
                }
            } finally {
                WATCHER_LOCK.unlock();
            }
        } else if (watcherIdle) {
            LockSupport.unpark(wt);
        }
    }

    private static void watchUntilDeath() {
        try {
            watch();
        } finally {
            // Only an Error gets here: let the next join start a fresh watcher.
            WATCHER_LOCK.lock();
            try {
                watcher = null;
            } finally {
                WATCHER_LOCK.unlock();
            }
        }
    }

    private static void watch() {
        Snapshot previous = null;
        int idleTicks = 0;
        while (true) {
            if (WATCHES.isEmpty()) {
                previous = null;
                if (++idleTicks >= IDLE_TICKS) {
                    watcherIdle = true;
                    if (WATCHES.isEmpty()) {
                        LockSupport.park(Detector.class);
                    }
                    watcherIdle = false;
                    idleTicks = 0;
                    continue;
                }
            } else {
                idleTicks = 0;
            }
            LockSupport.parkNanos(Detector.class, intervalNanos);
            if (WATCHES.isEmpty() || !enabled) {
                previous = null;
                continue;
            }
            try {
                previous = check(previous);
            } catch (RuntimeException e) {
                // A diagnosis that fails must not end the watcher: forget this round, go on.
                previous = null;
            }
        }
    }

    /** One tick: returns the snapshot to compare the next one with. */
    private static Snapshot check(Snapshot previous) {
        CHECKS.incrementAndGet();
        Snapshot s = Snapshot.take(outsiders());
        if (s == null || previous == null || !s.sameWaits(previous)) {
            return s;
        }
        Set<Thread> joiners = new HashSet<>();
        for (Watch w : WATCHES) {
            if (w.joiner.getState() != Thread.State.WAITING) {
                return s; // a joiner about to wait, or just back from its join: it may act
            }
            joiners.add(w.joiner);
        }
        if (Snapshot.outsideActivity(s, joiners, previous) || !stillTheSame(s)
                || Snapshot.outsideActivity(s, joiners, previous)) {
            return s; // (the second scan: a thread seen asleep in the first may have moved)
        }
        List<Watch> told = new ArrayList<>();
        for (Watch w : WATCHES) {
            if ((w.target == null || w.target.isAlive()) && w.deadlock == null) {
                Report r = Report.of(s, w.process);
                w.deadlock = new DeadlockDiagnosis(r.text(), r.cycle(), r.waits());
                if (told.isEmpty()) {
                    JfrSupport.deadlock(r.text(), String.join(" -> ", r.cycle()), s.size());
                }
                told.add(w);
            }
        }
        if (!told.isEmpty()) {
            s.terminateAll();
            // Every watch given a diagnosis is interrupted exactly once, even if its joiner has
            // already left WATCHES (its process ended by the termination): it waits for this.
            for (Watch w : told) {
                w.joiner.interrupt();
                w.interruptSent = true;
            }
        }
        return null;
    }

    /** The threads of the outside waits (plain channel operations of non-process threads). */
    private static List<Thread> outsiders() {
        List<Thread> out = new ArrayList<>();
        for (Watch w : WATCHES) {
            if (w.target == null) {
                out.add(w.joiner);
            }
        }
        return out;
    }

    /**
     * Called by a thread that is not a process just before it parks, without a timeout, in a
     * plain channel read or write: from then on it is a participant of deadlock detection (issue
     * 13: main's {@code c.read()} with no writer hung silently). Returns the watch to end with
     * {@link #endOutsideWait}, or null (a process, or detection off). Not on the channel hot path:
     * only a wait that is about to park gets here, and a process only pays one handler read.
     */
    public static Object beginOutsideWait() {
        if (!enabled || Registry.current() != null) {
            return null;
        }
        Watch w = new Watch(null, null, Thread.currentThread());
        WATCHES.add(w);
        wakeWatcher();
        return w;
    }

    /**
     * Ends an outside wait that an interrupt withdrew, and throws what the waiter must see: the
     * deadlock diagnosis if the interrupt was the detector's, else {@link InterruptedException}.
     * {@code watch} may be null (the waiter is a process, or detection is off).
     */
    public static void endInterruptedWait(Object watch) throws InterruptedException {
        DeadlockDiagnosis d = endOutsideWait(watch, true);
        if (d != null) {
            throw d;
        }
        throw new InterruptedException();
    }

    /**
     * Ends an outside wait. With {@code interrupted} (the wait was interrupted and withdrawn)
     * returns the deadlock diagnosis to throw instead, if that interrupt was the detector's.
     */
    public static DeadlockDiagnosis endOutsideWait(Object watch, boolean interrupted) {
        if (watch == null) {
            return null;
        }
        Watch w = (Watch) watch;
        WATCHES.remove(w);
        DeadlockDiagnosis d = w.deadlock;
        return interrupted && d != null ? w.consume(d) : null;
    }

    /**
     * Runs one detection round now, on the calling thread, with no interval between the two
     * snapshots (inside the CSP world a wait that is identical in two snapshots cannot move, see
     * ADR 0020; the interval only gives outside threads time to show up). Returns the report if
     * every live process is blocked for good, else {@code null}. Terminates and interrupts
     * nothing. For tests, which must not depend on the watcher ticking during a short run.
     */
    public static String diagnoseNow() {
        CHECKS.incrementAndGet();
        Snapshot a = Snapshot.take();
        if (a == null) {
            return null;
        }
        // The first scan only records who is asleep in what (its answer is that of the next).
        Snapshot.outsideActivity(a, Set.of(), a);
        Snapshot b = Snapshot.take();
        if (b == null || !b.sameWaits(a) || Snapshot.outsideActivity(b, Set.of(), a)
                || !stillTheSame(b) || Snapshot.outsideActivity(b, Set.of(), a)) {
            return null;
        }
        return Report.of(b, null).text();
    }

    /*
     * The outside-activity check looks at threads *after* the snapshot was taken: a thread that
     * completed one of the waits and then ended in between is no longer there to be seen. So
     * once no outside thread is found, the waits are probed once more: any wait decided
     * meanwhile (by a thread that has since ended) shows up as a changed or missing token. A
     * thread still alive at the activity check vetoes the diagnosis by itself.
     */
    private static boolean stillTheSame(Snapshot s) {
        Snapshot again = Snapshot.take(outsiders());
        return again != null && again.sameWaits(s);
    }
}
