package org.loomcsp.internal.sched;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A carrier: a platform thread of a {@link CarrierPool} that runs virtual threads'
 * continuations, one at a time, from its own {@link RunQueue}, the pool's global queue, or
 * another carrier's queue.
 */
/*
 * State machine (field state, CASed by the carrier and by wakers):
 *   ACTIVE    running tasks, or looking for one (spinning or not)
 *   IDLE      published as idle; parks until state changes
 *   SIGNALLED a waker took it out of IDLE (and counted it as spinning for it); it wakes up
 *   RETIRED   an extra carrier that ended (never leaves this state)
 * Only the carrier moves ACTIVE -> IDLE and IDLE -> ACTIVE / RETIRED; wakers move IDLE ->
 * SIGNALLED; the carrier moves SIGNALLED -> ACTIVE. Whoever moves a carrier out of IDLE
 * decrements the pool's idle count, so the count equals the carriers in IDLE.
 *
 * ticks counts the tasks this carrier has started; the pool's monitor reads it to see a carrier
 * that has been running the same task for a long time (a virtual thread that does not park, or
 * is pinned in native code).
 */
final class Carrier extends Thread {

    static final int ACTIVE = 0;
    static final int IDLE = 1;
    static final int SIGNALLED = 2;
    static final int RETIRED = 3;

    private static final VarHandle STATE;
    private static final VarHandle TICKS;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            STATE = l.findVarHandle(Carrier.class, "state", int.class);
            TICKS = l.findVarHandle(Carrier.class, "ticks", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final CarrierPool pool;
    final RunQueue queue = new RunQueue();
    /** Whether this carrier was added by the monitor (it may retire when idle). */
    final boolean extra;

    @SuppressWarnings("unused") // accessed through STATE
    private volatile int state;
    @SuppressWarnings("unused") // accessed through TICKS
    private volatile long ticks;

    /** Owner only: scheduling ticks (Go's schedtick), for the every-61st global check. */
    int schedtick;
    /** Owner only: whether this carrier counts in the pool's spinning count. */
    boolean spinning;
    /**
     * Set by the virtual thread mounted on this carrier just before it yields to the queue: the
     * next submission from this carrier itself is that yield and goes to the global queue.
     */
    boolean yieldRequested;

    /**
     * Owner only, while spinning or watching: the others' ticks and ring heads as this carrier
     * last saw them change (index as in obsOf), and since when.
     */
    Carrier[] obsOf;
    long[] obsTicks = new long[0];
    long[] obsSince = new long[0];
    int[] obsHead = new int[0];
    long[] obsHeadSince = new long[0];
    /** Owner only: looks left before a watching idle carrier parks until signalled. */
    int watchRounds;
    /** Owner only: whether it counts in the pool's watchers. */
    boolean watching;

    /** Monitor only: the last ticks value it saw, and when it first saw it. */
    long monitorTicks = -1;
    long monitorSince;
    /** Monitor only: the carrier's CPU time at the monitor's second sight of the same task. */
    long monitorCpu = Long.MIN_VALUE;

    Carrier(CarrierPool pool, String name, boolean extra) {
        // the root group and the system class loader, whoever starts the carrier (it may be a
        // virtual thread, or a thread of an application's own group or class loader)
        super(ServiceThreads.group(), null, name, 0, false);
        this.pool = pool;
        this.extra = extra;
        setDaemon(true);
        setContextClassLoader(ClassLoader.getSystemClassLoader());
    }

    @Override
    public void run() {
        pool.runCarrier(this);
    }

    int state() {
        return (int) STATE.getVolatile(this);
    }

    void setState(int s) {
        STATE.setVolatile(this, s);
    }

    boolean casState(int expected, int s) {
        return STATE.compareAndSet(this, expected, s);
    }

    long ticks() {
        return (long) TICKS.getOpaque(this);
    }

    void tick() {
        TICKS.setOpaque(this, (long) TICKS.getOpaque(this) + 1);
    }
}
