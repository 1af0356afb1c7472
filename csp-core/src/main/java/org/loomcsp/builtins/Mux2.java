package org.loomcsp.builtins;

import java.util.Objects;
import org.loomcsp.CSPServer;
import org.loomcsp.ChannelInput;
import org.loomcsp.ChannelOutput;

/**
 * Merges two inputs by strict alternation: python-csp's {@code Mux2(cin1, cin2, cout)}.
 *
 * <p>Each step reads {@code cin1} and writes the value, then reads {@code cin2} and writes the
 * value ({@code a1, b1, a2, b2, ...}). It does not use an Alt: it waits on {@code cin1} even if
 * {@code cin2} is ready (python-csp's docs call it a "fair multiplex"). To take whichever input
 * is ready use {@link AltMux2} or {@link Merge}. Runs until poisoned; poison on any of its
 * channels is passed on to the others.
 *
 * @param <T> the type of the values
 */
public class Mux2<T> extends CSPServer {

    /** Creates the process (not started): alternates {@code cin1}, {@code cin2} onto {@code cout}. */
    public Mux2(ChannelInput<? extends T> cin1, ChannelInput<? extends T> cin2,
            ChannelOutput<? super T> cout) {
        super(step(cin1, cin2, cout), cin1, cin2, cout);
    }

    private static <T> Step step(ChannelInput<? extends T> cin1, ChannelInput<? extends T> cin2,
            ChannelOutput<? super T> cout) {
        Objects.requireNonNull(cin1, "cin1");
        Objects.requireNonNull(cin2, "cin2");
        Objects.requireNonNull(cout, "cout");
        return () -> {
            cout.write(cin1.read());
            cout.write(cin2.read());
            return true;
        };
    }
}
