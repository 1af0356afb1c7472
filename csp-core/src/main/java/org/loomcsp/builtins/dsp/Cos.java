package org.loomcsp.builtins.dsp;

import org.loomcsp.ChannelInput;
import org.loomcsp.ChannelOutput;

/**
 * Writes {@code Math.cos(x)} (radians): python-csp's {@code dsp.Cos(inchan, outchan)}, the same
 * process as {@link org.loomcsp.builtins.Cos} (python-csp has it in both modules; one
 * implementation here). Runs until poisoned; poison on either channel is passed on to the other.
 */
public class Cos extends org.loomcsp.builtins.Cos {

    /** Creates the process (not started): reads {@code cin}, writes {@code cout}. */
    public Cos(ChannelInput<? extends Number> cin, ChannelOutput<? super Double> cout) {
        super(cin, cout);
    }
}
