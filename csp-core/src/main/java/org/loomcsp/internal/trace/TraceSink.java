package org.loomcsp.internal.trace;

/** Receives trace events from {@link Hooks} while a tracer is active. */
public interface TraceSink {

    /**
     * One event.
     *
     * @param pid the process id, or 0 if the thread is not a (tracked) process
     * @param process the process name, or {@code thread:<name>}
     * @param kind start, end, read, write, select or poison
     * @param channelId the channel's id, or 0
     * @param channel the channel's name, or {@code null}
     * @param detail the value, outcome or guard (may be empty)
     */
    void event(long pid, String process, String kind, long channelId, String channel,
            String detail);
}
