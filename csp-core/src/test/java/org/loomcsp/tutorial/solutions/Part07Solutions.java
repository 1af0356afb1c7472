package org.loomcsp.tutorial.solutions;

import static org.loomcsp.Csp.forever;
import static org.loomcsp.Csp.par;
import static org.loomcsp.Csp.process;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.loomcsp.Alt;
import org.loomcsp.CSPProcess;
import org.loomcsp.CSPServer;
import org.loomcsp.Channel;
import org.loomcsp.ChannelInput;
import org.loomcsp.ChannelOutput;
import org.loomcsp.Timer;
import org.loomcsp.builtins.Delta2;
import org.loomcsp.builtins.Prefix;
import org.loomcsp.builtins.Succ;

/** Solutions to the exercises of tutorial part 7 (builtin guards and processes). */
public final class Part07Solutions {

    private Part07Solutions() {}

    /** Exercise 1: writes 0, 1, 2, ... */
    public static CSPServer generate(ChannelOutput<Integer> out) {
        int[] n = {0};
        return forever(() -> {
            out.write(n[0]++);
            return true;
        }, out);
    }

    /** Exercise 1: writes input + 1. */
    public static CSPServer succ(ChannelInput<Integer> in, ChannelOutput<Integer> out) {
        return forever(() -> {
            out.write(in.read() + 1);
            return true;
        }, in, out);
    }

    /** Exercise 1: writes {@code item}, then copies its input. */
    public static <T> CSPServer prefix(T item, ChannelInput<T> in, ChannelOutput<T> out) {
        boolean[] first = {true};
        return forever(() -> {
            if (first[0]) {
                first[0] = false;
                out.write(item);
            } else {
                out.write(in.read());
            }
            return true;
        }, in, out);
    }

    /** Exercise 1: copies each input to out1, then out2 (python-csp's sequential Delta2). */
    public static <T> CSPServer delta2(ChannelInput<T> in, ChannelOutput<T> out1,
            ChannelOutput<T> out2) {
        return forever(() -> {
            T v = in.read();
            out1.write(v);
            out2.write(v);
            return true;
        }, in, out1, out2);
    }

    /**
     * Exercise 3: commstime from the library's Prefix, Delta2 and Succ; the consumer reads
     * {@code n} values and poisons its channel, which shuts the whole ring down. Returns what
     * the consumer read.
     */
    public static List<Long> commstimeFromLibrary(int n) throws InterruptedException {
        Channel<Long> a = new Channel<>("a");
        Channel<Long> b = new Channel<>("b");
        Channel<Long> c = new Channel<>("c");
        Channel<Long> d = new Channel<>("d");
        List<Long> got = new ArrayList<>();
        CSPProcess consumer = process(() -> {
            for (int i = 0; i < n; i++) {
                got.add(d.read());
            }
            d.poison();
        }, d);
        par(new Prefix<>(c, a, 0L), new Delta2<>(a, b, d), new Succ<>(b, c), consumer).run();
        return got;
    }

    /**
     * Exercise 2: a worker that answers each job with "done " + job and writes "alive" to
     * {@code heartbeats} whenever {@code period} passes without a job.
     */
    public static CSPServer heartbeatWorker(ChannelInput<String> jobs, ChannelOutput<String> results,
            ChannelOutput<String> heartbeats, Duration period) {
        Timer timer = new Timer();
        timer.setAlarm(period);
        Alt alt = new Alt(jobs, timer);
        return forever(() -> {
            Object v = alt.priSelect();
            if (alt.lastSelectedIndex() == 0) {
                results.write("done " + v);
            } else {
                heartbeats.write("alive");
            }
            timer.setAlarm(period);
            return true;
        }, jobs, results, heartbeats);
    }
}
