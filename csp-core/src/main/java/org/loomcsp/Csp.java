package org.loomcsp;

import java.util.Iterator;
import java.util.Objects;
import java.util.function.Supplier;
import java.time.Duration;
import org.loomcsp.internal.deadlock.Detector;
import org.loomcsp.internal.sched.StepScheduler;
import org.loomcsp.internal.sched.VirtualThreads;

/**
 * The entry points of loomcsp, for python-csp users: {@code process} and {@code forever} (the
 * decorators), {@code par}, {@code seq}, {@code times} and {@code choice} (the operators), {@code
 * run}, the backend and trace mode.
 *
 * <pre>{@code
 * import static org.loomcsp.Csp.*;
 *
 * static CSPProcess hello() {                       // python-csp: @process def hello(): ...
 *     return process(() -> System.out.println("hello from loomcsp"));
 * }
 * hello().start();
 * }</pre>
 */
public final class Csp {

    private static volatile Backend defaultBackend;
    private static final java.util.concurrent.atomic.AtomicBoolean PROCESSES_NOTED =
            new java.util.concurrent.atomic.AtomicBoolean();

    private Csp() {}

    /**
     * A new, unstarted process running {@code body}: python-csp's {@code @process}. Wrap it in a
     * method to get "a new process at every call", as the decorator gave.
     *
     * @param args the channels the body uses, so that poison can reach them (see {@link
     *     CSPProcess})
     */
    public static CSPProcess process(CSPProcess.Body body, Object... args) {
        return new CSPProcess(body, args);
    }

    /** A new, unstarted process running {@code f(a)}. */
    public static <A> CSPProcess process(CSPProcess.Body1<A> f, A a) {
        return new CSPProcess(f, a);
    }

    /** A new, unstarted process running {@code f(a, b)}. */
    public static <A, B> CSPProcess process(CSPProcess.Body2<A, B> f, A a, B b) {
        return new CSPProcess(f, a, b);
    }

    /** A new, unstarted process running {@code f(a, b, c)}. */
    public static <A, B, C> CSPProcess process(CSPProcess.Body3<A, B, C> f, A a, B b, C c) {
        return new CSPProcess(f, a, b, c);
    }

    /**
     * A new, unstarted server whose steps are the {@code next()} calls of the iterator that
     * {@code steps} returns: python-csp's {@code @forever} over a generator.
     */
    public static CSPServer forever(Supplier<? extends Iterator<?>> steps, Object... args) {
        return new CSPServer(steps, args);
    }

    /** A new, unstarted server that calls {@code step} until it returns {@code false}. */
    public static CSPServer forever(CSPServer.Step step, Object... args) {
        return new CSPServer(step, args);
    }

    /** A parallel composition (python-csp's {@code Par(...)} and {@code //}), unstarted. */
    public static Par par(CSPProcess... processes) {
        return new Par(processes);
    }

    /** A sequential composition (python-csp's {@code Seq(...)} and {@code >}), unstarted. */
    public static Seq seq(CSPProcess... processes) {
        return new Seq(processes);
    }

    /**
     * {@code n} fresh processes from {@code factory}, one after another (python-csp's {@code p *
     * n}), unstarted.
     */
    public static Seq times(int n, Supplier<? extends CSPProcess> factory) {
        return Seq.times(n, factory);
    }

    /**
     * Runs {@code processes} in parallel and waits for all of them (python-csp's {@code
     * Par(...).start()}).
     *
     * @throws ProcessFailedException if any of them failed
     * @throws InterruptedException if interrupted while waiting
     */
    public static void run(CSPProcess... processes) throws InterruptedException {
        if (processes.length == 1) {
            Objects.requireNonNull(processes[0], "run(processes): argument 1 of 1 is null");
            processes[0].run();
        } else {
            new Par(processes).run();
        }
    }

    /**
     * Selects one of {@code guards} at random among the ready ones and returns what it yields:
     * python-csp's {@code a | b}, for any number of guards.
     *
     * @see Alt#select()
     */
    public static Object choice(Guard... guards) throws InterruptedException {
        return new Alt(guards).select();
    }

    /**
     * Reads from whichever of {@code inputs} is ready (uniformly at random among the ready ones)
     * and returns the value, typed: python-csp's {@code a | b} over channels. {@code int n =
     * choice(a, b);} compiles where the {@link #choice(Guard...)} form returns {@code Object}.
     *
     * @throws ChannelPoison if an input is poisoned
     * @throws InterruptedException if interrupted while waiting; nothing was read
     */
    @SafeVarargs
    public static <T> T choice(ChannelInput<? extends T>... inputs) throws InterruptedException {
        Guard[] guards = new Guard[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            guards[i] = Objects.requireNonNull(inputs[i], "choice(inputs): argument " + (i + 1)
                    + " of " + inputs.length + " is null");
        }
        @SuppressWarnings("unchecked") // every guard is a ChannelInput<? extends T>
        T v = (T) new Alt(guards).select();
        return v;
    }

    /**
     * The backend new processes run on unless they have their own: set by {@link
     * #setBackend(Backend)}, else read from {@code -Dcsp.backend} or the {@code CSP} environment
     * variable, else {@link Backend#VIRTUAL}. python-csp's {@code CSP=PROCESSES} and {@code
     * CSP=THREADS} both mean {@link Backend#PLATFORM}; {@code PROCESSES} prints a one-line note
     * on standard error, once.
     *
     * @throws IllegalArgumentException if {@code csp.backend} / {@code CSP} has an unknown
     *     value (the message lists the accepted ones)
     */
    public static Backend backend() {
        Backend b = defaultBackend;
        if (b == null) {
            String v = System.getProperty("csp.backend");
            if (v == null || v.isBlank()) {
                v = System.getenv("CSP");
            }
            b = v == null || v.isBlank() ? Backend.VIRTUAL : Backend.parse(v);
            if (v != null && v.trim().equalsIgnoreCase("PROCESSES")
                    && PROCESSES_NOTED.compareAndSet(false, true)) {
                System.err.println("loomcsp: CSP=PROCESSES (python-csp's name) runs each process on"
                        + " its own platform thread (an OS thread, the nearest Java has to a process);"
                        + " CSP=PLATFORM says the same without this note.");
            }
            defaultBackend = b;
        }
        return b;
    }

    /**
     * The scheduler that runs {@link Backend#VIRTUAL} processes: {@link Scheduler#LOOMCSP} unless
     * {@code -Dcsp.scheduler=jdk} chose the JDK's, or the JVM does not open {@code
     * java.base/java.lang} to loomcsp (then a warning names the {@code --add-opens} option to add).
     * The choice is made once, at the first call or the first virtual process, and then fixed.
     *
     * @throws IllegalArgumentException if {@code csp.scheduler} or {@code
     *     csp.scheduler.parallelism} has a value it does not accept (the message says which)
     */
    public static Scheduler scheduler() {
        return VirtualThreads.pool() != null ? Scheduler.LOOMCSP : Scheduler.JDK;
    }

    /** Sets the backend for processes started from now on that have none of their own. */
    public static void setBackend(Backend backend) {
        defaultBackend = Objects.requireNonNull(backend, "backend");
    }

    /**
     * When a process that fails is logged (through {@link System.Logger}, logger {@code
     * org.loomcsp}, level ERROR). The failure itself always reaches {@link CSPProcess#join()}
     * and {@link CSPProcess#failure()}, whatever this says.
     */
    public enum FailureLogging {
        /**
         * The default: only failures nobody ever receives (no {@code join()}, {@code run()},
         * {@code failure()} or parent composite takes them), logged once when the process
         * becomes unreachable, {@code main} ends or the JVM shuts down (ADR 0091).
         */
        UNOBSERVED,
        /** Every failure, even one a joiner or a composite receives. */
        ALL,
        /** None: the program collects failures through {@code join()} itself. */
        NONE;

        boolean logs(boolean observed) {
            return this == ALL || (this == UNOBSERVED && !observed);
        }
    }

    private static volatile FailureLogging failureLogging;

    /**
     * Sets which process failures are logged; the default is {@link FailureLogging#UNOBSERVED},
     * or the value of {@code -Dcsp.logFailures} ({@code unobserved}, {@code all}, {@code none}).
     */
    public static void setFailureLogging(FailureLogging mode) {
        failureLogging = Objects.requireNonNull(mode, "mode");
    }

    /**
     * Which process failures are logged.
     *
     * @throws IllegalArgumentException if {@code -Dcsp.logFailures} has an unknown value
     */
    public static FailureLogging failureLogging() {
        FailureLogging m = failureLogging;
        if (m == null) {
            String v = System.getProperty("csp.logFailures");
            if (v == null || v.isBlank()) {
                m = FailureLogging.UNOBSERVED;
            } else {
                try {
                    m = FailureLogging.valueOf(v.trim().toUpperCase(java.util.Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("Unknown -Dcsp.logFailures value '" + v
                            + "'; accepted (case-insensitive): unobserved, all, none", e);
                }
            }
            failureLogging = m;
        }
        return m;
    }

    /**
     * Turns global trace mode on or off: in trace mode every server runs exactly one step and
     * ends (python-csp's behaviour under its tracer).
     */
    public static void setTraceMode(boolean on) {
        StepScheduler.setTraceMode(on);
    }

    /** Whether global trace mode is on. */
    public static boolean traceMode() {
        return StepScheduler.traceMode();
    }

    /**
     * Turns deadlock detection on or off (default: on, unless {@code
     * -Dcsp.deadlockDetection=false}). When on, an untimed {@link CSPProcess#join()} by a thread
     * that is not a process throws {@link DeadlockException} instead of hanging when every live
     * process is blocked for good. Processes started while detection is off are never
     * diagnosed, so a later deadlock that involves them is not reported.
     */
    public static void setDeadlockDetection(boolean on) {
        Detector.setEnabled(on);
    }

    /** Whether deadlock detection is on. */
    public static boolean deadlockDetection() {
        return Detector.enabled();
    }

    /**
     * Sets the time between two deadlock checks (default 200 ms, or {@code
     * -Dcsp.deadlockDetection.intervalMillis}); a deadlock is reported after two consecutive
     * checks that find the same waits, so between one and three intervals after it happens.
     *
     * @throws IllegalArgumentException if {@code interval} is below 1 ms
     */
    public static void setDeadlockDetectionInterval(Duration interval) {
        Detector.setInterval(interval);
    }
}
