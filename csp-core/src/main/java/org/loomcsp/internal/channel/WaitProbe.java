package org.loomcsp.internal.channel;

import java.util.ArrayList;
import java.util.List;

/**
 * Read-only inspection of parked channel operations, for deadlock diagnosis. Nothing here is on a
 * hot path: it is called only by a joiner that has already waited a whole detection interval.
 */
/*
 * A thread parked in a plain read or write has its ChannelCore as park blocker (see
 * ChannelCore.await); a thread parked in an Alt has its AltSync. From the blocker and the thread we
 * find the undecided wait itself (the Node of a plain operation, the AltSync of an Alt). The token
 * differs for every new operation (an AltSync is new per Alt; a plain node may be reused by its
 * process, so its token is the node with its use count, compared by sameWait), so two probes whose
 * tokens are the same wait prove that the thread stayed in one single, still undecided, wait
 * between them.
 */
public final class WaitProbe {

    private WaitProbe() {}

    /**
     * What a parked thread waits on.
     *
     * @param token the identity of this particular wait (the same object while the wait lasts)
     * @param reads the channels it waits to read from
     * @param writes the channels it waits to write to
     * @param alt whether the wait is an Alt
     */
    public record ChannelWait(Object token, List<ChannelCore> reads, List<ChannelCore> writes,
            boolean alt) {}

    /** The token of a plain operation's wait: its node (by identity) and how often the node was reused. */
    private record PlainWait(Object node, int uses) {}

    /** Whether two tokens (of {@link ChannelWait} or other waits, compared by identity) are one and the same wait. */
    public static boolean sameWait(Object a, Object b) {
        return a == b || (a instanceof PlainWait && a.equals(b));
    }

    /**
     * The undecided channel wait of {@code thread}, whose park blocker is {@code blocker}, or
     * {@code null} if the blocker is not a channel or an Alt, or the wait is already decided.
     */
    public static ChannelWait probe(Thread thread, Object blocker) {
        if (blocker instanceof ChannelCore c) {
            c.lock();
            try {
                Node n = find(c.queued(Node.READERS), thread);
                if (n != null) {
                    return new ChannelWait(new PlainWait(n, n.uses), List.of(c), List.of(), false);
                }
                n = find(c.queued(Node.WRITERS), thread);
                if (n != null) {
                    return new ChannelWait(new PlainWait(n, n.uses), List.of(), List.of(c), false);
                }
                return null;
            } finally {
                c.unlock();
            }
        }
        if (blocker instanceof AltSync s && s.waiter == thread && s.isWaiting()) {
            List<ChannelCore> reads = new ArrayList<>();
            List<ChannelCore> writes = new ArrayList<>();
            for (Case c : s.cases) {
                if (!c.enabled) {
                    continue;
                }
                switch (c.kind) {
                    case READ -> reads.add(c.channel);
                    case WRITE -> writes.add(c.channel);
                    case SKIP, TIMER -> {
                        return null; // a Skip or a timer can fire by itself
                    }
                }
            }
            return s.isWaiting() ? new ChannelWait(s, List.copyOf(reads), List.copyOf(writes), true)
                    : null;
        }
        return null;
    }

    /**
     * Whether {@code blocker} is what a thread parks on in a channel operation or an Alt: a
     * channel (its wait, or its internal lock) or an Alt's synchroniser.
     */
    public static boolean isChannelBlocker(Object blocker) {
        return blocker instanceof ChannelCore || blocker instanceof AltSync;
    }

    /** The threads with an undecided wait queued on {@code c} (readers and writers). */
    public static List<Thread> waiters(ChannelCore c) {
        List<Thread> out = new ArrayList<>();
        c.lock();
        try {
            collect(c.queued(Node.READERS), out);
            collect(c.queued(Node.WRITERS), out);
        } finally {
            c.unlock();
        }
        return out;
    }

    private static Node find(List<Node> queue, Thread thread) {
        for (Node n : queue) {
            if (n.owner() == n && n.waiter == thread && n.isWaiting()) {
                return n;
            }
        }
        return null;
    }

    private static void collect(List<Node> queue, List<Thread> out) {
        for (Node n : queue) {
            if (n.owner().isWaiting() && n.owner().waiter != null) {
                out.add(n.owner().waiter);
            }
        }
    }
}
