package org.loomcsp.internal.channel;

/**
 * An entry in a channel's queue of waiting readers or writers. A plain operation's node is its
 * own {@link Sync} ({@code owner() == this}, index 0); an Alt's nodes are {@link AltNode}s that
 * share the Alt's {@code Sync}.
 */
/*
 * All fields except those of Sync are guarded by the lock of the channel whose queue the node is
 * in, with one exception: 'item' of a reader node is written by the partner before its CAS on the
 * owner's state and read by the waiter after it sees the state, which orders the two.
 *
 * Size matters here: a parked process holds one plain node, so the plain node carries no owner or
 * index field (40 bytes with compressed oops; an AltNode is 48).
 */
class Node extends Sync {

    static final byte NOT_QUEUED = 0;
    static final byte READERS = 1;
    static final byte WRITERS = 2;

    /** The value offered (writer node) or received (reader node). */
    Object item;
    Node prev;
    Node next;
    /** The queue of its channel holding this node: {@link #READERS}, {@link #WRITERS} or {@link #NOT_QUEUED}. */
    byte queue;
    /**
     * How many operations reused this node (ChannelCore.nodeFor): with its identity, what tells
     * one wait from the next for the deadlock detector (WaitProbe). Written by the waiter before
     * it enqueues the node, read under the channel's lock. Fits the object's padding: still 40 B.
     */
    int uses;

    /** A node for a plain operation by the current thread. */
    Node(Object item) {
        this(Thread.currentThread(), item);
    }

    /** {@code waiter} is null for an AltNode (the Alt's Sync has the waiter). */
    Node(Thread waiter, Object item) {
        super(waiter);
        this.item = item;
    }

    /**
     * Makes a plain node decided by a partner ready for its thread's next operation (see
     * ChannelCore.nodeFor): only its waiter calls this, after the previous operation returned.
     */
    final void reuse(Object newItem) {
        uses++;
        item = newItem;
        prev = null;
        next = null;
        queue = NOT_QUEUED;
        rearm();
    }

    /** The Sync that decides this node: {@code this} for a plain operation. */
    final Sync owner() {
        return this instanceof AltNode a ? a.owner : this;
    }

    /** The index of this node's guard within its Alt (0 for a plain operation). */
    final int index() {
        return this instanceof AltNode a ? a.index : 0;
    }
}
