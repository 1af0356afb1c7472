package org.loomcsp.internal.exec;

import java.util.function.Consumer;

/**
 * A test-only hook at the park point of every blocking CSP operation (channel read and write,
 * timed or not, Alt, barrier), so that tests can throw an {@link Error} exactly where a real
 * {@code StackOverflowError} or {@code OutOfMemoryError} would surface, without depending on
 * stack depth or heap size.
 *
 * <p>Off unless the JVM was started with {@code -Dloomcsp.faultInjection=true} (the test build
 * sets it). When off, {@link #ENABLED} is a {@code static final false} and the JIT removes every
 * call to {@link #beforePark(Object)}: zero cost in production.
 */
/*
 * The hook is called on the waiting thread with the operation's park blocker, after the wait has
 * been registered (node enqueued, arrival counted) and before the thread parks. Whatever it throws
 * propagates out of the operation exactly as an Error thrown by LockSupport.park would. The hook
 * itself decides which thread and which call it fails (tests match on the thread's name).
 */
public final class FaultInjection {

    /** Read once at class initialisation; a JIT-time constant. */
    public static final boolean ENABLED = Boolean.getBoolean("loomcsp.faultInjection");

    private static volatile Consumer<Object> parkHook;

    private FaultInjection() {}

    /** Called by blocking operations just before they park; may throw whatever the hook throws. */
    public static void beforePark(Object blocker) {
        if (ENABLED) {
            Consumer<Object> h = parkHook;
            if (h != null) {
                h.accept(blocker);
            }
        }
    }

    /**
     * Installs (or, with {@code null}, removes) the park hook.
     *
     * @throws IllegalStateException if the JVM was not started with
     *     {@code -Dloomcsp.faultInjection=true}
     */
    public static void setParkHook(Consumer<Object> hook) {
        if (!ENABLED) {
            throw new IllegalStateException("fault injection is off: start the JVM with"
                    + " -Dloomcsp.faultInjection=true (the csp-core test build does)");
        }
        parkHook = hook;
    }
}
