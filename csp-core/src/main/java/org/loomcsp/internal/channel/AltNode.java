package org.loomcsp.internal.channel;

/** A node of an Alt: one per channel guard, all deciding through the Alt's shared {@link Sync}. */
final class AltNode extends Node {

    /** The Alt's Sync. */
    final Sync owner;
    /** The index of this node's guard within its Alt. */
    final int index;

    AltNode(Sync owner, int index, Object item) {
        super(null, item);
        this.owner = owner;
        this.index = index;
    }
}
