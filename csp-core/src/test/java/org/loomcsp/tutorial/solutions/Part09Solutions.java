package org.loomcsp.tutorial.solutions;

import static org.loomcsp.Csp.par;
import static org.loomcsp.Csp.process;

import java.time.Duration;
import org.loomcsp.Alt;
import org.loomcsp.CSPProcess;
import org.loomcsp.Channel;
import org.loomcsp.trace.TraceModel;
import org.loomcsp.trace.Tracer;

/** Solutions to the exercises of tutorial part 9 (debugging). */
public final class Part09Solutions {

    private Part09Solutions() {}

    /** Exercise 1: starts {@code p}; terminates it if it has not ended within {@code limit}. */
    public static boolean finishesWithin(CSPProcess p, Duration limit) throws InterruptedException {
        p.start();
        if (p.join(limit)) {
            return true;
        }
        p.terminate();
        p.join();
        return false;
    }

    /**
     * Exercise 2: the exchange from the page, fixed with an Alt on b's side: b offers its value
     * and accepts a's, whichever comes first, then does the other. Returns what a and b received.
     */
    public static int[] exchange() throws InterruptedException {
        Channel<Integer> ab = new Channel<>("a->b");
        Channel<Integer> ba = new Channel<>("b->a");
        int[] got = new int[2];
        CSPProcess a = process(() -> {
            ab.write(1);
            got[0] = ba.read();
        }, ab, ba);
        CSPProcess b = process(() -> {
            Alt alt = new Alt(ab, ba.writeGuard(2));
            Object first = alt.select();
            if (alt.lastSelectedIndex() == 0) {
                got[1] = (Integer) first;
                ba.write(2);
            } else {
                got[1] = ab.read();
            }
        }, ab, ba);
        par(a, b).run();
        return got;
    }

    /**
     * Exercise 3: the fixed exchange (b reads first) run under an in-memory {@link Tracer};
     * returns the model of the run.
     */
    public static TraceModel tracedExchange() throws InterruptedException {
        Channel<Integer> ab = new Channel<>("a->b");
        Channel<Integer> ba = new Channel<>("b->a");
        CSPProcess a = process(() -> {
            ab.write(1);
            ba.read();
        }, ab, ba).name("a");
        CSPProcess b = process(() -> {
            ab.read();
            ba.write(2);
        }, ab, ba).name("b");
        try (Tracer tracer = Tracer.startInMemory()) {
            par(a, b).name("exchange").run();
            return tracer.model();
        }
    }
}
