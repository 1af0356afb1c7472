package org.loomcsp;

import java.lang.System.Logger.Level;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Iterator;
import java.util.Objects;
import java.util.function.Supplier;
import org.loomcsp.internal.sched.StepScheduler;

/**
 * A server process: a process whose body is a loop of steps, python-csp's {@code CSPServer} and
 * {@code @forever}.
 *
 * <p>The body is given in one of two forms:
 * <ul>
 *   <li>a {@code Supplier<? extends Iterator<?>>}: called once at the start for a fresh iterator;
 *       each {@code next()} is one step (the analogue of one {@code yield} of a python-csp
 *       generator). When {@code hasNext()} is false, the server ends cleanly and quietly;
 *   <li>a {@link Step}: called once per step; returns {@code false} to end.
 * </ul>
 *
 * <pre>{@code
 * // python-csp:  @forever def integers(): n = 0; while True: print n; n += 1; yield
 * CSPServer integers = Csp.forever(() -> { System.out.println(n[0]++); return true; });
 * }</pre>
 *
 * <h2>The yield point</h2>
 * Between two steps the runtime:
 * <ol>
 *   <li>stops the server if it was {@linkplain #terminate() terminated};
 *   <li>counts the step ({@link #steps()});
 *   <li>in trace mode ({@link #traceMode(boolean)} or {@link Csp#setTraceMode(boolean)}), ends
 *       the server after exactly one step, as python-csp did under a tracer;
 *   <li>lets other processes run if this server has held its thread for a scheduling quantum
 *       (1 ms by default, {@code -Dcsp.server.quantumMicros}), so that a busy server never
 *       starves the others on its carrier thread.
 * </ol>
 * A server that reads or writes a poisoned channel ends through {@link ChannelPoison} as any
 * process does, poisoning the channels it knows.
 */
public class CSPServer extends CSPProcess {

    /** One step of a server. */
    @FunctionalInterface
    public interface Step {
        /**
         * Runs one step.
         *
         * @return {@code true} to go on, {@code false} to end the server
         */
        boolean step() throws Exception;
    }

    private final Supplier<? extends Iterator<?>> iterators;
    private final Step step;
    private volatile boolean traceMode;
    /** Written by the server's own thread only (opaque stores); read by anyone. */
    @SuppressWarnings("unused")
    private long steps;

    /**
     * Creates a server whose steps are the {@code next()} calls of an iterator.
     *
     * @param iterators called once, at the start, for the iterator
     * @param args the channels the server uses (see {@link CSPProcess})
     */
    public CSPServer(Supplier<? extends Iterator<?>> iterators, Object... args) {
        this(null, iterators, args);
    }

    /** Creates a named server whose steps are the {@code next()} calls of an iterator. */
    public CSPServer(String name, Supplier<? extends Iterator<?>> iterators, Object... args) {
        super(name, args);
        this.iterators = Objects.requireNonNull(iterators, "iterators");
        this.step = null;
    }

    /**
     * Creates a server from a step function.
     *
     * @param step called once per step; returns {@code false} to end
     * @param args the channels the server uses (see {@link CSPProcess})
     */
    public CSPServer(Step step, Object... args) {
        this(null, step, args);
    }

    /** Creates a named server from a step function. */
    public CSPServer(String name, Step step, Object... args) {
        super(name, args);
        this.iterators = null;
        this.step = Objects.requireNonNull(step, "step");
    }

    /**
     * Turns trace mode on or off for this server: in trace mode it runs exactly one step and
     * ends. Global trace mode is {@link Csp#setTraceMode(boolean)}.
     *
     * @return this server
     */
    public CSPServer traceMode(boolean on) {
        this.traceMode = on;
        return this;
    }

    /**
     * The number of steps completed so far: calls of {@code next()}, or calls of the step
     * function (including the last one, which returned {@code false}).
     */
    public long steps() {
        return (long) STEPS.getOpaque(this);
    }

    @Override
    protected void runBody() throws Exception {
        if (step != null) {
            loop(step);
        } else {
            Iterator<?> it = Objects.requireNonNull(iterators.get(),
                    "the iterator supplier of server " + getName() + " returned null");
            loop(it);
        }
    }

    private void loop(Step s) throws Exception {
        long n = 0;
        long lastYield = System.nanoTime();
        while (!terminateRequested()) {
            boolean goOn = s.step();
            STEPS.setOpaque(this, ++n);
            if (!goOn) {
                break;
            }
            if (traceMode || StepScheduler.traceMode()) {
                traced();
                break;
            }
            if ((n & StepScheduler.CHECK_MASK) == 0) {
                lastYield = StepScheduler.maybeYield(lastYield);
            }
        }
        endIfTerminated();
    }

    private void loop(Iterator<?> it) throws Exception {
        long n = 0;
        long lastYield = System.nanoTime();
        while (!terminateRequested() && it.hasNext()) {
            it.next();
            STEPS.setOpaque(this, ++n);
            if (traceMode || StepScheduler.traceMode()) {
                traced();
                break;
            }
            if ((n & StepScheduler.CHECK_MASK) == 0) {
                lastYield = StepScheduler.maybeYield(lastYield);
            }
        }
        endIfTerminated();
    }

    private void traced() {
        LOG.log(Level.DEBUG, () -> "Server process " + getName()
                + " detected trace mode: ran one step");
    }

    private void endIfTerminated() throws InterruptedException {
        if (terminateRequested()) {
            throw new InterruptedException("terminated");
        }
    }

    private static final VarHandle STEPS;

    static {
        try {
            STEPS = MethodHandles.lookup().findVarHandle(CSPServer.class, "steps", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Sets the name; returns this CSPServer, so that chains keep the type. */
    @Override
    public CSPServer name(String name) {
        super.name(name);
        return this;
    }

    /** Registers channels this process uses (see {@link CSPProcess#uses(Object...)}). */
    @Override
    public CSPServer uses(Object... channels) {
        super.uses(channels);
        return this;
    }

    /** Sets the backend (see {@link CSPProcess#backend(Backend)}). */
    @Override
    public CSPServer backend(Backend backend) {
        super.backend(backend);
        return this;
    }

    /** Starts it (see {@link CSPProcess#start()}); returns this CSPServer. */
    @Override
    public CSPServer start() {
        super.start();
        return this;
    }
}
