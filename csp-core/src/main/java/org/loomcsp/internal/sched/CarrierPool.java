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
 *     displaces goes to the tail of C's ring, where idle carriers may steal it.
 *   - submitted by carrier C itself (after a virtual thread unmounted: Thread.yield, or a park
 *     that raced with its unpark): a yield asked for by the yield point (Carrier.yieldRequested)
 *     goes to the global queue (Go's Gosched), anything else to the tail of C's ring.
 *   - from any other thread (timers, platform threads, the unblocker): the global queue.
 *   Whenever a task becomes stealable (ring or global) and some carrier is idle and none is
 *   spinning, one idle carrier is woken (Go's wakep); it starts as the spinning carrier.
 *
 * What a carrier runs next (findRunnable):
 *   - every 61st time: the global queue first, then its ring before its runnext (Go's
 *     schedtick % 61), so neither the global queue nor the ring can be starved by a pair of
 *     processes that keep readying each other into runnext;
 *   - else its runnext, its ring, the global queue (taking a small batch);
 *   - else, if fewer than half the busy carriers are spinning, it spins for up to SPIN_NS
 *     stealing half of another carrier's ring; it takes another carrier's runnext only if that
 *     carrier has run the same task for RUNNEXT_GRACE_NS (the owner is about to run it
 *     otherwise: Go's usleep(3) in runqgrab);
 *   - else it goes idle: publishes IDLE, re-checks every queue (Dekker with the submitters,
 *     which publish the task and then read the idle count), and parks.
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
 *   P3 No lost wake-up: a submitter publishes the task, then reads idle/spinning; a carrier
 *      going idle publishes IDLE and idle++, then re-reads every ring and the global queue.
 *      Both sides use volatile/atomic operations, so one of them sees the other.
 */
public final class CarrierPool implements Executor {

    private static final System.Logger LOG = System.getLogger(CarrierPool.class.getName());

    /** How long an idle carrier spins for work before it parks. */
    static final long SPIN_NS = Long.getLong("csp.scheduler.spinMicros", 20) * 1_000;
    /** How long a task must have held its carrier before another carrier takes its runnext. */
    static final long RUNNEXT_GRACE_NS = 3_000;
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
                stealable = c.queue.put(task, true, global);
            } else if (c.yieldRequested) {
                c.yieldRequested = false;
                global.add(task);
                stealable = true;
            } else {
                stealable = c.queue.put(task, false, global);
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
                Runnable t = v.queue.stealInto(c.queue, false);
                if (t == null && v.queue.hasRunnext()) {
                    t = stealRunnext(c, v);
                }
                if (t != null) {
                    return found(c, t);
                }
            }
            Runnable t = pollGlobal(c);
            if (t != null) {
                return found(c, t);
            }
            Thread.onSpinWait();
        } while (System.nanoTime() - deadline < 0);
        c.spinning = false;
        spinning.decrementAndGet();
        return null;
    }

    /**
     * Takes v's runnext if v keeps running the same task for RUNNEXT_GRACE_NS (otherwise v is
     * about to run it itself, in its warm cache).
     */
    private static Runnable stealRunnext(Carrier c, Carrier v) {
        long k = v.ticks();
        if ((k & 1) == 0) {
            return null; // v is between tasks: it takes its runnext now
        }
        long t0 = System.nanoTime();
        while (System.nanoTime() - t0 < RUNNEXT_GRACE_NS) {
            if (v.ticks() != k || !v.queue.hasRunnext()) {
                return null;
            }
            Thread.onSpinWait();
        }
        return v.ticks() == k ? v.queue.stealInto(c.queue, true) : null;
    }

    /**
     * Parks c until it is signalled.
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
                removeCarrier(c);
                return false;
            }
            if (c.extra) {
                long t0 = System.nanoTime();
                LockSupport.parkNanos(this, RETIRE_NS);
                if (System.nanoTime() - t0 >= RETIRE_NS
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

    /** c leaves IDLE by itself, or after a waker signalled it (then it is the spinning one). */
    private void leaveIdle(Carrier c) {
        if (c.casState(Carrier.IDLE, Carrier.ACTIVE)) {
            idle.decrementAndGet();
        } else {
            // SIGNALLED: the waker decremented idle and counted c as spinning
            c.setState(Carrier.ACTIVE);
            c.spinning = true;
        }
    }

    /** Whether the global queue or a ring other than c's holds a task. */
    private boolean workVisible(Carrier c) {
        if (!global.isEmpty()) {
            return true;
        }
        for (Carrier v : carriers) {
            if (v != c && v.queue.ringNonEmpty()) {
                return true;
            }
        }
        return false;
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
