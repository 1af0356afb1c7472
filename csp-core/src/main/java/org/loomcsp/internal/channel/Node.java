package org.loomcsp.internal.channel;

/**
 * An entry in a channel's queue of waiting readers or writers. A plain operation's node is its
 * own {@link Sync} ({@code owner == this}); an Alt's nodes share the Alt's {@code Sync}.
 */
/*
 * All fields except those of Sync are guarded by the lock of the channel whose queue the node is
 * in, with one exception: 'item' of a reader node is written by the partner before its CAS on the
 * owner's state and read by the waiter after it sees the state, which orders the two.
 */
final class Node extends Sync {

    /** The Sync that decides this node: {@code this} for a plain operation. */
    final Sync owner;
    /** The index of this node's guard within its Alt (0 for a plain operation). */
    final int index;
    /** The value offered (writer node) or received (reader node). */
    Object item;
    Node prev;
    Node next;
    /** The queue holding this node, or null once it is unlinked. */
    WaitQueue queue;

    /** A node for a plain operation by the current thread. */
    Node(Object item) {
        super(Thread.currentThread());
        this.owner = this;
        this.index = 0;
        this.item = item;
    }

    /** A node of an Alt. */
    Node(Sync owner, int index, Object item) {
        super(null);
        this.owner = owner;
        this.index = index;
        this.item = item;
    }
}
