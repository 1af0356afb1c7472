package org.loomcsp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Sequential composition: a process that runs its children one after another, each to its end
 * before the next starts. python-csp's {@code Seq} and {@code >}.
 *
 * <p>A {@code Seq} is itself a process and nests to any depth with {@link Par} and other {@code
 * Seq}s. Each child runs on its own thread (so {@link CSPProcess#isAlive()} and friends mean the
 * same as everywhere), in order.
 *
 * <p><b>Failures.</b> If a child fails, the {@code Seq} stops there and fails with that child's
 * {@link ProcessFailedException}; the remaining children do not run. A child that ends through
 * poison ends quietly and the next child runs (it will normally meet the poison too).
 */
public class Seq extends CSPProcess {

    private final List<CSPProcess> children;

    /** Creates a sequential composition of {@code processes} (none of them started yet). */
    public Seq(CSPProcess... processes) {
        this(Arrays.asList(Objects.requireNonNull(processes,
                "Seq: the array of processes is null")));
    }

    /** Creates a sequential composition of {@code processes} (none of them started yet). */
    public Seq(Collection<? extends CSPProcess> processes) {
        super((String) null);
        this.children = new ArrayList<>(processes.size());
        int i = 0;
        for (CSPProcess p : processes) {
            i++;
            if (p == null) {
                throw new NullPointerException("Seq: process argument " + i + " of "
                        + processes.size() + " is null; pass only processes");
            }
            children.add(Par.requireUnstarted(p));
        }
    }

    /**
     * Repetition: a {@code Seq} of {@code n} fresh processes made by {@code factory}, run one
     * after another. python-csp's {@code p * n} (which hung on its thread backend).
     *
     * @throws IllegalArgumentException if {@code n < 0}
     */
    public static Seq times(int n, Supplier<? extends CSPProcess> factory) {
        if (n < 0) {
            throw new IllegalArgumentException("repetition count must be >= 0, was " + n);
        }
        List<CSPProcess> ps = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ps.add(factory.get());
        }
        return new Seq(ps);
    }

    /** The number of children. */
    public int size() {
        return children.size();
    }

    /** The child at {@code index}. */
    public CSPProcess get(int index) {
        return children.get(index);
    }

    /** A read-only view of the children. */
    public List<CSPProcess> children() {
        return List.copyOf(children);
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
        for (CSPProcess c : children) {
            if (terminateRequested()) {
                throw new InterruptedException("terminated");
            }
            c.inheritBackend(b);
            c.observed();
            c.start();
            try {
                c.join();
            } catch (InterruptedException e) {
                c.terminate();
                c.thread().join();
                throw e;
            }
        }
    }

    /** Sets the name; returns this Seq, so that chains keep the type. */
    @Override
    public Seq name(String name) {
        super.name(name);
        return this;
    }

    /** Registers channels this process uses (see {@link CSPProcess#uses(Object...)}). */
    @Override
    public Seq uses(Object... channels) {
        super.uses(channels);
        return this;
    }

    /** Sets the backend (see {@link CSPProcess#backend(Backend)}). */
    @Override
    public Seq backend(Backend backend) {
        super.backend(backend);
        return this;
    }

    /** Starts it (see {@link CSPProcess#start()}); returns this Seq. */
    @Override
    public Seq start() {
        super.start();
        return this;
    }
}
