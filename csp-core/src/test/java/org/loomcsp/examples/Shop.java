package org.loomcsp.examples;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import org.loomcsp.CSPProcess;
import org.loomcsp.Channel;
import org.loomcsp.Par;

/**
 * Tutorial part 4: poison spreads from one channel to another through the processes that use
 * both. python-csp's {@code shop.py}.
 *
 * <p>Three customers buy from a merchant over the shared channel {@code doomed}. Each purchase
 * brings a child along, a process of its own that sends 3 items to the merchant's wife over
 * {@code doomedChildren}. The merchant serves 15 purchases and the wife 15 items; then they tell
 * the terminator, who closes the shop by poisoning {@code doomed} alone. The customers, still
 * waiting to buy, meet the poison; each customer was <em>given</em> both channels, so it poisons
 * {@code doomedChildren} as well, and the children still waiting to be served are released.
 * Every process ends.
 *
 * <p>Differences from the seed: the terminator waits for the merchant and his wife (a message on
 * a channel) instead of sleeping 10 seconds; customers keep buying until the shop closes (in the
 * seed each bought 5, so by the time of the poison nobody held both channels any more and the
 * waiting children were never released); the random pauses are short.
 *
 * <p>Run: {@code mvn -q -pl csp-core test-compile exec:exec -Dexample=Shop}.
 */
public final class Shop {

    /** What the merchant and his wife each serve before the shop closes. */
    static final int SERVED = 15;

    private Shop() {}

    /** What happened: the merchant's and wife's counts, and every child process started. */
    record Outcome(int merchantGot, int wifeGot, List<CSPProcess> children) {}

    private static void pause(Duration max) throws InterruptedException {
        if (!max.isZero()) {
            Thread.sleep(Duration.ofNanos(ThreadLocalRandom.current().nextLong(max.toNanos())));
        }
    }

    static CSPProcess customerChild(Channel<Integer> doomedChildren, int n, PrintStream out,
            Duration pause) {
        return new CSPProcess(() -> {
            for (int i = 0; i < 3; i++) {
                out.println("Customer " + n + "'s child sending " + i);
                doomedChildren.write(i);
                pause(pause);
            }
        }, doomedChildren);
    }

    /** A customer knows both channels (they are its arguments): poison on one reaches the other. */
    static CSPProcess customer(Channel<Integer> doomed, Channel<Integer> doomedChildren, int n,
            PrintStream out, Duration pause, Queue<CSPProcess> children) {
        return new CSPProcess(() -> {
            for (int i = 0; ; i++) {
                CSPProcess child = customerChild(doomedChildren, n, out, pause);
                children.add(child);
                child.start();
                out.println("Customer " + n + " sending " + i);
                doomed.write(i);
                pause(pause);
            }
        }, doomed, doomedChildren);
    }

    static CSPProcess merchant(Channel<Integer> doomed, Channel<String> done, PrintStream out,
            int[] got) {
        return new CSPProcess(() -> {
            for (int i = 0; i < SERVED; i++) {
                out.println("Merchant got: " + doomed.read());
                got[0]++;
            }
            done.write("merchant");
        }, doomed, done);
    }

    static CSPProcess merchantsWife(Channel<Integer> doomedChildren, Channel<String> done,
            PrintStream out, int[] got) {
        return new CSPProcess(() -> {
            for (int i = 0; i < SERVED; i++) {
                out.println("Merchant's wife got: " + doomedChildren.read());
                got[0]++;
            }
            done.write("wife");
        }, doomedChildren, done);
    }

    /** Waits until the merchant and his wife are done, then poisons {@code doomed} only. */
    static CSPProcess terminator(Channel<Integer> doomed, Channel<String> done, PrintStream out) {
        return new CSPProcess(() -> {
            done.read();
            done.read();
            out.println("Terminator: closing the shop (poisoning doomed)");
            doomed.poison();
        }, done);
    }

    /** Runs the shop until every process, children included, has ended. */
    static Outcome run(PrintStream out, Duration pause) throws InterruptedException {
        Channel<Integer> doomed = new Channel<>("doomed");
        Channel<Integer> doomedChildren = new Channel<>("doomed_children");
        Channel<String> done = new Channel<>("done");
        Queue<CSPProcess> children = new ConcurrentLinkedQueue<>();
        int[] merchantGot = {0};
        int[] wifeGot = {0};
        new Par(customer(doomed, doomedChildren, 1, out, pause, children),
                customer(doomed, doomedChildren, 2, out, pause, children),
                customer(doomed, doomedChildren, 3, out, pause, children),
                merchant(doomed, done, out, merchantGot),
                merchantsWife(doomedChildren, done, out, wifeGot),
                terminator(doomed, done, out)).run();
        for (CSPProcess child : children) {
            child.join();
        }
        return new Outcome(merchantGot[0], wifeGot[0], List.copyOf(children));
    }

    public static void main(String[] args) throws InterruptedException {
        Outcome o = run(System.out, Duration.ofMillis(50));
        System.out.println("Shop closed: " + o.merchantGot() + " purchases, " + o.wifeGot()
                + " children's items, " + o.children().size() + " children, all gone home.");
    }
}
