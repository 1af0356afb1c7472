package org.loomcsp.builtins;

import org.loomcsp.ChannelInput;
import org.loomcsp.ChannelOutput;

/**
 * Writes {@code Math.cos(x)} (radians): python-csp's {@code Cos(cin, cout)}.
 *
 * <p>Each step reads {@code cin} and writes the result to {@code cout}. Runs until poisoned;
 * poison on either channel is passed on to the other (see {@link UnaryProcess}).
 */
public class Cos extends UnaryProcess<Number, Double> {

    /** Creates the process (not started): reads {@code cin}, writes {@code cout}. */
    public Cos(ChannelInput<? extends Number> cin, ChannelOutput<? super Double> cout) {
        super(cin, cout, x -> Math.cos(x.doubleValue()));
    }
}
