package org.loomcsp.builtins;

import org.loomcsp.ChannelInput;
import org.loomcsp.ChannelOutput;

/**
 * python-csp's alias {@code Multiply = Mul}: exactly a {@link Mul}.
 *
 * @param <N> the number type
 */
public class Multiply<N extends Number> extends Mul<N> {

    /** Creates the process (not started): reads {@code cin1}, {@code cin2}, writes {@code cout}. */
    public Multiply(ChannelInput<? extends N> cin1, ChannelInput<? extends N> cin2,
            ChannelOutput<? super N> cout) {
        super(cin1, cin2, cout);
    }
}
