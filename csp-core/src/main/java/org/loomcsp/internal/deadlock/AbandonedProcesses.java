package org.loomcsp.internal.deadlock;

import java.util.Locale;
import java.util.Set;
import org.loomcsp.internal.trace.JfrSupport;
import org.loomcsp.internal.trace.Registry;

/**
 * Go's "all goroutines are asleep - deadlock!" for a program whose {@code main} has ended: when
 * every live process is blocked for good in CSP operations and nothing else can wake them, the
 * keep-alive thread (which alone keeps such a JVM up) reports the deadlock on standard error and
 * ends the program. See {@code docs/adr/0070-abandoned-processes-end-the-program.md}.
 *
 * <p>{@code -Dcsp.deadlockAtExit=exit} (default): report, then {@code Runtime.exit(2)};
 * {@code terminate}: report, then terminate the blocked processes (the JVM exits with status 0);
 * {@code off}: keep the JVM alive, as before issue 13. Deadlock detection off
 * ({@code -Dcsp.deadlockDetection=false}) turns this off too.
 */
/*
 * Called by the keeper (KeepAlive) once per detection interval while processes are live. It does
 * nothing until main has ended, which is when the launcher's thread has become "DestroyJavaVM"
 * (the JVM is then only waiting for its non-daemon threads, of which the keeper is one). From then
 * on it applies the detector's rule (Detector.check) with no joiner: two consecutive identical
 * snapshots, no outside activity, the waits probed once more. The keeper is the only caller, so
 * 'previous' needs no synchronisation.
 *
 * An OutOfMemoryError while checking (main died of one and the heap is still full, issue 13's
 * 2,000,000 blocked processes) is itself the answer: main has ended, the heap is exhausted, and
 * nothing in the program can be relied on to make progress; report what we can and end.
 */
public final class AbandonedProcesses {

    private enum Mode { EXIT, TERMINATE, OFF }

    private static final Mode MODE = mode(System.getProperty("csp.deadlockAtExit", "exit"));
    /** The exit status after a deadlock report, as Go's fatal errors. */
    static final int DEADLOCK_STATUS = 2;
    /** The exit status when the check itself ran out of memory after main ended. */
    static final int OUT_OF_MEMORY_STATUS = 3;

    private static Snapshot previous;

    private AbandonedProcesses() {}

    private static Mode mode(String s) {
        try {
            return Mode.valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            System.getLogger("org.loomcsp").log(System.Logger.Level.WARNING,
                    "csp.deadlockAtExit=" + s + " is not one of exit, terminate, off; using exit");
            return Mode.EXIT;
        }
    }

    /** One round, on the keeper thread. */
    public static void check() {
        if (MODE == Mode.OFF || !Detector.enabled()) {
            previous = null;
            return;
        }
        try {
            if (!mainHasEnded()) {
                previous = null;
                return;
            }
            Snapshot s = Snapshot.take();
            Snapshot p = previous;
            previous = s;
            if (s == null || p == null || !s.sameWaits(p)
                    || Snapshot.outsideActivity(s, Set.of(), true, p)) {
                return;
            }
            Snapshot again = Snapshot.take();
            if (again == null || !again.sameWaits(s)) {
                return;
            }
            previous = null;
            Report r = Report.of(s, null);
            System.err.print("loomcsp: all processes are asleep - deadlock! (main has ended)\n"
                    + r.text());
            System.err.flush();
            JfrSupport.deadlock(r.text(), String.join(" -> ", r.cycle()), s.size());
            if (MODE == Mode.EXIT) {
                Runtime.getRuntime().exit(DEADLOCK_STATUS);
            } else {
                s.terminateAll();
            }
        } catch (OutOfMemoryError e) {
            previous = null;
            System.err.println("loomcsp: main has ended and the heap is exhausted"
                    + " (OutOfMemoryError) while " + Registry.startedCount()
                    + " processes are live; ending the program");
            if (MODE == Mode.EXIT) {
                Runtime.getRuntime().halt(OUT_OF_MEMORY_STATUS); // shutdown hooks need memory too
            }
        }
    }

    /**
     * Whether the program's {@code main} has returned (or thrown): the launcher's thread is then
     * the JVM's {@code DestroyJavaVM}, waiting for the non-daemon threads.
     */
    public static boolean mainHasEnded() {
        for (Thread t : Snapshot.liveThreads()) {
            if ("DestroyJavaVM".equals(t.getName())) {
                return true;
            }
        }
        return false;
    }
}
