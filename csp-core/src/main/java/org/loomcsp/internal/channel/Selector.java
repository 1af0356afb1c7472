package org.loomcsp.internal.channel;

import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import org.loomcsp.ChannelPoison;
import org.loomcsp.internal.exec.FaultInjection;

/**
 * The engine behind {@code Alt}: an event-driven choice over input guards, output guards, Skip
 * and timers. No polling, no sleeping, no busy-waiting.
 */
/*
 * Algorithm (Go's selectgo, with CSP's three policies).
 *
 *  1. Lock every distinct channel of the enabled guards, in increasing channel id (a global
 *     order, so two Alts never deadlock on each other's locks).
 *  2. If any of them is poisoned: unlock, throw ChannelPoison (python-csp's rule: a poisoned
 *     guard makes select raise, so the process can shut down).
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

    /** Guard kinds. */
    public static final byte READ = 0;
    public static final byte WRITE = 1;
    public static final byte SKIP = 2;
    public static final byte TIMER = 3;

    /** Policies. */
    public static final int PRI = 0;
    public static final int RANDOM = 1;
    public static final int FAIR = 2;

    private Selector() {}

    /**
     * The outcome of a selection: the chosen guard's index and the value (for READ: the value
     * read; WRITE: the value written; SKIP/TIMER: null).
     */
    public static final class Result {
        public int index;
        public Object value;
    }

    /**
     * Selects one guard.
     *
     * @param n number of guards
     * @param kinds guard kinds
     * @param cores the channel of each READ/WRITE guard (null for others)
     * @param writeValues the value of each WRITE guard
     * @param alarms for each TIMER guard, the alarm as a nanoTime, or Long.MIN_VALUE for none
     * @param enabled which guards take part (preconditions)
     * @param lockOrder the distinct channels of all guards, sorted by id
     * @param policy PRI, RANDOM or FAIR
     * @param last the previous choice (for FAIR), or -1
     * @param out receives the result
     * @throws InterruptedException if interrupted while waiting (nothing was selected)
     * @throws ChannelPoison if a channel of an enabled guard is poisoned
     */
    public static void select(int n, byte[] kinds, ChannelCore[] cores, Object[] writeValues,
            long[] alarms, boolean[] enabled, ChannelCore[] lockOrder, int policy, int last,
            Result out) throws InterruptedException {
        int[] ready = new int[n];
        Node[] nodes = null;
        Sync sync = null;
        long deadline = Long.MAX_VALUE;
        boolean hasTimer = false;
        lockAll(lockOrder);
        try {
            for (int i = 0; i < n; i++) {
                if (enabled[i] && cores[i] != null && cores[i].isPoisoned()) {
                    throw cores[i].poisonException();
                }
            }
            while (true) {
                int nready = 0;
                long now = 0;
                boolean nowRead = false;
                for (int i = 0; i < n; i++) {
                    if (!enabled[i]) {
                        continue;
                    }
                    boolean r;
                    switch (kinds[i]) {
                        case READ -> r = cores[i].canReadLocked();
                        case WRITE -> r = cores[i].canWriteLocked();
                        case SKIP -> r = true;
                        default -> {
                            long a = alarms[i];
                            if (a == Long.MIN_VALUE) {
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
                switch (kinds[choice]) {
                    case READ -> {
                        Object v = cores[choice].takeLocked();
                        if (v == ChannelCore.NONE) {
                            continue; // partner decided elsewhere; re-evaluate
                        }
                        out.value = v;
                    }
                    case WRITE -> {
                        if (!cores[choice].putLocked(writeValues[choice])) {
                            continue;
                        }
                        out.value = writeValues[choice];
                    }
                    default -> out.value = null;
                }
                out.index = choice;
                return;
            }
            // Nothing ready: wait on every enabled channel guard at once.
            sync = new AltSync(Thread.currentThread(), kinds, cores, enabled);
            nodes = new Node[n];
            for (int i = 0; i < n; i++) {
                if (!enabled[i]) {
                    continue;
                }
                switch (kinds[i]) {
                    case READ -> nodes[i] = cores[i].enqueueReaderLocked(sync, i);
                    case WRITE -> nodes[i] = cores[i].enqueueWriterLocked(sync, i, writeValues[i]);
                    case TIMER -> {
                        hasTimer = true;
                        deadline = Math.min(deadline, alarms[i]);
                    }
                    default -> { }
                }
            }
        } finally {
            unlockAll(lockOrder);
        }
        int s;
        try {
            s = awaitDecision(sync, nodes, cores, hasTimer, deadline);
        } catch (InterruptedException e) {
            throw e; // cancelled and unlinked by awaitDecision
        } catch (Throwable t) {
            abandon(sync, nodes, cores); // also if calling awaitDecision overflowed the stack
            throw t;
        }
        if (s == Sync.CANCELLED) {
            // Timed out: the timer with the earliest alarm fires.
            out.index = earliestTimer(n, kinds, alarms, enabled);
            out.value = null;
            return;
        }
        if (s > 0) {
            int i = s - 1;
            out.index = i;
            out.value = kinds[i] == READ ? nodes[i].item : writeValues[i];
            nodes[i].item = null;
            return;
        }
        int i = -s - 1;
        throw cores[i].poisonException();
    }

    private static int awaitDecision(Sync sync, Node[] nodes, ChannelCore[] cores,
            boolean hasTimer, long deadline)
            throws InterruptedException {
        boolean interrupted = false;
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
                    LockSupport.park(sync);
                }
                if (Thread.interrupted()) {
                    if (sync.tryCancel()) {
                        throw new InterruptedException();
                    }
                    interrupted = true;
                }
            }
        } finally {
            unlinkAll(nodes, cores);
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return s;
    }

    private static void unlinkAll(Node[] nodes, ChannelCore[] cores) {
        for (int i = 0; i < nodes.length; i++) {
            if (nodes[i] != null) {
                cores[i].unlink(nodes[i]);
            }
        }
    }

    /**
     * Withdraws a waiting Alt that leaves with an Error or runtime exception: cancels its Sync
     * first (so no partner can complete it through a node not yet unlinked), then unlinks every
     * node. If a partner decided it first, that guard's communication happened.
     */
    private static void abandon(Sync sync, Node[] nodes, ChannelCore[] cores) {
        sync.tryCancel();
        unlinkAll(nodes, cores);
    }

    private static int earliestTimer(int n, byte[] kinds, long[] alarms, boolean[] enabled) {
        int best = -1;
        for (int i = 0; i < n; i++) {
            if (enabled[i] && kinds[i] == TIMER && (best < 0 || alarms[i] - alarms[best] < 0)) {
                best = i;
            }
        }
        return best;
    }

    private static int choose(int[] ready, int nready, int policy, int last) {
        if (nready == 1 || policy == PRI) {
            return ready[0];
        }
        if (policy == FAIR && last >= 0) {
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

    /** Sorts the distinct channels by id, for {@link #select}'s lock order. */
    public static ChannelCore[] lockOrder(ChannelCore[] cores) {
        return Arrays.stream(cores).filter(c -> c != null).distinct()
                .sorted((a, b) -> Long.compare(a.id, b.id)).toArray(ChannelCore[]::new);
    }
}
