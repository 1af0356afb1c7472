package org.loomcsp.tutorial.solutions;

import static org.loomcsp.Csp.forever;
import static org.loomcsp.Csp.par;
import static org.loomcsp.Csp.process;

import java.time.Duration;
import org.loomcsp.Alt;
import org.loomcsp.CSPProcess;
import org.loomcsp.Channel;
import org.loomcsp.ChannelInput;
import org.loomcsp.ChannelOutput;
import org.loomcsp.Timer;

/** Solutions to the exercises of tutorial part 10 (dataflow and reactive programs). */
public final class Part10Solutions {

    private Part10Solutions() {}

    static <T> CSPProcess prefix(T first, ChannelInput<T> in, ChannelOutput<T> out) {
        return process(() -> {
            out.write(first);
            while (true) {
                out.write(in.read());
            }
        }, in, out);
    }

    static <T> CSPProcess delta2(ChannelInput<T> in, ChannelOutput<T> out1, ChannelOutput<T> out2) {
        return forever(() -> {
            T v = in.read();
            out1.write(v);
            out2.write(v);
            return true;
        }, in, out1, out2);
    }

    static CSPProcess plus(ChannelInput<Long> in1, ChannelInput<Long> in2, ChannelOutput<Long> out) {
        return forever(() -> {
            out.write(in1.read() + in2.read());
            return true;
        }, in1, in2, out);
    }

    /**
     * Exercise 1: the integrator. in -> plus(in, fed back) -> delta2 -> (out, prefix(0) -> back
     * to plus). Returns a process running it between {@code in} and {@code out}.
     */
    public static CSPProcess integrate(Channel<Long> in, Channel<Long> out) {
        Channel<Long> sum = new Channel<>();
        Channel<Long> back = new Channel<>();
        Channel<Long> delayed = new Channel<>();
        return par(plus(in, delayed, sum), delta2(sum, out, back), prefix(0L, back, delayed));
    }

    /** Exercise 2: forwards an event only if no other event follows within {@code d}. */
    public static CSPProcess debounce(ChannelInput<String> in, ChannelOutput<String> out, Duration d) {
        return process(() -> {
            Timer timer = new Timer();
            Alt alt = new Alt(in, timer);
            String pending = in.read();
            timer.setAlarm(d);
            while (true) {
                Object v = alt.priSelect();
                if (alt.lastSelectedIndex() == 0) {
                    pending = (String) v;          // a newer event: start the quiet period again
                    timer.setAlarm(d);
                } else {
                    out.write(pending);            // quiet for d: forward, then wait for the next
                    pending = in.read();
                    timer.setAlarm(d);
                }
            }
        }, in, out);
    }
}
