package org.loomcsp.internal.deadlock;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.loomcsp.CSPProcess;
import org.loomcsp.DeadlockException;
import org.loomcsp.internal.trace.JfrSupport;
import org.loomcsp.internal.trace.Registry;

/**
 * Deadlock detection at the point where a deadlock would hang a program: an untimed join of a
 * process. See {@code docs/adr/0020-deadlock-detection.md} for the rule and its limits.
 */
/*
 * A joiner that is not itself a process joins in slices of INTERVAL. After each slice that ends
 * without the process ending, it takes a Snapshot: null unless every live process is parked, with
 * no timeout, in a CSP wait (channel operation, Alt without Skip or timer, barrier, join of a
 * live process) and nothing else can be seen that could end those waits. Two consecutive
 * non-null snapshots with the same waits (same identity, still undecided) prove that no process
 * moved for a whole interval and that none can move unless a thread outside the CSP world acts;
 * the check for such threads (Snapshot.outsideActivity) runs then, and if it finds none, the
 * joiner throws DeadlockException and terminates the blocked processes (so the JVM can exit).
 *
 * A joiner that is a process (a Par or Seq waiting for its children, a body that joins) records
 * a JOIN wait and joins plainly: it is part of the waiting set, not a detector.
 *
 * Cost: nothing on channel paths; per join by a non-process thread, one wake-up per interval.
 */
public final class Detector {

    private static volatile boolean enabled =
            !"false".equalsIgnoreCase(System.getProperty("csp.deadlockDetection", "true"));
    private static volatile long intervalNanos = Duration.ofMillis(
            Long.getLong("csp.deadlockDetection.intervalMillis", 200)).toNanos();
    private static final AtomicLong CHECKS = new AtomicLong();

    static {
        Registry.setDetection(enabled);
    }

    private Detector() {}

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
    }

    /** The number of snapshots taken so far (for tests and benchmarks). */
    public static long checks() {
        return CHECKS.get();
    }

    /**
     * Waits for {@code t}, the thread of {@code p}, to end, diagnosing a deadlock if the caller
     * is not a process.
     *
     * @throws DeadlockException if every live process is deadlocked
     * @throws InterruptedException if the caller is interrupted
     */
    public static void join(CSPProcess p, Thread t) throws InterruptedException {
        CSPProcess me = Registry.current();
        if (me != null) {
            Registry.Waiting w = Registry.beginWait(Registry.Kind.JOIN, p, 0);
            try {
                t.join();
            } finally {
                Registry.endWait(w);
            }
            return;
        }
        Snapshot previous = null;
        while (true) {
            if (!enabled) {
                t.join();
                return;
            }
            if (t.join(Duration.ofNanos(intervalNanos))) {
                return;
            }
            CHECKS.incrementAndGet();
            Snapshot s = Snapshot.take();
            if (s != null && previous != null && s.sameWaits(previous)
                    && !Snapshot.outsideActivity(s) && stillTheSame(s) && t.isAlive()) {
                Report r = Report.of(s, p);
                JfrSupport.deadlock(r.text(), String.join(" -> ", r.cycle()), s.size());
                s.terminateAll();
                throw new DeadlockException(r.text(), r.cycle(), r.waits());
            }
            previous = s;
        }
    }

    /*
     * The outside-activity check looks at threads *after* the snapshot was taken: a thread that
     * completed one of the waits and then ended in between is no longer there to be seen. So
     * once no outside thread is found, the waits are probed once more: any wait decided
     * meanwhile (by a thread that has since ended) shows up as a changed or missing token. A
     * thread still alive at the activity check vetoes the diagnosis by itself.
     */
    private static boolean stillTheSame(Snapshot s) {
        Snapshot again = Snapshot.take();
        return again != null && again.sameWaits(s);
    }
}
