package org.loomcsp.builtins;

import java.util.List;
import org.loomcsp.ChannelInput;
import org.loomcsp.ChannelOutput;

/**
 * Merges two inputs, taking whichever is ready (fairly, through an {@link org.loomcsp.Alt}):
 * the Alt-based multiplexer python-csp's strictly alternating {@link Mux2} is not, with the
 * same argument order {@code (cin1, cin2, cout)}. A {@link Merge} of two inputs.
 *
 * @param <T> the type of the values
 */
public class AltMux2<T> extends Merge<T> {

    /** Creates the process (not started): merges {@code cin1} and {@code cin2} onto {@code cout}. */
    public AltMux2(ChannelInput<? extends T> cin1, ChannelInput<? extends T> cin2,
            ChannelOutput<? super T> cout) {
        super(List.of(cin1, cin2), cout);
    }
}
