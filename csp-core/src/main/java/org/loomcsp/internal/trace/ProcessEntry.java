package org.loomcsp.internal.trace;

import java.util.List;

/**
 * The internal record of a process: what the thread of a process runs, and how the runtime finds
 * the process behind a thread. The API's process class fills it in (a subclass that delegates to
 * the process), so that tracing, JFR and deadlock diagnosis see processes through this type and
 * never through the API. One object per process plays three parts: the thread's task ({@link Runnable}), the thread's
 * uncaught-exception handler (so {@link Registry#current()} is one field read:
 * {@code Thread.currentThread().getUncaughtExceptionHandler()}), and, while the process runs, a
 * link in {@link Registry}'s list of live processes.
 */
/*
 * Why not a map from thread to process: a ConcurrentHashMap entry is a 32-byte node plus its table
 * slot per process, a third of what a parked process costs beyond its virtual thread (issue 6,
 * docs/adr/0050-process-footprint.md). The handler is the one per-thread slot the runtime owns
 * without a ThreadLocal (which the project rules out per process): we create the thread, so we
 * choose its handler. If user code replaces the handler of a process thread, that process is no
 * longer recognised as one by current() (tracer attribution, "is the joiner a process"); its
 * registration for deadlock detection is unaffected.
 *
 * This record adds nothing per process: the object already existed as the thread's task; the
 * abstract methods replace the one that handed out the API's process (issue 14, ADR 0080).
 *
 * prev/next are guarded by the lock of the Registry stripe the entry is in.
 */
public abstract class ProcessEntry implements Runnable, Thread.UncaughtExceptionHandler {

    private static final System.Logger LOG = System.getLogger("org.loomcsp");

    ProcessEntry prev;
    ProcessEntry next;
    /**
     * A channel wait node ({@code internal.channel.Node}) that the process's next blocking read or
     * write may reuse instead of allocating one; touched only by the process's own thread.
     */
    private Object spareNode;

    protected ProcessEntry() {}

    /** The spare wait node, now owned by the caller, or {@code null}. Only on the process's own thread. */
    public final Object takeSpareNode() {
        Object n = spareNode;
        spareNode = null;
        return n;
    }

    /** Keeps a wait node for the next blocking operation. Only on the process's own thread. */
    public final void putSpareNode(Object n) {
        spareNode = n;
    }

    /** The process's pid (unique in the JVM). */
    public abstract long pid();

    /** The process's name, as the API reports it. */
    public abstract String name();

    /** The simple name of the process's class (for trace events). */
    public abstract String typeName();

    /** Whether the process has started and not yet ended. */
    public abstract boolean isAlive();

    /** Asks the process to stop, as the API's {@code terminate()} does. */
    public abstract void terminate();

    /**
     * The channel cores ({@code internal.channel.ChannelCore}) and barriers that the process
     * knows (its arguments and the objects it registered): the wait-for graph of a deadlock
     * report. Computed on demand.
     */
    public abstract List<Object> knownResources();

    /** The process's thread, or {@code null} while {@code start()} has not yet published it. */
    public abstract Thread thread();

    /**
     * Logs what escaped the process's own failure handling (which catches everything the body
     * throws, so this sees only errors thrown while a process ends).
     */
    @Override
    public final void uncaughtException(Thread t, Throwable e) {
        LOG.log(System.Logger.Level.ERROR, () -> "Uncaught in the thread of process " + name(), e);
    }
}
