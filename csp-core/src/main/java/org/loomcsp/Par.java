package org.loomcsp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * Parallel composition: a process that runs its children concurrently and ends when all of them
 * have ended. python-csp's {@code Par} and {@code //}.
 *
 * <p>A {@code Par} is itself a process, so it nests to any depth: a {@code Par} inside a {@link
 * Seq} and a {@code Seq} inside a {@code Par} both run (python-csp silently ran neither). Like
 * every process it is started with {@link #start()} (non-blocking) or run with {@link #run()}
 * (blocking; python-csp's {@code Par(...).start()}).
 *
 * <p><b>{@code start()} does not wait</b>, unlike python-csp's {@code Par.start()}: code ported
 * line by line races with the processes it meant to wait for. Use {@link #run()} (or {@link
 * Csp#run(CSPProcess...)}) to wait. The first {@code Par.start()} called from a thread that is
 * not itself a process logs a one-time INFO note saying so ({@code -Dcsp.parStartNote=false}
 * hides it); see docs/adr/0085-par-start-does-not-block.md.
 *
 * <p><b>Failures.</b> The {@code Par} always waits for every child. If any failed, it then fails
 * with the first failure (a {@link ProcessFailedException}; children are examined in their order) and
 * the others attached as {@linkplain Throwable#getSuppressed() suppressed} exceptions. A failing
 * child poisons its channels (see {@link CSPProcess}), so its partners are not left waiting.
 *
 * <p><b>Container API</b> (python-csp's {@code len(par)}, {@code par[i]}, {@code par[i] = p},
 * {@code p in par}): {@link #size()}, {@link #get(int)}, {@link #set(int, CSPProcess)} (before
 * the start only), {@link #contains(CSPProcess)}, and iteration.
 *
 * <p>Children that have no backend of their own run on the {@code Par}'s backend.
 */
public class Par extends CSPProcess implements Iterable<CSPProcess> {

    private final List<CSPProcess> children;

    /** Creates a parallel composition of {@code processes} (none of them started yet). */
    public Par(CSPProcess... processes) {
        this(Arrays.asList(Objects.requireNonNull(processes,
                "Par: the array of processes is null")));
    }

    /** Creates a parallel composition of {@code processes} (none of them started yet). */
    public Par(Collection<? extends CSPProcess> processes) {
        super((String) null);
        this.children = new ArrayList<>(processes.size());
        int i = 0;
        for (CSPProcess p : processes) {
            i++;
            if (p == null) {
                throw new NullPointerException("Par: process argument " + i + " of "
                        + processes.size() + " is null; pass only processes");
            }
            children.add(Par.requireUnstarted(p));
        }
    }

    static CSPProcess requireUnstarted(CSPProcess p) {
        Objects.requireNonNull(p, "process");
        if (p.isStarted()) {
            throw new IllegalStateException("Process " + p.getName() + " has already been started;"
                    + " a composition needs unstarted processes");
        }
        return p;
    }

    /** The number of children. */
    public int size() {
        return children.size();
    }

    /** The child at {@code index}. */
    public CSPProcess get(int index) {
        return children.get(index);
    }

    /**
     * Replaces the child at {@code index}.
     *
     * @throws IllegalStateException if this {@code Par} has started, or {@code process} has
     */
    public void set(int index, CSPProcess process) {
        if (isStarted()) {
            throw new IllegalStateException("Par " + getName() + " has started; its children can"
                    + " no longer be replaced");
        }
        children.set(index, requireUnstarted(Objects.requireNonNull(process,
                "Par.set(index, process): process is null")));
    }

    /** Whether {@code process} is one of the children. */
    public boolean contains(CSPProcess process) {
        return children.contains(process);
    }

    /** A read-only view of the children. */
    public List<CSPProcess> children() {
        return List.copyOf(children);
    }

    @Override
    public Iterator<CSPProcess> iterator() {
        return children().iterator();
    }

    private static final java.util.concurrent.atomic.AtomicBoolean START_NOTED =
            new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * Starts the composition and returns at once, like every process's {@code start()}; use
     * {@link #run()} to wait (python-csp's {@code Par.start()} waited). See the class comment for
     * the one-time note this may log.
     */
    @Override
    public Par start() {
        if (!isObserved() && org.loomcsp.internal.trace.Registry.current() == null
                && !"false".equalsIgnoreCase(System.getProperty("csp.parStartNote"))
                && START_NOTED.compareAndSet(false, true)) {
            LOG.log(System.Logger.Level.INFO, "Par.start() returns at once and does not wait for"
                    + " its processes (python-csp's Par.start() waited): call run() to wait, or"
                    + " join() later. Shown once; -Dcsp.parStartNote=false hides it.");
        }
        super.start();
        return this;
    }

    @Override
    public void terminate() {
        super.terminate();
        for (CSPProcess c : children) {
            c.terminate();
        }
    }

    @Override
    protected void runBody() throws Exception {
        Backend b = getBackend();
        int started = 0;
        try {
            for (CSPProcess c : children) {
                c.inheritBackend(b);
                c.observed();
                c.start();
                started++;
            }
        } catch (RuntimeException | Error e) {
            // Could not start them all: stop and wait for those that did start, then fail.
            for (int i = 0; i < started; i++) {
                children.get(i).terminate();
            }
            for (int i = 0; i < started; i++) {
                children.get(i).thread().join();
            }
            throw e;
        }
        ProcessFailedException first = null;
        InterruptedException interrupted = null;
        for (CSPProcess c : children) {
            while (true) {
                try {
                    c.join();
                    break;
                } catch (ProcessFailedException e) {
                    if (first == null) {
                        first = e;
                    } else {
                        first.addSuppressed(e);
                    }
                    break;
                } catch (InterruptedException e) {
                    // Terminated: pass it on to the children and keep waiting for them.
                    interrupted = e;
                    for (CSPProcess other : children) {
                        other.terminate();
                    }
                }
            }
        }
        if (first != null) {
            throw first;
        }
        if (interrupted != null) {
            throw interrupted;
        }
    }

    /** Sets the name; returns this Par, so that chains keep the type. */
    @Override
    public Par name(String name) {
        super.name(name);
        return this;
    }

    /** Registers channels this process uses (see {@link CSPProcess#uses(Object...)}). */
    @Override
    public Par uses(Object... channels) {
        super.uses(channels);
        return this;
    }

    /** Sets the backend (see {@link CSPProcess#backend(Backend)}). */
    @Override
    public Par backend(Backend backend) {
        super.backend(backend);
        return this;
    }
}
