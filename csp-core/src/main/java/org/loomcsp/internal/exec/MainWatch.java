package org.loomcsp.internal.exec;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An {@link Error} that ends {@code main} ends the program even while processes keep running
 * (issue 13; docs/adr/0071). Without this, the keep-alive thread would keep such a JVM up for as
 * long as its processes run (for ever, for servers), after main died of an OutOfMemoryError or a
 * StackOverflowError.
 *
 * <p>{@code -Dcsp.errorInMain=exit} (default) or {@code off}. Exceptions that are not Errors keep
 * Java's meaning (the program goes on with its other threads).
 */
/*
 * How it knows that main ended abnormally without taking the application's handler: when the
 * first process starts (KeepAlive creates its keeper) on the thread "main" of thread group
 * "main" (the launcher's thread), a handler is set on that one Thread object, not as the JVM-wide
 * default. It remembers the handler main had then (its ThreadGroup, unless the application had
 * set one), and on an uncaught throwable it first calls that one, so the JVM's "Exception in
 * thread "main"" stack trace, or the application's default handler, sees the failure exactly as
 * before. Only then, if the throwable is an Error and processes are still live, it prints one
 * line and calls Runtime.exit(1) (1, the status of a JVM whose main threw and nothing else kept
 * it up). If exit itself fails (no memory for the shutdown sequence) it halts with 1.
 *
 * Limits: if the first process is started by another thread than main, nothing is installed;
 * if the application later sets its own handler on main, that one decides (ours is gone).
 */
public final class MainWatch {

    private static final boolean ENABLED = !"off".equals(
            System.getProperty("csp.errorInMain", "exit").trim().toLowerCase(Locale.ROOT));
    private static final AtomicBoolean INSTALLED = new AtomicBoolean();
    /** The exit status after an Error in main. */
    static final int STATUS = 1;

    private MainWatch() {}

    /** Installs the watch on the current thread if it is the launcher's main thread (once). */
    static void installIfMain() {
        Thread t = Thread.currentThread();
        if (!ENABLED || INSTALLED.get() || t.isVirtual() || !"main".equals(t.getName())) {
            return;
        }
        ThreadGroup g = t.getThreadGroup();
        if (g == null || !"main".equals(g.getName()) || !INSTALLED.compareAndSet(false, true)) {
            return;
        }
        Thread.UncaughtExceptionHandler previous = t.getUncaughtExceptionHandler();
        t.setUncaughtExceptionHandler((thread, e) -> {
            try {
                previous.uncaughtException(thread, e);
            } finally {
                if (e instanceof Error && KeepAlive.liveProcesses() > 0) {
                    end(e);
                }
            }
        });
    }

    private static void end(Throwable e) {
        try {
            System.err.println("loomcsp: main ended with " + e.getClass().getName() + " while "
                    + KeepAlive.liveProcesses() + " processes are live; ending the program"
                    + " (-Dcsp.errorInMain=off keeps it running)");
            System.err.flush();
            Runtime.getRuntime().exit(STATUS);
        } catch (Throwable t) {
            Runtime.getRuntime().halt(STATUS);
        }
    }
}
