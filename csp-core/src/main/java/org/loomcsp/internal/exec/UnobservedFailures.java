package org.loomcsp.internal.exec;

import java.lang.System.Logger.Level;
import java.lang.ref.Cleaner;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.loomcsp.internal.deadlock.AbandonedProcesses;

/**
 * Failures of processes that nobody had taken when they happened, held until someone takes them
 * ({@code join()}, {@code failure()}) or until nobody can any more; then each is logged once
 * (ADR 0086, amended by ADR 0091).
 */
/*
 * A failure with no taker at the moment it happens becomes a Pending: the process keeps it (in
 * place of the bare failure) and this class keeps it in PENDING. Exactly one of two things
 * happens to it, decided by the CAS on 'settled':
 *  - take(): a joiner (or failure()) received the failure. Nothing is logged; the Cleaner
 *    registration is dropped.
 *  - report(reason): nobody can receive it any more. It is logged once, at ERROR, with the reason:
 *      * the process object became unreachable (Cleaner: the Pending never references the
 *        process, only its name and failure, so it does not keep the process alive);
 *      * main has ended (the keeper, which stays while failures pend, sees it within one
 *        detection interval, and before it lets the abandoned-process watch end the program);
 *      * the JVM shuts down with failures still pending (a shutdown hook, registered at the
 *        first Pending; best effort: java.util.logging resets its handlers in a hook of its own,
 *        which may run first).
 * A failure whose exception references its own process keeps that process reachable from
 * PENDING, so only main's end or the shutdown reports it.
 * Nothing is created before the first unobserved failure: no thread, no hook, no output at
 * class load.
 */
public final class UnobservedFailures {

    private static final System.Logger LOG = System.getLogger("org.loomcsp");
    private static final Set<Pending> PENDING = ConcurrentHashMap.newKeySet();
    private static final AtomicBoolean HOOKED = new AtomicBoolean();

    private UnobservedFailures() {}

    /** Created on the first unobserved failure: one daemon thread of the JDK's Cleaner. */
    private static final class CleanerHolder {
        static final Cleaner CLEANER = Cleaner.create();
    }

    /** A failure waiting for a taker. */
    public static final class Pending implements Runnable {
        private final String name;
        private final Throwable failure;
        private final AtomicBoolean settled = new AtomicBoolean();
        private volatile Cleaner.Cleanable cleanable;

        Pending(String name, Throwable failure) {
            this.name = name;
            this.failure = failure;
        }

        /** Hands the failure to a caller: it will never be logged. */
        public Throwable take() {
            if (settled.compareAndSet(false, true)) {
                PENDING.remove(this);
                Cleaner.Cleanable c = cleanable;
                if (c != null) {
                    c.clean(); // deregisters; run() then finds it settled
                }
            }
            return failure;
        }

        /** The Cleaner's action: the process became unreachable with its failure untaken. */
        @Override
        public void run() {
            report("its process became unreachable");
        }

        void report(String reason) {
            if (settled.compareAndSet(false, true)) {
                PENDING.remove(this);
                LOG.log(Level.ERROR, "Process " + name + " failed and nobody took the failure ("
                        + reason + "; join() would have rethrown it as ProcessFailedException)",
                        failure);
            }
        }
    }

    /**
     * Holds {@code failure} of {@code process} until it is taken or can no longer be.
     *
     * @return what the process keeps instead of the bare failure
     */
    public static Pending defer(Object process, String name, Throwable failure) {
        Pending p = new Pending(name, failure);
        PENDING.add(p);
        p.cleanable = CleanerHolder.CLEANER.register(process, p);
        if (!HOOKED.get() && HOOKED.compareAndSet(false, true)) {
            try {
                Runtime.getRuntime().addShutdownHook(new Thread(
                        () -> reportAll("the JVM shut down"), "loomcsp-unobserved-failures"));
            } catch (IllegalStateException shuttingDown) {
                reportAll("the JVM is shutting down");
            }
        }
        return p;
    }

    /** Whether some failure is waiting for a taker. */
    public static boolean anyPending() {
        return !PENDING.isEmpty();
    }

    /** Logs every failure still waiting, once each. */
    public static void reportAll(String reason) {
        for (Pending p : PENDING) {
            p.report(reason);
        }
    }

    /**
     * Reports every pending failure if main has ended (nobody is left to join).
     *
     * @return whether main has ended
     */
    static boolean reportIfMainEnded() {
        if (!AbandonedProcesses.mainHasEnded()) {
            return false;
        }
        reportAll("main has ended");
        return true;
    }
}
