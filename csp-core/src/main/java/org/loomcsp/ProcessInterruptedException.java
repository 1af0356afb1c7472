package org.loomcsp;

/**
 * An {@link InterruptedException} carried through code that cannot throw checked exceptions: what
 * the unchecked adapters of {@link Unchecked} throw when the blocking call they wrap is
 * interrupted (normally by {@link CSPProcess#terminate()}). JCSP's exception of the same name
 * plays the same part.
 *
 * <p>When it is thrown, the thread's interrupt status has been set again, so the next blocking
 * call is interrupted too. A process whose body ends with it after {@code terminate()} counts as
 * terminated, exactly as with {@code InterruptedException}; the original exception is the
 * {@linkplain #getCause() cause}.
 */
public class ProcessInterruptedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Wraps {@code cause}. */
    public ProcessInterruptedException(InterruptedException cause) {
        super("interrupted while blocked (terminate()?): " + cause.getMessage(), cause);
    }

    @Override
    public InterruptedException getCause() {
        return (InterruptedException) super.getCause();
    }
}
