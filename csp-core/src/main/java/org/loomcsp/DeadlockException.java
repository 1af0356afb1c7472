package org.loomcsp;

import java.util.List;
import java.util.Map;

/**
 * Thrown by an untimed {@link CSPProcess#join()} (and so by {@link CSPProcess#run()}, {@link
 * Csp#run(CSPProcess...)} and the {@code run()} of compositions) when the runtime finds that
 * every live process is blocked for good in CSP operations: Go's "all goroutines are asleep -
 * deadlock!", with the reason.
 *
 * <p>The {@linkplain #getMessage() message} is the report: for each blocked process, what it
 * waits on (which channel and direction, which Alt guards, barrier or join) and which other
 * processes know that channel; then a cycle of the wait-for graph when there is one. Just before
 * the exception is thrown, every blocked process is asked to {@linkplain CSPProcess#terminate()
 * terminate}, so that the program, and the JVM, can end; they end shortly after (join them if you
 * need them gone).
 *
 * <p>The exact rule, and what it cannot see, is in {@code docs/tracing.md} and {@code
 * docs/adr/0020-deadlock-detection.md}. Detection is on by default; turn it off with {@code
 * -Dcsp.deadlockDetection=false} or {@link Csp#setDeadlockDetection(boolean)}.
 */
public class DeadlockException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<String> cycle;
    private final transient Map<String, String> waits;

    /**
     * Creates the exception.
     *
     * @param report the full report (the message)
     * @param cycle the names of the processes on a wait-for cycle, in order (may be empty)
     * @param waits for each blocked process (by name), what it waits on
     */
    public DeadlockException(String report, List<String> cycle, Map<String, String> waits) {
        super(report);
        this.cycle = List.copyOf(cycle);
        this.waits = Map.copyOf(waits);
    }

    /** The full report (the same as the message). */
    public String report() {
        return getMessage();
    }

    /**
     * The process names along a cycle of the wait-for graph (each waits for the next, the last
     * for the first), or an empty list if no cycle was found among known partners.
     */
    public List<String> cycle() {
        return cycle;
    }

    /** For each blocked process, by name, a description of what it waits on. */
    public Map<String, String> waits() {
        return waits;
    }
}
