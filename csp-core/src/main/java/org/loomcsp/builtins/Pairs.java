package org.loomcsp.builtins;

import org.loomcsp.ChannelInput;
import org.loomcsp.ChannelOutput;

/**
 * python-csp's alias {@code Pairs = Plus}: exactly a {@link Plus}.
 *
 * @param <N> the number type
 */
public class Pairs<N extends Number> extends Plus<N> {

    /** Creates the process (not started): reads {@code cin1}, {@code cin2}, writes {@code cout}. */
    public Pairs(ChannelInput<? extends N> cin1, ChannelInput<? extends N> cin2,
            ChannelOutput<? super N> cout) {
        super(cin1, cin2, cout);
    }
}
