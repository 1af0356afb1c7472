package org.loomcsp.tutorial.solutions;

import static org.loomcsp.Csp.process;

import java.time.Duration;
import java.util.Optional;
import org.loomcsp.Alt;
import org.loomcsp.CSPProcess;
import org.loomcsp.Channel;
import org.loomcsp.Guard;
import org.loomcsp.Timer;

/** Solutions to the exercises of tutorial part 5 (Alt and choice). */
public final class Part05Solutions {

    private Part05Solutions() {}

    /** The end-of-stream marker of exercise 1. */
    public static final String END = "END";

    /** Exercise 1: merges two streams that each end with END; ends its output with END. */
    public static CSPProcess merge(Channel<String> in1, Channel<String> in2, Channel<String> out) {
        return process(() -> {
            boolean[] ended = new boolean[2];
            Alt alt = new Alt(Guard.when(() -> !ended[0], in1), Guard.when(() -> !ended[1], in2));
            while (!ended[0] || !ended[1]) {
                String v = (String) alt.select();
                if (v.equals(END)) {
                    ended[alt.lastSelectedIndex()] = true;
                } else {
                    out.write(v);
                }
            }
            out.write(END);
        }, in1, in2, out);
    }

    /** Exercise 2: a read that gives up after {@code d}. */
    @SuppressWarnings("unchecked")
    public static <T> Optional<T> readWithin(Channel<T> in, Duration d) throws InterruptedException {
        Timer timer = new Timer();
        timer.setAlarm(d);
        Alt alt = new Alt(in, timer);
        Object v = alt.priSelect();
        return alt.lastSelectedIndex() == 0 ? Optional.of((T) v) : Optional.empty();
    }

    /**
     * Exercise 3: serves {@code n} requests from {@code urgent} (index 0) and {@code normal}
     * (index 1) with the given policy; returns the sequence of indices served.
     */
    public static int[] serve(Channel<Integer> urgent, Channel<Integer> normal, int n, boolean fair)
            throws InterruptedException {
        Alt alt = new Alt(urgent, normal);
        int[] served = new int[n];
        for (int i = 0; i < n; i++) {
            if (fair) {
                alt.fairSelect();
            } else {
                alt.priSelect();
            }
            served[i] = alt.lastSelectedIndex();
        }
        return served;
    }
}
