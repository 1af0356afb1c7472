package org.loomcsp.internal.sched;

import java.util.concurrent.locks.LockSupport;

/**
 * The scheduler's monitor (Go's sysmon): notices carriers held by one virtual thread while other
 * work waits, and gives that work a carrier.
 */
/*
 * Every MONITOR_NS (MONITOR_IDLE_NS while every carrier is idle) it reads each carrier's ticks.
 * A carrier whose ticks are odd (running a task) and unchanged since the monitor first saw that
 * value has been running the same task since then:
 *   - for >= 1 monitor period with a task in its runnext or ring: an idle carrier is woken to
 *     steal it (the owner is not about to run it: it is busy);
 *   - for >= QUANTUM_NS: it is "held". If work waits anywhere (its queue, another ring, the
 *     global queue), no carrier is idle or spinning, and fewer carriers than the parallelism
 *     are free, an extra carrier is started (compensation restores the parallelism).
 * The monitor never touches a run queue itself: carriers do all taking, so the queues keep their
 * single-owner invariants.
 */
final class Sysmon implements Runnable {

    private final CarrierPool pool;

    Sysmon(CarrierPool pool) {
        this.pool = pool;
    }

    @Override
    public void run() {
        for (;;) {
            boolean busy = check(System.nanoTime());
            LockSupport.parkNanos(this, busy ? CarrierPool.MONITOR_NS : CarrierPool.MONITOR_IDLE_NS);
        }
    }

    /** One round; returns whether some carrier is busy. */
    boolean check(long now) {
        boolean busy = false;
        boolean stranded = false; // a task queued behind a busy carrier
        boolean waitsOnHeld = false;
        int held = 0;
        Carrier[] cs = pool.carriers();
        for (Carrier c : cs) {
            int s = c.state();
            if (s != Carrier.ACTIVE) {
                c.monitorTicks = -1;
                continue;
            }
            busy = true;
            long k = c.ticks();
            if (k != c.monitorTicks || (k & 1) == 0) {
                c.monitorTicks = k;
                c.monitorSince = now;
                continue;
            }
            long runFor = now - c.monitorSince;
            boolean queued = c.queue.size() > 0;
            if (queued && runFor >= CarrierPool.MONITOR_NS) {
                stranded = true;
            }
            if (runFor >= CarrierPool.QUANTUM_NS) {
                held++;
                waitsOnHeld |= queued;
            }
        }
        pool.held = held;
        if (!busy) {
            return false;
        }
        boolean waiting = waitsOnHeld || pool.globalNonEmpty() || anyRing(cs);
        if (stranded || waiting) {
            if (pool.idleCount() > 0) {
                pool.wakeOne();
            } else if (held > 0 && waiting && pool.spinningCount() == 0
                    && cs.length - held < pool.parallelism()) {
                pool.addExtraCarrier();
            }
        }
        return true;
    }

    private static boolean anyRing(Carrier[] cs) {
        for (Carrier c : cs) {
            if (c.queue.ringNonEmpty()) {
                return true;
            }
        }
        return false;
    }
}
