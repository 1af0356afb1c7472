package org.loomcsp.internal.exec;

import org.loomcsp.Backend;
import org.loomcsp.internal.sched.VirtualThreads;

/**
 * Creates the thread of a process for a backend. The two backends differ only here: channel,
 * Alt and barrier code is the same for both.
 */
public final class Launcher {

    private Launcher() {}

    /**
     * Starts {@code task} on a new thread of {@code backend}.
     *
     * @param name the thread name, or {@code null} to leave the thread unnamed (cheaper)
     * @param handler the thread's uncaught-exception handler
     */
    public static Thread start(Backend backend, String name, Runnable task,
            Thread.UncaughtExceptionHandler handler) {
        // Thread.Builder instances are not thread-safe, so each start makes its own (cheap);
        // virtual threads come from VirtualThreads' shared (thread-safe) factory.
        // Platform threads are daemons: KeepAlive decides when the JVM may exit.
        Thread t = switch (backend) {
            case VIRTUAL -> VirtualThreads.newThread(task);
            case PLATFORM -> Thread.ofPlatform().daemon(true).uncaughtExceptionHandler(handler).unstarted(task);
        };
        if (backend == Backend.VIRTUAL) {
            t.setUncaughtExceptionHandler(handler);
        }
        if (name != null) {
            t.setName(name);
        }
        t.start();
        return t;
    }
}
