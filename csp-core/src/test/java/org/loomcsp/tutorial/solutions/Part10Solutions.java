package org.loomcsp.tutorial.solutions;

import static org.loomcsp.Csp.par;
import static org.loomcsp.Csp.process;

import java.time.Duration;
import org.loomcsp.Alt;
import org.loomcsp.CSPProcess;
import org.loomcsp.Channel;
import org.loomcsp.ChannelInput;
import org.loomcsp.ChannelOutput;
import org.loomcsp.Timer;
import org.loomcsp.builtins.Delta2;
import org.loomcsp.builtins.Plus;
import org.loomcsp.builtins.Prefix;

/** Solutions to the exercises of tutorial part 10 (dataflow and reactive programs). */
public final class Part10Solutions {

    private Part10Solutions() {}

    /**
     * Exercise 1: the integrator from the builtins. in -> Plus(in, fed back) -> Delta2 -> (out,
     * Prefix(0) -> back to Plus). Returns a process running it between {@code in} and
     * {@code out}; it ends when either is poisoned.
     */
    public static CSPProcess integrate(Channel<Long> in, Channel<Long> out) {
        Channel<Long> sum = new Channel<>("sum");
        Channel<Long> back = new Channel<>("back");
        Channel<Long> delayed = new Channel<>("delayed");
        return par(new Plus<>(in, delayed, sum), new Delta2<>(sum, out, back),
                new Prefix<>(back, delayed, 0L));
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
