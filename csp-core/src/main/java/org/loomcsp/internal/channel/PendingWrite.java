package org.loomcsp.internal.channel;

import java.lang.System.Logger.Level;
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
 */
/*
 * A PendingWrite is a plain writer Node whose waiter is null. Partners decide it under the
 * channel lock exactly as they decide a parked writer (one CAS on its state), so the channel's
 * invariants I1-I4 hold unchanged. Sync.wake() of a node without a waiter does not unpark: it
 * links the node into the channel's list of decided pending writes (Mutex.decided, guarded by
 * the lock), and Mutex.unlock() runs their callbacks after releasing the lock, on the thread
 * that decided them, so a callback never runs under a channel lock and may take other locks.
 * cancel() is the waiter's CANCELLED CAS, made under the channel's lock like offer(), so a
 * withdrawal never races an offer that is handing the value to a reader: it wins (nothing took
 * the value; the node is unlinked) or loses to a partner (whose callback runs). Happens-before: the reader's actions before it took the value
 * happen-before decided(true), which runs later on the reader's own thread.
 */
public abstract class PendingWrite extends Node {
    private static final System.Logger LOG = System.getLogger("org.loomcsp");

    /** {@link #offer}: the value waits in the channel's queue of writers. */
    public static final int PENDING = 2;

    private static volatile Function<Object, ChannelCore> cores;

    /** The channel it is offered to. */
    final ChannelCore channel;
    /** Whether {@link #offer()} ran (under the channel's lock). */
    boolean offered;
    /** The next decided pending write of the same channel (Mutex.decided list; under its lock). */
    PendingWrite nextDecided;

    /**
     * @param channelEnd the channel to write to: a {@code Channel} or one of its ends
     * @param value the value to write, not null
     */
    protected PendingWrite(Object channelEnd, Object value) {
        super(null, Objects.requireNonNull(value, "loomcsp channels do not carry null"));
        this.channel = cores.apply(Objects.requireNonNull(channelEnd, "channelEnd"));
    }

    /**
     * Called once when the write is decided: {@code true} if a reader or the buffer took the
     * value, {@code false} if the channel was poisoned first. Runs on the deciding thread (a
     * reader, or the poisoner) after the channel's lock is released; it must not block. An
     * exception it throws is logged and does not reach the deciding thread.
     */
    protected abstract void decided(boolean taken);

    /**
     * Withdraws a pending write: true if the value was not taken and never will be ({@code
     * decided} will not run); false if it was decided first (its {@code decided} runs or ran).
     * Idempotent: once it returned true, it returns true.
     */
    public final boolean cancel() {
        return channel.cancel(this);
    }

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
        int r = channel.offer(this);
        if (r == ChannelCore.WRITTEN && Hooks.ON) {
            Hooks.write(channel, v);
        }
        return r;
    }

    /** Called once, by {@code org.loomcsp.Channel}'s initialisation: how to find an end's core. */
    public static void installCores(Function<Object, ChannelCore> f) {
        if (cores == null) {
            cores = f;
        }
    }

    /** Under the channel's lock, from Sync.wake(): run the callback when the lock is released. */
    final void decidedLocked() {
        nextDecided = channel.decided;
        channel.decided = this;
    }

    /** After the lock is released: runs the callbacks of a chain of decided pending writes. */
    static void fire(PendingWrite p) {
        while (p != null) {
            PendingWrite next = p.nextDecided;
            p.nextDecided = null;
            p.item = null;
            try {
                p.decided(p.state > 0);
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "loomcsp: a pending write's callback failed", e);
            }
            p = next;
        }
    }
}
