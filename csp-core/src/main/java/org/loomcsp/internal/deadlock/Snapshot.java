package org.loomcsp.internal.deadlock;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import org.loomcsp.internal.channel.ChannelCore;
import org.loomcsp.internal.channel.WaitProbe;
import org.loomcsp.internal.sched.ServiceThreads;
import org.loomcsp.internal.trace.ProcessEntry;
import org.loomcsp.internal.trace.Registry;

/**
 * What every live process waits on at one moment, if every one of them is in a CSP wait; see
 * {@link Detector}.
 */
/*
 * take() returns null as soon as it meets a reason to think the program may still move:
 *   - a process started but not tracked or not yet running (started count != tracked count);
 *   - a process thread not in state WAITING (running, runnable, sleeping, a timed wait such as
 *     Timer.sleep, a timed read or an Alt with a timer: TIMED_WAITING; a monitor: BLOCKED);
 *   - a WAITING process whose wait is not a CSP one (I/O, a lock, a queue: its park blocker is
 *     not a channel or an Alt and it has no join/barrier record);
 *   - a CSP wait already decided (a partner completed it; the thread is about to wake);
 *   - a barrier wait whose phase has moved on, or a join of a process that has ended.
 * The state is read before and after the probe, so a thread that woke meanwhile is caught.
 */
final class Snapshot {

    /** One blocked process. */
    record Blocked(ProcessEntry process, Thread thread, Object token, String kind,
            List<ChannelCore> reads, List<ChannelCore> writes, Object target) {

        List<ChannelCore> channels() {
            List<ChannelCore> all = new ArrayList<>(reads);
            all.addAll(writes);
            return all;
        }
    }

    private final Map<Thread, Blocked> blocked;
    /**
     * How long an outside thread must have been found in the very same wait, round after round,
     * before it counts as asleep. With the default interval (200 ms) two rounds are enough; with
     * a short one (tests use 1 ms) two rounds were not: under load a thread queued for a lock
     * whose holder the OS had descheduled sat in the same wait for more than 1 ms and was taken
     * for a participant, and a reader was reported deadlocked while its writer was about to write.
     */
    static final long ASLEEP_NS = 50_000_000;

    /** A wait an outside thread was found in, and since when (the first round that saw it). */
    private record Sleep(Object on, long since) {}

    /**
     * The threads outside the snapshot that the activity scans of this round found asleep, with
     * what each one waited on (its park blocker, or its state for a monitor or Object.wait) and
     * since when; read by the next round. Touched only by the thread that runs the rounds.
     */
    private final Map<Thread, Sleep> sleepers = new HashMap<>();

    private Snapshot(Map<Thread, Blocked> blocked) {
        this.blocked = blocked;
    }

    static Snapshot take() {
        return take(List.of());
    }

    /**
     * A snapshot that also holds {@code outsiders}: threads that are not processes and wait in
     * a plain channel operation (main's c.read()); null unless each of them is in an undecided,
     * untimed channel wait too.
     */
    static Snapshot take(List<Thread> outsiders) {
        long started = Registry.startedCount();
        if ((started == 0 && outsiders.isEmpty()) || Registry.trackedCount() != started) {
            return null;
        }
        Map<Thread, Blocked> out = new java.util.HashMap<>();
        for (Thread t : outsiders) {
            if (t.getState() != Thread.State.WAITING) {
                return null;
            }
            Registry.Waiting rw = Registry.waitOf(t);
            if (rw != null && rw.kind() == Registry.Kind.BARRIER) {
                // main in barrier.synchronise(): judged like a process's barrier wait
                if (rw.currentPhase().getAsLong() != rw.phase()
                        || t.getState() != Thread.State.WAITING) {
                    return null;
                }
                out.put(t, new Blocked(new OutsideParticipant(t, List.of(rw.target())), t, rw,
                        "barrier", List.of(), List.of(), rw.target()));
                continue;
            }
            WaitProbe.ChannelWait cw = WaitProbe.probe(t, LockSupport.getBlocker(t));
            if (cw == null || t.getState() != Thread.State.WAITING) {
                return null;
            }
            List<Object> known = new ArrayList<>(cw.reads());
            known.addAll(cw.writes());
            out.put(t, new Blocked(new OutsideParticipant(t, known), t, cw.token(),
                    cw.alt() ? "alt" : "channel", cw.reads(), cw.writes(), null));
        }
        // Walks the live processes and stops at the first one that may still move: while a
        // program runs, a snapshot costs a few probes, not one per process.
        boolean allBlocked = Registry.forEachLive((t, p) -> {
            Blocked b = blocked(t, p);
            if (b == null) {
                return false;
            }
            out.put(t, b);
            return true;
        });
        if (!allBlocked || out.size() != started + outsiders.size()
                || Registry.startedCount() != started) {
            return null;
        }
        return new Snapshot(out);
    }

    /** What {@code t} (the thread of {@code p}) waits for, or null if it may still move. */
    private static Blocked blocked(Thread t, ProcessEntry p) {
        if (t.getState() != Thread.State.WAITING) {
            return null;
        }
        Blocked b;
        Registry.Waiting w = Registry.waitOf(t);
        if (w != null) {
            if (w.kind() == Registry.Kind.JOIN) {
                ProcessEntry target = (ProcessEntry) w.target();
                if (!target.isAlive()) {
                    return null;
                }
                b = new Blocked(p, t, w, "join", List.of(), List.of(), target);
            } else {
                if (w.currentPhase().getAsLong() != w.phase()) {
                    return null;
                }
                b = new Blocked(p, t, w, "barrier", List.of(), List.of(), w.target());
            }
        } else {
            WaitProbe.ChannelWait cw = WaitProbe.probe(t, LockSupport.getBlocker(t));
            if (cw == null) {
                return null;
            }
            b = new Blocked(p, t, cw.token(), cw.alt() ? "alt" : "channel", cw.reads(), cw.writes(), null);
        }
        return t.getState() == Thread.State.WAITING ? b : null;
    }

    /** Whether both snapshots hold the same threads in the very same waits. */
    boolean sameWaits(Snapshot other) {
        if (!blocked.keySet().equals(other.blocked.keySet())) {
            return false;
        }
        for (Map.Entry<Thread, Blocked> e : blocked.entrySet()) {
            if (!WaitProbe.sameWait(other.blocked.get(e.getKey()).token(), e.getValue().token())) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether something outside the blocked processes could still end their waits: an open
     * {@link OutsideSources outside source} (a csp-net node, a GUI), a thread
     * that is not one of them, queued on one of their channels and not asleep, a live non-daemon
     * platform thread other than the caller and the runtime's own that is not asleep (running,
     * runnable, in I/O or in a timed wait), or a virtual thread running now (a busy carrier
     * thread). Threads asleep in untimed waits are judged like the processes: they need someone
     * else to wake them, and nobody is left; but only a thread found asleep in the very same wait
     * by the scan of the round {@code before} (the previous snapshot, one interval earlier), and
     * by every round since one at least ASLEEP_NS earlier, counts as asleep: a wait seen once, or
     * for a moment, may be a passing one (a contended lock whose holder is descheduled, a class
     * being initialised by another thread, a monitor) that ends by itself.
     */
    static boolean outsideActivity(Snapshot s, Set<Thread> joiners, Snapshot before) {
        return outsideActivity(s, joiners, false, before);
    }

    /**
     * As {@link #outsideActivity(Snapshot, Set, Snapshot)}; with {@code strict}, any live non-daemon
     * application thread counts as activity, asleep or not (ADR 0020's first rule 5). The
     * after-main check (AbandonedProcesses) is strict: it ends the JVM, and an asleep
     * non-daemon thread (a GUI event thread waiting for a click fed by a daemon thread) keeps
     * the JVM up by itself anyway, so exiting could only do harm.
     */
    static boolean outsideActivity(Snapshot s, Set<Thread> joiners, boolean strict,
            Snapshot before) {
        if (OutsideSources.any()) {
            return true; // an outside source (a network node, a GUI) may still act
        }
        Set<Thread> mine = s.blocked.keySet();
        boolean fresh = false; // some thread was found asleep for the first time (all are recorded)
        Set<ChannelCore> seen = new HashSet<>();
        for (Blocked b : s.blocked.values()) {
            for (ChannelCore c : b.channels()) {
                if (seen.add(c)) {
                    for (Thread w : WaitProbe.waiters(c)) {
                        if (!mine.contains(w)) {
                            int a = asleep(w, s, before);
                            if (a == AWAKE) {
                                return true;
                            }
                            fresh |= a == ASLEEP_NEWLY;
                        }
                    }
                }
            }
        }
        Thread me = Thread.currentThread();
        // Thread.getAllStackTraces() is not used: it leaves out live threads whose stack it could
        // not take at that instant (seen for a thread started a few ms before, RUNNABLE in
        // ThreadGroup.enumerate but absent from the map), and an outside writer left out that way
        // made a reader look deadlocked. Stacks are taken only where they decide something.
        for (Thread t : liveThreads()) {
            if (t == me || mine.contains(t) || joiners.contains(t) || !t.isAlive()) {
                continue;
            }
            Thread.State st = t.getState();
            if (st == Thread.State.TERMINATED) {
                continue;
            }
            if (t.getClass().getName().equals("jdk.internal.misc.CarrierThread")) {
                if (st == Thread.State.RUNNABLE && !idleCarrier(t.getStackTrace())) {
                    return true; // some virtual thread is running now (or we cannot tell)
                }
                continue;
            }
            if (t.isDaemon() || t.getName().equals("DestroyJavaVM")
                    || t.getName().equals("loomcsp-keepalive") || idlePoolWorker(t)) {
                continue;
            }
            if (!strict) {
                int a = asleep(t, s, before);
                if (a == ASLEEP_NEWLY) {
                    fresh = true;
                }
                if (a != AWAKE) {
                    continue;
                }
            }
            return true; // a non-daemon application thread that may still act by itself
        }
        return fresh;
    }

    /**
     * What {@code t} is asleep in, or null if it is not asleep: it waits without a timeout
     * ({@code WAITING}: a channel operation, a join, a latch, {@code Thread.join}...) or for a
     * monitor ({@code BLOCKED}): it cannot act until another thread wakes it, so it is a
     * participant, not activity (issue 13: a {@code main}
     * waiting in {@code Thread.join} for a worker that joins the processes vetoed every
     * diagnosis). A thread running, in I/O or in a timed wait (sleeping) may act by itself.
     *
     * <p>Not asleep either: a thread parked with a channel or an Alt as its blocker but with no
     * undecided wait there. It is queued for the channel's lock (which this very check takes to
     * probe the waits: a writer arriving during a probe parks on it and may still show WAITING
     * after the probe released it) or its wait was just decided; either way it moves by itself.
     * Judging it asleep reported a reader as deadlocked while its writer was about to write.
     */
    private static Object sleep(Thread t) {
        Thread.State st = t.getState();
        if (st == Thread.State.BLOCKED) {
            return st;
        }
        if (st != Thread.State.WAITING) {
            return null;
        }
        Object blocker = LockSupport.getBlocker(t);
        if (WaitProbe.isChannelBlocker(blocker) && WaitProbe.probe(t, blocker) == null) {
            return null;
        }
        if (t.getState() != Thread.State.WAITING) {
            return null;
        }
        return blocker == null ? st : blocker;
    }

    private static final int AWAKE = 0;
    private static final int ASLEEP_NEWLY = 1;
    private static final int ASLEEP_AGAIN = 2;

    /**
     * Whether {@code t} is awake; asleep (see {@link #sleep}) but not yet for good (the round
     * {@code before} did not find it in this wait, or found it there less than ASLEEP_NS after
     * the first round that did); or asleep in the same wait for ASLEEP_NS or more, round after
     * round. Records the wait and since when in {@code now} for the next round.
     */
    private static int asleep(Thread t, Snapshot now, Snapshot before) {
        Object wait = sleep(t);
        if (wait == null) {
            return AWAKE;
        }
        Sleep seen = before == null ? null : before.sleepers.get(t);
        long at = System.nanoTime();
        boolean same = seen != null && seen.on() == wait;
        now.sleepers.put(t, new Sleep(wait, same ? seen.since() : at));
        return same && at - seen.since() >= ASLEEP_NS ? ASLEEP_AGAIN : ASLEEP_NEWLY;
    }

    /**
     * Whether the stack is that of an idle executor or fork-join worker, which acts only when
     * some other thread gives it work.
     */
    private static boolean idlePoolWorker(Thread t) {
        Thread.State st = t.getState();
        if (st != Thread.State.WAITING && st != Thread.State.TIMED_WAITING) {
            return false;
        }
        for (StackTraceElement f : t.getStackTrace()) {
            String m = f.getClassName() + "." + f.getMethodName();
            if (m.equals("java.util.concurrent.ThreadPoolExecutor.getTask")
                    || m.equals("java.util.concurrent.ForkJoinPool.awaitWork")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a RUNNABLE carrier thread's stack shows it mounts no virtual thread. An empty stack
     * (not taken) is not idle: when in doubt, the carrier counts as activity.
     */
    private static boolean idleCarrier(StackTraceElement[] stack) {
        if (stack.length == 0) {
            return false;
        }
        for (StackTraceElement f : stack) {
            if ("java.lang.VirtualThread".equals(f.getClassName())
                    || "jdk.internal.vm.Continuation".equals(f.getClassName())) {
                return false;
            }
        }
        return true;
    }

    /** Every live platform thread, from the root thread group (virtual threads are not listed). */
    static List<Thread> liveThreads() {
        ThreadGroup g = ServiceThreads.group(); // the root group
        Thread[] ts;
        int n;
        do {
            ts = new Thread[g.activeCount() * 2 + 16];
            n = g.enumerate(ts, true);
        } while (n == ts.length);
        return Arrays.asList(ts).subList(0, n);
    }

    /** The blocked processes, by pid. */
    List<Blocked> blocked() {
        List<Blocked> l = new ArrayList<>(blocked.values());
        l.sort(Comparator.comparingLong(b -> b.process().pid()));
        return l;
    }

    int size() {
        return blocked.size();
    }

    /** Terminates every blocked process, so that the program (and the JVM) can end. */
    void terminateAll() {
        for (Blocked b : blocked.values()) {
            b.process().terminate();
        }
    }
}
