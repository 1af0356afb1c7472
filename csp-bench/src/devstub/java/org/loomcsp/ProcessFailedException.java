package org.loomcsp;
/** DEV STUB. */
public class ProcessFailedException extends RuntimeException {
    public ProcessFailedException(Throwable cause) { super(cause); }
}
