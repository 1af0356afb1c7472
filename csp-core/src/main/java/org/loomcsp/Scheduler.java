package org.loomcsp;

/**
 * Which scheduler runs the virtual threads of {@link Backend#VIRTUAL} processes; see {@link
 * Csp#scheduler()}. (Platform-backend processes are scheduled by the operating system.)
 */
public enum Scheduler {
    /**
     * loomcsp's own scheduler (the default): a woken process runs next on its waker's carrier,
     * idle carriers steal, new processes and expired timers are served within a bounded number of
     * scheduling rounds, and a carrier held by a process that never parks is compensated for by
     * another carrier. Needs {@code --add-opens java.base/java.lang=ALL-UNNAMED} (class path) or
     * {@code =org.loomcsp} (module path).
     */
    LOOMCSP,
    /**
     * The JDK's default virtual-thread scheduler (a ForkJoinPool): used when {@code
     * -Dcsp.scheduler=jdk} asks for it, or when the JVM does not open {@code java.lang} to loomcsp
     * (loomcsp then logs one warning saying which option to add).
     */
    JDK
}
