package org.loomcsp.internal.channel;

import org.loomcsp.internal.trace.Hooks;

/**
 * A read that does not hold a thread while it waits: it queues among the channel's waiting
 * readers like a parked reader, and when a writer (or the buffer) hands it a value, or the
 * channel is poisoned, the deciding thread calls {@link #decided(Object)} once, after it has
 * released the channel's lock. For code that must not block the thread that asks (csp-net's home
 * serves a remote reader's request on gRPC's network thread); not part of the API.
 *
 * <p>Exactly one of these happens to an offered read: {@link #offer} returns a value (taken at
 * once) or {@link ChannelCore#POISONED}; or it returns {@link #PENDING} and then either {@code
 * decided(value)} (a writer or the buffer handed it over), {@code decided(null)} (poisoned,
 * nothing taken) or a {@link #cancel()} that returns true (withdrawn, nothing taken). A value
 * handed over is out of the channel: if the callback cannot pass it on, it must write it back.
 * Happens-before: the writer's actions before it wrote the value happen-before {@code
 * decided(value)}, which runs on the writer's own thread after its write completed.
 */
/* The mechanism and its invariants: PendingOp. */
public abstract class PendingRead extends PendingOp {

    /** {@link #offer}: the read waits in the channel's queue of readers. */
    public static final Object PENDING = new Object() {
        @Override
        public String toString() {
            return "PENDING";
        }
    };

    /** @param channelEnd the channel to read from: a {@code Channel} or one of its ends */
    protected PendingRead(Object channelEnd) {
        super(channelEnd, null);
    }

    /**
     * Called once when the read is decided: the value handed over, or {@code null} if the
     * channel was poisoned first. Runs on the deciding thread (a writer, a reader that refilled
     * the buffer, or the poisoner) after the channel's lock is released; it must not block. An
     * exception it throws is logged and does not reach the deciding thread.
     */
    protected abstract void decided(Object value);

    /**
     * Offers the read to the channel without blocking: the value if a waiting writer or the
     * buffer had one now, {@link ChannelCore#POISONED} if the channel is poisoned, {@link
     * ChannelCore#NONE} if it was cancelled before it was offered, else {@link #PENDING} (it
     * waits among the channel's readers).
     *
     * @throws IllegalStateException if it was offered before
     */
    public final Object offer() {
        noteOfferer();
        Object r = channel.offer(this);
        if (Hooks.ON && r != PENDING && r != ChannelCore.POISONED && r != ChannelCore.NONE) {
            Hooks.read(channel, r);
        }
        return r;
    }

    @Override
    final void fireDecided() {
        Object v = item;
        item = null;
        boolean served = state > 0;
        if (served) {
            traceDecided("read", v);
        }
        decided(served ? v : null);
    }
}
