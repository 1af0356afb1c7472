package org.loomcsp.internal.channel;

import java.util.Objects;
import java.util.function.Function;
import org.loomcsp.internal.trace.Hooks;

/**
 * A write that does not hold a thread while it waits: its value queues among the channel's
 * waiting writers like a parked writer's, and when a reader (or the buffer) takes it, or the
 * channel is poisoned, the deciding thread calls {@link #decided(boolean)} once, after it has
 * released the channel's lock. For code that must not block the thread that offers the value
 * (csp-net's home answers a remote write on gRPC's network thread); not part of the API.
 *
 * <p>Exactly one of these happens to an offered write: {@link #offer} returns {@link
 * ChannelCore#WRITTEN} (taken at once) or {@link ChannelCore#WRITE_POISONED}; or it returns
 * {@link #PENDING} and then either {@code decided(true)} (taken), {@code decided(false)}
 * (poisoned, not taken) or a {@link #cancel()} that returns true (withdrawn, not taken).
 * Happens-before: the reader's actions before it took the value happen-before {@code
 * decided(true)}, which runs later on the reader's own thread.
 */
/* The mechanism and its invariants: PendingOp. */
public abstract class PendingWrite extends PendingOp {

    /** {@link #offer}: the value waits in the channel's queue of writers. */
    public static final int PENDING = 2;

    /**
     * @param channelEnd the channel to write to: a {@code Channel} or one of its ends
     * @param value the value to write, not null
     */
    protected PendingWrite(Object channelEnd, Object value) {
        super(channelEnd, Objects.requireNonNull(value, "loomcsp channels do not carry null"));
    }

    /**
     * Called once when the write is decided: {@code true} if a reader or the buffer took the
     * value, {@code false} if the channel was poisoned first. Runs on the deciding thread (a
     * reader, or the poisoner) after the channel's lock is released; it must not block. An
     * exception it throws is logged and does not reach the deciding thread.
     */
    protected abstract void decided(boolean taken);

    /**
     * Offers the value to the channel without blocking: {@link ChannelCore#WRITTEN} if a waiting
     * reader or the buffer took it now, {@link ChannelCore#WRITE_POISONED} if the channel is
     * poisoned, {@link ChannelCore#NOT_WRITTEN} if it was cancelled before it was offered, else
     * {@link #PENDING} (it waits among the channel's writers).
     *
     * @throws IllegalStateException if it was offered before
     */
    public final int offer() {
        Object v = item;
        noteOfferer();
        int r = channel.offer(this);
        if (r == ChannelCore.WRITTEN && Hooks.ON) {
            Hooks.write(channel, v);
        }
        return r;
    }

    /**
     * Called once, by {@code org.loomcsp.Channel}'s initialisation: how to find an end's core
     * (for pending writes and reads alike).
     */
    public static void installCores(Function<Object, ChannelCore> f) {
        PendingOp.installCores(f);
    }

    @Override
    final void fireDecided() {
        Object v = item;
        item = null;
        boolean taken = state > 0;
        if (taken) {
            traceDecided("write", v);
        }
        decided(taken);
    }
}
