package org.loomcsp.internal.channel;

/**
 * A FIFO, doubly linked queue of {@link Node}s. Not thread-safe: always used under the lock of
 * the channel that owns it. Removal of any node is O(1), so a cancelled waiter leaves nothing
 * behind.
 */
final class WaitQueue {

    private Node head;
    private Node tail;

    void add(Node n) {
        n.queue = this;
        n.prev = tail;
        n.next = null;
        if (tail == null) {
            head = n;
        } else {
            tail.next = n;
        }
        tail = n;
    }

    void remove(Node n) {
        if (n.queue != this) {
            return;
        }
        Node p = n.prev;
        Node x = n.next;
        if (p == null) {
            head = x;
        } else {
            p.next = x;
        }
        if (x == null) {
            tail = p;
        } else {
            x.prev = p;
        }
        n.prev = null;
        n.next = null;
        n.queue = null;
    }

    /** The first node whose owner is still waiting; dead nodes met on the way are unlinked. */
    Node firstLive() {
        Node n;
        while ((n = head) != null && !n.owner.isWaiting()) {
            remove(n);
        }
        return n;
    }

    /** The first live node not owned by {@code exclude}. Dead nodes before it are unlinked. */
    Node firstLiveExcept(Sync exclude) {
        Node n = head;
        while (n != null) {
            Node next = n.next;
            if (!n.owner.isWaiting()) {
                remove(n);
            } else if (n.owner != exclude) {
                return n;
            }
            n = next;
        }
        return null;
    }

    /** The first node (live or not), for WaitProbe's walk under the lock. */
    Node head() {
        return head;
    }

    boolean isEmpty() {
        return head == null;
    }

    /** Removes every node and returns the former head (the chain stays linked through next). */
    Node drain() {
        Node h = head;
        for (Node n = h; n != null; n = n.next) {
            n.queue = null;
        }
        head = null;
        tail = null;
        return h;
    }

    int size() {
        int s = 0;
        for (Node n = head; n != null; n = n.next) {
            s++;
        }
        return s;
    }
}
