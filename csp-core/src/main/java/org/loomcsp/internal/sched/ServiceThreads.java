package org.loomcsp.internal.sched;

/**
 * The runtime's own platform threads (carriers, the scheduler's monitor, the keeper, the deadlock
 * watcher): made in the JVM's top thread group, not in the group of whichever thread happened to
 * need them first, without inheriting its inheritable thread-locals or its context class loader.
 */
/*
 * Why the group matters: a host may treat "the threads in this group" as the work a piece of code
 * started and wait for them. JShell's local execution does exactly that: after starting a
 * snippet's thread it joins every thread of that thread's group. A keeper thread created by the
 * snippet's first process.start() was joined; it lives while that process lives, and the process
 * waited for the next snippet to read its channel, so JShell hung (JShellStartupTest, about 1 run
 * in 20 under load, when the keeper was created before JShell enumerated the group). The runtime's
 * threads belong to no caller: they go to the top group, as the JDK's own service threads do.
 */
public final class ServiceThreads {
    private static final ThreadGroup TOP = top();

    private ServiceThreads() {}

    private static ThreadGroup top() {
        ThreadGroup g = Thread.currentThread().getThreadGroup();
        while (g.getParent() != null) {
            g = g.getParent();
        }
        return g;
    }

    /** The group the runtime's threads are made in. */
    public static ThreadGroup group() {
        return TOP;
    }

    /** A new, unstarted runtime thread in the top group. */
    public static Thread newThread(String name, Runnable task, boolean daemon) {
        Thread t = new Thread(TOP, task, name, 0, false);
        t.setDaemon(daemon);
        t.setContextClassLoader(ClassLoader.getSystemClassLoader()); // pin no caller's loader
        return t;
    }
}
