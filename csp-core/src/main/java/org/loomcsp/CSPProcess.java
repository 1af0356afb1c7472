package org.loomcsp;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.loomcsp.internal.deadlock.DeadlockDiagnosis;
import org.loomcsp.internal.deadlock.Detector;
import org.loomcsp.internal.exec.KeepAlive;
import org.loomcsp.internal.exec.Launcher;
import org.loomcsp.internal.exec.UnobservedFailures;
import org.loomcsp.internal.trace.Hooks;
import org.loomcsp.internal.trace.ProcessEntry;
import org.loomcsp.internal.trace.Registry;

/**
 * A CSP process: a piece of sequential code that runs concurrently with every other process and
 * talks to them only through channels.
 *
 * <p>Make one from a lambda or a method reference; arguments are captured, or passed as in
 * python-csp's {@code CSPProcess(foo, 100)}:
 *
 * <pre>{@code
 * new CSPProcess(() -> System.out.println("hello from loomcsp")).start();
 * new CSPProcess(Examples::foo, 100).start();   // static void foo(int n)
 * }</pre>
 *
 * <p>{@link Csp#process(Body, Object...)} is the analogue of python-csp's {@code @process}
 * decorator: a method that returns {@code Csp.process(...)} makes a new, unstarted process at
 * every call.
 *
 * <h2>Life cycle</h2>
 * <ul>
 *   <li>{@link #start()} returns at once; the body runs on its own thread (a virtual thread on
 *       the default {@link Backend#VIRTUAL} backend). A process can be started only once.
 *   <li>{@link #join()} waits for the body to end; {@link #run()} starts and joins.
 *   <li>While any process that the program started is still running, the JVM does not exit,
 *       even though virtual threads are daemon threads ({@code hello().start()} as the last line
 *       of {@code main} prints its line, as in python-csp).
 *   <li>The process's thread has an uncaught-exception handler of the runtime's own: it is how
 *       the runtime tells which process a thread runs (for tracing, JFR and deadlock
 *       diagnosis) without a map or a {@code ThreadLocal}. Leave it in place: a body that
 *       replaces it on its own thread is no longer recognised as a process there.
 * </ul>
 *
 * <h2>How a body ends</h2>
 * <ul>
 *   <li><b>Normally</b>: {@code join()} returns.
 *   <li><b>With {@link ChannelPoison}</b>: the process poisons the channels it knows (below) and
 *       ends quietly; {@code join()} returns. This is how poison spreads through a network.
 *   <li><b>After {@link #terminate()}</b> (an {@code InterruptedException} or the server's
 *       yield-point check): the process ends quietly; {@link #wasTerminated()} is true.
 *   <li><b>With any other exception</b>: the process poisons the channels it knows so that its
 *       peers do not wait for ever, and {@code join()} throws {@link ProcessFailedException} with
 *       the exception as its cause. Nothing is swallowed (python-csp printed and swallowed
 *       failures, so no test could ever fail from inside a process). The failure is also logged
 *       (through {@link System.Logger}, logger {@code org.loomcsp}, level ERROR, with the process
 *       name), once, if nobody ever receives it: if no {@code join()}, {@link #run()}, {@link
 *       #failure()} or parent {@link Par}, {@link Seq} or {@link Network} takes it, it is logged
 *       when the process object becomes unreachable (at a garbage collection), when {@code main}
 *       has ended, or when the JVM shuts down, whichever comes first. A {@code start()} followed
 *       later by {@code join()} logs nothing, even if the failure came first. {@code
 *       -Dcsp.logFailures=all} logs every failure at once, {@code none} none (see {@link
 *       Csp#setFailureLogging(Csp.FailureLogging)}).
 *   <li><b>After {@link #terminate()}, with an I/O exception</b> caused by the interrupt (a
 *       socket or an interruptible channel closed by it): counts as terminated, not failed.
 * </ul>
 *
 * <h2>The channels a process knows</h2>
 * A process knows the channels (and barriers) that its body captures, those among the {@code
 * args} given to its constructor, and those given to {@link #uses(Object...)}; the list of
 * arguments is optional:
 *
 * <pre>{@code
 * Channel<Integer> in = new Channel<>(), out = new Channel<>();
 * process(() -> { while (true) out.write(in.read() * 2); });   // knows in and out
 * }</pre>
 *
 * <ul>
 *   <li><b>Captures</b> are the fields of the body: a lambda's captured variables, the fields of
 *       a {@link Body} object, or of a {@code CSPProcess} subclass; and, through a captured
 *       lambda or anonymous class, its captures in turn.
 *   <li>Each captured value, argument or registered object is then searched, recursively: a
 *       {@link ChannelInput} or {@link ChannelOutput} (a {@link Channel} is both) is a channel;
 *       arrays, {@link Iterable}s, the <em>values</em> of {@link java.util.Map}s, {@link
 *       java.util.Optional}s and the components of records are searched; anything else
 *       (strings, numbers, other processes, objects of your own classes) is ignored.
 *   <li><b>What cannot be seen</b>: a channel the body reads from a field of some other object
 *       (for example {@code this.in} inside a lambda, which captures {@code this}, or a shared
 *       mutable field or static), or makes or receives while it runs. Pass such channels as
 *       arguments or register them with {@code uses}.
 *   <li>On the module path, the package of the lambda must be open to loomcsp ({@code opens
 *       my.pkg to org.loomcsp;}): a lambda's captures are its private fields. Otherwise a
 *       one-time WARNING names the package, and only arguments and {@code uses} count. On the
 *       class path nothing is needed.
 *   <li>The search runs only when poison spreads or a failure poisons (and for deadlock reports
 *       and network pictures), never at the start: it costs nothing per process.
 * </ul>
 *
 * <h2>Memory consistency</h2>
 * Actions in the thread that calls {@code start()} happen-before the body's first action; the
 * body's actions happen-before a successful return from {@code join()}.
 */
/*
 * Implementation notes.
 *
 * state is one int of flags, changed only atomically (CAS or getAndBitwiseOr), so that a process
 * costs 48 bytes rather than 56 (issue 6, docs/adr/0050-process-footprint.md):
 *   STARTED              set by the start() CAS winner (from no STARTED); never cleared
 *   ENDED                set by the process's own thread after the body and the poison/failure
 *                        handling (or by start() if the thread could not be launched)
 *   TERMINATED           set with ENDED when the process ended because of terminate()
 *   TERMINATE_REQUESTED  set by terminate(), from any thread, at any time
 *   BACKEND (2 bits)     0 = not chosen yet, else Backend ordinal + 1; set before the start or by
 *                        start() itself, never changed after
 *   OBSERVED             set by join() on entry, by run() and by a parent composite before the
 *                        start: the outcome has a taker, so a failure is not logged (ADR 0086);
 *                        a failure without it is deferred, not logged at once (ADR 0091)
 * Lifecycle: new (neither STARTED nor ENDED) -> running (STARTED) -> ended (STARTED | ENDED).
 * 'thread' is written by the start() CAS winner right after launching the thread, and by the
 * process's own thread first thing in its body (both write the same value; join() waits for the
 * publication), and read by join()/terminate().
 * terminate() racing start(): terminate() writes TERMINATE_REQUESTED, then reads 'thread' and
 * interrupts it if set; the process's thread writes 'thread', then reads TERMINATE_REQUESTED and
 * skips its body if set. Both are volatile (sequentially consistent), so at least one side sees
 * the other: either the body never runs, or the thread is interrupted, and the interrupt status
 * stays set until the body's next blocking operation throws. (Before issue 13 only start()
 * published the thread, after the launch, so a terminate() between the body's check and the
 * publication was lost and the process blocked for ever.)
 * 'outcome' (null, the failure, or the UnobservedFailures.Pending holding a failure nobody had
 * taken when it happened) is written by the process thread before ENDED is set, and read after
 * Thread.join(), which gives the happens-before edge. join() and failure() take a Pending, so it
 * is never logged; otherwise it is logged once when the process becomes unreachable, main ends
 * or the JVM shuts down (ADR 0091).
 * No ThreadLocal is used: the thread's task (Runner) holds the process.
 *
 * The runtime below the API (internal.*) never sees a CSPProcess: the Runner is the internal
 * process record (internal.trace.ProcessEntry) and answers its questions (pid, name, alive,
 * terminate, known resources) by delegating here; it existed before as the thread's task, so
 * this costs nothing per process (ADR 0080).
 */
public class CSPProcess {

    /** The body of a process. */
    @FunctionalInterface
    public interface Body {
        /** Runs the process body; may block on channels and throw anything. */
        void run() throws Exception;
    }

    /** The body of a process that takes one argument (python-csp's {@code CSPProcess(foo, 100)}). */
    @FunctionalInterface
    public interface Body1<A> {
        /** Runs the body with its argument. */
        void run(A a) throws Exception;
    }

    /** The body of a process that takes two arguments. */
    @FunctionalInterface
    public interface Body2<A, B> {
        /** Runs the body with its arguments. */
        void run(A a, B b) throws Exception;
    }

    /** The body of a process that takes three arguments. */
    @FunctionalInterface
    public interface Body3<A, B, C> {
        /** Runs the body with its arguments. */
        void run(A a, B b, C c) throws Exception;
    }

    static final System.Logger LOG = System.getLogger("org.loomcsp");

    private static final int STARTED = 1;
    private static final int ENDED = 1 << 1;
    private static final int TERMINATED = 1 << 2;
    private static final int TERMINATE_REQUESTED = 1 << 3;
    private static final int BACKEND_SHIFT = 4;
    private static final int BACKEND = 3 << BACKEND_SHIFT;
    /** Someone will collect the outcome: a join() is in progress, run(), or a parent composite. */
    private static final int OBSERVED = 1 << 6;
    private static final Backend[] BACKENDS = Backend.values();

    private static final AtomicLong IDS = new AtomicLong();

    private final long id = IDS.incrementAndGet();
    private final Body body;
    /**
     * What the process was given to use (for poison and reports): the only argument itself when
     * there is one (no array kept per process, see knownRoots), else the argument array.
     */
    private final Object args;
    private volatile String name;
    /** Channels registered with uses(); null until the first registration. */
    private volatile ConcurrentLinkedQueue<Object> registered;

    /** Flags: see the implementation notes. */
    private volatile int state;
    private volatile Thread thread;
    /** null, the failure, or (a failure nobody had taken when it happened) its Pending. */
    private volatile Object outcome;

    /**
     * Creates an unstarted process.
     *
     * @param body the code to run
     * @param args the channels (or arrays, collections, maps, records holding channels) the body
     *     uses, so that poison can reach them; may be empty
     */
    public CSPProcess(Body body, Object... args) {
        this((String) null, body, args);
    }

    /**
     * Creates an unstarted process with a name (used in logs, traces and thread dumps).
     *
     * @param name the name, or {@code null} for the default {@code CSPProcess-<pid>}
     * @param body the code to run
     * @param args the channels the body uses (see the class comment)
     */
    public CSPProcess(String name, Body body, Object... args) {
        this.name = name;
        this.body = Objects.requireNonNull(body, "process body is null");
        this.args = roots(args);
    }

    /** Creates a process that runs {@code f(a)}: python-csp's {@code CSPProcess(foo, 100)}. */
    public <A> CSPProcess(Body1<A> f, A a) {
        this((String) null, (Body) () -> f.run(a), new Object[] {a});
        Objects.requireNonNull(f, "body");
    }

    /** Creates a process that runs {@code f(a, b)}. */
    public <A, B> CSPProcess(Body2<A, B> f, A a, B b) {
        this((String) null, (Body) () -> f.run(a, b), new Object[] {a, b});
        Objects.requireNonNull(f, "body");
    }

    /** Creates a process that runs {@code f(a, b, c)}. */
    public <A, B, C> CSPProcess(Body3<A, B, C> f, A a, B b, C c) {
        this((String) null, (Body) () -> f.run(a, b, c), new Object[] {a, b, c});
        Objects.requireNonNull(f, "body");
    }

    /** For subclasses whose body is {@link #runBody()}. */
    protected CSPProcess(String name, Object... args) {
        this.name = name;
        this.body = null;
        this.args = roots(args);
    }

    /**
     * Starts the process. Returns at once; the body runs concurrently on a thread of this
     * process's {@linkplain #backend(Backend) backend}.
     *
     * @return this process, for chaining
     * @throws IllegalStateException if the process was already started; make a new process
     *     (for example from a factory method or {@code Supplier}) to run the same code again
     */
    public CSPProcess start() {
        Backend b;
        int s;
        do {
            s = state;
            if ((s & STARTED) != 0) {
                throw new IllegalStateException("Process " + getName() + " was already started;"
                        + " a process can be started only once. Create a new process to run the"
                        + " body again (e.g. call the factory method that made it).");
            }
            b = backendOf(s);
            if (b == null) {
                b = Csp.backend();
            }
        } while (!STATE.compareAndSet(this, s, withBackend(s, b) | STARTED));
        KeepAlive.processStarting();
        Registry.starting();
        try {
            Runner r = new Runner(this);
            thread = Launcher.start(b == Backend.VIRTUAL, name, r, r);
        } catch (Throwable t) {
            Registry.startFailed();
            KeepAlive.processEnded();
            STATE.getAndBitwiseOr(this, ENDED);
            throw t;
        }
        return this;
    }

    /**
     * Waits for the process to end.
     *
     * @throws ProcessFailedException if the body ended with an exception other than poison or
     *     termination
     * @throws IllegalStateException if the process was never started
     * @throws DeadlockException if the caller is not itself a process and every live process
     *     is blocked for good in CSP operations (see {@link DeadlockException}; detection can
     *     be turned off with {@link Csp#setDeadlockDetection(boolean)})
     * @throws InterruptedException if the calling thread is interrupted while waiting
     */
    public void join() throws InterruptedException {
        STATE.getAndBitwiseOr(this, OBSERVED);
        Thread t = requireThread();
        try {
            Detector.join(t);
        } catch (DeadlockDiagnosis d) {
            throw new DeadlockException(d.report(), d.cycle(), d.waits());
        }
        rethrowFailure();
    }

    /**
     * Waits at most {@code timeout} for the process to end.
     *
     * @return {@code true} if it ended, {@code false} if the time elapsed first
     * @throws ProcessFailedException if it ended with a failure
     * @throws InterruptedException if the calling thread is interrupted while waiting
     */
    public boolean join(Duration timeout) throws InterruptedException {
        STATE.getAndBitwiseOr(this, OBSERVED);
        Thread t = requireThread();
        if (!t.join(timeout)) {
            return false;
        }
        rethrowFailure();
        return true;
    }

    /**
     * Runs the process to completion: {@link #start()} then {@link #join()}.
     *
     * @throws ProcessFailedException if the body failed
     * @throws InterruptedException if the calling thread is interrupted while waiting (the
     *     process goes on running; {@link #terminate()} it if it should stop)
     */
    public void run() throws InterruptedException {
        observed();
        start();
        join();
    }

    /** Marks the outcome as having a taker (a parent composite or run()): see OBSERVED. */
    final void observed() {
        STATE.getAndBitwiseOr(this, OBSERVED);
    }

    /** Whether someone has said it will collect the outcome (join(), run(), a parent). */
    final boolean isObserved() {
        return (state & OBSERVED) != 0;
    }

    /** Whether the process has been started and has not yet ended. */
    public boolean isAlive() {
        return (state & (STARTED | ENDED)) == STARTED;
    }

    /** Whether the process has been started (it may have ended since). */
    public boolean isStarted() {
        return (state & STARTED) != 0;
    }

    /**
     * Asks the process to stop. The process stops at its next blocking operation (a channel
     * read or write, an Alt, a barrier, a {@link Timer} sleep, a join: they throw {@code
     * InterruptedException}, which the body normally lets escape) or, for a {@link CSPServer},
     * at its next yield point between two steps. A process that computes without blocking is
     * not stopped until it blocks or checks {@link Thread#interrupted()}. A terminated process
     * ends quietly: {@code join()} returns normally and {@link #wasTerminated()} is true. It
     * does <em>not</em> poison its channels: use poison to shut a network down.
     *
     * <p>Calling it on a process that has not started prevents it from running its body; on an
     * ended process it does nothing.
     */
    public void terminate() {
        STATE.getAndBitwiseOr(this, TERMINATE_REQUESTED);
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }

    /** Whether the process ended because it was {@linkplain #terminate() terminated}. */
    public boolean wasTerminated() {
        return (state & TERMINATED) != 0;
    }

    /** Whether {@link #terminate()} has been called; server loops check it between steps. */
    protected final boolean terminateRequested() {
        return (state & TERMINATE_REQUESTED) != 0;
    }

    /**
     * Registers more channels (or containers of channels) that this process uses, so that
     * poison reaches them when the process ends with {@link ChannelPoison} or a failure. May be
     * called before the start or from the body itself.
     *
     * @return this process
     */
    public CSPProcess uses(Object... channels) {
        ConcurrentLinkedQueue<Object> r = registered;
        if (r == null) {
            REGISTERED.compareAndSet(this, null, new ConcurrentLinkedQueue<>());
            r = registered;
        }
        for (int i = 0; i < channels.length; i++) {
            if (channels[i] == null) {
                throw new NullPointerException("uses(channels): argument " + (i + 1) + " of "
                        + channels.length + " is null");
            }
            r.add(channels[i]);
        }
        return this;
    }

    /**
     * Sets the backend this process runs on, overriding {@link Csp#backend()}. Composites pass
     * their backend on to children that have none of their own.
     *
     * @return this process
     * @throws IllegalStateException if the process has already started
     */
    public CSPProcess backend(Backend backend) {
        Objects.requireNonNull(backend, "backend");
        int s;
        do {
            s = state;
            if ((s & STARTED) != 0) {
                throw new IllegalStateException("Process " + getName() + " has already started;"
                        + " set its backend before start()");
            }
        } while (!STATE.compareAndSet(this, s, withBackend(s, backend)));
        return this;
    }

    /** The backend this process runs (or will run) on; {@code null} until set or started. */
    public Backend getBackend() {
        return backendOf(state);
    }

    private static Backend backendOf(int s) {
        int code = (s & BACKEND) >>> BACKEND_SHIFT;
        return code == 0 ? null : BACKENDS[code - 1];
    }

    private static int withBackend(int s, Backend b) {
        return (s & ~BACKEND) | ((b.ordinal() + 1) << BACKEND_SHIFT);
    }

    /** Sets the name (before or after start; the thread keeps the name it was started with). */
    public CSPProcess name(String name) {
        this.name = Objects.requireNonNull(name, "name");
        return this;
    }

    /** The name: the one given, or {@code <Type>-<pid>}. */
    public String getName() {
        String n = name;
        return n != null ? n : getClass().getSimpleName() + "-" + id;
    }

    /**
     * A number identifying this process, unique in the JVM (python-csp's {@code getPid}). It is
     * assigned at construction, so it is valid before the start too.
     */
    public long getPid() {
        return id;
    }

    /** The thread running the body, or {@code null} if not started. */
    public Thread thread() {
        return thread;
    }

    /**
     * A parallel composition of this process and {@code others}: python-csp's {@code p // (q,
     * r)}. Unlike python-csp's operator it does not run anything yet: call {@link #run()} on the
     * result (or nest it).
     */
    public Par par(CSPProcess... others) {
        Objects.requireNonNull(others, "par(others): the array of processes is null");
        for (int i = 0; i < others.length; i++) {
            if (others[i] == null) {
                throw new NullPointerException("par(others): argument " + (i + 1) + " of "
                        + others.length + " is null; pass only processes");
            }
        }
        CSPProcess[] all = new CSPProcess[others.length + 1];
        all[0] = this;
        System.arraycopy(others, 0, all, 1, others.length);
        return new Par(all);
    }

    /**
     * A sequential composition: this process, then {@code next}: python-csp's {@code p > q}.
     * Chains read left to right ({@code a.then(b).then(c)} runs a, b, c), and nesting works.
     */
    public Seq then(CSPProcess next) {
        Objects.requireNonNull(next, "then(next): next is null; pass the process to run after this one");
        return new Seq(this, next);
    }

    private static Object roots(Object[] args) {
        if (args == null || args.length == 0) {
            return null;
        }
        return args.length == 1 ? args[0] : args;
    }

    /**
     * What the process knows: the constructor arguments, the objects given to uses(), and what
     * its body captures (read only now, at poison or report time: nothing is kept per process).
     */
    final Object[] knownRoots() {
        ConcurrentLinkedQueue<Object> r = registered;
        boolean listed = args != null || r != null;
        List<Object> captured = new ArrayList<>(4);
        Captures.collect(body, null, !listed, captured);
        if (getClass() != CSPProcess.class) {
            Captures.collect(this, CSPProcess.class, !listed, captured);
        }
        return new Object[] {args, r == null ? null : r.toArray(), captured};
    }

    @Override
    public String toString() {
        int s = state;
        String st = (s & ENDED) != 0 ? "ended" : (s & STARTED) != 0 ? "running" : "new";
        return getClass().getSimpleName() + "[" + getName() + ", pid " + id + ", " + st + "]";
    }

    /**
     * The body. The default runs the {@link Body} given at construction; composites and servers
     * override it.
     */
    protected void runBody() throws Exception {
        body.run();
    }

    /** Poisons every channel this process knows (constructor args and registered ones). */
    protected void poisonKnownChannels() {
        Referents.poisonAll(knownRoots());
    }

    void inheritBackend(Backend b) {
        int s;
        do {
            s = state;
            if ((s & STARTED) != 0 || backendOf(s) != null) {
                return;
            }
        } while (!STATE.compareAndSet(this, s, withBackend(s, b)));
    }

    /**
     * The task and uncaught-exception handler of a process's thread, and the runtime's record of
     * the process (see ProcessEntry): it answers for the process it runs.
     */
    private static final class Runner extends ProcessEntry {
        private final CSPProcess process;

        Runner(CSPProcess process) {
            this.process = process;
        }

        @Override
        public void run() {
            process.runOnOwnThread(this);
        }

        @Override
        public long pid() {
            return process.id;
        }

        @Override
        public String name() {
            return process.getName();
        }

        @Override
        public String typeName() {
            return process.getClass().getSimpleName();
        }

        @Override
        public boolean isAlive() {
            return process.isAlive();
        }

        @Override
        public void terminate() {
            process.terminate();
        }

        @Override
        public List<Object> knownResources() {
            return Referents.knownResources(process.knownRoots());
        }

        @Override
        public Thread thread() {
            return process.thread;
        }
    }

    private void runOnOwnThread(ProcessEntry entry) {
        boolean tracked = Registry.enter(entry);
        boolean poisoned = false;
        boolean terminated = false;
        if (Hooks.ON) {
            Hooks.processStart(entry);
        }
        try {
            // Publish the thread before reading the terminate flag (start() publishes it too,
            // but only after the launch): see the implementation notes, "terminate() racing
            // start()".
            if (thread == null) {
                thread = Thread.currentThread();
            }
            if (terminateRequested()) {
                terminated = true;
                return;
            }
            runBody();
        } catch (ChannelPoison p) {
            poisoned = true;
            poisonKnownChannels();
        } catch (InterruptedException e) {
            if (terminateRequested()) {
                terminated = true;
            } else {
                fail(e);
            }
        } catch (ProcessFailedException e) {
            // A composite rethrowing a child's failure (or a body rethrowing one it joined): the
            // child was observed, so it did not log; this process logs if nobody observes it.
            outcome = e;
            logFailure(e);
            poisonKnownChannels();
        } catch (Throwable t) {
            if (terminateRequested() && (isInterruptCaused(t)
                    || Thread.currentThread().isInterrupted())) {
                terminated = true;
            } else {
                fail(t);
            }
        } finally {
            if (Hooks.ON) {
                Hooks.processEnd(entry, outcome != null ? "failed" : terminated ? "terminated"
                        : poisoned ? "poisoned" : "normal");
            }
            STATE.getAndBitwiseOr(this, terminated ? ENDED | TERMINATED : ENDED);
            Registry.exit(entry, tracked);
            KeepAlive.processEnded();
        }
    }

    /**
     * Whether {@code t} comes from an interrupt: an InterruptedException, or the I/O exceptions an
     * interrupt causes (an interruptible channel or a virtual thread's socket closed by it).
     */
    private static boolean isInterruptCaused(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof InterruptedException || c instanceof java.io.InterruptedIOException
                    || c instanceof java.nio.channels.ClosedByInterruptException
                    || c instanceof java.nio.channels.AsynchronousCloseException
                    || c instanceof java.net.SocketException) {
                return true;
            }
        }
        return false;
    }

    private void fail(Throwable t) {
        outcome = t;
        logFailure(t);
        try {
            poisonKnownChannels();
        } catch (RuntimeException e) {
            t.addSuppressed(e);
        }
    }

    /**
     * Called with 'outcome' already set to t. UNOBSERVED: if nobody has said they will take the
     * outcome, the failure is deferred (UnobservedFailures), and logged only if nobody ever takes
     * it (ADR 0091).
     */
    private void logFailure(Throwable t) {
        boolean observed = (state & OBSERVED) != 0;
        Csp.FailureLogging mode = Csp.failureLogging();
        if (mode == Csp.FailureLogging.ALL
                || (mode == Csp.FailureLogging.UNOBSERVED && !observed
                        && t instanceof VirtualMachineError)) {
            // A VirtualMachineError (out of memory, stack overflow) is logged at once: holding
            // it (a Cleaner, a hook) would need the very resources that ran out.
            LOG.log(Level.ERROR, "Process " + getName() + " failed", t);
        } else if (mode == Csp.FailureLogging.UNOBSERVED && !observed) {
            outcome = UnobservedFailures.defer(this, getName(), t);
        }
    }

    private Thread requireThread() {
        Thread t = thread;
        if (t != null && t == Thread.currentThread()) {
            throw new IllegalStateException("Process " + getName() + " cannot join itself:"
                    + " that would wait for ever");
        }
        if (t == null) {
            if ((state & STARTED) == 0) {
                throw new IllegalStateException("Process " + getName()
                        + " has not been started; call start() (or run()) first");
            }
            // start() is between its CAS and the thread publication, or failed to launch.
            while ((t = thread) == null && (state & ENDED) == 0) {
                Thread.onSpinWait();
            }
            if (t == null) {
                throw new IllegalStateException("Process " + getName() + " could not be started");
            }
        }
        return t;
    }

    private void rethrowFailure() {
        Throwable f = takeOutcome();
        if (f != null) {
            if (f instanceof ProcessFailedException pfe) {
                throw pfe;
            }
            throw new ProcessFailedException(this, f);
        }
    }

    /** The failure the body ended with, or {@code null} (also before the end). */
    public Throwable failure() {
        Throwable f = takeOutcome();
        return f instanceof ProcessFailedException pfe && pfe.process() != this ? pfe : f;
    }

    /** The failure or null; a deferred failure is taken, so it will never be logged. */
    private Throwable takeOutcome() {
        Object o = outcome;
        return o instanceof UnobservedFailures.Pending p ? p.take() : (Throwable) o;
    }

    private static final VarHandle STATE;
    private static final VarHandle REGISTERED;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            STATE = l.findVarHandle(CSPProcess.class, "state", int.class);
            REGISTERED = l.findVarHandle(CSPProcess.class, "registered", ConcurrentLinkedQueue.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
