package org.loomcsp.builtins.dsp;

import org.loomcsp.ChannelInput;
import org.loomcsp.ChannelOutput;
import org.loomcsp.builtins.UnaryProcess;

/**
 * Writes {@code Math.sin(x)} (radians): python-csp's {@code dsp.Sin(inchan, outchan)}. Runs until
 * poisoned; poison on either channel is passed on to the other.
 */
public class Sin extends UnaryProcess<Number, Double> {

    /** Creates the process (not started): reads {@code cin}, writes {@code cout}. */
    public Sin(ChannelInput<? extends Number> cin, ChannelOutput<? super Double> cout) {
        super(cin, cout, x -> Math.sin(x.doubleValue()));
    }
}
