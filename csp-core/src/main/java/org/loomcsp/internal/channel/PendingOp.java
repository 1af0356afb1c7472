package org.loomcsp.internal.channel;

import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.function.Function;
import org.loomcsp.internal.trace.Hooks;

/**
 * A channel operation that waits without a thread: a {@link PendingWrite} or a {@link
 * PendingRead}. It queues among the channel's waiting writers or readers like a parked
 * operation's node; the partner (or poisoner) that decides it runs its callback once, on its own
 * thread, after releasing the channel's lock.
 */
/*
 * A PendingOp is a plain Node whose waiter is null. Partners decide it under the channel lock
 * exactly as they decide a parked operation (one CAS on its state), so the channel's invariants
 * I1-I4 hold unchanged. Sync.wake() of a node without a waiter does not unpark: it links the
 * node into the channel's list of decided pending operations (Mutex.decided, guarded by the
 * lock), and Mutex.unlock() runs their callbacks after releasing the lock, on the thread that
 * decided them, so a callback never runs under a channel lock and may take other locks.
 * cancel() is the waiter's CANCELLED CAS, made under the channel's lock like the offer, so a
 * withdrawal never races an offer that is handing a value over: it wins (nothing was handed over;
 * the node is unlinked) or loses to a partner (whose callback runs).
 */
abstract class PendingOp extends Node {
    private static final System.Logger LOG = System.getLogger("org.loomcsp");

    private static volatile Function<Object, ChannelCore> cores;

    /** The channel it is offered to. */
    final ChannelCore channel;
    /** Whether it was offered (under the channel's lock). */
    boolean offered;
    /** Who offered it, for the trace event recorded when a partner decides it later (if tracing). */
    String offeredBy;
    /** The next decided pending operation of the same channel (Mutex.decided list; under its lock). */
    PendingOp nextDecided;

    PendingOp(Object channelEnd, Object item) {
        super(null, item);
        this.channel = cores.apply(Objects.requireNonNull(channelEnd, "channelEnd"));
    }

    /**
     * Withdraws the operation: true if nothing was handed over and nothing will be (its callback
     * will not run); false if it was decided first (its callback runs or ran). Idempotent: once
     * it returned true, it returns true.
     */
    public final boolean cancel() {
        return channel.cancel(this);
    }

    /** Under the channel's lock, from Sync.wake(): run the callback when the lock is released. */
    final void decidedLocked() {
        nextDecided = channel.decided;
        channel.decided = this;
    }

    /** At the offer, if tracing: who offers it, for {@link #traceDecided}. */
    final void noteOfferer() {
        if (Hooks.ON) {
            offeredBy = Hooks.currentName();
        }
    }

    /**
     * When a partner decided it later, if tracing: the {@code kind} event ("read", "write") is
     * recorded under the thread that offered it, not under the partner whose thread runs this.
     */
    final void traceDecided(String kind, Object v) {
        if (Hooks.ON) {
            Hooks.communicationBy(offeredBy != null ? offeredBy : "pending", kind, channel, v);
        }
    }

    /** Runs the subclass's callback for the decided state; called once, without any channel lock. */
    abstract void fireDecided();

    /** After the lock is released: runs the callbacks of a chain of decided pending operations. */
    static void fire(PendingOp p) {
        while (p != null) {
            PendingOp next = p.nextDecided;
            p.nextDecided = null;
            try {
                p.fireDecided();
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "loomcsp: a pending channel operation's callback failed", e);
            }
            p = next;
        }
    }

    static void installCores(Function<Object, ChannelCore> f) {
        if (cores == null) {
            cores = f;
        }
    }
}
