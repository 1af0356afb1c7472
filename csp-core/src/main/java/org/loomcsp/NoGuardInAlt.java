package org.loomcsp;

/**
 * Thrown by a selection on an {@link Alt} that has no guards, or none whose condition holds.
 * python-csp's {@code NoGuardInAlt}.
 */
public class NoGuardInAlt extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with an explanatory message. */
    public NoGuardInAlt(String message) {
        super(message);
    }
}
