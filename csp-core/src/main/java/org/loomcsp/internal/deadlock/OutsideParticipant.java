package org.loomcsp.internal.deadlock;

import java.util.List;
import org.loomcsp.internal.trace.ProcessEntry;

/**
 * A thread that is not a process (typically {@code main}) blocked in a plain channel read or
 * write, taking part in deadlock detection as if it were a process (issue 13, item 4). It exists
 * only inside a snapshot; it is never registered and never terminated.
 */
final class OutsideParticipant extends ProcessEntry {

    private final Thread thread;
    private final List<Object> channels;

    OutsideParticipant(Thread thread, List<Object> channels) {
        this.thread = thread;
        this.channels = channels;
    }

    @Override
    public void run() {
        throw new UnsupportedOperationException("not a process");
    }

    @Override
    public long pid() {
        return -thread.threadId();
    }

    @Override
    public String name() {
        return "thread " + thread.getName();
    }

    @Override
    public String typeName() {
        return "Thread";
    }

    @Override
    public boolean isAlive() {
        return thread.isAlive();
    }

    @Override
    public void terminate() {
        // Not a process: it gets the diagnosis through its own watch instead.
    }

    @Override
    public List<Object> knownResources() {
        return channels;
    }

    @Override
    public Thread thread() {
        return thread;
    }
}
