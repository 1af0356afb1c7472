package org.loomcsp.net.internal;

import org.loomcsp.internal.sched.VirtualThreads;

/**
 * Makes csp-net's own virtual threads (an input end's proxy; a home has none since ADR 0111) on
 * the scheduler that runs loomcsp's virtual processes: loomcsp's own when the JVM opens
 * {@code java.lang} to it, else the JDK's (see {@link org.loomcsp.Csp#scheduler()}).
 */
/*
 * Why not Thread.ofVirtual(): an agent and the process it hands values to meet in a rendezvous
 * for every value. On one scheduler the process's unpark of the agent (and back) goes to the
 * waker's own carrier and runs when the waker parks: no carrier has to be woken. On two
 * schedulers (the JDK's ForkJoinPool for the agent, loomcsp's pool for the process) every
 * hand-off wakes a carrier of the other pool, which then spins for work before it parks again;
 * NetBench's stream measured ~25-35% less CPU per message once the agents ran on loomcsp's
 * scheduler (docs/bench/net.md). These threads are not processes: they do not keep the JVM
 * alive and are not counted by the deadlock detector as running processes.
 */
final class Agents {
    private Agents() {}

    /** A new, unstarted virtual thread named {@code name} that runs {@code task}. */
    static Thread unstarted(String name, Runnable task) {
        Thread t = VirtualThreads.newThread(task);
        t.setName(name);
        return t;
    }
}
