package org.loomcsp.builtins.dsp;

import org.loomcsp.ChannelInput;
import org.loomcsp.ChannelOutput;
import org.loomcsp.builtins.UnaryProcess;

/**
 * Writes {@code Math.cos(x)} (radians): python-csp's {@code dsp.Cos(inchan, outchan)}. Runs until
 * poisoned; poison on either channel is passed on to the other.
 */
public class Cos extends UnaryProcess<Number, Double> {

    /** Creates the process (not started): reads {@code cin}, writes {@code cout}. */
    public Cos(ChannelInput<? extends Number> cin, ChannelOutput<? super Double> cout) {
        super(cin, cout, x -> Math.cos(x.doubleValue()));
    }
}
