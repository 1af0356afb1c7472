package org.loomcsp.internal.deadlock;

import java.util.List;
import java.util.Map;

/**
 * Thrown by {@link Detector#join} when the joined process can never end: the diagnosis, which the
 * API turns into its public {@code DeadlockException} (so this package does not use the API).
 */
public final class DeadlockDiagnosis extends RuntimeException {

    @java.io.Serial
    private static final long serialVersionUID = 1L;

    private final transient List<String> cycle;
    private final transient Map<String, String> waits;

    DeadlockDiagnosis(String report, List<String> cycle, Map<String, String> waits) {
        // No stack trace: the API's exception, made in the joiner's thread, has the useful one.
        super(report, null, false, false);
        this.cycle = List.copyOf(cycle);
        this.waits = Map.copyOf(waits);
    }

    /** The full report (the message). */
    public String report() {
        return getMessage();
    }

    /** The names of the processes on the wait-for cycle found, or empty. */
    public List<String> cycle() {
        return cycle;
    }

    /** For each blocked process, by name, what it waits on. */
    public Map<String, String> waits() {
        return waits;
    }
}
