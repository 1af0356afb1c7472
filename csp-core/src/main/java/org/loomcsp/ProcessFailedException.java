package org.loomcsp;

/**
 * Thrown by {@link CSPProcess#join()} (and by the blocking ways to run a process) when the body of
 * the process ended with an exception other than {@link ChannelPoison}.
 *
 * <p>The exception the body threw is the {@linkplain #getCause() cause}. When a {@link Par} has
 * several failed children, the first failure is the cause and the others are {@linkplain
 * #getSuppressed() suppressed}.
 */
public class ProcessFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient CSPProcess process;

    /** Creates the exception for {@code process}, which failed with {@code cause}. */
    public ProcessFailedException(CSPProcess process, Throwable cause) {
        super("Process " + process.getName() + " failed: " + cause, cause);
        this.process = process;
    }

    /** The process whose body failed (the innermost one, for a failure inside a composite). */
    public CSPProcess process() {
        return process;
    }
}
