package org.loomcsp.internal.sched;

import java.lang.System.Logger.Level;
import java.util.Arrays;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * loomcsp's scheduler for virtual threads: the {@link Executor} that runs their continuations
 * on a set of {@link Carrier} platform threads, Go-style (runnext, local run queues, a global
 * queue, work stealing, one spinning carrier, a monitor that adds a carrier when one is held).
 *
 * <p>See {@code docs/adr/0060-loomcsp-schedules-its-processes.md}.
 */
/*
 * Where a task goes (execute):
 *   - readied by a virtual thread running on carrier C (unpark, start): C's runnext. The woken
 *     partner runs next on the same carrier, in the waker's cache (Go's runnext). The task it
 *     displaces goes to the tail of C's ring.
 *   - submitted by carrier C itself (after a virtual thread unmounted: Thread.yield, or a park
 *     that raced with its unpark): a yield asked for by the yield point (Carrier.yieldRequested)
 *     goes to the global queue (Go's Gosched), anything else to the tail of C's ring.
 *   - from any other thread (timers, platform threads, the unblocker): the global queue.
 *   An idle carrier is woken (Go's wakep; it starts as the spinning carrier) when a task enters
 *   the global queue, or a ring that is crowded (CROWDED tasks) or while no idle carrier
 *   watches, and some carrier is idle and none is spinning. A task in a ring is its owner's to
 *   run: the owner is running and takes it soon; another carrier takes it only once the ring
 *   is crowded or the task is stuck (below).
 *
 * What a carrier runs next (findRunnable):
 *   - every 61st time: the global queue first, then its ring before its runnext (Go's
 *     schedtick % 61), so neither the global queue nor the ring can be starved by a pair of
 *     processes that keep readying each other into runnext;
 *   - else its runnext, its ring, the global queue (taking a small batch);
 *   - else, if fewer than half the busy carriers are spinning, it spins for up to SPIN_NS,
 *     looking at the others once per SPIN_GAP_NS, and takes work that is crowded or stuck: half
 *     the ring of a carrier whose ring holds CROWDED tasks (independent work: a chatty network
 *     of a few processes never queues that many) or whose ring head has not moved for STUCK_NS
 *     (its oldest task waited that long), or the ring and then the runnext of a carrier that
 *     has run one task for STUCK_NS (held: busy, not about to run them); and the global queue;
 *   - else it goes idle: publishes IDLE, re-checks the global queue (Dekker with the
 *     submitters, which publish the task and then read the idle count), and parks. A carrier
 *     that spun in vain first watches: it parks for WATCH_NS at a time and looks at the
 *     others' ticks and rings; if one has crowded or stuck work it becomes active and spins to
 *     take it; after WATCH_ROUNDS looks without any queued work it parks until signalled. While
 *     every carrier is idle nobody is watched: it parks until signalled at once (a pool fed
 *     from outside, by a network or timers, is all idle between submissions, and a timed park
 *     every WATCH_NS would cost a wake-up each).
 *
 * Why "crowded or stuck", not Go's "any ring work" (measured, ADR 0060's 2026-11-27
 * amendment): in a chatty network each hand-off displaces a task from runnext into the ring, which the owner runs
 * a microsecond later. Taken by another carrier instead, the network splits across two carriers
 * and every hand-off crosses caches (commstime 5.4 us per loop at 2 carriers vs 1.0-1.5 on one).
 * A spinner reading a busy carrier's queue at full speed slowed it down as much again; it now
 * reads only the ticks and ring head, once a microsecond. And a lone displaced task wakes nobody
 * while a watcher exists, so a chatty network makes no futex calls.
 *
 * Fairness without preemption (Sysmon, every MONITOR_NS while a carrier is busy): a carrier
 * that has run the same task for QUANTUM_NS while work waits gets company: an idle carrier is
 * woken, or, if none is idle, an extra carrier is started (up to maxCarriers; cf. ForkJoinPool's
 * compensation for managed blocking). An extra carrier retires when it goes idle while the
 * carriers that are not held exceed the parallelism (and after RETIRE_NS idle in any case
 * when they do). So a virtual thread that never parks, or
 * is pinned in native code, costs one carrier, not the program.
 *
 * Invariants:
 *   P1 idle == number of carriers in state IDLE (whoever leaves IDLE decrements it).
 *   P2 spinning == number of carriers with the owner-only flag spinning set (a waker counts the
 *      carrier it signals; the carrier clears the flag and decrements when it finds work or
 *      gives up).
 *   P3 No lost task: a task in a ring is run by its owner, which is running (only the owner
 *      puts into its ring, from the task it runs, and it never goes idle with its own queue
 *      non-empty). For the global queue, a submitter publishes the task, then reads
 *      idle/spinning; a carrier going idle publishes IDLE and idle++, then re-reads the global
 *      queue; both sides use volatile/atomic operations, so one of them sees the other.
 *   P4 No stranded task: a task queued behind a held carrier is taken by a spinning or watching
 *      carrier, or, if every other carrier parks unwatching (it raced with the last watcher's
 *      end), by one the monitor wakes within MONITOR_NS.
 *   P5 watchers == number of carriers with the owner-only flag watching set.
 */
public final class CarrierPool implements Executor {

    private static final System.Logger LOG = System.getLogger(CarrierPool.class.getName());

    /** How long an idle carrier spins for work before it parks. */
    static final long SPIN_NS = Long.getLong("csp.scheduler.spinMicros", 20) * 1_000;
    /**
     * How long a carrier must have run one task, or the oldest task of its ring have waited,
     * before another carrier takes its work (Go: usleep(3) in runqgrab).
     */
    static final long STUCK_NS = 3_000;
    /**
     * A ring with this many tasks is crowded: its owner has independent work queued that others
     * may take at once (a chatty network of a few processes never queues that many).
     */
    static final int CROWDED = 4;
    /** A spinning carrier's pause between two looks at the others. */
    static final long SPIN_GAP_NS = 1_000;
    /** How often a watching idle carrier looks at the others. */
    static final long WATCH_NS = 50_000;
    /** Rounds without queued work after which a watching carrier parks until signalled. */
    static final int WATCH_ROUNDS = 20;
    /** The monitor's period while some carrier is busy. */
    static final long MONITOR_NS = 1_000_000;
    /** The monitor's period while every carrier is idle. */
    static final long MONITOR_IDLE_NS = 20_000_000;
    /** How long a task may hold a carrier, while work waits, before the monitor compensates. */
    static final long QUANTUM_NS = Long.getLong("csp.scheduler.quantumMillis", 10) * 1_000_000;
    /** How long an extra carrier stays idle before it retires. */
    static final long RETIRE_NS = 1_000_000_000L;
    /** Most tasks a carrier takes from the global queue at once. */
    private static final int GLOBAL_BATCH = 8;

    private final int parallelism;
    private final int maxCarriers;
    private final Queue<Runnable> global = new ConcurrentLinkedQueue<>();
    private final AtomicInteger idle = new AtomicInteger();
    private final AtomicInteger spinning = new AtomicInteger();
    private final AtomicInteger watchers = new AtomicInteger();
    private final ReentrantLock carriersLock = new ReentrantLock();
    private volatile Carrier[] carriers = new Carrier[0];
    /** Carriers the monitor found held by one task for a quantum (for retirement). */
    volatile int held;
    private int carrierSeq;

    /**
     * Creates the pool and starts its carriers and monitor.
     *
     * @param parallelism number of carriers normally running
     * @param maxCarriers most carriers, counting those added while others are held
     */
    public CarrierPool(int parallelism, int maxCarriers) {
        if (parallelism < 1 || maxCarriers < parallelism) {
            throw new IllegalArgumentException("loomcsp scheduler: parallelism must be >= 1 and"
                    + " maxCarriers >= parallelism; got parallelism=" + parallelism
                    + ", maxCarriers=" + maxCarriers);
        }
        this.parallelism = parallelism;
        this.maxCarriers = maxCarriers;
        for (int i = 0; i < parallelism; i++) {
            addCarrier(false);
        }
        ServiceThreads.newThread("loomcsp-sysmon", new Sysmon(this), true).start();
    }

    /** The number of carriers normally running. */
    public int parallelism() {
        return parallelism;
    }

    /** The number of carriers now, including extra ones. */
    public int carrierCount() {
        return carriers.length;
    }

    // ---------------------------------------------------------------- submission

    @Override
    public void execute(Runnable task) {
        Thread ct = VirtualThreads.currentCarrier();
        if (ct instanceof Carrier c && c.pool == this) {
            boolean stealable;
            if (Thread.currentThread() != c) {
                // readied by the virtual thread running on c: it runs next, here
                stealable = c.queue.put(task, true, global) && worthWaking(c);
            } else if (c.yieldRequested) {
                c.yieldRequested = false;
                global.add(task);
                stealable = true;
            } else {
                stealable = c.queue.put(task, false, global) && worthWaking(c);
            }
            if (stealable) {
                signalWork();
            }
        } else {
            global.add(task);
            signalWork();
        }
    }

    /**
     * Whether a task other than the caller's is waiting for the caller's carrier (its run queue
     * or the global queue); {@code false} if the caller does not run on this pool.
     */
    public boolean othersWaiting() {
        Thread ct = VirtualThreads.currentCarrier();
        if (ct instanceof Carrier c && c.pool == this) {
            return c.queue.size() > 0 || !global.isEmpty();
        }
        return false;
    }

    /**
     * Makes the next submission of the calling virtual thread's own continuation (its {@code
     * Thread.yield()}) go to the back of the global queue.
     *
     * @return whether the caller runs on this pool
     */
    public boolean requestYield() {
        Thread ct = VirtualThreads.currentCarrier();
        if (ct instanceof Carrier c && c.pool == this && Thread.currentThread() != c) {
            c.yieldRequested = true;
            return true;
        }
        return false;
    }

    /**
     * After a task entered the caller's ring: whether to wake an idle carrier for it. Only if no
     * idle carrier watches already: the owner is about to run the task; a watcher takes it if
     * it waits too long (see observedStuck).
     */
    private boolean worthWaking(Carrier c) {
        return watchers.get() == 0 || c.queue.ringSize() >= CROWDED
                || !global.isEmpty(); // global: the ring overflowed
    }

    /** Wakes an idle carrier if work is stealable and nobody is looking for it. */
    private void signalWork() {
        if (idle.get() > 0 && spinning.get() == 0) {
            wakeOne();
        }
    }

    /** Go's wakep: wakes one idle carrier as the spinning one, unless one already spins. */
    void wakeOne() {
        if (idle.get() == 0 || spinning.get() != 0 || !spinning.compareAndSet(0, 1)) {
            return;
        }
        for (Carrier w : carriers) {
            if (w.casState(Carrier.IDLE, Carrier.SIGNALLED)) {
                idle.decrementAndGet();
                LockSupport.unpark(w);
                // The unpark is a system call that can take microseconds: a task that made it
                // is not held, so w must not take our runnext for it (our ticks move on).
                if (VirtualThreads.currentCarrier() instanceof Carrier me && me.pool == this
                        && Thread.currentThread() != me) {
                    me.tick();
                    me.tick();
                }
                return;
            }
        }
        spinning.decrementAndGet();
    }

    // ---------------------------------------------------------------- carriers

    void runCarrier(Carrier c) {
        for (;;) {
            Runnable t = findRunnable(c);
            if (t == null) {
                return; // retired
            }
            c.tick(); // odd: running a task
            try {
                t.run();
            } catch (Throwable e) {
                LOG.log(Level.ERROR, "loomcsp scheduler: a virtual thread's task failed", e);
            }
            c.tick(); // even: between tasks
            c.yieldRequested = false;
        }
    }

    private Runnable findRunnable(Carrier c) {
        for (;;) {
            Runnable t;
            if (++c.schedtick >= 61) {
                c.schedtick = 0;
                t = global.poll();
                if (t == null) {
                    t = c.queue.pollFair();
                }
                if (t != null) {
                    return found(c, t);
                }
            }
            t = c.queue.poll();
            if (t != null) {
                return found(c, t);
            }
            t = pollGlobal(c);
            if (t != null) {
                return found(c, t);
            }
            t = spinAndSteal(c);
            if (t != null) {
                return t;
            }
            if (!goIdle(c)) {
                return null;
            }
        }
    }

    /** Takes a task from the global queue and moves a few more into c's ring. */
    private Runnable pollGlobal(Carrier c) {
        Runnable t = global.poll();
        if (t != null) {
            for (int i = 1; i < GLOBAL_BATCH; i++) {
                Runnable more = global.peek() == null ? null : global.poll();
                if (more == null) {
                    break;
                }
                c.queue.put(more, false, global);
            }
        }
        return t;
    }

    /** A spinning carrier that found work stops spinning; the last one wakes a successor. */
    private Runnable found(Carrier c, Runnable t) {
        if (c.spinning) {
            c.spinning = false;
            if (spinning.decrementAndGet() == 0 && workVisible(c)) {
                wakeOne();
            }
        }
        return t;
    }

    private Runnable spinAndSteal(Carrier c) {
        Carrier[] cs = carriers;
        if (cs.length < 2) {
            if (c.spinning) { // signalled as the spinner, then the other carriers retired
                c.spinning = false;
                spinning.decrementAndGet();
            }
            return null;
        }
        if (!c.spinning) {
            if (2 * spinning.get() >= cs.length - idle.get()) {
                return null;
            }
            c.spinning = true;
            spinning.incrementAndGet();
        }
        long deadline = System.nanoTime() + SPIN_NS;
        int start = (int) (Thread.currentThread().threadId() ^ System.nanoTime()) & 0x7fffffff;
        do {
            cs = carriers;
            for (int i = 0; i < cs.length; i++) {
                Carrier v = cs[(start + i) % cs.length];
                if (v == c) {
                    continue;
                }
                // v's ticks and ring head are all we read unless v is stuck: every read of a
                // line the busy owner writes costs it a cache miss
                Runnable t = null;
                int stuck = observedStuck(c, cs, (start + i) % cs.length);
                if (stuck != 0) {
                    // held: its runnext too (v is busy, not about to run it)
                    t = v.queue.stealInto(c.queue, stuck == 2);
                }
                if (t != null) {
                    return found(c, t);
                }
            }
            Runnable t = global.isEmpty() ? null : pollGlobal(c);
            if (t != null) {
                return found(c, t);
            }
            long g0 = System.nanoTime();
            while (System.nanoTime() - g0 < SPIN_GAP_NS) {
                Thread.onSpinWait(); // touches no shared line
            }
        } while (System.nanoTime() - deadline < 0);
        c.spinning = false;
        spinning.decrementAndGet();
        c.watchRounds = WATCH_ROUNDS;
        return null;
    }

    /**
     * What c's observations say of cs[i]: 2 if it has been running one task since c first saw it
     * do so, STUCK_NS ago or more (held: its queue waits); 1 if its ring's oldest task has waited
     * that long (the owner takes its ring slower than it fills); else 0. The observations are
     * c's own (no shared writes); a short task queued behind a short task is left to its owner,
     * which runs it sooner than another carrier could take it over.
     */
    private static int observedStuck(Carrier c, Carrier[] cs, int i) {
        if (c.obsOf != cs) {
            c.obsOf = cs;
            c.obsTicks = new long[cs.length];
            c.obsSince = new long[cs.length];
            c.obsHead = new int[cs.length];
            c.obsHeadSince = new long[cs.length];
        }
        Carrier v = cs[i];
        long k = v.ticks();
        long now = System.nanoTime();
        if ((k & 1) == 0 || c.obsTicks[i] != k) {
            c.obsTicks[i] = k;
            c.obsSince[i] = now;
        } else if (now - c.obsSince[i] >= STUCK_NS) {
            return 2;
        }
        int h = v.queue.head();
        int n = v.queue.ringSize(); // head and tail share a cache line: no extra miss
        if (n >= CROWDED) {
            return 1;
        }
        if (n == 0 || c.obsHead[i] != h) {
            c.obsHead[i] = h;
            c.obsHeadSince[i] = now;
            return 0;
        }
        return now - c.obsHeadSince[i] >= STUCK_NS ? 1 : 0;
    }

    /**
     * Parks c until it is signalled; while watching, wakes up every WATCH_NS to look for a
     * carrier held by one task with work queued behind it, and becomes active to steal it.
     *
     * @return {@code false} if c retired and must end
     */
    private boolean goIdle(Carrier c) {
        c.setState(Carrier.IDLE);
        idle.incrementAndGet();
        if (workVisible(c)) {
            leaveIdle(c);
            return true;
        }
        long idleSince = System.nanoTime();
        for (;;) {
            int s = c.state();
            if (s != Carrier.IDLE) {
                leaveIdle(c);
                return true;
            }
            if (c.extra && carriers.length - held > parallelism
                    && c.casState(Carrier.IDLE, Carrier.RETIRED)) {
                // the carrier it stood in for is free again (or ended): not needed any more
                idle.decrementAndGet();
                stopWatching(c);
                removeCarrier(c);
                return false;
            }
            if (c.watchRounds > 0 && idle.get() >= carriers.length) {
                // every carrier idle: nobody to watch, and a timed park every WATCH_NS would
                // cost a wake-up each time (a pool fed from outside, e.g. by a network, is idle
                // between submissions). Stop watching, then re-read idle (Dekker with
                // worthWaking: a carrier that became active meanwhile either saw no watcher and
                // wakes one for its ring, or is seen here and watched).
                stopWatching(c);
                if (idle.get() < carriers.length) {
                    c.watchRounds = WATCH_ROUNDS;
                }
            }
            if (c.watchRounds > 0) {
                if (!c.watching) {
                    c.watching = true;
                    watchers.incrementAndGet();
                }
                LockSupport.parkNanos(this, WATCH_NS);
                if (c.state() != Carrier.IDLE) {
                    continue;
                }
                int seen = watchRound(c);
                if (seen == 2 && c.casState(Carrier.IDLE, Carrier.ACTIVE)) {
                    idle.decrementAndGet(); // active, not spinning: it spins in findRunnable
                    stopWatching(c);
                    return true;
                }
                c.watchRounds = seen == 1 ? WATCH_ROUNDS : c.watchRounds - 1;
                if (c.watchRounds <= 0) {
                    stopWatching(c);
                }
            } else if (c.extra) {
                LockSupport.parkNanos(this, RETIRE_NS);
                if (System.nanoTime() - idleSince >= RETIRE_NS
                        && carriers.length - held > parallelism
                        && c.casState(Carrier.IDLE, Carrier.RETIRED)) {
                    idle.decrementAndGet();
                    removeCarrier(c);
                    return false;
                }
            } else {
                LockSupport.park(this);
            }
        }
    }

    /**
     * One look of a watching carrier at the others: 2 if one has work that is crowded, or stuck
     * since the previous look (WATCH_NS ago, longer than STUCK_NS), or the global queue holds
     * work; 1 if some work is queued; 0 if none. The same observations as a spinner's.
     */
    private int watchRound(Carrier c) {
        if (!global.isEmpty()) {
            return 2;
        }
        Carrier[] cs = carriers;
        int seen = 0;
        for (int i = 0; i < cs.length; i++) {
            Carrier v = cs[i];
            if (v == c) {
                continue;
            }
            int stuck = observedStuck(c, cs, i);
            boolean queued = v.queue.size() > 0;
            if (stuck == 1 || (stuck == 2 && queued)) {
                return 2;
            }
            if (queued) {
                seen = 1;
            }
        }
        return seen;
    }

    private void stopWatching(Carrier c) {
        if (c.watching) {
            c.watching = false;
            c.watchRounds = 0;
            watchers.decrementAndGet();
        }
    }

    /** c leaves IDLE by itself, or after a waker signalled it (then it is the spinning one). */
    private void leaveIdle(Carrier c) {
        stopWatching(c);
        if (c.casState(Carrier.IDLE, Carrier.ACTIVE)) {
            idle.decrementAndGet();
        } else {
            // SIGNALLED: the waker decremented idle and counted c as spinning
            c.setState(Carrier.ACTIVE);
            c.spinning = true;
        }
    }

    /** Whether the global queue holds a task (rings are left to their owners and watchers). */
    private boolean workVisible(Carrier c) {
        return !global.isEmpty();
    }

    // ---------------------------------------------------------------- monitor's view

    Carrier[] carriers() {
        return carriers;
    }

    int idleCount() {
        return idle.get();
    }

    int spinningCount() {
        return spinning.get();
    }

    boolean globalNonEmpty() {
        return !global.isEmpty();
    }

    /** Starts an extra carrier if below the cap (the monitor's compensation). */
    boolean addExtraCarrier() {
        return addCarrier(true);
    }

    private boolean addCarrier(boolean extra) {
        Carrier c;
        carriersLock.lock();
        try {
            Carrier[] cs = carriers;
            if (cs.length >= maxCarriers) {
                return false;
            }
            c = new Carrier(this, "loomcsp-carrier-" + (carrierSeq++), extra);
            Carrier[] n = Arrays.copyOf(cs, cs.length + 1);
            n[cs.length] = c;
            carriers = n;
        } finally {
            carriersLock.unlock();
        }
        c.start();
        return true;
    }

    private void removeCarrier(Carrier c) {
        carriersLock.lock();
        try {
            Carrier[] cs = carriers;
            Carrier[] n = new Carrier[cs.length - 1];
            int j = 0;
            for (Carrier x : cs) {
                if (x != c && j < n.length) {
                    n[j++] = x;
                }
            }
            carriers = n;
        } finally {
            carriersLock.unlock();
        }
    }

    @Override
    public String toString() {
        return "loomcsp scheduler[parallelism=" + parallelism + ", carriers=" + carriers.length
                + ", idle=" + idle.get() + ", spinning=" + spinning.get() + "]";
    }
}
