package org.loomcsp.internal.sched;

import java.util.concurrent.TimeUnit;

/**
 * The yield-point policy shared by every server loop: how often a busy server lets other
 * processes run.
 *
 * <p>See {@code docs/adr/0002-server-steps-on-their-own-thread.md} for the design and the
 * alternatives that were weighed.
 */
/*
 * A server runs on its own thread (virtual by default) and the loop in CSPServer calls the step,
 * then the yield point. Virtual threads are not time-sliced: a server whose steps never block
 * would keep its carrier for ever and starve every process queued behind it. The yield point
 * therefore gives the carrier away (giveWay(): a timed park of GIVE_WAY_NS on a virtual thread,
 * which re-enters behind everything already queued; Thread.yield() only on a platform thread)
 * once the server has run for a quantum without giving it up. Reading the clock at every step would cost more than a trivial step, so
 * the clock is read only every CHECK_EVERY steps (a power of two, tested with a mask); the rest
 * of the yield point is a counter increment and two plain/volatile flag reads.
 *
 * A step that blocks (a channel operation, say) already lets other processes run; the quantum is
 * measured in wall-clock time since the last yield, so such a server also yields at most once
 * per quantum, which costs ~1 us per millisecond: negligible.
 */
public final class StepScheduler {

    /** Steps between two reads of the clock (a power of two). */
    public static final int CHECK_EVERY = 256;
    /** The mask that tests {@code steps % CHECK_EVERY == 0}. */
    public static final long CHECK_MASK = CHECK_EVERY - 1;
    /** Longest time a server runs without a yield. */
    public static final long QUANTUM_NS = TimeUnit.MICROSECONDS.toNanos(
            Long.getLong("csp.server.quantumMicros", 1_000));

    /** How long a busy virtual-thread server parks at a yield point (re-enters via the timer). */
    static final long GIVE_WAY_NS = 1_000;

    private static volatile boolean traceMode;

    private StepScheduler() {}

    /**
     * Called every {@link #CHECK_EVERY} steps. Yields the carrier if the quantum has elapsed.
     *
     * @param lastYield the time of the previous yield ({@link System#nanoTime()})
     * @return the time of the latest yield (unchanged if it did not yield)
     */
    public static long maybeYield(long lastYield) {
        long now = System.nanoTime();
        if (now - lastYield >= QUANTUM_NS) {
            giveWay();
            return System.nanoTime();
        }
        return lastYield;
    }

    /**
     * Lets every other runnable process run before this one goes on.
     *
     * <p>On a virtual thread, {@code Thread.yield()} is not enough: it puts the thread back on
     * its carrier's local queue whenever that queue is not empty, and a carrier drains its local
     * queue before it looks at new submissions, so two busy servers sharing a carrier would take
     * turns for ever while a newly started process (submitted to the pool's shared queue) never
     * ran. A timed park of {@link #GIVE_WAY_NS} instead re-enters the thread through the
     * scheduler's timer, i.e. at the back of the shared queue, behind everything that was
     * already waiting. On a platform thread (time-sliced by the OS) a plain yield suffices.
     */
    static void giveWay() {
        if (Thread.currentThread().isVirtual()) {
            java.util.concurrent.locks.LockSupport.parkNanos(GIVE_WAY_NS);
        } else {
            Thread.yield();
        }
    }

    /** Whether global trace mode is on: servers run exactly one step and end. */
    public static boolean traceMode() {
        return traceMode;
    }

    /** Sets global trace mode. */
    public static void setTraceMode(boolean on) {
        traceMode = on;
    }
}
