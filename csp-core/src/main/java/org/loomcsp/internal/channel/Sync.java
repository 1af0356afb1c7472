package org.loomcsp.internal.channel;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * The decision cell of one blocking operation: a plain read or write, or a whole Alt. Every
 * {@link Node} that the operation enqueues points to it; whoever completes the operation first
 * wins a single CAS on {@link #state}.
 */
/*
 * state encoding (int, written by CAS only, read with volatile semantics):
 *   WAITING (0)           the operation is waiting; any partner may try to decide it
 *   k + 1      (k >= 0)   completed through the node with index k
 *   -(k + 1)   (k >= 0)   the channel of node k was poisoned
 *   CANCELLED             the waiter gave up (interrupt or timeout) and won the CAS itself
 * A partner writes what it hands over (Node.item) BEFORE its CAS, so the waiter, which reads
 * 'state' and then the item, sees the item (the CAS is a volatile write, the read of state a
 * volatile read). Once state != WAITING it never changes again.
 *
 * 'waiter' is the thread to unpark; written at construction; null only for a PendingOp
 * (an AltNode's waiter is its owner's, and only owners are woken).
 */
public class Sync {

    static final int WAITING = 0;
    static final int CANCELLED = Integer.MIN_VALUE;

    final Thread waiter;
    volatile int state;

    Sync(Thread waiter) {
        this.waiter = waiter;
    }

    /**
     * Back to WAITING, for a plain node's reuse by its own waiter: partners decided the previous
     * operation and touch the node again only to unpark the waiter (a spurious unpark is
     * harmless: every park re-checks the state). Published to partners by the channel lock under
     * which the node is enqueued next.
     */
    final void rearm() {
        STATE.setOpaque(this, WAITING);
    }

    /** Decides the operation for node {@code index}; true if this call won. */
    final boolean tryComplete(int index) {
        return STATE.compareAndSet(this, WAITING, index + 1);
    }

    /** Decides the operation as poisoned at node {@code index}; true if this call won. */
    final boolean tryPoison(int index) {
        return STATE.compareAndSet(this, WAITING, -(index + 1));
    }

    /** The waiter gives up; true if it won (nobody completed it first). */
    final boolean tryCancel() {
        return STATE.compareAndSet(this, WAITING, CANCELLED);
    }

    final boolean isWaiting() {
        return state == WAITING;
    }

    /**
     * Wakes the waiter after a partner decided the operation. A {@link PendingOp} has no
     * waiter thread: its callback is queued to run when the deciding thread releases the lock.
     */
    final void wake() {
        Thread w = waiter;
        if (w != null) {
            LockSupport.unpark(w);
        } else {
            ((PendingOp) this).decidedLocked();
        }
    }

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(Sync.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
