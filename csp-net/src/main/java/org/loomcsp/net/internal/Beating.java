package org.loomcsp.net.internal;

/**
 * A stream watched by the node's {@link Heartbeat}: it sends a ping when it has been quiet, and
 * declares its peer lost when nothing was heard from it for the peer timeout.
 */
interface Beating {
    /** Called every heartbeat interval; {@code now} is {@link System#nanoTime()}. */
    void beat(long now, long pingEveryNanos, long timeoutNanos);

    /** Whether the stream is over (the heartbeat then forgets it). */
    boolean finished();
}
