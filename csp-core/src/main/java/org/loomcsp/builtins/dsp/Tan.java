package org.loomcsp.builtins.dsp;

import org.loomcsp.ChannelInput;
import org.loomcsp.ChannelOutput;
import org.loomcsp.builtins.UnaryProcess;

/**
 * Writes {@code Math.tan(x)} (radians): python-csp's {@code dsp.Tan(inchan, outchan)}. Runs until
 * poisoned; poison on either channel is passed on to the other.
 */
public class Tan extends UnaryProcess<Number, Double> {

    /** Creates the process (not started): reads {@code cin}, writes {@code cout}. */
    public Tan(ChannelInput<? extends Number> cin, ChannelOutput<? super Double> cout) {
        super(cin, cout, x -> Math.tan(x.doubleValue()));
    }
}
