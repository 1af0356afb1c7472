package org.loomcsp.internal.exec;

/**
 * Creates the thread of a process for a backend. The two backends differ only here: channel,
 * Alt and barrier code is the same for both.
 */
public final class Launcher {

    private Launcher() {}

    /**
     * Starts {@code task} on a new thread: a virtual thread, or else a (daemon) platform thread.
     *
     * @param virtual whether the thread is virtual (the API's backend, mapped by the caller)
     * @param name the thread name, or {@code null} to leave the thread unnamed (cheaper)
     * @param handler the thread's uncaught-exception handler
     */
    public static Thread start(boolean virtual, String name, Runnable task,
            Thread.UncaughtExceptionHandler handler) {
        // Thread.Builder instances are not thread-safe, so each start makes its own (cheap).
        // Platform threads are daemons: KeepAlive decides when the JVM may exit.
        Thread t = virtual
                ? Thread.ofVirtual().uncaughtExceptionHandler(handler).unstarted(task)
                : Thread.ofPlatform().daemon(true).uncaughtExceptionHandler(handler).unstarted(task);
        if (name != null) {
            t.setName(name);
        }
        t.start();
        return t;
    }
}
