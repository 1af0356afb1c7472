package org.loomcsp.tutorial.solutions;

import static org.loomcsp.Csp.forever;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.loomcsp.Alt;
import org.loomcsp.CSPServer;
import org.loomcsp.ChannelInput;
import org.loomcsp.ChannelOutput;

/** Solutions to the exercises of tutorial part 6 (channel kinds). */
public final class Part06Solutions {

    private Part06Solutions() {}

    /** Exercise 1: every value ready now, without blocking. */
    public static <T> List<T> drain(ChannelInput<T> in) {
        List<T> out = new ArrayList<>();
        for (T v = in.tryRead(); v != null; v = in.tryRead()) {
            out.add(v);
        }
        return out;
    }

    /** Exercise 2: sends in order until a value is not taken within the timeout. */
    public static <T> int sendAll(ChannelOutput<T> out, List<T> values, Duration timeout)
            throws InterruptedException {
        int sent = 0;
        for (T v : values) {
            if (!out.write(v, timeout)) {
                break;
            }
            sent++;
        }
        return sent;
    }

    /** Exercise 3: each value goes to whichever output has a reader first. */
    public static <T> CSPServer balance(ChannelInput<T> in, ChannelOutput<T> out1,
            ChannelOutput<T> out2) {
        return forever(() -> {
            T v = in.read();
            new Alt(out1.writeGuard(v), out2.writeGuard(v)).select();
            return true;
        }, in, out1, out2);
    }
}
