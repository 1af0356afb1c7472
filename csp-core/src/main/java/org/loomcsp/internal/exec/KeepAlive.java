package org.loomcsp.internal.exec;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Keeps the JVM alive while processes that the program started are still running.
 *
 * <p>Virtual threads are daemon threads, so without this a {@code main} that ends with {@code
 * hello().start()} would let the JVM exit before {@code hello} printed anything. python-csp's
 * interpreter waited for its processes; so does loomcsp.
 */
/*
 * Design: a counter of live processes and one non-daemon platform thread, the keeper, that exists
 * while the counter is above zero. Only the 0 -> 1 transition touches the lock (to create the
 * keeper if there is none); the 1 -> 0 transition unparks the keeper, which lingers for LINGER_NS
 * before it exits so that a program that starts and joins processes one at a time does not pay
 * for a platform-thread creation per process. The decision to exit and the creation of a new
 * keeper are both made under the lock with a fresh read of the counter, so either the old keeper
 * sees the new process and stays, or the starter sees no keeper and makes one.
 *
 * The cost of the lingering is that the JVM exits up to LINGER_NS after the last process ends.
 * Setting -Dcsp.keepAlive=false turns the whole mechanism off (processes are then daemons, as raw
 * virtual threads are).
 */
public final class KeepAlive {

    private static final long LINGER_NS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final boolean ENABLED =
            !"false".equalsIgnoreCase(System.getProperty("csp.keepAlive", "true"));

    private static final AtomicLong LIVE = new AtomicLong();
    private static final ReentrantLock LOCK = new ReentrantLock();
    /** Guarded by LOCK for writes; read racily by enders, which only unpark it. */
    private static volatile Thread keeper;

    private KeepAlive() {}

    /** Called just before a process's thread is started. */
    public static void processStarting() {
        if (ENABLED && LIVE.getAndIncrement() == 0) {
            ensureKeeper();
        }
    }

    /** Called when a process's body has completely finished. */
    public static void processEnded() {
        if (ENABLED && LIVE.decrementAndGet() == 0) {
            Thread k = keeper;
            if (k != null) {
                LockSupport.unpark(k);
            }
        }
    }

    /** The number of processes started and not yet ended. */
    public static long liveProcesses() {
        return LIVE.get();
    }

    private static void ensureKeeper() {
        LOCK.lock();
        try {
            if (keeper == null) {
                Thread k = new Thread(KeepAlive::keep, "loomcsp-keepalive");
                k.setDaemon(false);
                keeper = k;
                k.start();
            }
        } finally {
            LOCK.unlock();
        }
    }

    private static void keep() {
        while (true) {
            if (LIVE.get() > 0) {
                LockSupport.park(KeepAlive.class);
                continue;
            }
            LockSupport.parkNanos(KeepAlive.class, LINGER_NS);
            if (LIVE.get() > 0) {
                continue;
            }
            LOCK.lock();
            try {
                if (LIVE.get() == 0) {
                    keeper = null;
                    return;
                }
            } finally {
                LOCK.unlock();
            }
        }
    }
}
