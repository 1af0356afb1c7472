package org.loomcsp.examples;

import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import org.loomcsp.Alt;
import org.loomcsp.CSPProcess;
import org.loomcsp.Channel;
import org.loomcsp.ChannelPoison;
import org.loomcsp.Guard;
import org.loomcsp.Par;

/**
 * A bounded FIFO queue built from two processes and a guarded Alt: python-csp's {@code
 * examples/barber/queue.py} ({@code GuardedAlt}), itself a port of occam's "box with maxsize".
 *
 * <ul>
 *   <li>{@code inproc} holds up to {@code maxsize} items. It alternates over two guards: the
 *       input, enabled only while there is room ({@code Guard.when(() -> size < maxsize, cin)}),
 *       and a "next" request, enabled only while it holds something; a request is answered with
 *       the oldest item on a pass-through channel.
 *   <li>{@code outproc} loops: request the next item, receive it, write it to {@code cout}.
 * </ul>
 *
 * <p>Shutdown: poisoning the input ends the queue <em>after</em> the items it holds have been
 * delivered ({@code inproc} drains them, then passes the poison on), so nothing written before
 * the poison is lost.
 *
 * <p>Run: {@code mvn -q -pl csp-core test-compile exec:exec -Dexample=BoundedQueue}: 15 items
 * through a queue of size 5, as python-csp's {@code test_queue}.
 */
public final class BoundedQueue {

    private BoundedQueue() {}

    /** A queue of at most {@code maxsize} items (plus the one {@code outproc} is delivering). */
    static <T> Par boundedQueue(Channel<T> cin, Channel<T> cout, int maxsize) {
        if (maxsize < 1) {
            throw new IllegalArgumentException("maxsize must be at least 1: " + maxsize);
        }
        Channel<Boolean> next = new Channel<>("next");
        Channel<T> pass = new Channel<>("pass");
        return new Par(inproc(cin, next, pass, maxsize), outproc(next, pass, cout));
    }

    private static <T> CSPProcess inproc(Channel<T> cin, Channel<Boolean> next, Channel<T> pass,
            int maxsize) {
        return new CSPProcess(() -> {
            Deque<T> items = new ArrayDeque<>(maxsize);
            Alt alt = new Alt(Guard.when(() -> items.size() < maxsize, cin),
                    Guard.when(() -> !items.isEmpty(), next));
            try {
                while (true) {
                    Object got = alt.priSelect();
                    if (alt.lastSelectedIndex() == 0) {
                        @SuppressWarnings("unchecked")
                        T item = (T) got;
                        items.addLast(item);
                    } else {
                        pass.write(items.removeFirst());
                    }
                }
            } catch (ChannelPoison p) {
                if (!cin.isPoisoned()) {
                    throw p;
                }
                // The producer is done: deliver what we hold, then pass the poison on.
                while (!items.isEmpty()) {
                    next.read();
                    pass.write(items.removeFirst());
                }
                throw p;
            }
        }, cin, next, pass);
    }

    private static <T> CSPProcess outproc(Channel<Boolean> next, Channel<T> pass,
            Channel<T> cout) {
        return new CSPProcess(() -> {
            while (true) {
                next.write(Boolean.TRUE);
                cout.write(pass.read());
            }
        }, next, pass, cout);
    }

    /** Sends {@code n} items through a queue of {@code maxsize}; returns what came out. */
    static List<Integer> pipe(int n, int maxsize, PrintStream out) throws InterruptedException {
        Channel<Integer> in = new Channel<>("in");
        Channel<Integer> outc = new Channel<>("out");
        List<Integer> got = Collections.synchronizedList(new ArrayList<>());
        CSPProcess producer = new CSPProcess(() -> {
            for (int i = 0; i < n; i++) {
                out.println("sending " + i);
                in.write(i);
            }
            in.poison();
        }, in);
        CSPProcess consumer = new CSPProcess(() -> {
            while (true) {
                Integer v = outc.read();
                out.println("received " + v);
                got.add(v);
            }
        }, outc);
        new Par(producer, boundedQueue(in, outc, maxsize), consumer).run();
        return List.copyOf(got);
    }

    public static void main(String[] args) throws InterruptedException {
        System.out.println("Got " + pipe(15, 5, System.out));
    }
}
