package org.loomcsp.internal.sched;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
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
 *   - for >= QUANTUM_NS, it is "held" if it also used HELD_CPU_NS of CPU since the monitor's
 *     second sight of that task, or its thread is blocked/waiting (pinned). (Wall time alone is
 *     not enough: on a loaded machine the OS deschedules carriers for tens of ms in the middle
 *     of microsecond tasks, and extra carriers would only add threads to a machine short of
 *     CPU: measured, 4 carriers instead of 2 at load 20.) If work waits anywhere (its queue, another ring, the
 *     global queue), no carrier is idle or spinning, and fewer carriers than the parallelism
 *     are free or tasks are queued on the held carrier itself (busy carriers do not steal), an
 *     extra carrier is started (compensation restores the parallelism).
 * The monitor never touches a run queue itself: carriers do all taking, so the queues keep their
 * single-owner invariants.
 */
final class Sysmon implements Runnable {

    /**
     * CPU a task must have used on its carrier, beside a quantum of wall time, to count as
     * holding it: a loop that never parks gets at least this much even on a machine loaded 10x
     * (10% of a core); a microsecond task whose carrier the OS descheduled gets none.
     */
    static final long HELD_CPU_NS = 1_000_000;

    /**
     * Wall time after which a task that used no CPU counts as holding its carrier anyway: it is
     * blocked in a system call (file or console I/O, which only the JDK's own pool compensates);
     * a descheduled runnable thread gets the CPU back well within this even on a loaded machine.
     */
    static final long SYSCALL_QUANTUM_NS = 10 * CarrierPool.QUANTUM_NS;

    private final CarrierPool pool;
    /** CPU time of threads, or {@code null} if the JVM cannot measure it (then wall time counts). */
    private final ThreadMXBean cpu;

    Sysmon(CarrierPool pool) {
        this.pool = pool;
        ThreadMXBean t = null;
        try {
            t = ManagementFactory.getThreadMXBean();
            if (!t.isThreadCpuTimeSupported()) {
                t = null;
            } else if (!t.isThreadCpuTimeEnabled()) {
                t.setThreadCpuTimeEnabled(true);
            }
        } catch (RuntimeException | LinkageError e) {
            t = null;
        }
        this.cpu = t;
    }

    /** CPU time the carrier's thread has used, or -1 if unknown. */
    private long cpuNanos(Carrier c) {
        return cpu == null ? -1 : cpu.getThreadCpuTime(c.threadId());
    }

    /**
     * Whether c, running the same task for a quantum of wall time, holds its carrier: it has
     * used HELD_CPU_NS of CPU on it since the monitor's baseline (a loop that never parks, busy
     * native code), or its thread is blocked or waiting (pinned in a monitor or a park), or it
     * has used no CPU for SYSCALL_QUANTUM_NS (blocked in a system call). A carrier that the OS has descheduled
     * on a loaded machine is neither, and gets no extra carrier beside it: that would only add
     * threads to a machine that is short of CPU (measured: 4 carriers instead of 2 at load 20).
     */
    private boolean holds(Carrier c, long runFor) {
        if (runFor < CarrierPool.QUANTUM_NS) {
            return false;
        }
        Thread.State st = c.getState();
        if (st == Thread.State.BLOCKED || st == Thread.State.WAITING
                || st == Thread.State.TIMED_WAITING) {
            return true;
        }
        long now = cpuNanos(c);
        return now < 0 || c.monitorCpu < 0 || now - c.monitorCpu >= HELD_CPU_NS
                || runFor >= SYSCALL_QUANTUM_NS;
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
                c.monitorCpu = Long.MIN_VALUE; // read at the second sight, not for every task
                continue;
            }
            if (c.monitorCpu == Long.MIN_VALUE) {
                c.monitorCpu = cpuNanos(c);
            }
            long runFor = now - c.monitorSince;
            boolean queued = c.queue.size() > 0;
            if (queued && runFor >= CarrierPool.MONITOR_NS) {
                stranded = true;
            }
            if (holds(c, runFor)) {
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
                    && (cs.length - held < pool.parallelism() || waitsOnHeld)) {
                // waitsOnHeld: tasks queued on a held carrier run only if another carrier steals
                // them, and busy carriers do not steal: the extra one will, then retire
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
