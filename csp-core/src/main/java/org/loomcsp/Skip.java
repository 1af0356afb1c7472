package org.loomcsp;

/**
 * The guard that is always ready, and the process that does nothing. python-csp's {@code Skip}.
 *
 * <p>As a guard, selecting it returns {@link #SKIPPED}; {@code new Alt(c1, c2, new
 * Skip()).priSelect()} means "read c1 or c2 if a writer is ready, otherwise go on". As a process
 * ({@link #process()}), it ends at once.
 */
public final class Skip implements Guard {

    /** The value an Alt returns when it selects a {@code Skip} (python-csp returned "Skip"). */
    public static final Object SKIPPED = new Object() {
        @Override
        public String toString() {
            return "Skip";
        }
    };

    /** Creates a Skip guard. */
    public Skip() {}

    /** A new process that does nothing and ends at once. */
    public static CSPProcess process() {
        return new CSPProcess("Skip", () -> { });
    }

    @Override
    public String toString() {
        return "Skip";
    }
}
