package org.loomcsp.internal.channel;

import java.util.Arrays;

/**
 * The buffer of a buffered channel: a fixed-size FIFO ring. Not thread-safe: always used under
 * the lock of the channel that owns it. A rendezvous channel has none, so it pays nothing for
 * buffering (see docs/adr/0003-channel-algorithm.md, "Memory").
 */
final class Ring {

    private final Object[] items;
    private int head;
    private int count;

    Ring(int capacity) {
        this.items = new Object[capacity];
    }

    int capacity() {
        return items.length;
    }

    int size() {
        return count;
    }

    boolean isEmpty() {
        return count == 0;
    }

    boolean isFull() {
        return count == items.length;
    }

    /** Appends {@code v}; the caller has checked that the ring is not full. */
    void add(Object v) {
        int tail = head + count;
        int n = items.length;
        items[tail >= n ? tail - n : tail] = v;
        count++;
    }

    /** Removes and returns the oldest value; the caller has checked that the ring is not empty. */
    Object take() {
        Object v = items[head];
        items[head] = null;
        head = head + 1 == items.length ? 0 : head + 1;
        count--;
        return v;
    }

    /** Drops every value (poison). */
    void clear() {
        Arrays.fill(items, null);
        head = 0;
        count = 0;
    }
}
