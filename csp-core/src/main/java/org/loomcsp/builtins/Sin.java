package org.loomcsp.builtins;

import org.loomcsp.ChannelInput;
import org.loomcsp.ChannelOutput;

/**
 * Writes {@code Math.sin(x)} (radians): python-csp's {@code Sin(cin, cout)}.
 *
 * <p>Each step reads {@code cin} and writes the result to {@code cout}. Runs until poisoned;
 * poison on either channel is passed on to the other (see {@link UnaryProcess}).
 */
public class Sin extends UnaryProcess<Number, Double> {

    /** Creates the process (not started): reads {@code cin}, writes {@code cout}. */
    public Sin(ChannelInput<? extends Number> cin, ChannelOutput<? super Double> cout) {
        super(cin, cout, x -> Math.sin(x.doubleValue()));
    }
}
