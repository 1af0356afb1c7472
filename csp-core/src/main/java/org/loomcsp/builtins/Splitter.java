package org.loomcsp.builtins;

import java.util.Objects;
import org.loomcsp.CSPServer;
import org.loomcsp.ChannelInput;
import org.loomcsp.ChannelOutput;

/**
 * Copies each input value to two outputs, <em>sequentially</em>: python-csp's {@code
 * Splitter(cin, cout1, cout2)}, alias {@link Delta2}.
 *
 * <p>Each step reads {@code cin}, writes the value to {@code cout1}, <em>then</em> to {@code
 * cout2}. So the reader of {@code cout2} waits for the reader of {@code cout1}; if the two
 * readers depend on each other in the other order, the network deadlocks. occam's and JCSP's
 * delta write both outputs in parallel: that is {@link ParDelta2}. Runs until poisoned; poison on
 * any of its channels is passed on to the others.
 *
 * @param <T> the type of the values
 */
public class Splitter<T> extends CSPServer {

    /** Creates the process (not started): reads {@code cin}, writes {@code cout1} then {@code cout2}. */
    public Splitter(ChannelInput<? extends T> cin, ChannelOutput<? super T> cout1,
            ChannelOutput<? super T> cout2) {
        super(step(cin, cout1, cout2), cin, cout1, cout2);
    }

    private static <T> Step step(ChannelInput<? extends T> cin, ChannelOutput<? super T> cout1,
            ChannelOutput<? super T> cout2) {
        Objects.requireNonNull(cin, "cin");
        Objects.requireNonNull(cout1, "cout1");
        Objects.requireNonNull(cout2, "cout2");
        return () -> {
            T v = cin.read();
            cout1.write(v);
            cout2.write(v);
            return true;
        };
    }
}
