package org.loomcsp.builtins.dsp;

import org.loomcsp.ChannelInput;
import org.loomcsp.ChannelOutput;
import org.loomcsp.builtins.UnaryProcess;

/**
 * Writes {@code x * x} as a Double: python-csp's {@code dsp.Square(inchan, outchan)}. Runs until
 * poisoned; poison on either channel is passed on to the other.
 */
public class Square extends UnaryProcess<Number, Double> {

    /** Creates the process (not started): reads {@code cin}, writes {@code cout}. */
    public Square(ChannelInput<? extends Number> cin, ChannelOutput<? super Double> cout) {
        super(cin, cout, x -> x.doubleValue() * x.doubleValue());
    }
}
