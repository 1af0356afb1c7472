package org.loomcsp.internal.channel;

import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import org.loomcsp.internal.deadlock.Detector;
import org.loomcsp.internal.exec.FaultInjection;

/**
 * The engine behind {@code Alt}: an event-driven choice over input guards, output guards, Skip
 * and timers. No polling, no sleeping, no busy-waiting.
 */
/*
 * The guards come as one Case object each (Go's scase, Jox's SelectClause): kind, channel, value,
 * and the selection's scratch state (enabled, alarm).
 *
 * Algorithm (Go's selectgo, with CSP's three policies).
 *
 *  1. Lock every distinct channel of the enabled guards, in increasing channel id (a global
 *     order, so two Alts never deadlock on each other's locks).
 *  2. If any of them is poisoned: unlock, report POISONED for that guard (the API throws
 *     ChannelPoison: python-csp's rule, a poisoned guard makes select raise, so the process can
 *     shut down).
 *  3. Collect the ready guards: Skip always; a timer whose alarm has passed (or that has none);
 *     an input guard whose channel has a buffered value or a live waiting writer; an output guard
 *     whose channel has buffer room or a live waiting reader. Choose one by policy:
 *       PRI    the first ready guard in guard order;
 *       RANDOM uniformly at random among the ready guards;
 *       FAIR   uniformly at random among the ready guards other than the previous choice, if
 *              there is another (so the previous choice is never repeated while another guard
 *              is ready).
 *     Commit it while the locks are still held. Committing with a waiting partner is a CAS on the
 *     partner's Sync; it fails only if that partner (itself an Alt) was decided through another
 *     channel in the meantime, in which case that partner is unlinked and step 3 is redone (the
 *     partner set only shrinks, so this terminates).
 *  4. Nothing ready: enqueue one node per channel guard, all sharing one Sync, unlock, and park
 *     until a partner decides the Sync, the earliest timer alarm passes, or an interrupt. A
 *     timeout or interrupt first tries to CANCEL the Sync; if a partner won the race, its
 *     decision stands. While we hold the locks in step 1-4 nobody can decide our Sync, because
 *     it is not enqueued anywhere before step 4: hence Alt-vs-Alt on the two ends of a channel is
 *     decided atomically, and a ready channel can never be "lost" (python-csp's race).
 *  5. Unlink every node (each under its own channel's lock, O(1)), so a guard that never fires
 *     leaves nothing behind however often the Alt waits on it. An Alt that leaves with an Error
 *     or runtime exception while waiting first CANCELs its Sync, then unlinks (abandon): a
 *     partner can never complete an Alt that is gone.
 */
public final class Selector {

    /** How a selection chooses among several ready guards. */
    public enum Policy {
        /** The first ready guard in guard order. */
        PRI,
        /** Uniformly at random among the ready guards. */
        RANDOM,
        /** At random among the ready guards other than the previous choice, if there is one. */
        FAIR
    }

    private Selector() {}

    /**
     * The outcome of a selection: the chosen guard's index and the value (for READ: the value
     * read; WRITE: the value written; SKIP/TIMER: null). If a channel of an enabled guard is
     * poisoned, the index is that guard's and the value is {@link ChannelCore#POISONED}.
     */
    public static final class Result {
        public int index;
        public Object value;
    }

    /**
     * Selects one case.
     *
     * @param cases the guards, with enabled and alarm set for this selection
     * @param lockOrder the distinct channels of all cases, sorted by id ({@link #lockOrder})
     * @param policy how to choose among ready cases
     * @param last the previous choice (for FAIR), or -1
     * @param out receives the result (POISONED as its value if a channel is poisoned)
     * @throws InterruptedException if interrupted while waiting (nothing was selected)
     */
    public static void select(Case[] cases, ChannelCore[] lockOrder, Policy policy, int last,
            Result out) throws InterruptedException {
        int n = cases.length;
        int[] ready = new int[n];
        Node[] nodes = null;
        Sync sync = null;
        long deadline = Long.MAX_VALUE;
        boolean hasTimer = false;
        lockAll(lockOrder);
        try {
            for (int i = 0; i < n; i++) {
                Case c = cases[i];
                if (c.enabled && c.channel != null && c.channel.isPoisoned()) {
                    out.index = i;
                    out.value = ChannelCore.POISONED;
                    return;
                }
            }
            while (true) {
                int nready = 0;
                long now = 0;
                boolean nowRead = false;
                for (int i = 0; i < n; i++) {
                    Case c = cases[i];
                    if (!c.enabled) {
                        continue;
                    }
                    boolean r;
                    switch (c.kind) {
                        case READ -> r = c.channel.canReadLocked();
                        case WRITE -> r = c.channel.canWriteLocked();
                        case SKIP -> r = true;
                        default -> {
                            long a = c.alarm;
                            if (a == Case.NO_ALARM) {
                                r = true;
                            } else {
                                if (!nowRead) {
                                    now = System.nanoTime();
                                    nowRead = true;
                                }
                                r = now - a >= 0;
                            }
                        }
                    }
                    if (r) {
                        ready[nready++] = i;
                    }
                }
                if (nready == 0) {
                    break;
                }
                int choice = choose(ready, nready, policy, last);
                Case c = cases[choice];
                switch (c.kind) {
                    case READ -> {
                        Object v = c.channel.takeLocked();
                        if (v == ChannelCore.NONE) {
                            continue; // partner decided elsewhere; re-evaluate
                        }
                        out.value = v;
                    }
                    case WRITE -> {
                        if (!c.channel.putLocked(c.value)) {
                            continue;
                        }
                        out.value = c.value;
                    }
                    default -> out.value = null;
                }
                out.index = choice;
                return;
            }
            // Nothing ready: wait on every enabled channel guard at once.
            sync = new AltSync(Thread.currentThread(), cases);
            nodes = new Node[n];
            for (int i = 0; i < n; i++) {
                Case c = cases[i];
                if (!c.enabled) {
                    continue;
                }
                switch (c.kind) {
                    case READ -> nodes[i] = c.channel.enqueueReaderLocked(sync, i);
                    case WRITE -> nodes[i] = c.channel.enqueueWriterLocked(sync, i, c.value);
                    case TIMER -> {
                        hasTimer = true;
                        deadline = Math.min(deadline, c.alarm);
                    }
                    default -> { }
                }
            }
        } finally {
            unlockAll(lockOrder);
        }
        int s;
        try {
            s = awaitDecision(sync, nodes, cases, hasTimer, deadline);
        } catch (InterruptedException e) {
            throw e; // cancelled and unlinked by awaitDecision
        } catch (Throwable t) {
            abandon(sync, nodes, cases); // also if calling awaitDecision overflowed the stack
            throw t;
        }
        if (s == Sync.CANCELLED) {
            // Timed out: the timer with the earliest alarm fires.
            out.index = earliestTimer(cases);
            out.value = null;
            return;
        }
        if (s > 0) {
            int i = s - 1;
            out.index = i;
            out.value = cases[i].kind == Case.Kind.READ ? nodes[i].item : cases[i].value;
            nodes[i].item = null;
            return;
        }
        out.index = -s - 1;
        out.value = ChannelCore.POISONED;
    }

    private static int awaitDecision(Sync sync, Node[] nodes, Case[] cases,
            boolean hasTimer, long deadline)
            throws InterruptedException {
        boolean interrupted = false;
        Object watch = null;
        boolean watched = false;
        int s;
        try {
            while ((s = sync.state) == Sync.WAITING) {
                if (FaultInjection.ENABLED) {
                    FaultInjection.beforePark(sync);
                }
                if (hasTimer) {
                    long rem = deadline - System.nanoTime();
                    if (rem <= 0) {
                        if (sync.tryCancel()) {
                            return Sync.CANCELLED;
                        }
                        continue;
                    }
                    LockSupport.parkNanos(sync, rem);
                } else {
                    if (!watched) {
                        // A thread that is not a process (main) becomes a deadlock participant.
                        // Then re-check the decision before parking: registering can itself park
                        // (on the watcher's lock, the first time), which may consume the unpark
                        // of the process that decided meanwhile.
                        watched = true;
                        watch = Detector.beginOutsideWait();
                        continue;
                    }
                    LockSupport.park(sync);
                }
                if (Thread.interrupted()) {
                    if (sync.tryCancel()) {
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
            unlinkAll(nodes, cases);
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return s;
    }

    private static void unlinkAll(Node[] nodes, Case[] cases) {
        for (int i = 0; i < nodes.length; i++) {
            if (nodes[i] != null) {
                cases[i].channel.unlink(nodes[i]);
            }
        }
    }

    /**
     * Withdraws a waiting Alt that leaves with an Error or runtime exception: cancels its Sync
     * first (so no partner can complete it through a node not yet unlinked), then unlinks every
     * node. If a partner decided it first, that guard's communication happened.
     */
    private static void abandon(Sync sync, Node[] nodes, Case[] cases) {
        sync.tryCancel();
        unlinkAll(nodes, cases);
    }

    private static int earliestTimer(Case[] cases) {
        int best = -1;
        for (int i = 0; i < cases.length; i++) {
            Case c = cases[i];
            if (c.enabled && c.kind == Case.Kind.TIMER
                    && (best < 0 || c.alarm - cases[best].alarm < 0)) {
                best = i;
            }
        }
        return best;
    }

    private static int choose(int[] ready, int nready, Policy policy, int last) {
        if (nready == 1 || policy == Policy.PRI) {
            return ready[0];
        }
        if (policy == Policy.FAIR && last >= 0) {
            int pos = Arrays.binarySearch(ready, 0, nready, last);
            if (pos >= 0) {
                int k = ThreadLocalRandom.current().nextInt(nready - 1);
                return ready[k >= pos ? k + 1 : k];
            }
        }
        return ready[ThreadLocalRandom.current().nextInt(nready)];
    }

    private static void lockAll(ChannelCore[] order) {
        for (ChannelCore c : order) {
            c.lock();
        }
    }

    private static void unlockAll(ChannelCore[] order) {
        for (int i = order.length - 1; i >= 0; i--) {
            order[i].unlock();
        }
    }

    /** The distinct channels of {@code cases}, in the global lock order (increasing id). */
    public static ChannelCore[] lockOrder(Case[] cases) {
        return Arrays.stream(cases).map(c -> c.channel).filter(c -> c != null).distinct()
                .sorted((a, b) -> Long.compare(a.id, b.id)).toArray(ChannelCore[]::new);
    }
}
