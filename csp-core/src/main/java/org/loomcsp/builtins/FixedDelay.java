package org.loomcsp.builtins;

import java.time.Duration;
import java.util.Objects;
import org.loomcsp.CSPServer;
import org.loomcsp.ChannelInput;
import org.loomcsp.ChannelOutput;

/**
 * Delays each value: reads it, sleeps {@code delay}, writes it. python-csp's {@code
 * FixedDelay(cin, cout, delay)} (whose delay was in seconds; {@link #FixedDelay(ChannelInput,
 * ChannelOutput, double)} keeps that form). The sleep parks the process. Runs until poisoned;
 * poison on either channel is passed on to the other.
 *
 * @param <T> the type of the values
 */
public class FixedDelay<T> extends CSPServer {

    /** Creates the process (not started): copies {@code cin} to {@code cout}, {@code delay} late. */
    public FixedDelay(ChannelInput<? extends T> cin, ChannelOutput<? super T> cout,
            Duration delay) {
        super(step(cin, cout, delay), cin, cout);
    }

    /** Creates the process (not started) with the delay in seconds, as in python-csp. */
    public FixedDelay(ChannelInput<? extends T> cin, ChannelOutput<? super T> cout,
            double seconds) {
        this(cin, cout, Duration.ofNanos(Math.round(seconds * 1e9)));
    }

    private static <T> Step step(ChannelInput<? extends T> cin, ChannelOutput<? super T> cout,
            Duration delay) {
        Objects.requireNonNull(cin, "cin");
        Objects.requireNonNull(cout, "cout");
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative: " + delay);
        }
        return () -> {
            T v = cin.read();
            Thread.sleep(delay);
            cout.write(v);
            return true;
        };
    }
}
