package org.loomcsp.internal.trace;

import org.loomcsp.CSPProcess;

/**
 * What the thread of a process runs, and how the runtime finds the process behind a thread. One
 * object per process plays three parts: the thread's task ({@link Runnable}), the thread's
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
 * prev/next are guarded by the lock of the Registry stripe the entry is in.
 */
public abstract class ProcessEntry implements Runnable, Thread.UncaughtExceptionHandler {

    private static final System.Logger LOG = System.getLogger("org.loomcsp");

    ProcessEntry prev;
    ProcessEntry next;

    protected ProcessEntry() {}

    /** The process whose thread runs this entry. */
    public abstract CSPProcess process();

    /** The process's thread, or {@code null} while {@code start()} has not yet published it. */
    public abstract Thread thread();

    /**
     * Logs what escaped the process's own failure handling (which catches everything the body
     * throws, so this sees only errors thrown while a process ends).
     */
    @Override
    public final void uncaughtException(Thread t, Throwable e) {
        LOG.log(System.Logger.Level.ERROR, () -> "Uncaught in the thread of process " + process().getName(), e);
    }
}
